import type { Principal } from '@sanbao/auth';
import type { IssueLapseEntity, IssueLedgerEntity } from '@sanbao/persistence';
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
    const openAt = jest
      .fn()
      .mockResolvedValue([row({ stage: 'township_decision' }), row({ stage: 'write_off' })]);
    const work = await setup({ openAt }).myWork(township);
    expect(openAt).toHaveBeenCalledWith({ townshipCode: '522633101' }, [
      'township_decision',
      'write_off',
    ]);
    expect(work.map((w) => w.task)).toEqual(['townshipDecision', 'writeOffCheck']);
  });

  it('groups lapses by unit and stage, most lapses first', async () => {
    const lapse = (unit: string, resolvedAt: Date | null): IssueLapseEntity =>
      ({
        issueKey: 'k',
        ledgerNo: 'L',
        sector: 'education',
        townshipCode: '522633101',
        unit,
        stage: 'verification',
        dueAt: at('2026-01-10T00:00:00Z'),
        detectedAt: at('2026-01-10T00:00:01Z'),
        level: 'yellow',
        resolvedAt,
        daysLate: resolvedAt ? 2 : null,
      }) as IssueLapseEntity;
    const lapsesBetween = jest
      .fn()
      .mockResolvedValue([
        lapse('B', at('2026-01-12T00:00:00Z')),
        lapse('A', at('2026-01-12T00:00:00Z')),
        lapse('B', null),
      ]);
    const groups = await setup({ lapsesBetween }).accountability({});
    expect(groups.map((g) => [g.unit, g.lapses, g.stillWaiting])).toEqual([
      ['B', 2, 1],
      ['A', 1, 0],
    ]);
    expect(groups[1]).toMatchObject({ totalDaysLate: 2, worstDaysLate: 2 });
  });
});
