import type { Agent, Db, Prisma } from '@dialwave/db';

/** Every query carries the owner's userId: another user's agent is simply not found. */
export class AgentRepository {
  constructor(private readonly prisma: Db) {}

  create(userId: string, data: Omit<Prisma.AgentUncheckedCreateInput, 'userId'>): Promise<Agent> {
    return this.prisma.agent.create({ data: { ...data, userId } });
  }

  list(userId: string): Promise<Agent[]> {
    return this.prisma.agent.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  }

  find(userId: string, id: string): Promise<Agent | null> {
    return this.prisma.agent.findFirst({ where: { id, userId } });
  }

  /** Returns the updated agent, or null when the user has no such agent. */
  async update(userId: string, id: string, data: Prisma.AgentUpdateManyMutationInput): Promise<Agent | null> {
    const { count } = await this.prisma.agent.updateMany({ where: { id, userId }, data });
    return count ? this.find(userId, id) : null;
  }

  countCampaigns(userId: string, agentId: string): Promise<number> {
    return this.prisma.campaign.count({ where: { agentId, userId } });
  }

  /** Returns false when the user has no such agent. */
  async delete(userId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.agent.deleteMany({ where: { id, userId } });
    return count > 0;
  }
}
