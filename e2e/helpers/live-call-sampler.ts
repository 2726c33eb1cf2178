import { TERMINAL_CALL_STATUSES } from '@dialwave/contracts';
import { Prisma, type Db } from '@dialwave/db';

export interface LiveCallSamples {
  /** Most calls of the campaign seen live (not yet terminal) at one instant. */
  max: number;
  samples: number;
}

/**
 * Counts a campaign's live calls in the suite's schema over and over while the campaign runs, to prove the
 * per-campaign cap from outside: one SQL count is one instant of the whole deployment.
 */
export class LiveCallSampler {
  private max = 0;
  private samples = 0;
  private running = true;
  private failure: unknown;
  private readonly loop: Promise<void>;

  constructor(
    private readonly prisma: Db,
    private readonly campaignId: string,
    private readonly intervalMs = 10,
  ) {
    this.loop = this.run().catch((err: unknown) => {
      this.failure = err;
    });
  }

  current(): LiveCallSamples {
    return { max: this.max, samples: this.samples };
  }

  async stop(): Promise<LiveCallSamples> {
    this.running = false;
    await this.loop;
    if (this.failure) throw this.failure;
    return this.current();
  }

  private async run(): Promise<void> {
    const terminal = Prisma.join([...TERMINAL_CALL_STATUSES]);
    while (this.running) {
      const rows = await this.prisma.$queryRaw<{ live: number }[]>`
        SELECT count(*)::int AS live FROM "Call"
        WHERE "campaignId" = ${this.campaignId} AND status::text NOT IN (${terminal})`;
      this.samples += 1;
      this.max = Math.max(this.max, rows[0]?.live ?? 0);
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    }
  }
}
