import type { TAgent } from '@dialwave/contracts';
import type { Agent } from '@dialwave/db';

export function serialiseAgent(agent: Agent): TAgent {
  return {
    id: agent.id,
    name: agent.name,
    provider: agent.provider,
    fromNumber: agent.fromNumber,
    callerId: agent.callerId,
    greeting: agent.greeting,
    recordCalls: agent.recordCalls,
    voiceRuntimeUrl: agent.voiceRuntimeUrl,
    createdAt: agent.createdAt.toISOString(),
  };
}
