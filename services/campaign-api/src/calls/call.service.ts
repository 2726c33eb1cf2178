import type { TCall, TCallDetail, TDispositionRequest } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';
import { AppError } from '@dialwave/platform';
import { CallRepository } from './call.repository';
import { serialiseCall, serialiseCallLog, serialiseCallReport } from './call.serializer';

export class CallService {
  private readonly calls: CallRepository;

  constructor(prisma: Db) {
    this.calls = new CallRepository(prisma);
  }

  async get(userId: string, id: string): Promise<TCallDetail> {
    const call = await this.calls.findWithLogs(userId, id);
    if (!call) throw AppError.notFound('Call');
    const { logs, report, ...row } = call;
    return { ...serialiseCall(row), logs: logs.map(serialiseCallLog), report: report ? serialiseCallReport(report) : null };
  }

  async recordDisposition(userId: string, id: string, input: TDispositionRequest): Promise<TCall> {
    const call = await this.calls.recordDisposition(userId, id, input);
    if (!call) throw AppError.notFound('Call');
    return serialiseCall(call);
  }
}
