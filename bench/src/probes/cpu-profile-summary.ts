import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { round } from '../report/stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface CpuProfileSummary {
  profiledMs: number;
  samples: number;
  /** Share of samples whose own frame (self time) is in each area: a package, a repo folder, or V8. */
  selfByArea: { area: string; percent: number }[];
  selfByFunction: { fn: string; percent: number }[];
  /** Share of samples with a frame of this repo function anywhere on the stack (inclusive time). */
  inclusiveRepoFunctions: { fn: string; percent: number }[];
  inclusiveByPackage: { area: string; percent: number }[];
}

const REPO_MARKER = `${resolve(__dirname, '..', '..', '..')}/`;

/** `node_modules/.pnpm/x@1/node_modules/@scope/name/lib/a.js` -> `@scope/name`; repo files -> their package folder. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node core';
  const inRepo = url.indexOf(REPO_MARKER);
  if (inRepo >= 0) {
    const parts = url.slice(inRepo + REPO_MARKER.length).split('/');
    return `repo ${parts[0]}/${parts[1]}`;
  }
  return url;
}

function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file =
    url.includes(REPO_MARKER) && !url.includes('node_modules')
      ? url.slice(url.indexOf(REPO_MARKER) + REPO_MARKER.length)
      : url.replace(/^.*node_modules\//, '');
  // tsx-compiled repo files report generated line numbers, which would mislead; the file names the place.
  const where = url.includes(REPO_MARKER) && !url.includes('node_modules') ? file : file ? `${file}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}

function top(counts: Map<string, number>, total: number, limit: number): { key: string; percent: number }[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, count]) => ({ key, percent: round((count / total) * 100, 1) }));
}

/** Where a V8 .cpuprofile spent its samples, idle excluded. */
export function summariseCpuProfile(file: string): CpuProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfArea = new Map<string, number>();
  const selfFunction = new Map<string, number>();
  const inclusiveRepo = new Map<string, number>();
  const inclusivePackage = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    busy += 1;
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    selfArea.set(area, (selfArea.get(area) ?? 0) + 1);
    const key = functionKey(node);
    selfFunction.set(key, (selfFunction.get(key) ?? 0) + 1);
    const seenFunctions = new Set<string>();
    const seenAreas = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)!;
      const frameArea = areaOf(frame.callFrame.url, frame.callFrame.functionName);
      seenAreas.add(frameArea);
      if (frame.callFrame.url.includes(REPO_MARKER) && !frame.callFrame.url.includes('node_modules')) seenFunctions.add(functionKey(frame));
    }
    for (const fn of seenFunctions) inclusiveRepo.set(fn, (inclusiveRepo.get(fn) ?? 0) + 1);
    for (const area of seenAreas) inclusivePackage.set(area, (inclusivePackage.get(area) ?? 0) + 1);
  }
  const total = Math.max(busy, 1);
  return {
    profiledMs: round((profile.endTime - profile.startTime) / 1000, 0),
    samples: busy,
    selfByArea: top(selfArea, total, 12).map(({ key, percent }) => ({ area: key, percent })),
    selfByFunction: top(selfFunction, total, 15).map(({ key, percent }) => ({ fn: key, percent })),
    inclusiveRepoFunctions: top(inclusiveRepo, total, 15).map(({ key, percent }) => ({ fn: key, percent })),
    inclusiveByPackage: top(inclusivePackage, total, 12).map(({ key, percent }) => ({ area: key, percent })),
  };
}
