import type { Call, CallLog, CallReport, Db } from '@dialwave/db';
import type { TDispositionRequest } from '@dialwave/contracts';

export type StoredCallReport = Omit<CallReport, 'searchVector'>;
export type CallWithLogs = Call & { logs: CallLog[]; report: StoredCallReport | null };

/** Every query carries the owner's userId: another user's call is simply not found. */
export class CallRepository {
  constructor(private readonly prisma: Db) {}

  findWithLogs(userId: string, id: string): Promise<CallWithLogs | null> {
    return this.prisma.call.findFirst({
      where: { id, userId },
      include: { logs: { orderBy: [{ timestamp: 'asc' }, { sequence: 'asc' }, { id: 'asc' }] }, report: true },
    });
  }

  /**
   * Stores the agent's disposition; DO_NOT_CALL also marks the lead so that no later campaign dials it.
   * Both writes commit together. Returns null when the user has no such call.
   */
  recordDisposition(userId: string, id: string, input: TDispositionRequest): Promise<Call | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.call.updateMany({
        where: { id, userId },
        data: { disposition: input.disposition, notes: input.notes },
      });
      if (!count) return null;
      const call = await tx.call.findUniqueOrThrow({ where: { id } });
      if (input.disposition === 'DO_NOT_CALL' && call.leadId) {
        await tx.lead.updateMany({ where: { id: call.leadId, userId }, data: { status: 'DO_NOT_CALL' } });
      }
      return call;
    });
  }
}
