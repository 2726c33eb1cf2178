import { cpus, freemem, totalmem, loadavg, release } from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  kernel: string;
  totalMemoryMb: number;
  freeMemoryMb: number;
  loadAverage1m: number;
  date: string;
}

/** What a reader needs to compare two runs of the same benchmark: the machine they ran on. */
export function describeMachine(): MachineInfo {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model ?? 'unknown',
    node: process.version,
    platform: process.platform,
    kernel: release(),
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    freeMemoryMb: Math.round(freemem() / 2 ** 20),
    loadAverage1m: Number(loadavg()[0]?.toFixed(2) ?? 0),
    date: new Date().toISOString(),
  };
}
