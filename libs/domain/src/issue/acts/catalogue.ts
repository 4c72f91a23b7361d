import { MAX_TEXT } from '../../limits';
import type {
  CompletionAct,
  ExtensionRequestAct,
  LeaderVoteAct,
  Milestone,
  ProgressNoteAct,
  Role,
  Severity,
  SolutionPlanAct,
  Stage,
  TownshipDecisionAct,
  TownshipDecisionKind,
  VerificationAct,
  WriteOffCheckAct,
} from '../types';

/**
 * The act catalogue: every act a person does on an issue, defined once. The workflow's Update
 * definitions and validators, the API's routes and task lists, the console's forms and labels
 * and the report figures all read this table; adding an act starts here (docs/workflow.md,
 * "How to add an act"). Pure data and types: the workflow sandbox and the console import it.
 */

/** A name in both of the county's working languages. */
export interface Names {
  zh: string;
  en: string;
}

/**
 * Whose scope an actor must hold: the village, its township, or its sector's bureau;
 * `role`: the scope of the actor's own role (a village cadre's village, a township officer's
 * township, a bureau officer's sector), for an act more than one role may do.
 */
export type ScopeRule = 'village' | 'township' | 'sector' | 'county' | 'role';

/** The roles that sign acts (machines only report and add evidence). */
export type ActRole = Exclude<Role, 'system'>;

/** An open stage, or `open`: any stage until the issue is closed. */
export type ActStage = Exclude<Stage, 'closed'> | 'open';

/** The unit answerable for an act being done on time. */
export type ResponsibleUnit = 'village' | 'township' | 'bureau' | 'leaders';

/** The part of the issue workflow the act belongs to (workflows/src/issue/rooms). */
export type ActRoom = 'triage' | 'resolution' | 'extension';

/** The monthly report's figures an act counts towards. */
export type ActFigure =
  'verified' | 'forwarded' | 'persuaded' | 'unfounded' | 'planned' | 'resolved';

/** One field of an act as a form shows it: its label and, for choices, the options' labels. */
export interface ActField {
  label: Names;
  /** free text: at most this many characters; lists: at most `maxItems` entries of that size */
  maxLength?: number;
  maxItems?: number;
  options?: Record<string, Names>;
}

/** What the signed record keeps of each act (the record's payload), and the act itself. */
export interface ActTypes {
  verification: {
    act: VerificationAct;
    /** kind and previousKind: only when the visit corrected the kind */
    payload: {
      confirmed: boolean;
      findings: string;
      visitedAt: string;
      kind?: string;
      previousKind?: string;
    };
  };
  townshipDecision: {
    act: TownshipDecisionAct;
    payload: { decision: TownshipDecisionKind; explanation: string };
  };
  solutionPlan: {
    act: SolutionPlanAct;
    payload: {
      responsiblePerson: string;
      responsibleUnit: string;
      measures: string[];
      completionDate: string;
      severity: Severity;
    };
  };
  progressNote: { act: ProgressNoteAct; payload: { note: string } };
  completion: { act: CompletionAct; payload: { outcome: string; evidenceRefs: string[] } };
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
  writeOffCheck: {
    act: WriteOffCheckAct;
    payload: { result: WriteOffCheckAct['result']; reason?: string };
  };
}

export type ActName = keyof ActTypes;
export type ActOf<K extends ActName> = ActTypes[K]['act'];
export type ActPayloadOf<K extends ActName> = ActTypes[K]['payload'];

export interface ActSpec<K extends ActName = ActName> {
  name: K;
  /** the only stage the act may be done in, or `open` for any stage until closed */
  stage: ActStage;
  /** who does it: a person's role, or the roles that may (machines only report and add evidence) */
  role: ActRole | readonly ActRole[];
  scope: ScopeRule;
  unit: ResponsibleUnit;
  room: ActRoom;
  /** the stage's expected act: doing it hands the issue on (or closes it) */
  endsStage: boolean;
  /** the Temporal Update's name: part of saved histories, never renamed */
  update: string;
  /** the API route below /issues/:id/ */
  route: string;
  names: Names;
  /** what the act is for, one line (the API's operation summary) */
  about: string;
  /** the console form's hint, where the county's rule is worth repeating */
  hint?: Names;
  fields: Partial<Record<keyof Omit<ActOf<K>, 'requestId' | 'actor'>, ActField>>;
  /** the reason the signer gave, from the act's record (the timeline's "why") */
  why?: (payload: ActPayloadOf<K>) => string | undefined;
  /** for an act that approves or rejects (a vote): which, from its record */
  verdict?: (payload: ActPayloadOf<K>) => 'approve' | 'reject';
  /** the report figure one record of the act counts towards, if any */
  figure?: (payload: ActPayloadOf<K>) => ActFigure | undefined;
}

/** Most items a list in an act may hold (measures, evidence references, milestones). */
export const MAX_ITEMS = 100;

const text = (zh: string, en: string): ActField => ({ label: { zh, en }, maxLength: MAX_TEXT });
const list = (zh: string, en: string): ActField => ({
  label: { zh, en },
  maxLength: MAX_TEXT,
  maxItems: MAX_ITEMS,
});
const plain = (zh: string, en: string): ActField => ({ label: { zh, en } });

const DECISION_FIGURE: Record<TownshipDecisionKind, ActFigure> = {
  forward: 'forwarded',
  persuade: 'persuaded',
  unfounded: 'unfounded',
};

