import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { Registry } from 'prom-client';
import { DependencyMonitor, type DependencyRecovery } from './dependency-monitor';

const logger = pino({ level: 'silent' });

describe('DependencyMonitor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reports Postgres back after a failed probe, once, and exports dependency_up', async () => {
    const recoveries: DependencyRecovery[] = [];
    const registry = new Registry();
    const monitor = new DependencyMonitor(logger, (r) => recoveries.push(r), registry);
    let answer: () => Promise<string> = async () => 'started-1';
    monitor.watchPostgres(() => answer(), { intervalMs: 1000 });
    await jest.advanceTimersByTimeAsync(0);
    expect(monitor.isUp('postgres')).toBe(true);

    answer = () => Promise.reject(new Error('ECONNREFUSED'));
    await jest.advanceTimersByTimeAsync(3000);
    expect(monitor.isUp('postgres')).toBe(false);
    expect(await registry.metrics()).toMatch(/dependency_up\{dependency="postgres"\} 0/);

    answer = async () => 'started-2';
    await jest.advanceTimersByTimeAsync(1000);
    expect(recoveries).toHaveLength(1);
    expect(recoveries[0]).toMatchObject({ dependency: 'postgres' });
    expect(recoveries[0]!.upAt - recoveries[0]!.downSince).toBeGreaterThanOrEqual(2000);
    expect(await registry.metrics()).toMatch(/dependency_up\{dependency="postgres"\} 1/);
    monitor.stop();
  });

  it('notices a Postgres restart that happened between two probes by its new start time', async () => {
    const recoveries: DependencyRecovery[] = [];
    const monitor = new DependencyMonitor(logger, (r) => recoveries.push(r));
    let startedAt = 'started-1';
    monitor.watchPostgres(async () => startedAt, { intervalMs: 1000 });
    await jest.advanceTimersByTimeAsync(0);
    startedAt = 'started-2';
    await jest.advanceTimersByTimeAsync(1000);
    expect(recoveries.map((r) => r.dependency)).toEqual(['postgres']);
    monitor.stop();
  });

  it('counts a probe that hangs past its timeout as a failure', async () => {
    const recoveries: DependencyRecovery[] = [];
    const monitor = new DependencyMonitor(logger, (r) => recoveries.push(r));
    let hang = true;
    monitor.watchPostgres(() => (hang ? new Promise<string>(() => undefined) : Promise.resolve('s')), { intervalMs: 500, timeoutMs: 1000 });
    await jest.advanceTimersByTimeAsync(1500);
    expect(monitor.isUp('postgres')).toBe(false);
    hang = false;
    await jest.advanceTimersByTimeAsync(1000);
    expect(recoveries).toHaveLength(1);
    monitor.stop();
  });

  it('reports Redis back when its client is ready again after a closed connection', () => {
    const recoveries: DependencyRecovery[] = [];
    const monitor = new DependencyMonitor(logger, (r) => recoveries.push(r));
    const client = Object.assign(new EventEmitter(), { status: 'ready' }) as unknown as Redis;
    monitor.watchRedis(client);
    client.emit('ready');
    expect(recoveries).toEqual([]);
    client.emit('close');
    client.emit('close');
    expect(monitor.isUp('redis')).toBe(false);
    client.emit('ready');
    expect(recoveries.map((r) => r.dependency)).toEqual(['redis']);
    monitor.stop();
    client.emit('close');
    expect(monitor.isUp('redis')).toBe(true);
  });
});
