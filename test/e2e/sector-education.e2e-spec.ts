import { INestApplication } from '@nestjs/common';
import { subjects } from '@sanbao/contracts';
import { issueKey } from '@sanbao/domain';
import { headers } from 'nats';
import request from 'supertest';
import { EducationAppModule } from '../../apps/education/src/app.module';
import { IntakeAppModule } from '../../apps/intake/src/app.module';
import { WorkerAppModule } from '../../apps/worker/src/app.module';
import { boot, isolatedConfig, machineKey, Observer, until } from './sector-support';

const config = isolatedConfig('edu');
const VILLAGE = '522633101201';
const TOWNSHIP = '522633101';

type Child = Record<string, unknown>;

/** N compulsory-age children of watched households; the first K are missing this term. */
function roster(n: number, k: number, tag: string): Child[] {
  return Array.from({ length: n }, (_, i) => ({
    householdId: `H${tag}${String(i).padStart(4, '0')}`,
    personRef: `C${tag}${String(i).padStart(4, '0')}`,
    villageCode: VILLAGE,
    townshipCode: TOWNSHIP,
    householdCategory: i % 2 === 0 ? 'unstable' : 'marginal',
    // 2011-2018: every child is of compulsory age on 31 August 2026.
    birthDate: `201${(i % 8) + 1}-0${(i % 9) + 1}-15`,
    enrolledLastTerm: i % 3 !== 0,
    attendance: i < k ? (i % 5 === 4 ? 'dropped_out' : 'absent') : i % 2 ? 'returned' : 'enrolled',
  }));
}

function keyOf(child: Child): string {
  const kind =
    child.attendance === 'dropped_out'
      ? 'dropped_out'
      : child.enrolledLastTerm
        ? 'not_returned'
        : 'not_enrolled';
  return issueKey({
    sector: 'education',
    subject: { id: child.householdId as string, personRef: child.personRef as string },
    kind,
  });
}

