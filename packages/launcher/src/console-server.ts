import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The console as a launchable service: `vite preview` of CONSOLE_DIST_DIR (what buildConsole() returned) on
 * CONSOLE_PORT, proxying `/api` to API_URL and `/socket.io` to GATEWAY_URL (apps/console/vite.config.ts).
 * A TypeScript entrypoint so the launcher's spawnService can own it like any other service.
 */
const consoleDir = resolve(__dirname, '..', '..', '..', 'apps', 'console');
const viteBin = resolve(consoleDir, 'node_modules', 'vite', 'bin', 'vite.js');

const distDir = process.env.CONSOLE_DIST_DIR;
if (!distDir) throw new Error('CONSOLE_DIST_DIR must name the built console (buildConsole() returns it)');
const child = spawn(process.execPath, [viteBin, 'preview', '--strictPort', '--outDir', distDir], {
  cwd: consoleDir,
  env: process.env,
  stdio: 'inherit',
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
