import { z } from 'zod';
import { ZPageSchema } from '@dialwave/contracts';

/** A path parameter naming one of the user's records (another user's id answers 404, as a missing one does). */
export function idParam(name: string, what: string) {
  return z.object({ [name]: z.string().meta({ description: `The ${what}'s id.` }) });
}

/** A page of a paginated list, named as a component. */
export function pageOf(id: string, item: z.ZodType) {
  return ZPageSchema(item).meta({
    id,
    description: 'One page, newest first; pass `nextCursor` as `cursor` for the next (null on the last page).',
  });
}
