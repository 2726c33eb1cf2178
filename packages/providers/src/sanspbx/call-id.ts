/**
 * dialcall's call id: seen as `callid`, `msg.callid` and `data.msg.callid` (also `data.callid`), depending
 * on the account.
 */
export function extractSansPbxCallId(body: unknown): string | undefined {
  const root = asRecord(body);
  const data = asRecord(root?.data);
  const candidates = [root?.callid, asRecord(root?.msg)?.callid, data?.callid, asRecord(data?.msg)?.callid];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
    if (typeof candidate === 'number') return String(candidate);
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
