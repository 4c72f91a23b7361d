import { addPolicyDuration, canonicalKind, rerouteLimit, type RouteCodes } from '@sanbao/domain';
import type { ActHandler, IssueCase } from '../issue-case';
import { responsibleUnit } from '../responsibility';
import { iso, type OpenStage } from './basics';

/**
 * Routing (退回/转办): the unit an issue was wrongly addressed to sends it back, and the level
 * above re-routes it. The clock (docs/workflow.md, "Send back and re-route"): sending back
 * ends the sender's limit (a lapse it already ran into stays and is settled there); the level
 * above then answers under `limits.sentBack`; the re-route gives the receiving unit the stage's
 * full limit afresh, counted from the re-route.
 */
export const ROUTING_ACTS: {
  readonly sendBack: ActHandler<'sendBack'>;
  readonly reroute: ActHandler<'reroute'>;
} = {
  sendBack(c, act, now) {
    const stage = c.state.stage as OpenStage;
    const unit = responsibleUnit(c.issue, stage);
    const dueAt = iso(addPolicyDuration(c.issue.policy, now, rerouteLimit(c.issue.policy)));
    const seq = c.recordAct('sendBack', act, now, `sent back by ${unit}`, {
      reason: act.reason,
      unit,
      dueAt,
    });
    c.state.sentBack = { stage, unit, at: iso(now), dueAt };
    c.setDeadline(stage, new Date(dueAt));
    c.emit('sent_back', seq, { unit, dueAt });
    return c.answerAct('sendBack', act, seq, now);
  },

  reroute(c, act, now) {
    const stage = c.state.stage as OpenStage;
    const from = codesOf(c);
    const sector = act.sector ?? from.sector;
    const villageCode = act.villageCode ?? from.villageCode;
    const to: RouteCodes = {
      villageCode,
      // A village's first nine digits are its township's code.
      townshipCode: villageCode.slice(0, 9),
      sector,
      kind: act.kind === undefined ? from.kind : (canonicalKind(sector, act.kind) ?? act.kind),
    };
    const subject = {
      ...c.state.subject,
      villageCode: to.villageCode,
      townshipCode: to.townshipCode,
    };
    c.state.subject = subject;
    c.issue.subject = { ...subject };
    c.state.sector = c.issue.sector = to.sector;
    c.state.kind = c.issue.kind = to.kind;
    c.state.sentBack = undefined;
    c.state.stageSince = iso(now);
    // The receiving unit's limit starts afresh, even when the county counts from the report.
    const dueAt = c.dueAt(stage, now, true);
    const seq = c.recordAct('reroute', act, now, `re-routed to ${to.villageCode}/${to.sector}`, {
      reason: act.reason,
      from,
      to,
      dueAt: iso(dueAt),
    });
    c.setDeadline(stage, dueAt);
    const place = (r: RouteCodes) => ({
      villageCode: r.villageCode,
      townshipCode: r.townshipCode,
      sector: r.sector,
    });
    c.emit('rerouted', seq, { from: place(from), to: place(to), dueAt: iso(dueAt) });
    return c.answerAct('reroute', act, seq, now);
  },
};

function codesOf(c: IssueCase): RouteCodes {
  const { subject, sector, kind } = c.state;
  return { villageCode: subject.villageCode, townshipCode: subject.townshipCode, sector, kind };
}
