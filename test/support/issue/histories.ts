// Saved workflow histories: the replay fixtures under test/fixtures/histories.
import { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import * as fs from 'fs';
import * as path from 'path';

export const HISTORY_FIXTURES = path.resolve(__dirname, '../../fixtures/histories');
/**
 * Histories written since one-write-per-flush (issue 16), before search-attributes-once-per-task.
 * The ones directly in HISTORY_FIXTURES are older runs (an activity per write). Both are kept
 * as they are so that the paths for histories without the newer markers stay tested.
 */
export const ONE_WRITE_HISTORIES = path.join(HISTORY_FIXTURES, 'one-write-per-flush');
/**
 * Runs since `flush-needs-repair` (issue 12) in which a flush failed for good and the workflow
 * marked the issue "needs repair" (saved by test/e2e/reconciliation with SANBAO_SAVE_HISTORIES=1).
 */
export const NEEDS_REPAIR_HISTORIES = path.join(HISTORY_FIXTURES, 'flush-needs-repair');
/**
 * Histories written since limits-from-entry (issue 15: a back-dated report's limits run from
 * its entry), saved by the tests that drive a back-dated report; the folders above keep runs
 * without that marker.
 */
export const LIMITS_FROM_ENTRY_HISTORIES = path.join(HISTORY_FIXTURES, 'limits-from-entry');
/**
 * Histories written since search-attributes-once-per-task (issue 16: one upsert per workflow
 * task; the marker stands for every earlier patch): `npm run test:histories` refreshes these,
 * and every saved run goes here unless a test names another folder.
 */
export const ONE_UPSERT_HISTORIES = path.join(HISTORY_FIXTURES, 'search-attributes-once-per-task');

/**
 * A saved fixture as the replayer takes it. The fixtures are protobufjs JSON (enum names,
 * 64-bit numbers as strings), written and read by the same @temporalio/proto classes.
 */
export function loadHistoryFixture(
  file: string,
  folder = HISTORY_FIXTURES,
): temporal.api.history.v1.History {
  const json: unknown = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  return temporal.api.history.v1.History.fromObject(json as Record<string, unknown>);
}

/**
 * Writes every run of a workflow (continue-as-new makes several) as replay fixtures:
 * <name>.json for one run, <name>.run-<n>.json for each when there are several.
 */
export async function saveHistoryFixture(
  client: Client,
  workflowId: string,
  name: string,
  folder = ONE_UPSERT_HISTORIES,
): Promise<void> {
  fs.mkdirSync(folder, { recursive: true });
  const runs: string[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  // Walk back from the latest run through each run's predecessor.
  while (runId) {
    runs.unshift(runId);
    const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory();
    runId =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ||
      undefined;
  }
  // A refresh replaces the fixture whole: a shorter chain of runs leaves no stale run behind.
  for (const file of fs.readdirSync(folder)) {
    if (file === `${name}.json` || (file.startsWith(`${name}.run-`) && file.endsWith('.json'))) {
      fs.rmSync(path.join(folder, file));
    }
  }
  for (const [i, id] of runs.entries()) {
    const history = await client.workflow.getHandle(workflowId, id).fetchHistory();
    const file = runs.length === 1 ? `${name}.json` : `${name}.run-${i + 1}.json`;
    const json = temporal.api.history.v1.History.fromObject(history).toJSON();
    fs.writeFileSync(path.join(folder, file), JSON.stringify(json) + '\n');
  }
}
