import type { TCall, TCallLog, TDispositionRequest } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';
import { AppError } from '@dialwave/platform';
import { CallRepository } from './call.repository';
import { serialiseCall, serialiseCallLog } from './call.serializer';

export type TCallWithLogs = TCall & { logs: TCallLog[] };

export class CallService {
  private readonly calls: CallRepository;

  constructor(prisma: Db) {
    this.calls = new CallRepository(prisma);
  }

  async get(userId: string, id: string): Promise<TCallWithLogs> {
    const call = await this.calls.findWithLogs(userId, id);
    if (!call) throw AppError.notFound('Call');
    const { logs, ...row } = call;
    return { ...serialiseCall(row), logs: logs.map(serialiseCallLog) };
  }

  async recordDisposition(userId: string, id: string, input: TDispositionRequest): Promise<TCall> {
    const call = await this.calls.recordDisposition(userId, id, input);
    if (!call) throw AppError.notFound('Call');
    return serialiseCall(call);
  }
}
