import type { Express } from 'express';

/** A route as express holds it, with the path in OpenAPI's template form (`/api/agents/{id}`). */
export interface RegisteredRoute {
  method: string;
  path: string;
  /** Whether a middleware named `guard` runs before the route (mounted on the way to it, earlier in a stack). */
  guarded: boolean;
}

/** What express 5's router keeps of each `use`/`get`/…: a route, or a mounted router with the path it was mounted at. */
interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean | undefined> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
  name: string;
}

/**
 * Every route registered on the app, found by walking its router stack (mounted routers included). Mounts under one of
 * `skipPrefixes` are left out. A mount whose path is not a plain string (a RegExp, an array) cannot be read back as a
 * path template, so it is an error rather than a silent gap. With `guard`, each route says whether a middleware of
 * that name, mounted at `/` of a router on the way, runs before it.
 */
export function registeredRoutes(app: Express, skipPrefixes: readonly string[] = [], guard?: string): RegisteredRoute[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  const routes: RegisteredRoute[] = [];
  const walk = (stack: Layer[], prefix: string, guardedAbove: boolean) => {
    let guarded = guardedAbove;
    for (const layer of stack) {
      if (guard !== undefined && !layer.route && !layer.handle.stack && layer.name === guard && layer.rawPath === '/') guarded = true;
      if (layer.route) {
        for (const path of ([] as string[]).concat(layer.route.path)) {
          const full = joinPath(prefix, path);
          if (skipped(full, skipPrefixes)) continue;
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: toTemplate(full), guarded });
          }
        }
      } else if (layer.handle.stack) {
        if (typeof layer.rawPath !== 'string') throw new Error(`cannot read the mount path of router layer ${layer.name}`);
        const mount = joinPath(prefix, layer.rawPath);
        if (!skipped(mount, skipPrefixes)) walk(layer.handle.stack, mount, guarded);
      }
    }
  };
  walk(router.stack, '', false);
  const unique = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  return [...unique.values()];
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function skipped(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** `/api/agents/:id` → `/api/agents/{id}`. */
function toTemplate(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
