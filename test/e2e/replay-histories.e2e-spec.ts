import { Worker } from '@temporalio/worker';
import * as fs from 'fs';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';
import { HISTORY_FIXTURES, loadHistoryFixture } from '../support/issue-driver';

/**
 * Saved histories of real issue runs (test/fixtures/histories, refreshed with
 * `npm run test:histories`) replayed against today's workflow code, bundled exactly as the
 * worker bundles it. A change that would break a running issue's replay fails here.
 */
describe('replay of saved issue histories', () => {
  const files = fs
    .readdirSync(HISTORY_FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .sort();

  it('has the histories of every path the workflow tests drive', () => {
    const names = files.map((file) => file.replace(/(\.run-\d+)?\.json$/, ''));
    expect([...new Set(names)]).toEqual(
      expect.arrayContaining([
        'general-written-off',
        'persuaded',
        'unfounded',
        'reopened-then-written-off',
        'refused-acts',
        'overdue-every-stage',
        'extension-approved',
        'extension-rejected',
        'extension-vote-lapsed',
        'worker-restart',
        'continued-as-new',
      ]),
    );
    // continue-as-new leaves one history per run
    expect(files.filter((file) => file.startsWith('continued-as-new.run-')).length).toBeGreaterThan(
      1,
    );
  });

  it('replays every saved history without a nondeterminism error', async () => {
    const { workflowsPath, webpackConfigHook } = workflowBundleOptions();
    async function* histories() {
      for (const file of files) {
        yield { workflowId: file, history: loadHistoryFixture(file) };
      }
    }
    const results: Array<{ workflowId: string; error?: string }> = [];
    for await (const result of Worker.runReplayHistories(
      { workflowsPath, bundlerOptions: { webpackConfigHook }, replayName: 'issue-fixtures' },
      histories(),
    )) {
      results.push({
        workflowId: result.workflowId,
        ...(result.error ? { error: String(result.error) } : {}),
      });
    }
    expect(results).toEqual(files.map((file) => ({ workflowId: file })));
  });
});