export const ACTS: { readonly [K in ActName]: ActSpec<K> } = {
  verification: {
    name: 'verification',
    stage: 'verification',
    role: 'village',
    scope: 'village',
    unit: 'village',
    room: 'triage',
    endsStage: true,
    update: 'verification',
    route: 'verification',
    names: { zh: '入户核查', en: 'Verification' },
    about: '核查: the village cadre verifies the report after a home visit',
    hint: {
      zh: '首问负责：1 日内入户核实。',
      en: 'First responder: visit the household within 1 day.',
    },
    why: (p) => p.findings,
    fields: {
      confirmed: {
        label: { zh: '核查结果', en: 'Result' },
        options: {
          yes: { zh: '情况属实', en: 'The problem is real' },
          no: { zh: '情况不属实', en: 'The problem is not confirmed' },
        },
      },
      findings: text('核查情况', 'Findings'),
      visitedAt: plain('入户时间', 'Visited at'),
      kind: plain(
        '核实的问题类型（同类问题内更正）',
        'Kind found (a correction within the family)',
      ),
    },
    figure: () => 'verified',
  },
  townshipDecision: {
    name: 'townshipDecision',
    stage: 'township_decision',
    role: 'township',
    scope: 'township',
    unit: 'township',
    room: 'triage',
    endsStage: true,
    update: 'townshipDecision',
    route: 'township-decision',
    names: { zh: '乡镇研判', en: 'Township decision' },
    about: '核查办理意见: forward to the bureau, persuade, or unfounded',
    hint: { zh: '3 日内提出核查办理意见。', en: 'Decide within 3 days.' },
    why: (p) => p.explanation,
    fields: {
      decision: {
        label: { zh: '办理意见', en: 'Decision' },
        options: {
          forward: {
            zh: '需县级解决，转交行业部门',
            en: 'Needs the county: forward to the bureau',
          },
          persuade: {
            zh: '不属政策范围，说服劝导后办结',
            en: 'Outside policy: persuade and close',
          },
          unfounded: { zh: '核实不属实，办结', en: 'Unfounded: close' },
        },
      },
      explanation: text('说明', 'Explanation'),
    },
    figure: (p) => DECISION_FIGURE[p.decision],
  },
  solutionPlan: {
    name: 'solutionPlan',
    stage: 'solution_plan',
    role: 'bureau',
    scope: 'sector',
    unit: 'bureau',
    room: 'triage',
    endsStage: true,
    update: 'solutionPlan',
    route: 'solution-plan',
    names: { zh: '制定解决方案', en: 'Solution plan' },
    about: '解决方案: the county bureau sets the plan (general or major)',
    hint: {
      zh: '5 日内明确责任人、措施和完成时限，列入台账。',
      en: 'Within 5 days: responsible person, measures and completion date; the issue enters the ledger.',
    },
    fields: {
      responsiblePerson: text('责任人', 'Responsible person'),
      responsibleUnit: text('责任单位', 'Responsible unit'),
      measures: list('措施（每行一条）', 'Measures (one per line)'),
      completionDate: plain('完成时限', 'Completion date'),
      severity: {
        label: { zh: '问题程度', en: 'Severity' },
        options: {
          general: { zh: '一般问题（7 日内解决）', en: 'General (solved within 7 days)' },
          major: { zh: '重大复杂问题（1 个月内解决）', en: 'Major or complex (within 1 month)' },
        },
      },
    },
    figure: () => 'planned',
  },
  progressNote: {
    name: 'progressNote',
    stage: 'resolution',
    role: 'bureau',
    scope: 'sector',
    unit: 'bureau',
    room: 'resolution',
    endsStage: false,
    update: 'progressNote',
    route: 'progress-notes',
    names: { zh: '报告进展', en: 'Progress note' },
    about: 'A progress note while the fix is under way',
    why: (p) => p.note,
    fields: { note: text('进展情况', 'Progress') },
  },
  completion: {
    name: 'completion',
    stage: 'resolution',
    role: 'bureau',
    scope: 'sector',
    unit: 'bureau',
    room: 'resolution',
    endsStage: true,
    update: 'completion',
    route: 'completion',
    names: { zh: '报告完成', en: 'Report completion' },
    about: 'The bureau reports the work done; the township checks next',
    why: (p) => p.outcome,
    fields: {
      outcome: text('解决结果', 'Outcome'),
      evidenceRefs: list('佐证材料编号（每行一条）', 'Evidence references (one per line)'),
    },
    figure: () => 'resolved',
  },
  extensionRequest: {
    name: 'extensionRequest',
    stage: 'resolution',
    role: 'bureau',
    scope: 'sector',
    unit: 'bureau',
    room: 'extension',
    endsStage: false,
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
      newDeadline: plain('新的完成时限', 'New deadline'),
      reason: text('延期理由', 'Reason'),
      milestones: list('节点计划', 'Milestones'),
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
      comment: text('意见', 'Comment'),
    },
  },
  writeOffCheck: {
    name: 'writeOffCheck',
    stage: 'write_off',
    role: 'township',
    scope: 'township',
    unit: 'township',
    room: 'resolution',
    endsStage: true,
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
      reason: text('说明', 'Reason'),
    },
  },
};

/** Roles as a person reads them, with the article an English sentence needs. */
export const ROLE_NAMES: { readonly [R in Role]: Names & { enArticle: string } } = {
  village: { zh: '村干部', en: 'village cadre', enArticle: 'a village cadre' },
  township: { zh: '乡镇干部', en: 'township officer', enArticle: 'a township officer' },
  bureau: { zh: '县行业部门', en: 'county bureau officer', enArticle: 'a county bureau officer' },
  leader: { zh: '县级领导', en: 'county leader', enArticle: 'a county leader' },
  supervisor: { zh: '督查', en: 'supervisor', enArticle: 'a supervisor' },
  admin: { zh: '管理员', en: 'administrator', enArticle: 'an administrator' },
  system: { zh: '系统', en: 'system', enArticle: 'a system account' },
};
