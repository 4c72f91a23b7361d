import { canonicalKind } from '@sanbao/domain';
import type { ActHandler } from '../issue-case';

/**
 * Triage ("135"): the village verifies, the township decides, the county bureau plans. Each
 * act records itself, hands the issue on (or closes it) and answers.
 */
export const TRIAGE_ACTS: {
  readonly verification: ActHandler<'verification'>;
  readonly townshipDecision: ActHandler<'townshipDecision'>;
  readonly solutionPlan: ActHandler<'solutionPlan'>;
} = {
  verification(c, act, now) {
    // The visit may correct the kind within its family (the validator checked the family);
    // the record keeps both, and the ledger row follows the state.
    const previousKind = c.state.kind;
    const kind = act.kind === undefined ? undefined : canonicalKind(c.state.sector, act.kind);
    const corrected = kind !== undefined && kind !== previousKind;
    if (corrected) c.state.kind = kind;
    const seq = c.recordAct(
      'verification',
      act,
      now,
      `verification: ${act.confirmed ? 'confirmed' : 'not confirmed'}`,
      {
        confirmed: act.confirmed,
        findings: act.findings,
        visitedAt: act.visitedAt,
        ...(corrected ? { kind, previousKind } : {}),
      },
    );
    c.moveTo('township_decision', seq, now);
    return c.answerAct('verification', act, seq, now);
  },

  townshipDecision(c, act, now) {
    const seq = c.recordAct('townshipDecision', act, now, `township decision: ${act.decision}`, {
      decision: act.decision,
      explanation: act.explanation,
    });
    if (act.decision === 'forward') c.moveTo('solution_plan', seq, now);
    else c.close(act.decision === 'persuade' ? 'persuaded' : 'unfounded', act.actor, now);
    return c.answerAct('townshipDecision', act, seq, now);
  },

  solutionPlan(c, act, now) {
    const plan = {
      responsiblePerson: act.responsiblePerson,
      responsibleUnit: act.responsibleUnit,
      measures: [...act.measures],
      completionDate: new Date(act.completionDate).toISOString(),
      severity: act.severity,
    };
    const seq = c.recordAct('solutionPlan', act, now, `solution plan: ${act.severity}`, plan);
    c.state.plan = plan;
    c.state.severity = act.severity;
    c.moveTo('resolution', seq, now);
    return c.answerAct('solutionPlan', act, seq, now);
  },
};
