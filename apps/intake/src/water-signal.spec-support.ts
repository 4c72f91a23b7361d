import { buildSignal } from '@sanbao/contracts';
import { DEFAULT_WATER_RULES, worksStatusFindings } from '@sanbao/domain';

const [finding] = worksStatusFindings(
  {
    reportId: 'W1',
    worksId: 'WS-1',
    problem: 'outage',
    startedAt: '2026-01-10T06:00:00+08:00',
    villages: [
      {
        villageCode: '522633101201',
        townshipCode: '522633101',
        peopleServed: 10,
        peopleAffected: 10,
      },
    ],
  },
  DEFAULT_WATER_RULES,
);

/** One water outage signal, as the water service raises it, for the intake's specs. */
export const waterSignal = buildSignal(
  finding,
  { system: 'water', recordType: 'status', recordId: 'W1:522633101201', batchId: 'B1' },
  '2026-01-10T06:00:00+08:00',
  '2026-01-10T06:05:00.000Z',
);
