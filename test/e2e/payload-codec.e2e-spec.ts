import { issueDataConverter, issueWorkflowId, ENCRYPTED_ENCODING } from '@sanbao/temporal';
import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';
import type { LedgerIssueView } from '../../apps/api/src/issues/issue-views';
import type { IssueHistory } from '../../apps/api/src/issues/history.service';
import { ApiStack, eventually, seedCounty, type TestCounty } from '../support/api-stack';
import { uniqueId } from '../support/env';
import { HISTORY_FIXTURES, loadHistoryFixture } from '../support/issue-driver';

/** Every payload inside a history or an answer (search attributes are not payloads). */
function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return found;
  if (Array.isArray(value)) {
    value.forEach((item) => payloadsIn(item, found));
    return found;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'payloads' && Array.isArray(inner)) found.push(...(inner as Payload[]));
    else payloadsIn(inner, found);
  }
  return found;
}

/** The marker details Core writes itself: a patch's id, a local activity's own record. */
const CORE_MARKER_DETAILS = ['patch-data', 'data'];

function encodingOf(payload: Payload): string {
  const encoding = payload.metadata?.encoding;
  return encoding ? new TextDecoder().decode(encoding) : '(none)';
}

/**
 * With WORKFLOW_PAYLOAD_KEY set, every payload reaches Temporal encrypted: an issue is
 * reported, acted on and read through the County API as usual, while Temporal itself (its
 * history, as the CLI and Web UI show it) holds no household number. Histories saved before
 * encryption still replay with the codec in the worker's data converter. Real services.
 */
describe('workflow payloads encrypted at rest', () => {
  const payloadKey = randomBytes(32).toString('base64');
  let stack: ApiStack;
  let county: TestCounty;
  let connection: Connection;
  let plainClient: Client;

  beforeAll(async () => {
    stack = await ApiStack.start('codec', { env: { WORKFLOW_PAYLOAD_KEY: payloadKey } });
    county = await seedCounty(stack, 'education');
    connection = await Connection.connect({ address: stack.config.temporal.address });
    // What an operator's CLI or the Web UI sees: a client without the key.
    plainClient = new Client({ connection, namespace: stack.config.temporal.namespace });
  });

  afterAll(async () => {
    await connection?.close();
    await stack?.close();
  });

  const as = (user: keyof TestCounty['tokens']) => stack.as(county.tokens[user]);

  it('runs an issue through the API while Temporal holds only ciphertext', async () => {
    const household = uniqueId('HH').toUpperCase();
    const reported = await as('village').post('/issues', {
      requestId: randomUUID(),
      sector: 'education',
      kind: 'not_back_after_term_start',
      subject: {
        kind: 'household',
        id: household,
        personRef: 'child-1',
        villageCode: county.villages[0],
      },
      summary: '巡查发现：孩子开学两周未返校。',
      channel: 'village_patrol',
    });
    expect(reported.status).toBe(201);
    const { ledgerNo, issueKey } = reported.body as { ledgerNo: string; issueKey: string };
    expect(ledgerNo).toMatch(/^\d{4}-EDU-\d{6}$/);

    const verified = await as('village').post(`/issues/${ledgerNo}/verification`, {
      requestId: randomUUID(),
      confirmed: true,
      findings: '入户核实：未返校。',
      visitedAt: new Date().toISOString(),
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ accepted: true, stage: 'township_decision' });
    await eventually(
      () =>
        as('supervisor')
          .get(`/issues/${ledgerNo}`)
          .then((r) => r.body as LedgerIssueView),
      (row) => row.stage === 'township_decision',
      'the act in the ledger (the worker decrypted its activity input)',
    );
    const history = await as('supervisor')
      .get(`/issues/${ledgerNo}/history`)
      .expect(200)
      .then((r) => r.body as IssueHistory);
    expect(history.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['opened', 'verification', 'deadline']),
    );

    // Temporal's own record of the issue: every payload encrypted, no household in any.
    const workflowId = issueWorkflowId(stack.config.temporal.workflowIdSecret, issueKey);
    const raw = await plainClient.workflow.getHandle(workflowId).fetchHistory();
    const stored = payloadsIn(raw);
    // Markers (a patch, a local activity) carry Core's own bookkeeping next to the result: Core
    // writes it as plain JSON, past the data converter. It holds ids and times, never the
    // issue's data; the result a local activity returns is encrypted like any other payload.
    const bookkeeping = new Set(
      raw.events
        ?.flatMap((e) => Object.entries(e.markerRecordedEventAttributes?.details ?? {}))
        .filter(([key]) => CORE_MARKER_DETAILS.includes(key))
        .flatMap(([, value]) => value.payloads ?? []),
    );
    const data = stored.filter((p) => !bookkeeping.has(p));
    expect(data.length).toBeGreaterThan(5);
    expect(data.map(encodingOf)).toEqual(data.map(() => ENCRYPTED_ENCODING));
    expect(stored.filter((p) => Buffer.from(p.data ?? []).includes(household))).toEqual([]);
    // The state query, as the Web UI or the CLI would ask it: answered in ciphertext.
    const answer = await plainClient.workflowService.queryWorkflow({
      namespace: stack.config.temporal.namespace,
      execution: { workflowId },
      query: { queryType: 'issueState' },
    });
    const answered = payloadsIn(answer);
    expect(answered.map(encodingOf)).toEqual([ENCRYPTED_ENCODING]);
    expect(Buffer.from(answered[0].data ?? []).includes(household)).toBe(false);

    // Saved (unencrypted) histories and this encrypted one replay with the codec.
    const files = fs.readdirSync(HISTORY_FIXTURES).filter((f) => f.endsWith('.json'));
    async function* histories() {
      for (const file of files) yield { workflowId: file, history: loadHistoryFixture(file) };
      yield { workflowId, history: raw };
    }
    const { workflowsPath, webpackConfigHook } = workflowBundleOptions();
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      {
        workflowsPath,
        bundlerOptions: { webpackConfigHook },
        replayName: 'codec-replay',
        dataConverter: issueDataConverter({ payloadKey }),
      },
      histories(),
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
  });
});
