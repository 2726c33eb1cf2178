import type { TLead } from '@dialwave/contracts';
import type { Lead } from '@dialwave/db';
import { isoOrNull } from '../shared/iso';

export function serialiseLead(lead: Lead): TLead {
  return {
    id: lead.id,
    firstName: lead.firstName,
    lastName: lead.lastName,
    phone: lead.phone,
    email: lead.email,
    company: lead.company,
    timezone: lead.timezone,
    status: lead.status,
    source: lead.source,
    lastCallAt: isoOrNull(lead.lastCallAt),
    createdAt: lead.createdAt.toISOString(),
  };
}
