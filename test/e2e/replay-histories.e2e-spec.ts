import { Worker } from '@temporalio/worker';
import * as fs from 'fs';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';
import { HISTORY_FIXTURES, loadHistoryFixture, ONE_WRITE_HISTORIES } from '../support/issue-driver';
import {
  LIMITS_FROM_ENTRY_HISTORIES,
  NEEDS_REPAIR_HISTORIES,
  ONE_UPSERT_HISTORIES,
} from '../support/issue/histories';

/**
 * Saved histories of real issue runs replayed against today's workflow code, bundled exactly as
 * the worker bundles it. A change that would break a running issue's replay fails here. Every
 * generation is kept: runs from before `patched('one-write-per-flush')` (an activity per write,
 * in test/fixtures/histories), runs since (one local activity per flush, in its
 * one-write-per-flush folder), the needs-repair and limits-from-entry runs, and runs since
 * `patched('search-attributes-once-per-task')` (refreshed with `npm run test:histories`).
 */
/** The newest marker: it stands for every earlier patch, and no older generation holds it. */
const ONE_UPSERT = 'search-attributes-once-per-task';

const PATHS = [
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
];
/** Paths driven only since one-write-per-flush (a merge: the duplicate's and the survivor's). */
const ONE_WRITE_PATHS = ['merged-duplicate', 'merged-survivor'];

describe.each([
  ['an activity per write (no patch marker)', HISTORY_FIXTURES, false],
  ['one write per flush', ONE_WRITE_HISTORIES, true],
])('replay of saved issue histories: %s', (_label, folder, marked) => {
  const files = fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort();

  it('has the histories of every path the workflow tests drive', () => {
    const names = files.map((file) => file.replace(/(\.run-\d+)?\.json$/, ''));
    expect([...new Set(names)]).toEqual(
      expect.arrayContaining(marked ? [...PATHS, ...ONE_WRITE_PATHS] : PATHS),
    );
    // continue-as-new leaves one history per run
    expect(files.filter((file) => file.startsWith('continued-as-new.run-')).length).toBeGreaterThan(
      1,
    );
  });

  it('holds the patch marker exactly when the run took the one-write path', () => {
    for (const file of files) {
      const patches = (loadHistoryFixture(file, folder).events ?? []).flatMap((event) => {
        const marker = event.markerRecordedEventAttributes;
        const data =
          marker?.markerName === 'core_patch' && marker.details?.['patch-data']?.payloads;
        return data ? data.map((p) => Buffer.from(p.data ?? []).toString('utf8')) : [];
      });
      const found = patches.some((patch) => patch.includes('one-write-per-flush'));
      expect({ file, marked: found }).toEqual({ file, marked });
      expect({ file, oneUpsert: patches.some((p) => p.includes(ONE_UPSERT)) }).toEqual({
        file,
        oneUpsert: false,
      });
      // Runs saved before limits-from-entry open as they did: limits from reportedAt.
      const fromEntry = patches.some((patch) => patch.includes('limits-from-entry'));
      expect({ file, fromEntry }).toEqual({ file, fromEntry: false });
    }
  });

  it('replays every saved history without a nondeterminism error', async () => {
    expect(await replay(files, folder)).toEqual(files.map((file) => ({ workflowId: file })));
  });
});

/**
 * Runs since `patched('flush-needs-repair')` (issue 12) whose flush failed for good: the
 * workflow recorded the "needs repair" mark. Replayed beside the two generations above.
 */
describe('replay of saved issue histories: a flush that failed for good (needs repair)', () => {
  const files = fs.readdirSync(NEEDS_REPAIR_HISTORIES).filter((file) => file.endsWith('.json'));

  it('holds both patch markers and the needs-repair local activity', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const events = loadHistoryFixture(file, NEEDS_REPAIR_HISTORIES).events ?? [];
      const markers = events.flatMap((event) => {
        const marker = event.markerRecordedEventAttributes;
        const data = marker?.details?.['patch-data']?.payloads ?? marker?.details?.data?.payloads;
        return data ? data.map((p) => Buffer.from(p.data ?? []).toString('utf8')) : [];
      });
      expect(markers.some((m) => m.includes('one-write-per-flush'))).toBe(true);
      expect(markers.some((m) => m.includes('flush-needs-repair'))).toBe(true);
      expect(markers.some((m) => m.includes('recordNeedsRepair'))).toBe(true);
      expect(markers.some((m) => m.includes(ONE_UPSERT))).toBe(false);
    }
  });

  it('replays without a nondeterminism error', async () => {
    expect(await replay(files, NEEDS_REPAIR_HISTORIES)).toEqual(
      files.map((file) => ({ workflowId: file })),
    );
  });
});

