import type { ServiceProcess, Stack } from '@dialwave/launcher';

export function liveDialers(stack: Stack): ServiceProcess[] {
  return [...stack.services].filter(([name, service]) => name.startsWith('dialer-worker') && !service.hasExited()).map(([, s]) => s);
}

/** Starts dialer replicas until `count` are alive (earlier tests in a file may have killed some). */
export async function ensureLiveDialers(stack: Stack, count: number): Promise<ServiceProcess[]> {
  while (liveDialers(stack).length < count) await stack.addDialer();
  return liveDialers(stack);
}
