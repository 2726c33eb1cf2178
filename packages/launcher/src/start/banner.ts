import { DEV_CREDENTIALS } from '../services';
import type { Stack } from '../stack';
import { DEMO_USER } from './demo-data';

export interface BannerInput {
  stack: Stack;
  agentId: string;
  leads: number;
  adminUser: string;
  adminPassword: string;
  logDir: string;
  simTimeScale: number;
  consoleUrl: string;
}

/** What a developer needs after `pnpm start`: where everything listens, how to log in, how to dial. */
export function renderBanner({ stack, agentId, leads, adminUser, adminPassword, logDir, simTimeScale, consoleUrl }: BannerInput): string {
  const api = stack.apiUrl;
  const adminUrl = new URL('/admin/queues', api);
  adminUrl.username = encodeURIComponent(adminUser);
  adminUrl.password = encodeURIComponent(adminPassword);
  const body = JSON.stringify({ agentId, campaignName: 'Demo campaign', allLeads: true, maxConcurrentCalls: 5 });
  const login = JSON.stringify({ email: DEMO_USER.email, password: DEMO_USER.password });
  const readJson = (expression: string) => `node -pe 'JSON.parse(require("fs").readFileSync(0,"utf8"))${expression}'`;
  return `
Dialwave is running (carrier simulator at time scale ${simTimeScale}; Ctrl-C stops everything).

  API              ${api}/api
  Webhook ingest   ${stack.ingestUrl}
  Realtime gateway ${stack.gatewayUrl}  (socket.io, auth: { token })
  Carrier sim      ${stack.simUrl}  (Twilio-compatible REST; account ${DEV_CREDENTIALS.TWILIO_ACCOUNT_SID})
  Dialer workers   ${stack.dialerUrls.join('  ')}  (health and metrics)
  Bull Board       ${adminUrl.toString().replace(/:[^:@/]*@/, ':***@')}  (user ${adminUser}, password ${adminPassword})
  Console          ${consoleUrl}  ← open this and log in with the demo user
  Logs             each service's JSON lines in ${logDir}/<service>.log

Demo login: ${DEMO_USER.email} / ${DEMO_USER.password}  (agent "Demo Agent" ${agentId}, ${leads} leads)

Start a campaign on every demo lead:

  TOKEN=$(curl -s -X POST ${api}/api/auth/login -H 'content-type: application/json' \\
    -d '${login}' | ${readJson('.token')})
  CAMPAIGN=$(curl -s -X POST ${api}/api/campaigns -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '${body}' | ${readJson('.campaignId')})
  curl -s ${api}/api/campaigns/$CAMPAIGN -H "authorization: Bearer $TOKEN"
  curl -s "${api}/api/campaigns/$CAMPAIGN/calls?limit=10" -H "authorization: Bearer $TOKEN"
`;
}
