import { buildSignal, type RiskSignal } from '@sanbao/contracts';
import { compareRosterChild, DEFAULT_EDUCATION_RULES, type RiskFinding } from '@sanbao/domain';

/**
 * The signal the education service publishes for a watched child absent at the start of a
 * term (`not_returned`), built by the service's own rule and signal builder. The source
 * record is the term's roster row, so the same child in another term is another signal.
 */
export function notReturnedSignal(
  child: {
    householdId: string;
    personRef: string;
    villageCode?: string;
    townshipCode?: string;
  },
  term = '2026-autumn',
): RiskSignal {
  const finding = compareRosterChild(
    { term, termStart: '2026-09-01' },
    {
      villageCode: '522633103101',
      townshipCode: '522633103',
      ...child,
      householdCategory: 'unstable',
      birthDate: '2015-05-05',
      enrolledLastTerm: true,
      attendance: 'absent',
    },
    DEFAULT_EDUCATION_RULES,
  ).raised as RiskFinding;
  return buildSignal(
    finding,
    { system: 'education', recordType: 'roster', recordId: `${term}:${child.personRef}` },
    '2026-09-01T00:00:00+08:00',
    new Date().toISOString(),
  );
}
