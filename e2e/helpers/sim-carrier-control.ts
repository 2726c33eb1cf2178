/**
 * The carrier simulator's hold switch (`POST /sim/hold`, `/sim/release`): while held, no call moves on at the
 * far end, so a test can act on a live campaign without racing the carrier's clock.
 */
export class SimCarrierControl {
  constructor(private readonly simUrl: string) {}

  hold(): Promise<void> {
    return this.post('/sim/hold');
  }

  release(): Promise<void> {
    return this.post('/sim/release');
  }

  private async post(path: string): Promise<void> {
    const response = await fetch(new URL(path, this.simUrl), { method: 'POST' });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  }
}
