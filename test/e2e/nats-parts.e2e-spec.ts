import { INestApplication } from '@nestjs/common';
import { subjects } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import { connect, NatsConnection } from 'nats';
import { EducationAppModule } from '../../apps/education/src/app.module';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { testConfig, uniqueId } from '../support/env';
import { natsUsers, partNats } from '../support/nats-users';
import { boot, Observer, until } from './sector-support';

/**
 * The whole path with every part as its own bus user (the run's prefix, which the users'
 * permissions name): a bureau system's NATS request, the education service's signals, the
 * intake's consumer, the worker's issue events, read back by the bureau.
 */
const base = { TEMPORAL_TASK_QUEUE: uniqueId('nats-parts') };
const config = testConfig(base);
const subs = subjects(config.nats.prefix);
const BUREAU = 'bureau-education-test';

function child(i: number) {
  return {
    householdId: `HNP${String(i).padStart(4, '0')}`,
    personRef: `CNP${String(i).padStart(4, '0')}`,
    villageCode: '522633101201',
    townshipCode: '522633101',
    householdCategory: 'unstable',
    birthDate: '2015-03-15',
    enrolledLastTerm: true,
    attendance: i < 2 ? 'absent' : 'enrolled',
  };
}

describe('each part on its own bus user', () => {
  const apps: INestApplication[] = [];
  let observer: Observer;
  let bureau: NatsConnection;

  beforeAll(async () => {
    const users = natsUsers();
    if (!users)
      throw new Error('npm test starts a nats-server with users: run the suite through it');
    observer = await Observer.open(config);
    apps.push(
      await boot((c) => WorkerAppModule.forRoot(c), testConfig({ ...base, ...partNats('worker') })),
    );
    apps.push(
      await boot((c) => IntakeAppModule.forRoot(c), testConfig({ ...base, ...partNats('intake') })),
    );
    apps.push(
      await boot(
        (c) => EducationAppModule.forRoot(c),
        testConfig({ ...base, ...partNats('education') }),
      ),
    );
    bureau = await connect({ servers: config.nats.servers, user: BUREAU, pass: users[BUREAU] });
  });

  afterAll(async () => {
    await bureau?.close();
    for (const app of apps.reverse()) await app.close();
    await observer?.close();
  });

  it("turns a bureau's NATS request into issues whose events the bureau reads", async () => {
    const events = bureau.subscribe(`${config.nats.prefix}.issue.education.>`);
    const opened: string[] = [];
    const reading = (async () => {
      for await (const m of events) {
        const event = m.json<{ event: string; issueKey: string }>();
        if (event.event === 'opened') opened.push(event.issueKey);
      }
    })();
    const children = [0, 1, 2, 3].map(child);
    const reply = await bureau.request(
      subs.ingest('education', 'roster'),
      JSON.stringify({ term: '2026-autumn', termStart: '2026-09-01', records: children }),
      { timeout: 30_000 },
    );
    expect(reply.json()).toMatchObject({ received: 4, accepted: 4, signalsRaised: 2 });
    const expected = children.slice(0, 2).map((c) =>
      issueKey({
        sector: 'education',
        subject: { id: c.householdId, personRef: c.personRef },
        kind: 'not_returned',
      }),
    );
    await observer.expectIssues(expected.map((k) => observer.idOf(k)));
    await until('the opened events', async () => expected.every((k) => opened.includes(k)), 90_000);
    events.unsubscribe();
    await reading;
  });
});