describe('education: term-start roster to issues', () => {
  let worker: INestApplication;
  let intake: INestApplication;
  let education: INestApplication;
  let observer: Observer;
  let key: string;

  beforeAll(async () => {
    observer = await Observer.open(config);
    worker = await boot((c) => WorkerAppModule.forRoot(c), config);
    intake = await boot((c) => IntakeAppModule.forRoot(c), config);
    education = await boot((c) => EducationAppModule.forRoot(c), config, { ingest: true });
    key = await machineKey(education, 'education');
  });

  afterAll(async () => {
    await education?.close();
    await intake?.close();
    await worker?.close();
    await observer?.close();
  });

  const post = (path: string, body: unknown, apiKey: string | null = key) => {
    const req = request(education.getHttpServer()).post(path);
    if (apiKey) req.set('x-api-key', apiKey);
    return req.send(body as object);
  };

  it('a roster of N children with K missing opens exactly K issues and K ledger rows; sent again, none', async () => {
    const children = roster(40, 7, 'A');
    const batch = {
      batchId: 'autumn-A',
      term: '2026-autumn',
      termStart: '2026-09-01',
      records: children,
    };

    const first = await post('/ingest/roster', batch).expect(200);
    expect(first.body).toEqual({
      sector: 'education',
      kind: 'roster',
      batchId: 'autumn-A',
      received: 40,
      accepted: 40,
      rejected: [],
      signalsRaised: 7,
      duplicateSignals: 0,
    });

    const expected = children.slice(0, 7).map(keyOf).sort();
    const expectedIds = expected.map((k) => observer.idOf(k)).sort();
    expect(await observer.expectIssues(expectedIds)).toEqual(expectedIds);
    const rows = await until('7 ledger rows', async () => {
      const found = await observer.ledgerRows(expected);
      return found.length === 7 ? found : undefined;
    });
    expect(rows.map((r) => r.issue_key)).toEqual(expected);
    expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(['verification']));

    const again = await post('/ingest/roster', { ...batch, batchId: 'autumn-A-resent' }).expect(
      200,
    );
    expect(again.body).toMatchObject({ accepted: 40, signalsRaised: 0, duplicateSignals: 7 });
    await until('intake caught up', () => observer.intakeCaughtUp());
    expect(await observer.issueIds()).toEqual(expectedIds);
    expect(await observer.ledgerRows(expected)).toHaveLength(7);
    expect(await observer.signalCount()).toBe(7);
  });

  it('a mixed batch takes the good rows and names each bad row with its reasons', async () => {
    const good = roster(3, 1, 'B');
    const records = [
      good[0],
      { ...good[1], birthDate: '2016-02-30' },
      good[1],
      { ...good[2], villageCode: '5226', attendance: 'gone' },
      'not a record',
      good[2],
    ];
    const response = await post('/ingest/roster', {
      term: '2026-autumn',
      termStart: '2026-09-01',
      records,
    }).expect(200);
    expect(response.body).toMatchObject({ received: 6, accepted: 3, signalsRaised: 1 });
    expect(response.body.rejected).toEqual([
      { index: 1, errors: [{ field: 'birthDate', messages: ['birthDate is not a real date'] }] },
      {
        index: 3,
        errors: expect.arrayContaining([
          {
            field: 'villageCode',
            messages: ['villageCode must be a 12-digit village division code'],
          },
          {
            field: 'attendance',
            messages: [expect.stringMatching(/^attendance must be one of: enrolled, returned/)],
          },
        ]),
      },
      { index: 4, errors: [{ field: '', messages: ['must be a JSON object'] }] },
    ]);
    await until('the missing child has an issue', async () =>
      (await observer.issueIds()).includes(observer.idOf(keyOf(good[0]))),
    );
  });

  it('turns away a bad envelope, a batch with nothing valid, an unknown kind and bad keys', async () => {
    const bad = await post('/ingest/roster', { term: 'autumn', records: 'x' }).expect(400);
    expect(bad.body.error).toMatchObject({ status: 400, code: 'invalid_batch' });
    const fields = (bad.body.error.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields.sort()).toEqual(['records', 'term', 'termStart']);

    const none = await post('/ingest/roster', {
      term: '2026-autumn',
      termStart: '2026-09-01',
      records: [{ householdId: 'H1' }],
    }).expect(422);
    expect(none.body.error).toMatchObject({
      code: 'nothing_accepted',
      reply: { received: 1, accepted: 0, signalsRaised: 0 },
    });

    const notJson = await request(education.getHttpServer())
      .post('/ingest/roster')
      .set('x-api-key', key)
      .set('content-type', 'application/json')
      .send('{"records": [');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_batch');

    // A bad request, not an outage: never "unavailable, send it again later".
    const deep = await request(education.getHttpServer())
      .post('/ingest/roster')
      .set('x-api-key', key)
      .set('content-type', 'application/json')
      .send(`{"term":"2026-autumn","records":[${'['.repeat(5000)}${']'.repeat(5000)}]}`);
    expect([deep.status, deep.body.error.code, deep.body.error.errors]).toEqual([
      400,
      'invalid_batch',
      [{ field: 'body', messages: ['must not be nested more than 32 levels deep'] }],
    ]);

    expect((await post('/ingest/grades', { records: [] }).expect(404)).body.error.code).toBe(
      'unknown_kind',
    );
    expect((await post('/ingest/roster', {}, null).expect(401)).body.error.code).toBe(
      'unauthenticated',
    );
    const waterKey = await machineKey(education, 'water');
    expect((await post('/ingest/roster', {}, waterKey).expect(403)).body.error.code).toBe(
      'wrong_sector',
    );
  });

  it('takes the roster as a CSV upload and reports bad rows by line', async () => {
    const children = roster(4, 2, 'C');
    const header = [
      'householdId',
      '姓名',
      'personRef',
      'villageCode',
      'townshipCode',
      'householdCategory',
      'birthDate',
      'enrolledLastTerm',
      'attendance',
    ];
    const lines = children.map((c, i) =>
      [
        c.householdId,
        `学生${i}`,
        c.personRef,
        c.villageCode,
        c.townshipCode,
        c.householdCategory,
        i === 3 ? '2016-13-01' : c.birthDate,
        c.enrolledLastTerm ? '是' : '否',
        c.attendance,
      ].join(','),
    );
    const csv = `\ufeff${header.join(',')}\r\n${lines.join('\r\n')}\r\n`;
    const response = await request(education.getHttpServer())
      .post('/ingest/roster/csv')
      .set('x-api-key', key)
      .field('term', '2026-autumn')
      .field('termStart', '2026-09-01')
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'roster.csv', contentType: 'text/csv' })
      .expect(200);
    expect(response.body).toMatchObject({ received: 4, accepted: 3, signalsRaised: 2 });
    expect(response.body.rejected).toEqual([
      {
        index: 3,
        line: 5,
        errors: [{ field: 'birthDate', messages: ['birthDate must be a date as YYYY-MM-DD'] }],
      },
    ]);
    const expected = children.slice(0, 2).map(keyOf);
    await until('the CSV issues', async () => {
      const ids = await observer.issueIds();
      return expected.every((k) => ids.includes(observer.idOf(k)));
    });
  });

  it('answers broken, oversized and non-UTF-8 CSV uploads with the batch error shapes', async () => {
    const upload = (file: Buffer | null, fields: Record<string, string> = {}) => {
      const req = request(education.getHttpServer())
        .post('/ingest/roster/csv')
        .set('x-api-key', key)
        .field('term', fields.term ?? '2026-autumn')
        .field('termStart', '2026-09-01');
      return file
        ? req.attach('file', file, { filename: 'roster.csv', contentType: 'text/csv' })
        : req;
    };
    const unreadable = async (file: Buffer, message: string) => {
      const { body } = await upload(file).expect(400);
      expect(body.error).toMatchObject({ code: 'invalid_batch' });
      expect(body.error.errors).toEqual([
        { field: 'file', messages: [expect.stringMatching(message)] },
      ]);
    };
    await unreadable(
      Buffer.from('householdId,birthDate\nH1,2016-01-01\nH2,"2016'),
      '^line 3: a quoted cell is not closed$',
    );
    await unreadable(Buffer.from('householdId\nH1\u0000\n'), '^line 2: a NUL character');
    await unreadable(
      Buffer.from(`householdId,note\nH1,${'x'.repeat(70_000)}\n`),
      '^line 2: a row is longer',
    );
    await unreadable(
      Buffer.from('householdId,note\nH1,1\n', 'utf16le'),
      '^line 1: a NUL character',
    );
    // GB18030 is read (sector-files.e2e-spec.ts); bytes that are neither it nor UTF-8 are not.
    const neither = Buffer.concat([
      Buffer.from('householdId\nH'),
      Buffer.from([0x80, 0xff]),
      Buffer.from('\n'),
    ]);
    expect((await upload(neither).expect(400)).body.error.message).toBe(
      'the CSV file must be UTF-8 or GB18030 text',
    );
    expect((await upload(Buffer.alloc(0)).expect(400)).body.error.message).toMatch(
      /needs a CSV file/,
    );
    expect((await upload(null).expect(400)).body.error.message).toMatch(/needs a CSV file/);
    // more rows than INGEST_MAX_RECORDS: reading stops at the first row past the limit
    const max = config.ingest.maxRecords;
    const many = Buffer.from(`householdId\n${'H1\n'.repeat(max + 1000)}`);
    expect((await upload(many).expect(413)).body.error).toMatchObject({
      code: 'too_many_records',
      message: `a batch may hold at most ${max} records; split it (it held more than ${max})`,
    });
    // the envelope is checked before the count, as for a JSON batch
    expect((await upload(many, { term: 'autumn' }).expect(400)).body.error.code).toBe(
      'invalid_batch',
    );
    // a file over the body limit is cut off by the upload limit, not read to its end
    const huge = Buffer.alloc(config.ingest.bodyLimitMb * 1024 * 1024 + 1024, 'H1\n');
    expect(
      (await upload(Buffer.concat([Buffer.from('householdId\n'), huge])).expect(413)).body.error
        .code,
    ).toBe('too_many_records');
  });

  it('answers the same batch over NATS request/reply, with no machine key on the bus', async () => {
    const children = roster(5, 2, 'D');
    // The bus authenticates the bureau; no key travels in the message (docs/security.md).
    const msg = await observer.nc.request(
      subjects(config.nats.prefix).ingest('education', 'roster'),
      JSON.stringify({ term: '2026-autumn', termStart: '2026-09-01', records: children }),
      { timeout: 30_000 },
    );
    expect(JSON.parse(new TextDecoder().decode(msg.data))).toMatchObject({
      received: 5,
      accepted: 5,
      rejected: [],
      signalsRaised: 2,
    });
    // An older bureau system that still sends its key is answered; the header is ignored.
    const h = headers();
    h.set('x-api-key', 'not-a-key');
    const legacy = await observer.nc.request(
      subjects(config.nats.prefix).ingest('education', 'roster'),
      JSON.stringify({ term: '2026-autumn', termStart: '2026-09-01', records: children }),
      { headers: h, timeout: 30_000 },
    );
    expect(JSON.parse(new TextDecoder().decode(legacy.data))).toMatchObject({ received: 5 });
    const expected = children.slice(0, 2).map(keyOf);
    await until('the NATS issues', async () => {
      const ids = await observer.issueIds();
      return expected.every((k) => ids.includes(observer.idOf(k)));
    });
  });
  it('reads case, space and full-width variants of one household as one child: one issue', async () => {
    const [child] = roster(1, 1, 'V');
    const id = 'ACC-0042-E1';
    const variants = [id, 'acc-0042-e1', `  ${id} `, 'ＡＣＣ－００４２－Ｅ１'];
    const before = await observer.issueIds();
    const response = await post('/ingest/roster', {
      term: '2026-autumn',
      termStart: '2026-09-01',
      records: variants.map((householdId, i) => ({
        ...child,
        householdId,
        // the person reference and the codes vary too: full-width digits, lower case, spaces
        personRef: i % 2 ? ` ${String(child.personRef).toLowerCase()} ` : child.personRef,
        villageCode: i === 3 ? '５２２６３３１０１２０１' : VILLAGE,
      })),
    }).expect(200);
    expect(response.body).toMatchObject({ received: 4, accepted: 4, rejected: [] });

    const key = keyOf({ ...child, householdId: id });
    expect(key).toBe(`issue:education:${id}/${String(child.personRef)}:${key.split(':')[3]}`);
    await until('the child has its issue', async () =>
      (await observer.issueIds()).includes(observer.idOf(key)),
    );
    await until('intake caught up', () => observer.intakeCaughtUp());
    const added = (await observer.issueIds()).filter((i) => !before.includes(i));
    expect(added).toEqual([observer.idOf(key)]);
    // The ledger keeps the normalised form.
    const rows = await until('its ledger row', async () => {
      const found = await observer.pg.query<{ subject_id: string; person_ref: string }>(
        'SELECT subject_id, person_ref FROM issue_ledger WHERE issue_key = $1',
        [key],
      );
      return found.rows.length > 0 ? found.rows : undefined;
    });
    expect(rows).toEqual([{ subject_id: id, person_ref: child.personRef }]);
  });
});
