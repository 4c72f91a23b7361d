import { loadConfig } from '@sanbao/config';
import { RiskSignal } from '@sanbao/contracts';
import { IngestError, IngestService, SignalPublisher } from '@sanbao/ingest';
import { Metrics } from '@sanbao/runtime';
import { EDUCATION_INGEST } from './education.ingest';

/** Stands in for the stream: remembers signal ids, says when one is already there. */
class FakePublisher {
  readonly seen = new Set<string>();
  async publish(signals: RiskSignal[]) {
    let raised = 0;
    for (const s of signals) {
      if (this.seen.has(s.signalId)) continue;
      this.seen.add(s.signalId);
      raised += 1;
    }
    return { raised, duplicate: signals.length - raised };
  }
}

const child = (i: number, attendance: string) => ({
  householdId: `H${i}`,
  personRef: `P${i}`,
  villageCode: '522633101201',
  townshipCode: '522633101',
  householdCategory: 'unstable',
  birthDate: '2015-05-05',
  enrolledLastTerm: true,
  attendance,
});

describe('education ingest through the IngestService', () => {
  const config = loadConfig({ INGEST_MAX_RECORDS: '3' });
  let publisher: FakePublisher;
  let service: IngestService;

  beforeEach(() => {
    publisher = new FakePublisher();
    service = new IngestService(
      EDUCATION_INGEST,
      config,
      publisher as unknown as SignalPublisher,
      new Metrics(),
    );
  });

  const roster = (records: unknown[]) => ({
    body: { term: '2026-autumn', termStart: '2026-09-01', records },
  });

  it('counts received, accepted, rejected and raised; a resent batch raises nothing new', async () => {
    const batch = roster([child(1, 'absent'), child(2, 'returned'), { ...child(3, 'x') }]);
    const first = await service.ingest('roster', batch);
    expect(first).toMatchObject({
      received: 3,
      accepted: 2,
      signalsRaised: 1,
      duplicateSignals: 0,
    });
    expect(first.rejected).toEqual([
      { index: 2, errors: [{ field: 'attendance', messages: [expect.any(String)] }] },
    ]);
    const again = await service.ingest('roster', batch);
    expect(again).toMatchObject({ signalsRaised: 0, duplicateSignals: 1 });
  });

  it('refuses a batch with no valid record, too many records, or an unknown kind', async () => {
    await expect(service.ingest('roster', roster([{}]))).rejects.toMatchObject({
      code: 'nothing_accepted',
      reply: { received: 1, accepted: 0 },
    });
    await expect(service.ingest('roster', roster([1, 2, 3, 4]))).rejects.toMatchObject({
      code: 'too_many_records',
    });
    await expect(service.ingest('grades', roster([]))).rejects.toBeInstanceOf(IngestError);
    expect(publisher.seen.size).toBe(0);
  });

  it('takes an empty batch as nothing to do', async () => {
    expect(await service.ingest('roster', roster([]))).toMatchObject({ received: 0, accepted: 0 });
  });
});
