import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../service-process';

/** Runs a command from the repo root with the terminal attached; throws, naming the step, if it fails. */
export function runCommand(step: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit' });
  if (result.error) throw new Error(`${step} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${step} failed (exit ${result.status ?? result.signal}): ${command} ${args.join(' ')}`);
}
