import type { Call, CallLog, CallReport, Db } from '@dialwave/db';
import type { TDispositionRequest } from '@dialwave/contracts';
import { addToDncList } from '@dialwave/domain';

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
   * Stores the agent's disposition; DO_NOT_CALL also puts the lead's number on the user's do-not-call list
   * (and marks the lead), so that no campaign dials it again, even one where it is already queued. The
   * writes commit together. Returns null when the user has no such call.
   */
  recordDisposition(userId: string, id: string, input: TDispositionRequest): Promise<Call | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.call.updateMany({
        where: { id, userId },
        data: { disposition: input.disposition, notes: input.notes },
      });
      if (!count) return null;
      const call = await tx.call.findUniqueOrThrow({ where: { id } });
      if (input.disposition === 'DO_NOT_CALL') {
        const lead = call.leadId ? await tx.lead.findFirst({ where: { id: call.leadId, userId }, select: { phone: true } }) : null;
        const phone = lead?.phone ?? (call.direction === 'OUTBOUND' ? call.toNumber : call.fromNumber);
        await addToDncList(tx, userId, [phone], 'DISPOSITION');
      }
      return call;
    });
  }
}
