// Issues for tests and the people acting on them.
import type { Actor, DeadlinePolicy, IssueStartInput, Sector } from '@sanbao/domain';
import { uniqueId } from '../env';

export interface IssueActors {
  village: Actor;
  township: Actor;
  bureau: Actor;
  leaders: Actor[];
  supervisor: Actor;
  admin: Actor;
  otherVillage: Actor;
  otherTownship: Actor;
  otherBureau: Actor;
}

/** The people of the issue's village, township and sector, and some from elsewhere. */
export function actorsFor(issue: IssueStartInput): IssueActors {
  const { villageCode, townshipCode } = issue.subject;
  const other: Sector = issue.sector === 'water' ? 'housing' : 'water';
  return {
    village: { id: 'cadre-1', name: '村干部 王芳', role: 'village', villageCode },
    township: { id: 'officer-1', name: '乡镇干部 李强', role: 'township', townshipCode },
    bureau: { id: 'bureau-1', name: '主管部门 陈敏', role: 'bureau', sector: issue.sector },
    leaders: [1, 2, 3].map((n) => ({ id: `leader-${n}`, name: `县级领导 ${n}`, role: 'leader' })),
    supervisor: { id: 'supervisor-1', name: '督查 周洁', role: 'supervisor' },
    admin: { id: 'admin-1', name: '系统管理员', role: 'admin' },
    otherVillage: {
      id: 'cadre-9',
      name: '外村干部',
      role: 'village',
      villageCode: `${villageCode}-X`,
    },
    otherTownship: {
      id: 'officer-9',
      name: '外乡镇干部',
      role: 'township',
      townshipCode: `${townshipCode}-X`,
    },
    otherBureau: { id: 'bureau-9', name: '其他部门', role: 'bureau', sector: other },
  };
}

/** A new issue about one household, reported now, under `policy`. */
export function newIssue(
  policy: DeadlinePolicy,
  overrides: Partial<Omit<IssueStartInput, 'policy'>> = {},
): IssueStartInput {
  const sector = overrides.sector ?? 'education';
  const household = uniqueId('HH');
  const subject = overrides.subject ?? {
    kind: 'household' as const,
    id: household,
    personRef: 'child-1',
    villageCode: '511921101201',
    townshipCode: '511921101',
  };
  const kind = overrides.kind ?? 'not_enrolled';
  return {
    issueKey: `issue:${sector}:${subject.id}/${subject.personRef ?? '-'}:${kind}`,
    sector,
    kind,
    severityHint: 'general',
    subject,
    summary: 'a child aged 9 not back after term start',
    reportedAt: new Date().toISOString(),
    channel: 'sector_signal',
    reportedBy: { id: 'system:intake', name: 'intake', role: 'system' },
    ...overrides,
    policy,
  };
}
