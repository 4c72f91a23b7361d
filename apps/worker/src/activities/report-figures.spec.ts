import { SECTORS, countyMonthBounds } from '@sanbao/domain';
import { monthlyFigures, type AuditFact, type IssueFacts } from './report-figures';

/**
 * A fixture month (March 2026, county time Asia/Shanghai) whose figures were counted by hand
 * from the entries below; the comments give the reasoning for each number.
 */
function issue(
  key: string,
  township: string,
  sector: string,
  entries: Array<[string, string, string, Record<string, unknown>?]>,
): IssueFacts {
  return {
    issueKey: key,
    sector,
    townshipCode: township,
    // The figures read only the payload fields they count by; a sketch of each entry will do.
    entries: entries.map(
      ([kind, stage, at, payload], i) =>
        ({
          issueKey: key,
          seq: i + 1,
          kind,
          stage,
          at: new Date(at),
          payload: payload ?? {},
        }) as AuditFact,
    ),
  };
}

const T1 = '111111111';
const T2 = '222222222';

const ISSUES: IssueFacts[] = [
  // A: reported, triaged, planned, fixed and written off inside March.
  issue('A', T1, 'education', [
    ['opened', 'verification', '2026-03-02T01:00:00Z'],
    ['verification', 'verification', '2026-03-02T05:00:00Z'],
    ['townshipDecision', 'township_decision', '2026-03-03T05:00:00Z', { decision: 'forward' }],
    ['solutionPlan', 'solution_plan', '2026-03-04T05:00:00Z'],
    ['completion', 'resolution', '2026-03-08T05:00:00Z'],
    ['writeOffCheck', 'write_off', '2026-03-09T05:00:00Z', { result: 'resolved' }],
    ['closed', 'closed', '2026-03-09T05:00:00Z', { closure: 'written_off' }],
  ]),
  // B: reported and verified in February, overdue in February, persuaded on 1 March 08:00 local.
  issue('B', T1, 'education', [
    ['opened', 'verification', '2026-02-20T00:00:00Z'],
    ['verification', 'verification', '2026-02-21T00:00:00Z'],
    ['overdue', 'township_decision', '2026-02-25T00:00:00Z'],
    ['townshipDecision', 'township_decision', '2026-03-01T00:00:00Z', { decision: 'persuade' }],
    ['closed', 'closed', '2026-03-01T00:00:00Z', { closure: 'persuaded' }],
  ]),
  // C: a late entry (reported on 26 February, entered on 10 March), verification overdue in
  // March, then found unfounded.
  issue('C', T1, 'education', [
    ['opened', 'verification', '2026-03-10T00:00:00Z', { reportedAt: '2026-02-26T00:00:00Z' }],
    ['overdue', 'verification', '2026-03-11T00:00:00Z'],
    ['verification', 'verification', '2026-03-12T00:00:00Z'],
    ['townshipDecision', 'township_decision', '2026-03-13T00:00:00Z', { decision: 'unfounded' }],
    ['closed', 'closed', '2026-03-13T00:00:00Z', { closure: 'unfounded' }],
  ]),
  // D: a major water issue, extended by the leaders, still open at the month's end.
  issue('D', T2, 'water', [
    ['opened', 'verification', '2026-03-20T00:00:00Z'],
    ['verification', 'verification', '2026-03-20T12:00:00Z'],
    ['townshipDecision', 'township_decision', '2026-03-21T00:00:00Z', { decision: 'forward' }],
    ['solutionPlan', 'solution_plan', '2026-03-22T00:00:00Z'],
    ['extensionRequest', 'resolution', '2026-03-25T00:00:00Z'],
    ['leaderVote', 'resolution', '2026-03-26T00:00:00Z'],
    ['extension_decided', 'resolution', '2026-03-26T00:00:00Z', { status: 'approved' }],
  ]),
  // E: reported at 01:00 on 1 April county time (17:00 UTC on 31 March): not March's.
  issue('E', T1, 'education', [['opened', 'verification', '2026-03-31T17:00:00Z']]),
  // F: reported in January, still waiting for its fix: only "still open" in March.
  issue('F', T1, 'education', [
    ['opened', 'verification', '2026-01-10T00:00:00Z'],
    ['verification', 'verification', '2026-01-11T00:00:00Z'],
    ['townshipDecision', 'township_decision', '2026-01-12T00:00:00Z', { decision: 'forward' }],
    ['solutionPlan', 'solution_plan', '2026-01-13T00:00:00Z'],
  ]),
];

