import type { TCallLog, TCallStatusEvent } from '@dialwave/contracts';
import {
  addLogEntry,
  logEntryFromCallLog,
  logEntryFromEvent,
  reportedStatusOfLog,
  sortNewestFirst,
  sortOldestFirst,
  statusOfLog,
  type LogEntry,
} from './call-log';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const entry = (id: string, s: number): LogEntry => ({
  id,
  callId: id,
  at: at(s),
  status: 'RINGING',
  reported: 'RINGING',
  title: id,
  detail: '',
});

describe('addLogEntry', () => {
  it('keeps the log newest first whatever order events arrive in', () => {
    let log: LogEntry[] = [];
    for (const [id, s] of [
      ['a', 1],
      ['c', 3],
      ['b', 2],
    ] as const)
      log = addLogEntry(log, entry(id, s));
    expect(log.map((e) => e.id)).toEqual(['c', 'b', 'a']);
  });

  it('drops a repeated event', () => {
    const log = addLogEntry(addLogEntry([], entry('a', 1)), entry('a', 1));
    expect(log).toHaveLength(1);
  });

  it('keeps only the newest entries up to the limit', () => {
    let log: LogEntry[] = [];
    for (let s = 0; s < 5; s++) log = addLogEntry(log, entry(`e${s}`, s), 3);
    expect(log.map((e) => e.id)).toEqual(['e4', 'e3', 'e2']);
  });
});

describe('logEntryFromEvent', () => {
  it('names the lead and shows the talk time of a finished call', () => {
    const event: TCallStatusEvent = {
      callId: 'k',
      campaignId: 'c',
      leadName: 'Ada Lovelace',
      phone: '+15550100',
      status: 'COMPLETED',
      durationSeconds: 65,
      at: at(5),
    };
    expect(logEntryFromEvent(event)).toEqual({
      id: 'k:COMPLETED',
      callId: 'k',
      at: at(5),
      status: 'COMPLETED',
      reported: 'COMPLETED',
      title: 'Ada Lovelace · +15550100',
      detail: 'COMPLETED after 1m 05s',
    });
  });
});

describe('statusOfLog', () => {
  it('reads the new status from the server’s "FROM → TO" details', () => {
    expect(statusOfLog({ event: 'twilio:in-progress', details: 'RINGING → ANSWERED' })).toBe('ANSWERED');
  });
  it('maps the provider word when details say nothing', () => {
    expect(statusOfLog({ event: 'twilio:no-answer', details: null })).toBe('MISSED');
    expect(statusOfLog({ event: 'dial:failed', details: 'provider refused' })).toBe('FAILED');
  });
  it('gives no status to an event the server ignored', () => {
    expect(statusOfLog({ event: 'twilio:ringing', details: 'ignored: RINGING after ANSWERED' })).toBeNull();
  });
  it('still knows which status an ignored event spoke of', () => {
    expect(reportedStatusOfLog({ event: 'twilio:initiated', details: 'ignored: DIALING after DIALING' })).toBe('DIALING');
  });
  it('builds an entry from a stored row, titled with the call’s number when known', () => {
    const log: TCallLog = {
      id: 'l1',
      callId: 'k',
      campaignId: 'c',
      event: 'twilio:busy',
      timestamp: at(2),
      details: 'RINGING → BUSY',
      data: null,
    };
    expect(logEntryFromCallLog(log)).toMatchObject({ id: 'l1', status: 'BUSY', title: 'twilio:busy', detail: 'RINGING → BUSY' });
    expect(logEntryFromCallLog(log, '+15550100').title).toBe('+15550100 · twilio:busy');
  });
});

describe('ordering events that share a second', () => {
  // The carrier's timestamps are whole seconds; ours carry milliseconds.
  const row = (id: string, event: string, details: string, timestamp: string): LogEntry =>
    logEntryFromCallLog({ id, callId: 'k', campaignId: 'c', event, details, timestamp, data: null });
  const rows = [
    row('answered', 'twilio:in-progress', 'RINGING → ANSWERED', '2026-01-01T00:00:07.000Z'),
    row('accepted', 'dial:accepted', 'INITIATED → DIALING', '2026-01-01T00:00:07.480Z'),
    row('ringing', 'twilio:ringing', 'DIALING → RINGING', '2026-01-01T00:00:07.000Z'),
    row('completed', 'twilio:completed', 'ANSWERED → COMPLETED', '2026-01-01T00:00:08.000Z'),
  ];
  it('puts them in status order for a timeline', () => {
    expect(sortOldestFirst(rows).map((e) => e.id)).toEqual(['accepted', 'ringing', 'answered', 'completed']);
  });
  it('and in the reverse order for the newest-first log', () => {
    expect(sortNewestFirst(rows).map((e) => e.id)).toEqual(['completed', 'answered', 'ringing', 'accepted']);
  });
});
