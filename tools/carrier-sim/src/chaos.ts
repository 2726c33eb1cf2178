import type { RandomSource } from './sim-config';

export interface ChaosRates {
  duplicateRate: number;
  reorderRate: number;
  dropRate: number;
  /** SIM_REPORT_DROP_RATE: the share of voice runtime reports that are never sent. */
  reportDropRate?: number;
}

/**
 * The network misbehaving the way Twilio's callbacks do in production: sometimes twice, sometimes out of
 * order, sometimes lost. A terminal callback is never lost, because Twilio retries it and our services
 * rely on it (plus their own sweep) to close a call.
 */
export class Chaos {
  constructor(
    private readonly rates: ChaosRates,
    private readonly random: RandomSource,
  ) {}

  shouldDrop(isTerminal: boolean): boolean {
    if (isTerminal || this.rates.dropRate <= 0) return false;
    return this.random() < this.rates.dropRate;
  }

  shouldDuplicate(): boolean {
    return this.rates.duplicateRate > 0 && this.random() < this.rates.duplicateRate;
  }

  /** A voice runtime that crashes before reporting: the call stays without a report. */
  shouldDropReport(): boolean {
    const rate = this.rates.reportDropRate ?? 0;
    return rate > 0 && this.random() < rate;
  }

  /** Whether to hold this callback back and deliver it after the next one. */
  shouldHoldBack(isTerminal: boolean): boolean {
    if (isTerminal || this.rates.reorderRate <= 0) return false;
    return this.random() < this.rates.reorderRate;
  }
}
