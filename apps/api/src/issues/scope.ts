import type { Principal } from '@sanbao/auth';
import type { Sector } from '@sanbao/domain';
import { ApiError } from '../common/api.errors';

/** The part of the ledger a person may read: their village, township or sector, or all of it. */
export interface ReadScope {
  villageCode?: string;
  townshipCode?: string;
  sector?: Sector;
}

export function readScope(principal: Principal): ReadScope {
  switch (principal.role) {
    case 'village':
      return { villageCode: principal.villageCode };
    case 'township':
      return { townshipCode: principal.townshipCode };
    case 'bureau':
      return { sector: principal.sector };
    case 'leader':
    case 'supervisor':
      return {};
    case 'admin':
      // Administrators manage accounts and divisions; households' issues are not theirs to read.
      throw new ApiError('forbidden', 'administrators do not read issues');
  }
}

export function inReadScope(
  scope: ReadScope,
  issue: { villageCode: string; townshipCode: string; sector: Sector },
): boolean {
  return (
    (scope.villageCode === undefined || scope.villageCode === issue.villageCode) &&
    (scope.townshipCode === undefined || scope.townshipCode === issue.townshipCode) &&
    (scope.sector === undefined || scope.sector === issue.sector)
  );
}
