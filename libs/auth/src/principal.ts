import type { Actor, Sector } from '@sanbao/domain';
import type { AppUserEntity, UserRole } from '@sanbao/persistence';

/** The signed-in person behind a request: who they are and the one scope they act in. */
export interface Principal {
  userId: string;
  username: string;
  name: string;
  role: UserRole;
  villageCode?: string;
  townshipCode?: string;
  sector?: Sector;
}

export function principalOf(user: AppUserEntity): Principal {
  return {
    userId: user.id,
    username: user.username,
    name: user.displayName,
    role: user.role,
    ...(user.villageCode ? { villageCode: user.villageCode } : {}),
    ...(user.townshipCode ? { townshipCode: user.townshipCode } : {}),
    ...(user.sector ? { sector: user.sector } : {}),
  };
}

/** How the principal signs an act in the record (the workflow checks role and scope). */
export function actorOf(principal: Principal): Actor {
  return {
    id: `user:${principal.userId}`,
    name: principal.name,
    role: principal.role,
    ...(principal.villageCode ? { villageCode: principal.villageCode } : {}),
    ...(principal.townshipCode ? { townshipCode: principal.townshipCode } : {}),
    ...(principal.sector ? { sector: principal.sector } : {}),
  };
}
