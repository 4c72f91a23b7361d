import { compareRosterChild, DEFAULT_EDUCATION_RULES, RiskFinding } from '@sanbao/domain';
import { buildSignal, readSignal, SIGNAL_VERSION } from './signal';

const finding = compareRosterChild(
  { term: '2026-autumn', termStart: '2026-09-01' },
  {
    householdId: 'H0001',
    villageCode: '522633101201',
    townshipCode: '522633101',
    personRef: 'P-0001',
    householdCategory: 'unstable',
    birthDate: '2016-03-10',
    enrolledLastTerm: true,
    attendance: 'absent',
  },
  DEFAULT_EDUCATION_RULES,
).raised as RiskFinding;

const source = {
  system: 'education' as const,
  recordType: 'roster',
  recordId: '2026-autumn:P-0001',
};
const observed = '2026-09-01T00:00:00+08:00';

describe('risk signals', () => {
  it('carry an id that depends on content and source record, not on when or in which batch', () => {
    const a = buildSignal(finding, source, observed, '2026-09-02T08:00:00.000Z');
    const b = buildSignal(
      finding,
      { ...source, batchId: 'B2' },
      observed,
      '2026-09-09T08:00:00.000Z',
    );
    expect(a.signalId).toMatch(/^[0-9a-f]{64}$/);
    expect(b.signalId).toBe(a.signalId);
    const other = buildSignal(
      finding,
      { ...source, recordId: '2026-autumn:P-0002' },
      observed,
      a.publishedAt,
    );
    expect(other.signalId).not.toBe(a.signalId);
    const changed = buildSignal(
      { ...finding, severityHint: 'major' },
      source,
      observed,
      a.publishedAt,
    );
    expect(changed.signalId).not.toBe(a.signalId);
  });

  it('read back exactly as published', () => {
    const signal = buildSignal(finding, source, observed, '2026-09-02T08:00:00.000Z');
    const read = readSignal(JSON.stringify(signal), 'sbt.signal.education.not_returned', 'sbt');
    expect(read.ok).toBe(true);
    expect(read.ok && read.signal).toMatchObject({
      version: SIGNAL_VERSION,
      sector: 'education',
      kind: 'not_returned',
      subject: { id: 'H0001', personRef: 'P-0001' },
    });
  });

  it.each([
    ['not JSON', '{oops', 'not_json'],
    ['an array', '[1]', 'not_json'],
    ['another version', { version: 2 }, 'unsupported_version'],
    ['an unknown sector', { sector: 'roads' }, 'unknown_sector'],
    ['a kind of another sector', { kind: 'outage' }, 'unknown_kind'],
    [
      'a bad village code',
      { subject: { ...finding.subject, villageCode: '5226' } },
      'invalid_signal',
    ],
    ['an edited body', { summary: 'changed' }, 'invalid_signal'],
  ])('are refused when %s, with the reason', (_what, change, reason) => {
    const signal = buildSignal(finding, source, observed, '2026-09-02T08:00:00.000Z');
    const text = typeof change === 'string' ? change : JSON.stringify({ ...signal, ...change });
    const read = readSignal(text);
    expect(read).toMatchObject({ ok: false, reason });
  });

  it('are refused when the NATS subject names another kind', () => {
    const signal = buildSignal(finding, source, observed, '2026-09-02T08:00:00.000Z');
    expect(
      readSignal(JSON.stringify(signal), 'sbt.signal.education.dropped_out', 'sbt'),
    ).toMatchObject({
      ok: false,
      reason: 'subject_mismatch',
    });
  });

  it('name the bad fields without their values', () => {
    const signal = buildSignal(finding, source, observed, '2026-09-02T08:00:00.000Z');
    const read = readSignal(
      JSON.stringify({
        ...signal,
        subject: { ...signal.subject, personRef: '110101199003074514' },
      }),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual([
      {
        field: 'subject.personRef',
        messages: [
          'personRef must be a register code or an opaque reference, not an ID-card or phone number',
        ],
      },
    ]);
    expect(JSON.stringify(read)).not.toContain('110101199003074514');
  });
});
