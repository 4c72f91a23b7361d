import { streamNames, subjects } from '@sanbao/contracts';
import { ensureStreams, natsConnectOptions } from '@sanbao/messaging';
import {
  AckPolicy,
  connect,
  ErrorCode,
  Events,
  NatsConnection,
  NatsError,
  Subscription,
} from 'nats';
import { testConfig } from '../support/env';
import { natsUsers } from '../support/nats-users';

/**
 * The bus's users on the nats-server `npm test` starts (deploy/local/stack/nats-accounts.mjs):
 * each refusal the issue asks for, and the paths each part needs still open.
 */
const config = testConfig();
const subs = subjects(config.nats.prefix);
const users = natsUsers();
const servers = config.nats.servers;

interface Refusal {
  operation: string;
  subject: string;
}

/** A connection as `user`, collecting the server's permission refusals as they come. */
async function as(user: string): Promise<{ nc: NatsConnection; refusals: Refusal[] }> {
  if (!users) throw new Error('npm test starts a nats-server with users: run the suite through it');
  const nc = await connect({ servers, user, pass: users[user], timeout: 5000 });
  const refusals: Refusal[] = [];
  void (async () => {
    for await (const status of nc.status()) {
      const context = (status as { permissionContext?: Refusal }).permissionContext;
      if (status.type === Events.Error && context) refusals.push(context);
    }
  })();
  return { nc, refusals };
}

