export default async function globalTeardown(): Promise<void> {
  const containers = (globalThis as { __DIALWAVE_CONTAINERS__?: { stop(): Promise<unknown> }[] }).__DIALWAVE_CONTAINERS__ ?? [];
  await Promise.all(containers.map((c) => c.stop()));
}
