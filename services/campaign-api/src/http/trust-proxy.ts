import express from 'express';

/** express's `trust proxy`: which peers may tell us the client's address in X-Forwarded-For. */
export type TrustProxy = boolean | number | string;

/**
 * Reads TRUST_PROXY: `false`, a hop count, or addresses / subnets / express's names (`loopback`,
 * `uniquelocal`), comma-separated. `true` is refused: it would let any client pick its own address and walk
 * past every per-address limit. Returns an error message for a value express would not take.
 */
export function parseTrustProxy(text: string): { value: TrustProxy } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === 'true')
    return { error: 'must name the proxy (address, subnet, loopback) or a hop count: true would let any client choose its address' };
  if (trimmed === 'false' || trimmed === '0') return { value: false };
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
  try {
    // express compiles the setting at once and throws on an address it cannot read.
    express().set('trust proxy', value);
    return { value };
  } catch (err) {
    return { error: `is not a valid trust proxy setting (${(err as Error).message})` };
  }
}
