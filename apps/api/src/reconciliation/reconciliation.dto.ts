import { IsDateTime } from '@sanbao/contracts';

/** POST /reconciliation/runs: the period to reconcile (both optional: the window up to now). */
export class ReconciliationRunDto {
  @IsDateTime({
    optional: true,
    description: 'start of the period; without it, RECONCILIATION_WINDOW_HOURS before `to`',
  })
  from?: string;

  @IsDateTime({ optional: true, description: 'end of the period; without it, now' })
  to?: string;
}
