import type {
  Severity,
  SolutionPlanAct,
  TownshipDecisionAct,
  TownshipDecisionKind,
  VerificationAct,
} from '../types';
import { listField, plainField, textField, type ActSpecs } from './spec';
import { choice, flag, instant, list, object, optional, text } from '../payload-schema';

/**
 * The acts of triage (排查"135"): the village's home visit, the township's decision, the
 * bureau's plan. Part of the act catalogue (catalogue.ts); the workflow's side is
 * workflows/src/issue/rooms/triage.ts.
 */

/** Each act of the room and the payload its record keeps. */
export interface TriageActTypes {
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
}

export const TRIAGE_ACT_SPECS: ActSpecs<keyof TriageActTypes> = {
  verification: {
    name: 'verification',
    stage: 'verification',
    role: 'village',
    scope: 'village',
    unit: 'village',
    room: 'triage',
    endsStage: true,
    payload: object({
      confirmed: flag('the problem is real'),
      findings: text('what the home visit found'),
      visitedAt: instant(),
      kind: optional(text('the kind found, when the visit corrected it')),
      previousKind: optional(text('the kind reported, when the visit corrected it')),
    }),
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
      findings: textField('核查情况', 'Findings'),
      visitedAt: plainField('入户时间', 'Visited at'),
      kind: plainField(
        '核实的问题类型（同类问题内更正）',
        'Kind found (a correction within the family)',
      ),
    },
    line: {
      en: (l) =>
        `${l.who} visited the household on ${l.time(l.payload.visitedAt)} and ${
          l.payload.confirmed ? 'confirmed' : 'did not confirm'
        } the problem`,
      'zh-CN': (l) =>
        `${l.who}于 ${l.time(l.payload.visitedAt)} 入户核查：${l.payload.confirmed ? '情况属实' : '情况不属实'}`,
    },
    figure: 'verified',
  },
  townshipDecision: {
    name: 'townshipDecision',
    stage: 'township_decision',
    role: 'township',
    scope: 'township',
    unit: 'township',
    room: 'triage',
    endsStage: true,
    payload: object({
      decision: choice(['forward', 'persuade', 'unfounded']),
      explanation: text(),
    }),
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
      explanation: textField('说明', 'Explanation'),
    },
    line: {
      en: (l) =>
        `${l.who} ${
          {
            forward: 'forwarded the issue to the county bureau',
            persuade: 'explained the policy to the household and closed the issue (persuaded)',
            unfounded: 'found the report unfounded and closed the issue',
          }[l.payload.decision]
        }`,
      'zh-CN': (l) =>
        `${l.who}研判：${
          {
            forward: '需县级解决，转交行业部门',
            persuade: '不属政策范围，说服劝导后办结',
            unfounded: '核实不属实，办结',
          }[l.payload.decision]
        }`,
    },
    figure: {
      by: 'decision',
      of: { forward: 'forwarded', persuade: 'persuaded', unfounded: 'unfounded' },
    },
  },
  solutionPlan: {
    name: 'solutionPlan',
    stage: 'solution_plan',
    role: 'bureau',
    scope: 'sector',
    unit: 'bureau',
    room: 'triage',
    endsStage: true,
    payload: object({
      responsiblePerson: text(),
      responsibleUnit: text(),
      measures: list(text()),
      completionDate: instant(),
      severity: choice(['general', 'major']),
    }),
    update: 'solutionPlan',
    route: 'solution-plan',
    names: { zh: '制定解决方案', en: 'Solution plan' },
    about: '解决方案: the county bureau sets the plan (general or major)',
    hint: {
      zh: '5 日内明确责任人、措施和完成时限，列入台账。',
      en: 'Within 5 days: responsible person, measures and completion date; the issue enters the ledger.',
    },
    fields: {
      responsiblePerson: textField('责任人', 'Responsible person'),
      responsibleUnit: textField('责任单位', 'Responsible unit'),
      measures: listField('措施（每行一条）', 'Measures (one per line)'),
      completionDate: plainField('完成时限', 'Completion date'),
      severity: {
        label: { zh: '问题程度', en: 'Severity' },
        options: {
          general: { zh: '一般问题（7 日内解决）', en: 'General (solved within 7 days)' },
          major: { zh: '重大复杂问题（1 个月内解决）', en: 'Major or complex (within 1 month)' },
        },
      },
    },
    line: {
      en: (l) =>
        `${l.who} set a ${l.words.severity[l.payload.severity]} solution plan: ${l.payload.responsibleUnit}, ${
          l.payload.responsiblePerson
        } responsible, done by ${l.time(l.payload.completionDate)}; measures: ${l.payload.measures.join('; ')}`,
      'zh-CN': (l) =>
        `${l.who}制定${l.words.severity[l.payload.severity]}问题解决方案：${l.payload.responsibleUnit}，责任人 ${
          l.payload.responsiblePerson
        }，${l.time(l.payload.completionDate)} 前完成；措施：${l.payload.measures.join('；')}`,
    },
    figure: 'planned',
  },
};
