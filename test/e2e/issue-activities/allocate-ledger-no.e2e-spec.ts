/**
 * allocateLedgerNo: one ledger number per opening of an issue, per sector and year, without gaps.
 * Against the real PostgreSQL and NATS JetStream: each activity run twice has one effect.
 */
import type { IssueActivitiesService } from '../../../apps/worker/src/activities';
import { uniqueId } from '../../support/env';
import {
  expectNonRetryable,
  FIRST_RUN,
  newIssueKey,
  useActivitiesSuite,
} from '../../support/issue-activities';

const suite = useActivitiesSuite('acts_ledgerno');
const { query, rowsAbout } = suite;
let activities: IssueActivitiesService;
beforeAll(() => {
  activities = suite.activities;
});

describe('allocateLedgerNo', () => {
  it('gives the same number to the same issue every time', async () => {
    const issueKey = newIssueKey('same');
    const input = {
      issueKey,
      openingId: FIRST_RUN,
      sector: 'water' as const,
      reportedAt: '2033-06-01T08:00:00Z',
    };
    const first = await activities.allocateLedgerNo(input);
    const again = await activities.allocateLedgerNo(input);
    expect(first).toMatch(/^2033-WAT-\d{6}$/);
    expect(again).toBe(first);
    const mapped = await rowsAbout('issue_ledger_no', issueKey);
    expect(mapped).toHaveLength(1);
  });

  it('gives a new opening of a written-off key a number of its own', async () => {
    const issueKey = newIssueKey('reopened');
    const input = { issueKey, sector: 'water' as const, reportedAt: '2033-07-01T08:00:00Z' };
    const first = await activities.allocateLedgerNo({ ...input, openingId: 'chain-1' });
    const second = await activities.allocateLedgerNo({ ...input, openingId: 'chain-2' });
    expect(second).not.toBe(first);
    // Each opening's retries get its own number back.
    expect(await activities.allocateLedgerNo({ ...input, openingId: 'chain-1' })).toBe(first);
    expect(await activities.allocateLedgerNo({ ...input, openingId: 'chain-2' })).toBe(second);
    const mapped = await query<{ opening_id: string; ledger_no: string }>(
      `SELECT opening_id, ledger_no FROM issue_ledger_no WHERE issue_key = $1 ORDER BY number`,
      [issueKey],
    );
    expect(mapped).toEqual([
      { opening_id: 'chain-1', ledger_no: first },
      { opening_id: 'chain-2', ledger_no: second },
    ]);
  });

  it('refuses an allocation without the opening for good', async () => {
    const issueKey = newIssueKey('noopening');
    await expectNonRetryable(
      activities.allocateLedgerNo({
        issueKey,
        sector: 'water',
        reportedAt: '2033-07-01T08:00:00Z',
      } as never),
      /openingId/,
    );
  });

  it('numbers each sector and year from 1 without gaps, retries burning none', async () => {
    const reportedAt = '2034-04-10T02:00:00Z';
    const education: string[] = [];
    for (let i = 0; i < 3; i++) {
      const issueKey = newIssueKey(`seq${i}`);
      education.push(
        await activities.allocateLedgerNo({
          openingId: FIRST_RUN,
          issueKey,
          sector: 'education',
          reportedAt,
        }),
      );
      // A retried activity: must not take the next number.
      await activities.allocateLedgerNo({
        openingId: FIRST_RUN,
        issueKey,
        sector: 'education',
        reportedAt,
      });
    }
    const housing = await activities.allocateLedgerNo({
      openingId: FIRST_RUN,
      issueKey: `issue:housing:${uniqueId('hh')}:house_grade_d`,
      sector: 'housing',
      reportedAt,
    });
    const nextYear = await activities.allocateLedgerNo({
      openingId: FIRST_RUN,
      issueKey: newIssueKey('next-year'),
      sector: 'education',
      reportedAt: '2035-01-05T02:00:00Z',
    });
    expect(education).toEqual(['2034-EDU-000001', '2034-EDU-000002', '2034-EDU-000003']);
    expect(housing).toBe('2034-HOU-000001');
    expect(nextYear).toBe('2035-EDU-000001');
  });

  it("counts the year in the county's time zone (Asia/Shanghai)", async () => {
    // 16:30 UTC on 31 December is 00:30 on 1 January in Beijing time.
    const number = await activities.allocateLedgerNo({
      openingId: FIRST_RUN,
      issueKey: newIssueKey('new-year'),
      sector: 'medical',
      reportedAt: '2036-12-31T16:30:00Z',
    });
    expect(number).toBe('2037-MED-000001');
  });

  it('hands out distinct consecutive numbers under concurrent allocations', async () => {
    const reportedAt = '2038-05-01T00:00:00Z';
    const keys = Array.from({ length: 8 }, (_, i) => newIssueKey(`par${i}`));
    // Every key asked for twice at once, as two racing retries would.
    const numbers = await Promise.all(
      [...keys, ...keys].map((issueKey) =>
        activities.allocateLedgerNo({
          openingId: FIRST_RUN,
          issueKey,
          sector: 'education',
          reportedAt,
        }),
      ),
    );
    const byKey = new Map<string, string>();
    numbers.forEach((number, i) => {
      const key = [...keys, ...keys][i];
      if (byKey.has(key)) expect(byKey.get(key)).toBe(number);
      byKey.set(key, number);
    });
    const distinct = [...new Set(numbers)].sort();
    expect(distinct).toEqual(
      Array.from({ length: 8 }, (_, i) => `2038-EDU-${String(i + 1).padStart(6, '0')}`),
    );
  });

  it('refuses an unknown sector or a bad date for good, allocating nothing', async () => {
    const issueKey = newIssueKey('bad');
    await expectNonRetryable(
      activities.allocateLedgerNo({
        openingId: FIRST_RUN,
        issueKey,
        sector: 'forestry' as never,
        reportedAt: '2031-01-01T00:00:00Z',
      }),
      /unknown sector/,
    );
    await expectNonRetryable(
      activities.allocateLedgerNo({
        openingId: FIRST_RUN,
        issueKey,
        sector: 'education',
        reportedAt: 'yesterday',
      }),
      /reportedAt/,
    );
    expect(await rowsAbout('issue_ledger_no', issueKey)).toHaveLength(0);
  });
});
