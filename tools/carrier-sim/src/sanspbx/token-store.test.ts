import { SansPbxTokenStore } from './token-store';

describe('SansPbxTokenStore', () => {
  it('a token is valid until its lifetime has passed, then never again', () => {
    let now = 1_000_000;
    const store = new SansPbxTokenStore(60, () => now);
    const { token, expiresAt } = store.issue();
    expect(expiresAt.getTime()).toBe(1_060_000);
    now += 59_999;
    expect(store.isValid(token)).toBe(true);
    now += 1;
    expect(store.isValid(token)).toBe(false);
    now -= 10;
    expect(store.isValid(token)).toBe(false);
  });

  it('unknown and missing tokens are invalid, and every issue is counted', () => {
    const store = new SansPbxTokenStore(60);
    expect(store.isValid(undefined)).toBe(false);
    expect(store.isValid('made-up')).toBe(false);
    const first = store.issue();
    const second = store.issue();
    expect(first.token).not.toBe(second.token);
    expect(store.issued).toBe(2);
  });
});
