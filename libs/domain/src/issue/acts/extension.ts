import type { ExtensionRequestAct, LeaderVoteAct, Milestone } from '../types';
import { listField, plainField, textField, type ActSpecs } from './spec';
import { flag, instant, list, object, optional, text } from '../payload-schema';

/**
 * The acts of an extension (集体研究决定): the bureau's request for a major issue and the
 * county leaders' votes. Part of the act catalogue (catalogue.ts); the workflow's side is
 * workflows/src/issue/rooms/extension.ts.
 */

/** Each act of the room and the payload its record keeps. */
export interface ExtensionActTypes {
  extensionRequest: {
    act: ExtensionRequestAct;
    payload: {
      newDeadline: string;
      reason: string;
      milestones: Milestone[];
      /** absent when the issue had no running limit (never, in practice) */
      currentDueAt?: string;
      votingDeadline: string;
    };
  };
  leaderVote: {
    act: LeaderVoteAct;
    /** `extension`: the request id of the extension voted on */
    payload: { extension: string; approve: boolean; comment: string };
  };
}

export const EXTENSION_ACT_SPECS: ActSpecs<keyof ExtensionActTypes> = {
  extensionRequest: {
    name: 'extensionRequest',
    stage: 'resolution',
    role: 'bureau',
    scope: 'sector',
    unit: 'bureau',
    room: 'extension',
    endsStage: false,
    payload: object({
      newDeadline: instant(),
      reason: text(),
      milestones: list(object({ description: text(), dueDate: instant() })),
      currentDueAt: optional(instant('the limit the extension would replace')),
      votingDeadline: instant(),
    }),
    update: 'extensionRequest',
    route: 'extension-request',
    names: { zh: '申请延期', en: 'Request an extension' },
    about: 'Ask county leaders to extend a major issue, with milestones',
    hint: {
      zh: '重大复杂问题 1 个月内确难解决的，报县级领导集体研究决定。',
      en: 'A major issue that cannot be solved within a month goes to the county leaders for a collective decision.',
    },
    why: (p) => p.reason,
    fields: {
      newDeadline: plainField('新的完成时限', 'New deadline'),
      reason: textField('延期理由', 'Reason'),
      milestones: listField('节点计划', 'Milestones'),
    },
    line: {
      en: (l) =>
        `${l.who} asked the county leaders to extend the limit to ${l.time(l.payload.newDeadline)} (vote by ${l.time(
          l.payload.votingDeadline,
        )})`,
      'zh-CN': (l) =>
        `${l.who}申请延期至 ${l.time(l.payload.newDeadline)}（表决截止 ${l.time(l.payload.votingDeadline)}）`,
    },
  },
  leaderVote: {
    name: 'leaderVote',
    stage: 'resolution',
    role: 'leader',
    scope: 'county',
    unit: 'leaders',
    room: 'extension',
    endsStage: false,
    payload: object({
      extension: text('the request id of the extension voted on'),
      approve: flag(),
      comment: text(),
    }),
    update: 'leaderVote',
    route: 'leader-votes',
    names: { zh: '延期表决', en: 'Leader vote' },
    about: "集体研究决定: a county leader's vote on the open extension",
    why: (p) => p.comment,
    verdict: (p) => (p.approve ? 'approve' : 'reject'),
    fields: {
      approve: {
        label: { zh: '表决', en: 'Vote' },
        options: {
          yes: { zh: '同意', en: 'Approve' },
          no: { zh: '不同意', en: 'Reject' },
        },
      },
      comment: textField('意见', 'Comment'),
    },
    line: {
      en: (l) => `${l.who} voted to ${l.payload.approve ? 'approve' : 'reject'} the extension`,
      'zh-CN': (l) => `${l.who}表决：${l.payload.approve ? '同意延期' : '不同意延期'}`,
    },
  },
};