describe('the monthly report of a fixture month', () => {
  const { from, to } = countyMonthBounds('2026-03', 'Asia/Shanghai');
  const report = monthlyFigures({
    issues: ISSUES,
    townships: [
      { code: T1, name: '城关镇' },
      { code: T2, name: '河西乡' },
    ],
    sectors: SECTORS,
    from,
    to,
  });
  const row = (township: string, sector: string) =>
    report.rows.find((r) => r.townshipCode === township && r.sector === sector)?.figures;

  it('bounds the month by the county clock', () => {
    expect(from.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('has a row for every township and sector', () => {
    expect(report.rows.map((r) => `${r.townshipName}/${r.sector}`)).toEqual([
      '城关镇/education',
      '城关镇/housing',
      '城关镇/medical',
      '城关镇/water',
      '河西乡/education',
      '河西乡/housing',
      '河西乡/medical',
      '河西乡/water',
    ]);
    expect(row(T1, 'water')?.new).toBe(0);
  });

  it('counts 城关镇 education as by hand', () => {
    expect(row(T1, 'education')).toEqual({
      new: 2, // A, C (B was reported in February, E in April)
      lateEntries: 1, // C: new in March, the month it arrived, though dated February
      verified: 2, // A, C
      forwarded: 1, // A
      persuaded: 1, // B
      unfounded: 1, // C
      planned: 1, // A
      resolved: 1, // A
      writtenOff: 1, // A
      merged: 0,
      overdue: 1, // C (B's lapse was in February)
      extended: 0,
      sentBack: 0,
      rerouted: 0,
      stillOpen: 1, // F
      stageDays: {
        verification: { count: 2, medianDays: 1.0833, worstDays: 2 }, // A 4 h, C 2 d
        township_decision: { count: 3, medianDays: 1, worstDays: 8 }, // A 1, B 8, C 1
        solution_plan: { count: 1, medianDays: 1, worstDays: 1 }, // A
        resolution: { count: 1, medianDays: 4, worstDays: 4 }, // A
        write_off: { count: 1, medianDays: 1, worstDays: 1 }, // A
      },
    });
  });

  it('counts 河西乡 water as by hand', () => {
    expect(row(T2, 'water')).toEqual({
      new: 1,
      lateEntries: 0,
      verified: 1,
      forwarded: 1,
      persuaded: 0,
      unfounded: 0,
      planned: 1,
      resolved: 0,
      writtenOff: 0,
      merged: 0,
      overdue: 0,
      extended: 1,
      sentBack: 0,
      rerouted: 0,
      stillOpen: 1,
      stageDays: {
        verification: { count: 1, medianDays: 0.5, worstDays: 0.5 },
        township_decision: { count: 1, medianDays: 0.5, worstDays: 0.5 },
        solution_plan: { count: 1, medianDays: 1, worstDays: 1 },
        resolution: { count: 0, medianDays: null, worstDays: null },
        write_off: { count: 0, medianDays: null, worstDays: null },
      },
    });
  });

  it('totals the county, with medians over every stage rather than over rows', () => {
    const { stageDays, ...counts } = report.totals;
    expect(counts).toEqual({
      new: 3,
      lateEntries: 1,
      verified: 3,
      forwarded: 2,
      persuaded: 1,
      unfounded: 1,
      planned: 2,
      resolved: 1,
      writtenOff: 1,
      merged: 0,
      overdue: 1,
      extended: 1,
      sentBack: 0,
      rerouted: 0,
      stillOpen: 2,
    });
    expect(stageDays.verification).toEqual({ count: 3, medianDays: 0.5, worstDays: 2 });
    expect(stageDays.township_decision).toEqual({ count: 4, medianDays: 1, worstDays: 8 });
  });
});

describe('a duplicate merged into the issue it duplicates', () => {
  const { from, to } = countyMonthBounds('2026-03', 'Asia/Shanghai');
  it('counts as merged: one problem, neither written off nor still open', () => {
    const { rows } = monthlyFigures({
      issues: [
        issue('S', T1, 'housing', [['opened', 'verification', '2026-03-02T01:00:00Z']]),
        issue('D', T1, 'housing', [
          ['opened', 'verification', '2026-03-03T01:00:00Z'],
          ['merge', 'verification', '2026-03-04T01:00:00Z', { into: 'S' }],
          ['closed', 'closed', '2026-03-04T01:00:00Z', { closure: 'merged' }],
        ]),
      ],
      townships: [{ code: T1, name: '城关镇' }],
      sectors: ['housing'],
      from,
      to,
    });
    expect(rows[0].figures).toMatchObject({ new: 2, merged: 1, writtenOff: 0, stillOpen: 1 });
  });
});
