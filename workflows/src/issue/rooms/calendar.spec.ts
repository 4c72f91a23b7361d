import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy, type IssueStartInput } from '@sanbao/domain';
import { IssueCase } from '../issue-case';

/** A working-day deadline counted past the holiday lists is noted on the issue. */

const working: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, version: 'unit', dayKind: 'working' };

function issue(reportedAt: string, policy = working): IssueStartInput {
  return {
    issueKey: 'issue:water:V1:outage',
    sector: 'water',
    kind: 'outage',
    severityHint: 'general',
    subject: { kind: 'village', id: 'V1', villageCode: 'V1', townshipCode: 'T1' },
    summary: 'supply outage',
    reportedAt,
    channel: 'sector_signal',
    policy,
    reportedBy: { id: 'system:intake', name: 'intake', role: 'system' },
  };
}

describe('calendarUncovered on the issue state', () => {
  it('notes a deadline counted into 2027 with only the 2026 lists', () => {
    // Thursday 31 December 2026, 10:00 in Beijing: one working day runs into 2027.
    const reportedAt = '2026-12-31T02:00:00.000Z';
    const c = IssueCase.open(issue(reportedAt), new Date(reportedAt));
    expect(c.state.calendarUncovered).toEqual([
      { stage: 'verification', dueAt: c.state.currentDueAt, years: [2027] },
    ]);
  });

  it('leaves the field out when the lists cover the count, or days are calendar days', () => {
    const reportedAt = '2026-12-01T02:00:00.000Z';
    expect(IssueCase.open(issue(reportedAt), new Date(reportedAt)).state).not.toHaveProperty(
      'calendarUncovered',
    );
    const late = '2026-12-31T02:00:00.000Z';
    const calendar = { ...working, dayKind: 'calendar' as const };
    expect(IssueCase.open(issue(late, calendar), new Date(late)).state).not.toHaveProperty(
      'calendarUncovered',
    );
  });
});
