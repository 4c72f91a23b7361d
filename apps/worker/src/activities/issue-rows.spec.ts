import type { ActRecord, IssueState, Lapse } from '@sanbao/domain';
import { ApplicationFailure } from '@temporalio/common';
import {
  formatLedgerNo,
  lapseExits,
  lastSeqOf,
  ledgerYear,
  sectorOfIssueKey,
  toAuditRows,
  toLedgerRow,
} from './issue-rows';

const actor = { id: 'cadre-7', name: 'Li Ming', role: 'village' as const, villageCode: 'V01' };

function entry(
  seq: number,
  act: ActRecord['act'],
  stage: ActRecord['stage'],
  at: string,
): ActRecord {
  // Only the order of kinds and stages matters here, not the payloads.
  return {
    seq,
    requestId: `r${seq}`,
    act,
    actor,
    at,
    stage,
    summary: act,
    payload: {},
  } as ActRecord;
}

function state(overrides: Partial<IssueState>): IssueState {
  return {
    issueKey: 'issue:education:HH-1:not_enrolled',
    ledgerNo: '2026-EDU-000001',
    sector: 'education',
    kind: 'not_enrolled',
    subject: { kind: 'household', id: 'HH-1', villageCode: 'V01', townshipCode: 'T01' },
    summary: 'not enrolled',
    channel: 'sector_signal',
    flags: {},
    reportedAt: '2026-03-01T00:00:00.000Z',
    stage: 'verification',
    stageSince: '2026-03-01T00:00:00.000Z',
    deadlines: {},
    overdueLevel: 'none',
    extensions: [],
    lapses: [],
    reminders: 0,
    acts: [entry(1, 'opened', 'verification', '2026-03-01T00:00:00.000Z')],
    evidence: [],
    reopenCount: 0,
    ...overrides,
  };
}

function lapse(stage: Lapse['stage'], dueAt: string): Lapse {
  return { stage, unit: 'U', dueAt, detectedAt: dueAt, level: 'yellow' };
}

describe('ledger numbers', () => {
  it('formats year, sector code and a six-digit number', () => {
    expect(formatLedgerNo(2026, 'education', 123)).toBe('2026-EDU-000123');
    expect(formatLedgerNo(2026, 'water', 1_234_567)).toBe('2026-WAT-1234567');
  });

  it('takes the year in Beijing time', () => {
    expect(ledgerYear('2026-12-31T15:59:59Z')).toBe(2026);
    expect(ledgerYear('2026-12-31T16:00:00Z')).toBe(2027);
  });

  it('reads the sector out of an issue key', () => {
    expect(sectorOfIssueKey('issue:housing:HH-9:house_grade_d')).toBe('housing');
    expect(sectorOfIssueKey('something-else')).toBeUndefined();
  });
});

describe('toLedgerRow', () => {
  it("takes last_seq from the snapshot's highest record, whatever their order", () => {
    const s = state({
      acts: [
        entry(3, 'verification', 'verification', '2026-03-01T02:00:00Z'),
        entry(1, 'opened', 'verification', '2026-03-01T00:00:00Z'),
      ],
    });
    expect(toLedgerRow(s).lastSeq).toBe(3);
    expect(lastSeqOf({ acts: [] })).toBe(-1);
  });

  it('flags the current limit when it was counted over a year the holiday lists lack', () => {
    const due = '2027-01-06T02:00:00.000Z';
    const flagged = toLedgerRow(
      state({
        stage: 'resolution',
        currentDueAt: due,
        flags: { emergency: true },
        calendarUncovered: [
          { stage: 'solution_plan', dueAt: '2026-12-30T02:00:00.000Z', years: [2026] },
          { stage: 'resolution', dueAt: '2027-01-06T10:00:00+08:00', years: [2027] },
        ],
      }),
    );
    expect(flagged.flags).toEqual({ emergency: true, calendarUncovered: [2027] });
    // An extension set another limit: the flag was the old one's.
    const extended = toLedgerRow(
      state({
        stage: 'resolution',
        currentDueAt: '2027-03-01T02:00:00.000Z',
        calendarUncovered: [{ stage: 'resolution', dueAt: due, years: [2027] }],
      }),
    );
    expect(extended.flags).toEqual({});
  });

  it('has no due time and status closed once closed', () => {
    const row = toLedgerRow(
      state({ stage: 'closed', closure: 'unfounded', currentDueAt: '2026-03-04T00:00:00Z' }),
    );
    expect(row).toMatchObject({ status: 'closed', closure: 'unfounded', currentDueAt: null });
  });

  it('names the bad field in a non-retryable failure', () => {
    const attempt = () => toLedgerRow(state({ stageSince: 'not a date' }));
    expect(attempt).toThrow(ApplicationFailure);
    expect(attempt).toThrow(/stageSince must be an ISO 8601 date-time/);
  });
});

describe('toAuditRows', () => {
  it("keeps the actor's id, name, role and scope only", () => {
    const record = { ...entry(1, 'opened', 'verification', '2026-03-01T00:00:00Z') };
    record.actor = { ...actor, phone: '13800000000' } as typeof actor;
    expect(toAuditRows([record])[0].actor).toEqual(actor);
  });
});

describe('lapseExits', () => {
  it('has no exit while the lapsed stage still runs', () => {
    const s = state({
      lapses: [lapse('verification', '2026-03-02T00:00:00.000Z')],
      acts: [
        entry(1, 'opened', 'verification', '2026-03-01T00:00:00.000Z'),
        entry(2, 'overdue', 'verification', '2026-03-02T00:00:00.000Z'),
      ],
    });
    expect(lapseExits(s)).toEqual([]);
  });

  it('exits at the act that hands the stage over', () => {
    const s = state({
      stage: 'township_decision',
      lapses: [lapse('verification', '2026-03-02T00:00:00.000Z')],
      acts: [
        entry(1, 'opened', 'verification', '2026-03-01T00:00:00.000Z'),
        entry(2, 'overdue', 'verification', '2026-03-02T00:00:00.000Z'),
        entry(3, 'reminder', 'verification', '2026-03-02T12:00:00.000Z'),
        entry(4, 'verification', 'verification', '2026-03-03T00:00:00.000Z'),
      ],
    });
    expect(lapseExits(s)).toEqual([
      {
        stage: 'verification',
        dueAt: '2026-03-02T00:00:00.000Z',
        resolvedAt: '2026-03-03T00:00:00.000Z',
      },
    ]);
  });

  it('tells apart two runs of resolution after a write-off found the problem not solved', () => {
    const s = state({
      stage: 'resolution',
      lapses: [
        lapse('resolution', '2026-03-10T00:00:00.000Z'),
        lapse('resolution', '2026-03-20T00:00:00.000Z'),
      ],
      acts: [
        entry(1, 'opened', 'verification', '2026-03-01T00:00:00.000Z'),
        entry(2, 'overdue', 'resolution', '2026-03-10T00:00:00.000Z'),
        entry(3, 'completion', 'resolution', '2026-03-11T00:00:00.000Z'),
        entry(4, 'writeOffCheck', 'write_off', '2026-03-12T00:00:00.000Z'),
        entry(5, 'reopened', 'write_off', '2026-03-12T00:00:00.000Z'),
        entry(6, 'overdue', 'resolution', '2026-03-20T00:00:00.000Z'),
      ],
    });
    // The first run was left at its completion; the second is still waiting.
    expect(lapseExits(s)).toEqual([
      {
        stage: 'resolution',
        dueAt: '2026-03-10T00:00:00.000Z',
        resolvedAt: '2026-03-11T00:00:00.000Z',
      },
    ]);
  });
});