async function refused(
  refusals: Refusal[],
  operation: 'publish' | 'subscription',
  subject: string,
): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (refusals.some((r) => r.operation === operation && r.subject === subject)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${operation} refusal for ${subject}; refusals: ${JSON.stringify(refusals)}`);
}

/** The subjects a subscription saw within a short wait after a flush of the publisher. */
async function seen(sub: Subscription, ms = 300): Promise<string[]> {
  const got: string[] = [];
  const reading = (async () => {
    for await (const m of sub) got.push(m.subject);
  })();
  await new Promise((resolve) => setTimeout(resolve, ms));
  sub.unsubscribe();
  await reading;
  return got;
}

describe('the bus lets each part do only its own part', () => {
  const open: NatsConnection[] = [];
  let observer: NatsConnection;

  beforeAll(async () => {
    observer = await connect(natsConnectOptions(config.nats));
    open.push(observer);
  });

  afterAll(async () => {
    await Promise.all(open.map((nc) => nc.close()));
  });

  async function part(user: string) {
    const connection = await as(user);
    open.push(connection.nc);
    return connection;
  }

  it('refuses a client with no credentials or a wrong password', async () => {
    for (const options of [{}, { user: 'education', pass: 'not-the-password-0000' }]) {
      const error = await connect({ servers, ...options, timeout: 5000, reconnect: false }).then(
        async (nc) => {
          await nc.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NatsError);
      expect((error as NatsError).code).toBe(ErrorCode.AuthorizationViolation);
    }
  });

  it("lets a sector service publish its own signals only, and never read another's ingest", async () => {
    const { nc, refusals } = await part('education');
    const watch = observer.subscribe(subs.signals);
    await observer.flush();
    nc.publish(subs.signal('medical', 'not_returned'), '{}');
    nc.publish(subs.signal('education', 'not_returned'), '{}');
    await nc.flush();
    expect(await seen(watch)).toEqual([subs.signal('education', 'not_returned')]);
    await refused(refusals, 'publish', subs.signal('medical', 'not_returned'));

    nc.subscribe(`${config.nats.prefix}.ingest.>`);
    await refused(refusals, 'subscription', `${config.nats.prefix}.ingest.>`);
    nc.subscribe(subs.ingest('medical', 'visits'));
    await refused(refusals, 'subscription', subs.ingest('medical', 'visits'));
  });

  it("lets a bureau request its own sector's ingest, answered by its sector service", async () => {
    const sector = await part('education');
    const bureau = await part('bureau-education-test');
    // The sector answers to the requester's inbox (allow_responses), nothing else.
    const responder = sector.nc.subscribe(subs.ingest('education', 'roster'), {
      callback: (_error, msg) => msg.respond(new TextEncoder().encode('{"answered":true}')),
    });
    await sector.nc.flush();
    const reply = await bureau.nc.request(subs.ingest('education', 'roster'), '{}', {
      timeout: 5000,
    });
    expect(new TextDecoder().decode(reply.data)).toBe('{"answered":true}');
    responder.unsubscribe();
  });

  it("refuses a bureau another sector's ingest and every issue event it could forge", async () => {
    const { nc, refusals } = await part('bureau-education-test');
    const events = observer.subscribe(subs.issueEvents);
    await observer.flush();
    nc.publish(subs.issueEvent('education', 'written_off'), '{}');
    nc.publish(subs.ingest('medical', 'visits'), '{}');
    await nc.flush();
    await refused(refusals, 'publish', subs.issueEvent('education', 'written_off'));
    await refused(refusals, 'publish', subs.ingest('medical', 'visits'));
    expect(await seen(events)).toEqual([]);

    nc.subscribe(subs.issueEvents);
    await refused(refusals, 'subscription', subs.issueEvents);
    nc.subscribe(`${config.nats.prefix}.issue.medical.>`);
    await refused(refusals, 'subscription', `${config.nats.prefix}.issue.medical.>`);
  });

  it("lets a bureau read its own sector's issue events, which only the worker publishes", async () => {
    const bureau = await part('bureau-education-test');
    const worker = await part('worker');
    const intake = await part('intake');
    const mine = bureau.nc.subscribe(`${config.nats.prefix}.issue.education.>`);
    await bureau.nc.flush();
    intake.nc.publish(subs.issueEvent('education', 'closed'), '{}');
    await intake.nc.flush();
    await refused(intake.refusals, 'publish', subs.issueEvent('education', 'closed'));
    worker.nc.publish(subs.issueEvent('education', 'opened'), '{}');
    worker.nc.publish(subs.issueEvent('medical', 'opened'), '{}');
    await worker.nc.flush();
    expect(await seen(mine)).toEqual([subs.issueEvent('education', 'opened')]);
    expect(worker.refusals).toEqual([]);
  });
});

describe("a bureau's durable consumer of its sector's issue events", () => {
  it('is named after its user and filtered to its sector, or refused', async () => {
    const user = 'bureau-education-test';
    const stack = await connect(natsConnectOptions(config.nats));
    const bureau = await as(user);
    try {
      // The streams exist once any app started; the stack makes them here for a suite alone.
      await ensureStreams(await stack.jetstreamManager(), config.nats.prefix);
      const stream = streamNames(config.nats.prefix).issueEvents;
      await stack.jetstream().publish(subs.issueEvent('education', 'opened'), '{"n":1}');
      await stack.jetstream().publish(subs.issueEvent('medical', 'opened'), '{"n":2}');

      const jsm = await bureau.nc.jetstreamManager();
      const other = `${config.nats.prefix}.issue.medical.>`;
      await expect(
        jsm.consumers.add(stream, {
          durable_name: user,
          filter_subject: other,
          ack_policy: AckPolicy.Explicit,
        }),
      ).rejects.toThrow();
      await expect(
        jsm.consumers.add(stream, {
          durable_name: 'someone-else',
          filter_subject: `${config.nats.prefix}.issue.education.>`,
          ack_policy: AckPolicy.Explicit,
        }),
      ).rejects.toThrow();
      await jsm.consumers.add(stream, {
        durable_name: user,
        filter_subject: `${config.nats.prefix}.issue.education.>`,
        ack_policy: AckPolicy.Explicit,
      });
      const consumer = await bureau.nc.jetstream().consumers.get(stream, user);
      const msg = await consumer.next({ expires: 5000 });
      expect(msg?.subject).toBe(subs.issueEvent('education', 'opened'));
      await msg?.ackAck();
    } finally {
      await bureau.nc.close();
      await stack.close();
    }
  });
});