/**
 * Runs since `patched('limits-from-entry')` (issue 15): a back-dated report's limits run from
 * its entry, and its opened record keeps reportedAt.
 */
describe('replay of saved issue histories: limits from the entry (a back-dated report)', () => {
  const files = fs.readdirSync(LIMITS_FROM_ENTRY_HISTORIES).filter((f) => f.endsWith('.json'));

  it('holds both patch markers in every history', () => {
    expect(files).toContain('back-dated-persuaded.json');
    for (const file of files) {
      const patches = (loadHistoryFixture(file, LIMITS_FROM_ENTRY_HISTORIES).events ?? []).flatMap(
        (event) => {
          const data = event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads;
          return data ? data.map((p) => Buffer.from(p.data ?? []).toString('utf8')) : [];
        },
      );
      expect(patches.some((p) => p.includes('one-write-per-flush'))).toBe(true);
      expect(patches.some((p) => p.includes('limits-from-entry'))).toBe(true);
      expect(patches.some((p) => p.includes(ONE_UPSERT))).toBe(false);
    }
  });

  it('replays without a nondeterminism error', async () => {
    expect(await replay(files, LIMITS_FROM_ENTRY_HISTORIES)).toEqual(
      files.map((file) => ({ workflowId: file })),
    );
  });
});

/**
 * Runs since `patched('search-attributes-once-per-task')` (issue 16): at most one upsert of the
 * issue's search attributes per workflow task, and one patch marker per run (it stands for
 * one-write-per-flush, limits-from-entry and flush-needs-repair, which these runs take).
 */
describe('replay of saved issue histories: one search-attribute upsert per task', () => {
  const files = fs.readdirSync(ONE_UPSERT_HISTORIES).filter((f) => f.endsWith('.json'));

  it('has the histories of every path the workflow tests drive', () => {
    const names = files.map((file) => file.replace(/(\.run-\d+)?\.json$/, ''));
    expect([...new Set(names)]).toEqual(
      expect.arrayContaining([...PATHS, ...ONE_WRITE_PATHS, 'back-dated-persuaded']),
    );
    expect(files.filter((file) => file.startsWith('continued-as-new.run-')).length).toBeGreaterThan(
      1,
    );
  });

  it('holds the new marker alone, once per run, and one upsert per task at most', () => {
    for (const file of files) {
      const events = loadHistoryFixture(file, ONE_UPSERT_HISTORIES).events ?? [];
      const patches = events.flatMap((event) => {
        const data = event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads;
        return data ? data.map((p) => Buffer.from(p.data ?? []).toString('utf8')) : [];
      });
      expect({ file, patches: patches.map((p) => (JSON.parse(p) as { id: string }).id) }).toEqual({
        file,
        patches: [ONE_UPSERT],
      });
      // The issue's own upserts (Core adds one of TemporalChangeVersion per patch marker).
      const perTask = new Map<string, number>();
      for (const event of events) {
        const upsert = event.upsertWorkflowSearchAttributesEventAttributes;
        const fields = Object.keys(upsert?.searchAttributes?.indexedFields ?? {});
        if (!upsert || fields.includes('TemporalChangeVersion')) continue;
        const task = String(upsert.workflowTaskCompletedEventId);
        perTask.set(task, (perTask.get(task) ?? 0) + 1);
      }
      expect({ file, most: Math.max(0, ...perTask.values()) }).toEqual({ file, most: 1 });
    }
  });

  it('replays without a nondeterminism error', async () => {
    expect(await replay(files, ONE_UPSERT_HISTORIES)).toEqual(
      files.map((file) => ({ workflowId: file })),
    );
  });
});

/** Replays the saved histories against today's code, bundled as the worker bundles it. */
async function replay(
  files: string[],
  folder: string,
): Promise<Array<{ workflowId: string; error?: string }>> {
  const { workflowsPath, webpackConfigHook } = workflowBundleOptions();
  async function* histories() {
    for (const file of files) {
      yield { workflowId: file, history: loadHistoryFixture(file, folder) };
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
  return results;
}
