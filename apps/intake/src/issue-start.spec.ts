import { DEFAULT_DEADLINE_POLICY } from '@sanbao/domain';
import { NamespaceNotFoundError } from '@temporalio/common';
import { issueStartOf } from './issue-start';
import { isTransient } from './issue-starter';
import { waterSignal as signal } from './water-signal.spec-support';

describe('a signal as an issue', () => {
  const { input, evidence } = issueStartOf(signal, DEFAULT_DEADLINE_POLICY);

  it('starts the issue under its key, reported by the sector system through the intake', () => {
    expect(input).toMatchObject({
      issueKey: 'issue:water:522633101201:supply',
      sector: 'water',
      kind: 'outage',
      severityHint: 'major',
      channel: 'sector_signal',
      flags: { emergency: true },
      reportedAt: '2026-01-10T06:05:00.000Z',
      reportedBy: { role: 'system', sector: 'water' },
      policy: DEFAULT_DEADLINE_POLICY,
    });
  });

  it('is evidence once per signal id, naming its source record', () => {
    expect(evidence).toMatchObject({
      evidenceId: `signal:${signal.signalId}`,
      source: 'water:status:W1:522633101201',
      data: { signalId: signal.signalId, batchId: 'B1', peopleAffected: 10 },
    });
  });
});

describe('failures', () => {
  it('tells Temporal being away from a refused request', () => {
    expect(isTransient(Object.assign(new Error('x'), { code: 14 }))).toBe(true);
    expect(
      isTransient(new Error('wrap', { cause: Object.assign(new Error('y'), { code: 4 }) })),
    ).toBe(true);
    expect(isTransient(Object.assign(new Error('bad search attribute'), { code: 3 }))).toBe(false);
  });

  it('never takes a missing namespace for Temporal being away, whatever its name', () => {
    expect(isTransient(new NamespaceNotFoundError('connect-timeout'))).toBe(false);
    expect(
      isTransient(new Error('start', { cause: new NamespaceNotFoundError('unavailable') })),
    ).toBe(false);
    expect(isTransient(new Error('failed to connect to 127.0.0.1:7233'))).toBe(true);
  });
});
