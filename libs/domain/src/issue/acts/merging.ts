import type { MergeAct } from '../types';
import { plainField, textField, type ActSpecs } from './spec';
import { object, text } from '../payload-schema';

/**
 * Merging a duplicate (合并): a township or bureau officer, at any open stage, merges an issue
 * into the open issue it duplicates. Part of the act catalogue (catalogue.ts); the workflow's
 * side is workflows/src/issue/rooms/merging.ts, the survivor's record `merged_in` (records.ts).
 */

/** Each act of the room and the payload its record keeps. */
export interface MergingActTypes {
  /** `into`: the survivor's ledger number; `workflowId`: its workflow, told of the merging */
  merge: { act: MergeAct; payload: { into: string; reason: string; workflowId: string } };
}

export const MERGING_ACT_SPECS: ActSpecs<keyof MergingActTypes> = {
  merge: {
    name: 'merge',
    stage: 'open',
    role: ['township', 'bureau'],
    scope: 'role',
    unit: 'township',
    room: 'merge',
    endsStage: false,
    payload: object({
      into: text('the ledger number of the issue kept'),
      reason: text(),
      workflowId: text('the workflow of the issue kept'),
    }),
    update: 'merge',
    route: 'merge',
    names: { zh: '合并重复问题', en: 'Merge a duplicate' },
    about: 'Merge this issue into the open issue it duplicates: this one closes as merged',
    hint: {
      zh: '同一问题重复立案的，并入保留的问题（须同一行业、均在本辖区）；本问题以“已合并”办结，佐证材料和办理记录转入保留的问题。',
      en: 'A second issue about the same problem goes into the one kept (same sector, both in your scope); this one closes as merged and its evidence and record are linked there.',
    },
    why: (p) => p.reason,
    fields: {
      into: plainField('并入的问题（台账编号）', 'Merge into (ledger number)'),
      reason: textField('合并理由', 'Reason'),
    },
    line: {
      en: (l) =>
        `${l.who} merged this issue into ${l.payload.into}, the issue it duplicates; its evidence and record are linked there`,
      'zh-CN': (l) =>
        `${l.who}将本问题作为重复问题并入 ${l.payload.into}，佐证材料和办理记录转入该问题`,
    },
  },
};
