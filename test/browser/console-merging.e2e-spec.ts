import { randomUUID } from 'crypto';
import { ApiStack, eventually, type TestCounty } from '../support/api-stack';
import { uniqueId } from '../support/env';
import { calmPolicy } from '../support/issue-driver';
import { screenshots } from './support/chromium';
import { ConsoleSuite } from './support/console-suite';

/**
 * A township officer merges a duplicate from the console (Debian's Chromium against the real
 * API, worker, Temporal, PostgreSQL and NATS) and reads both timelines, in Chinese and in
 * English. The API only sets the scene: three reports.
 */
describe('merging a duplicate in the web console', () => {
  let suite: ConsoleSuite;
  let stack: ApiStack;
  let county: TestCounty;

  beforeAll(async () => {
    suite = await ConsoleSuite.start(() =>
      ApiStack.start('console-merge', { policy: calmPolicy() }).then((s) => ({ stack: s })),
    );
    ({ stack, county } = suite);
  }, 600_000);

  afterAll(async () => {
    await suite?.close();
  });

  async function report(requestId: string, body: object): Promise<string> {
    const response = await stack
      .as(county.tokens.township)
      .post('/issues', { requestId, summary: '热线反映。', channel: 'hotline', ...body })
      .expect(201);
    const ledgerNo = response.body.ledgerNo as string;
    await eventually(
      () => stack.as(county.tokens.supervisor).get(`/issues/${ledgerNo}`),
      (r) => r.status === 200,
      `the ledger row of ${ledgerNo}`,
    );
    return ledgerNo;
  }

  it('lets a township officer merge a duplicate and see it on both timelines', async () => {
    const village = county.villages[0];
    const child = (id: string) => ({
      sector: 'education',
      kind: 'not_enrolled',
      subject: { kind: 'household', id, villageCode: village },
    });
    const household = uniqueId('HH')
      .replace(/[^A-Za-z0-9-]/g, '')
      .toUpperCase();
    const kept = await report(randomUUID(), child(household));
    // The same child under a mistyped household number: a second issue slipped through.
    const duplicateReport = randomUUID();
    const duplicate = await report(duplicateReport, child(`${household}X`));
    const water = await report(randomUUID(), {
      sector: 'water',
      kind: 'outage',
      subject: { kind: 'village', id: village, villageCode: village },
    });

    const township = await suite.person('township');
    await township.go(`/issues/${duplicate}`);
    // At verification the stage's act is the village's: the merge is the township's form.
    const form = township.form('merge');
    expect(await form.locator('h2').innerText()).toBe('合并重复问题');
    await form.locator('textarea[name=reason]').fill('同一儿童，户号录入有误，重复立案。');

    // Into an issue of another sector: refused by the check, which the page quotes.
    await form.locator('input[name=into]').fill(water);
    const refused = await township.act(() => form.locator('button[type=submit]').click());
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain('merge: into must be an issue of the education sector');
    await screenshots(township.page, '20-merge-refused');

    await form.locator('input[name=into]').fill(kept);
    const merged = await township.act(() => form.locator('button[type=submit]').click());
    expect(merged.ok).toBe(true);
    expect(merged.text).toContain('已提交“合并重复问题”');
    await township.go(`/issues/${duplicate}`);
    expect(await township.text('.card.muted')).toBe('此问题已办结（作为重复问题合并）。');

    // The duplicate's timeline: merged into the issue kept, closed as merged.
    await township.go(`/issues/${duplicate}/timeline`);
    expect(await township.text('li[data-kind=merge]')).toContain(`本问题作为重复问题并入 ${kept}`);
    expect(await township.text('li[data-kind=closed]')).toContain('办结：作为重复问题合并');
    await screenshots(township.page, '21-timeline-duplicate');

    // The kept issue's timeline: the duplicate and its evidence, linked (the duplicate's
    // workflow tells the kept one a moment after the merge).
    const mergedIn = async () => {
      await township.go(`/issues/${kept}/timeline`);
      const entry = township.page.locator('li[data-kind=merged_in]');
      return (await entry.count()) === 1 ? await entry.innerText() : '';
    };
    const zh = await eventually(mergedIn, (text) => text !== '', 'the merged_in entry');
    expect(zh).toContain(`将重复问题 ${duplicate} 并入本问题`);
    expect(zh).toContain(`report:${duplicateReport}`);
    expect(zh).toContain('同一儿童，户号录入有误，重复立案。');
    await screenshots(township.page, '22-timeline-kept');

    // The same, in English.
    await township.page.locator('[data-test=language]').click();
    const en = await mergedIn();
    expect(en).toContain(`merged the duplicate ${duplicate} into this issue`);
    await township.go(`/issues/${duplicate}/timeline`);
    expect(await township.text('li[data-kind=merge]')).toContain(
      `merged this issue into ${kept}, the issue it duplicates`,
    );
    expect(await township.text('li[data-kind=closed]')).toContain(
      'Closed: merged into the issue it duplicates',
    );
    await screenshots(township.page, '23-timeline-duplicate-english');
  });
});
