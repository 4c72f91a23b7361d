import type { Principal } from '@sanbao/auth';
import type { IssueLedgerEntity } from '@sanbao/persistence';
import { IssueReadsService } from './issue-reads.service';
import type { LedgerRepository } from './ledger.repository';

const at = (iso: string) => new Date(iso);

function row(over: Partial<IssueLedgerEntity>): IssueLedgerEntity {
  return {
    issueKey: 'issue:education:HH-1:dropped_out',
    ledgerNo: '2026-EDU-000001',
    sector: 'education',
    kind: 'dropped_out',
    subjectKind: 'household',
    subjectId: 'HH-1',
    personRef: null,
    villageCode: '522633101201',
    townshipCode: '522633101',
    channel: 'village_patrol',
    summary: 's',
    severity: null,
    stage: 'verification',
    status: 'open',
    closure: null,
    reportedAt: at('2026-01-10T00:00:00Z'),
    stageSince: at('2026-01-10T00:00:00Z'),
    currentDueAt: at('2026-01-11T00:00:00Z'),
    overdueLevel: 'none',
    deadlines: {},
    closedAt: null,
    completionDate: null,
    ...over,
  } as IssueLedgerEntity;
}

const township: Principal = {
  userId: 't',
  username: 't',
  name: 'T',
  role: 'township',
  townshipCode: '522633101',
};

function setup(ledger: Partial<Record<keyof LedgerRepository, jest.Mock>>) {
  return new IssueReadsService(ledger as unknown as LedgerRepository);
}

describe('reading the ledger', () => {
  it('gives an issue in the reader scope, and refuses one outside it', async () => {
    const reads = setup({ find: jest.fn().mockResolvedValue(row({})) });
    await expect(reads.get(township, '2026-EDU-000001')).resolves.toMatchObject({
      ledgerNo: '2026-EDU-000001',
      overdue: true,
    });
    const other = { ...township, townshipCode: '522633102' };
    await expect(reads.get(other, '2026-EDU-000001')).rejects.toMatchObject({
      code: 'forbidden',
    });
    const none = setup({ find: jest.fn().mockResolvedValue(null) });
    await expect(none.get(township, 'x')).rejects.toMatchObject({ code: 'not_found' });
  });

  it("lists a township officer's work at the stages the township answers for", async () => {
    const workRow = (ledgerNo: string, stage: string) => ({
      issue_key: 'k',
      ledger_no: ledgerNo,
      sector: 'education',
      kind: 'dropped_out',
      subject_kind: 'household',
      subject_id: 'HH-1',
      person_ref: null,
      village_code: '522633101201',
      township_code: '522633101',
      summary: 's',
      severity: null,
      stage,
      status: 'open',
      reported_at: at('2026-01-10T00:00:00Z'),
      stage_since: at('2026-01-10T00:00:00Z'),
      current_due_at: at('2026-01-11T00:00:00Z'),
      overdue_level: 'none',
      extension_status: null,
      cursor_value: '2026-01-11 00:00:00+00',
    });
    const workRows = jest
      .fn()
      .mockResolvedValue([
        workRow('2026-EDU-000001', 'township_decision'),
        workRow('2026-EDU-000002', 'write_off'),
        workRow('2026-EDU-000003', 'write_off'),
      ]);
    const work = await setup({ workRows }).myWork(township, { limit: 2 });
    const [spec, page] = workRows.mock.calls[0] as [
      { params: unknown[]; branches: string[] },
      { limit: number },
    ];
    expect(spec.params).toEqual(['522633101']);
    // Its own decisions and write-off checks, and the verifications its villages sent back.
    expect(spec.branches).toEqual([
      `l.stage = 'township_decision' AND l.sent_back_by IS NULL`,
      `l.stage = 'write_off'`,
      `l.stage = 'verification' AND l.sent_back_by IS NOT NULL`,
    ]);
    expect(page.limit).toBe(2);
    // A page of two, the third row says there is more: the cursor continues after the second.
    expect(work.items.map((w) => w.task)).toEqual(['townshipDecision', 'writeOffCheck']);
    expect(work.nextCursor).toEqual(expect.any(String));
  });

  it('answers the register over a bounded range: the groups, and one page of lapses', async () => {
    const lapse = (id: number, resolvedAt: Date | null) => ({
      id: String(id),
      issueKey: 'k',
      ledgerNo: 'L',
      sector: 'education',
      townshipCode: '522633101',
      unit: 'B',
      stage: 'verification',
      dueAt: at('2026-01-10T00:00:00Z'),
      detectedAt: at('2026-01-10T00:00:01Z'),
      level: 'yellow',
      resolvedAt,
      daysLate: resolvedAt ? 2 : null,
      cursor_value: '2026-01-10 00:00:00+00',
    });
    const lapseGroups = jest.fn().mockResolvedValue([
      {
        unit: 'B',
        stage: 'verification',
        lapses: 2,
        still_waiting: 1,
        total_days_late: 5.12345,
        worst_days_late: 3,
      },
    ]);
    const lapsePage = jest
      .fn()
      .mockResolvedValue([lapse(1, at('2026-01-12T00:00:00Z')), lapse(2, null)]);
    const reads = setup({ lapseGroups, lapsePage });
    const register = await reads.accountability({
      from: '2026-01-01T00:00:00+08:00',
      to: '2026-02-01T00:00:00+08:00',
      pageSize: 1,
    });
    expect(register.groups).toEqual([
      {
        unit: 'B',
        stage: 'verification',
        lapses: 2,
        stillWaiting: 1,
        totalDaysLate: 5.123,
        worstDaysLate: 3,
      },
    ]);
    expect(register.items).toHaveLength(1);
    expect(register.items[0]).toMatchObject({
      unit: 'B',
      daysLate: 2,
      resolvedAt: expect.any(String),
    });
    expect(register.nextCursor).toEqual(expect.any(String));
    // Without a range: the 92 days up to now. A range over a year is refused.
    const recent = await reads.accountability({});
    const span = Date.parse(recent.to) - Date.parse(recent.from);
    expect(span).toBe(92 * 86_400_000);
    await expect(
      reads.accountability({ from: '2025-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }),
    ).rejects.toMatchObject({ code: 'invalid_content' });
  });
});
