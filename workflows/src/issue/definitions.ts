import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  ACTS,
  ACT_NAMES,
  type ActName,
  type ActOf,
  type ActResult,
  type Evidence,
  type IssueState,
  type MergedInNotice,
} from '@sanbao/domain';

/**
 * The issue workflow's messages, exported for clients (intake, API) and tests. Names are part
 * of the saved histories: renaming one breaks replay of running issues (the acts' Update names
 * are the catalogue's `update` field, which stays the act's name).
 */
export const ISSUE_WORKFLOW_TYPE = 'issueWorkflow';

/** New evidence about an open issue (from intake's signal-with-start or from a person). */
export const evidenceSignal = defineSignal<[Evidence]>('evidence');

/** A duplicate was merged into this issue: sent by the duplicate's workflow once it closed. */
export const mergedInSignal = defineSignal<[MergedInNotice]>('mergedIn');

export const issueStateQuery = defineQuery<IssueState>('issueState');

/** One act's Update: its argument is the act, its answer the act's result. */
export type ActUpdate<K extends ActName> = UpdateDefinition<ActResult, [ActOf<K>], string>;

/** Every act's Update, by act name (from the catalogue). */
export const actUpdates = Object.fromEntries(
  ACT_NAMES.map((name) => [name, defineUpdate<ActResult, [ActOf<typeof name>]>(ACTS[name].update)]),
) as { readonly [K in ActName]: ActUpdate<K> };
