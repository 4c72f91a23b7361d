import type { INestApplicationContext } from '@nestjs/common';
import { actorOf, AuthError, principalOf, UsersRepository, UsersService } from '@sanbao/auth';
import type { Actor } from '@sanbao/domain';
import { DivisionsService } from '../../admin/divisions.service';
import { ApiError } from '../../common/api.errors';
import { PASSWORD, PEOPLE, TOWNSHIPS, VILLAGES } from './demo-county';

/**
 * Makes the demo townships, villages and users (those already there are kept) and answers
 * with a way to name a demo user as the actor of an act.
 */
export async function seedCounty(
  context: INestApplicationContext,
): Promise<(username: string) => Promise<Actor>> {
  const divisions = context.get(DivisionsService);
  const users = context.get(UsersService);
  const repository = context.get(UsersRepository);
  for (const t of TOWNSHIPS) await ignoreConflict(() => divisions.createTownship(t));
  for (const v of VILLAGES) await ignoreConflict(() => divisions.createVillage(v));
  for (const person of PEOPLE) {
    await ignoreConflict(() => users.create({ ...person, password: PASSWORD }));
  }
  return async (username: string) => {
    const user = await repository.findByUsername(username);
    if (!user) throw new Error(`demo user ${username} is missing`);
    return actorOf(principalOf(user));
  };
}

/** Seeding again finds what it made the first time. */
async function ignoreConflict(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const taken = error instanceof AuthError && error.code === 'username_taken';
    const exists = error instanceof ApiError && error.code === 'conflict';
    if (!taken && !exists) throw error;
  }
}
