import type { TUser } from '@dialwave/contracts';
import type { User } from '@dialwave/db';

/** Never includes the password hash. */
export function serialiseUser(user: User): TUser {
  return { id: user.id, email: user.email, name: user.name };
}
