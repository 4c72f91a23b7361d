import type { CompletionAct, ProgressNoteAct, WriteOffCheckAct } from '../types';
import { listField, textField, type ActSpecs } from './spec';
import { choice, list, object, optional, text } from '../payload-schema';

/**
 * The acts of resolution (解决"710") and write-off (销号): the bureau's progress notes and
 * completion, the township's check with the household. Part of the act catalogue
 * (catalogue.ts); the workflow's side is workflows/src/issue/rooms/resolution.ts.
 */

/** Each act of the room and the payload its record keeps. */
export interface ResolutionActTypes {
  progressNote: { act: ProgressNoteAct; payload: { note: string } };
  completion: { act: CompletionAct; payload: { outcome: string; evidenceRefs: string[] } };
  writeOffCheck: {
    act: WriteOffCheckAct;
    payload: { result: WriteOffCheckAct['result']; reason?: string };
  };
}

export const RESOLUTION_ACT_SPECS: ActSpecs<keyof ResolutionActTypes> = {
  progressNote: {
    name: 'progressNote',
    stage: 'resolution',
    role: 'bureau',
    scope: 'sector',
    unit: 'bureau',
    room: 'resolution',
    endsStage: false,
    payload: object({ note: text() }),
    update: 'progressNote',
    route: 'progress-notes',
    names: { zh: '报告进展', en: 'Progress note' },
    about: 'A progress note while the fix is under way',
    why: (p) => p.note,
    fields: { note: textField('进展情况', 'Progress') },
    line: {
      en: (l) => `${l.who} noted progress`,
      'zh-CN': (l) => `${l.who}报告进展`,
    },
  },
  completion: {
    name: 'completion',
    stage: 'resolution',
    role: 'bureau',
    scope: 'sector',
    unit: 'bureau',
    room: 'resolution',
    endsStage: true,
    payload: object({ outcome: text(), evidenceRefs: list(text()) }),
    update: 'completion',
    route: 'completion',
    names: { zh: '报告完成', en: 'Report completion' },
    about: 'The bureau reports the work done; the township checks next',
    why: (p) => p.outcome,
    fields: {
      outcome: textField('解决结果', 'Outcome'),
      evidenceRefs: listField('佐证材料编号（每行一条）', 'Evidence references (one per line)'),
    },
    line: {
      en: (l) => `${l.who} reported the work done`,
      'zh-CN': (l) => `${l.who}报告问题已解决`,
    },
    figure: 'resolved',
  },
  writeOffCheck: {
    name: 'writeOffCheck',
    stage: 'write_off',
    role: 'township',
    scope: 'township',
    unit: 'township',
    room: 'resolution',
    endsStage: true,
    payload: object({
      result: choice(['resolved', 'not_resolved']),
      reason: optional(text()),
    }),
    update: 'writeOffCheck',
    route: 'write-off-check',
    names: { zh: '销号回访', en: 'Write-off check' },
    about: '销号: the township confirms with the household, or reopens',
    hint: {
      zh: '与群众核实问题已解决后销号；未解决的退回重办。',
      en: 'Confirm with the household that the problem is solved, then write it off; otherwise send it back.',
    },
    why: (p) => p.reason,
    fields: {
      result: {
        label: { zh: '回访结果', en: 'Result' },
        options: {
          resolved: { zh: '问题已解决，销号', en: 'Solved: write off' },
          not_resolved: { zh: '问题未解决，退回重办', en: 'Not solved: reopen' },
        },
      },
      reason: textField('说明', 'Reason'),
    },
    line: {
      en: (l) =>
        `${l.who} checked with the household: ${
          l.payload.result === 'resolved' ? 'the problem is solved' : 'the problem is not solved'
        }`,
      'zh-CN': (l) =>
        `${l.who}回访：${l.payload.result === 'resolved' ? '问题已解决' : '问题未解决'}`,
    },
  },
};
