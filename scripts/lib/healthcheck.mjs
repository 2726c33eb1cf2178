// Container healthcheck: exits 0 when the URL answers 2xx (or 404 from a process without a readiness
// probe), 1 otherwise. Plain JavaScript so it starts in milliseconds, without tsx.
const url = process.argv[2];
if (!url) {
  console.error('usage: node scripts/lib/healthcheck.mjs <url>');
  process.exit(2);
}
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  process.exit(response.ok || response.status === 404 ? 0 : 1);
} catch {
  process.exit(1);
}
