import { randomInt } from 'node:crypto';

let sequence = randomInt(0, 9000);

/**
 * A valid number (+1 628 555 1000-9999) not handed out before in this process: an agent's fromNumber is
 * unique across the deployment, so fixtures that create agents must not share one.
 */
export function uniqueAgentNumber(): string {
  sequence = (sequence + 1) % 9000;
  return `+1628555${1000 + sequence}`;
}
