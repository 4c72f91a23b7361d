import {
  ACTS,
  canonicalKind,
  isSector,
  kindsOf,
  type ActName,
  type RerouteAct,
  type SendBackAct,
} from '@sanbao/domain';
import { checkCommon, requireText, type ActContext } from './act-validation';
import { rejectAct } from './rejections';

/**
 * The validators of send-back (退回) and re-route (转办). Stage, role, scope and whether the
 * issue is sent back are checked by checkCommon from the catalogue; here, the content: a
 * re-route must name a unit other than the one that sent the issue back.
 */

const VILLAGE_CODE = /^\d{12}$/;

/** An issue sent back waits for the level above to re-route it, and for nothing else. */
export function checkSentBack(ctx: ActContext, name: ActName): void {
  const sentBack = ACTS[name].sentBack;
  if (ctx.state.sentBack && sentBack !== 'answers') {
    rejectAct(
      'not_allowed',
      `${name}: the issue was sent back; the level above re-routes it first`,
    );
  }
  if (!ctx.state.sentBack && sentBack === 'answers') {
    rejectAct(
      'not_allowed',
      `${name}: only an issue sent back by the unit it reached is re-routed`,
    );
  }
}

export function validateSendBack(ctx: ActContext, act: SendBackAct): void {
  if (checkCommon(ctx, 'sendBack', act) === 'repeat') return;
  requireText('sendBack', 'reason', act.reason);
}

export function validateReroute(ctx: ActContext, act: RerouteAct): void {
  if (checkCommon(ctx, 'reroute', act) === 'repeat') return;
  requireText('reroute', 'reason', act.reason);
  const { stage, subject, sector } = ctx.state;
  if (act.villageCode !== undefined && !VILLAGE_CODE.test(String(act.villageCode))) {
    rejectAct('invalid_field', 'reroute: villageCode must be a 12-digit village code');
  }
  if (stage !== 'solution_plan') {
    if (act.sector !== undefined || act.kind !== undefined) {
      rejectAct(
        'invalid_field',
        'reroute: sector may change only when a bureau sent the plan back (county leaders re-route it)',
      );
    }
    if (act.villageCode === undefined) {
      rejectAct('invalid_field', 'reroute: villageCode is required');
    }
    // At verification the village sent it back; at the decision, the township.
    const same =
      stage === 'verification'
        ? act.villageCode === subject.villageCode
        : act.villageCode.slice(0, 9) === subject.townshipCode;
    if (same) {
      rejectAct(
        'invalid_field',
        `reroute: villageCode must lie outside the ${stage === 'verification' ? 'village' : 'township'} that sent the issue back`,
      );
    }
    return;
  }
  if (!isSector(act.sector)) {
    rejectAct(
      'invalid_field',
      'reroute: sector is required (education, medical, housing or water)',
    );
  }
  if (act.sector === sector) {
    rejectAct(
      'invalid_field',
      'reroute: sector must be another sector than the one that sent the issue back',
    );
  }
  const kind = typeof act.kind === 'string' ? canonicalKind(act.sector, act.kind) : undefined;
  if (!kind) {
    rejectAct('invalid_field', `reroute: kind must be one of ${kindsOf(act.sector).join(', ')}`);
  }
}
