import { SECTORS, type Sector } from '../../sector';
import type { RerouteAct, SendBackAct } from '../types';
import { plainField, textField, type ActSpecs } from './spec';
import { choice, instant, object, text } from '../payload-schema';

/**
 * The acts of routing (退回/转办): the unit an issue was wrongly addressed to sends it back with
 * its reason, and the level above re-routes it to the right village, township or sector. Part
 * of the act catalogue (catalogue.ts); the workflow's side is workflows/src/issue/rooms/routing.ts.
 * Both acts may be done at each triage stage, each time by that stage's unit (`alsoAt`).
 */

/** Where an issue belongs: its village and township, its sector and kind. */
export interface RouteCodes {
  villageCode: string;
  townshipCode: string;
  sector: Sector;
  kind: string;
}

const ROUTE_CODES = object({
  villageCode: text(),
  townshipCode: text(),
  sector: choice(SECTORS),
  kind: text(),
});

/** Each act of the room and the payload its record keeps. */
export interface RoutingActTypes {
  sendBack: {
    act: SendBackAct;
    /** `unit`: the unit that sent it back; `dueAt`: the level above's limit to re-route it */
    payload: { reason: string; unit: string; dueAt: string };
  };
  reroute: {
    act: RerouteAct;
    /** where the issue goes (`to`) and where it was (`from`); `dueAt`: the new unit's limit */
    payload: { reason: string; from: RouteCodes; to: RouteCodes; dueAt: string };
  };
}

export const ROUTING_ACT_SPECS: ActSpecs<keyof RoutingActTypes> = {
  sendBack: {
    name: 'sendBack',
    stage: 'verification',
    role: 'village',
    scope: 'village',
    unit: 'village',
    alsoAt: {
      township_decision: { role: 'township', scope: 'township', unit: 'township' },
      solution_plan: { role: 'bureau', scope: 'sector', unit: 'bureau' },
    },
    sentBack: 'opens',
    room: 'routing',
    endsStage: false,
    payload: object({
      reason: text(),
      unit: text('the unit that sent the issue back'),
      dueAt: instant('the level above’s limit to re-route it'),
    }),
    update: 'sendBack',
    route: 'send-back',
    names: { zh: '退回', en: 'Send back' },
    about: '退回: the unit an issue was wrongly addressed to sends it back to the level above',
    hint: {
      zh: '不属本村/本乡镇/本部门的问题，说明理由退回上一级，由上一级转办。',
      en: 'Not for your village, township or bureau: give the reason; the level above re-routes it.',
    },
    why: (p) => p.reason,
    figure: 'sentBack',
    line: {
      en: (l) =>
        `${l.who} sent the issue back: not for ${l.unit(l.payload.unit)}; the level above re-routes it by ${l.time(l.payload.dueAt)}`,
      'zh-CN': (l) =>
        `${l.who}退回：不属${l.unit(l.payload.unit)}办理，由上一级于 ${l.time(l.payload.dueAt)} 前转办`,
    },
    fields: { reason: textField('退回理由', 'Reason') },
  },
  reroute: {
    name: 'reroute',
    stage: 'verification',
    role: 'township',
    scope: 'township',
    unit: 'township',
    alsoAt: {
      township_decision: { role: 'bureau', scope: 'sector', unit: 'bureau' },
      solution_plan: { role: 'leader', scope: 'county', unit: 'leaders' },
    },
    sentBack: 'answers',
    room: 'routing',
    endsStage: false,
    payload: object({
      reason: text(),
      from: ROUTE_CODES,
      to: ROUTE_CODES,
      dueAt: instant('the receiving unit’s limit'),
    }),
    update: 'reroute',
    route: 'reroute',
    names: { zh: '转办', en: 'Re-route' },
    about:
      '转办: the level above sends an issue sent back to the right village, township or sector',
    hint: {
      zh: '转交正确的村（乡镇随村）或行业部门；接收单位的时限自转办起重新计算。',
      en: "Send it to the right village (its township follows) or sector; the receiving unit's limit starts afresh.",
    },
    why: (p) => p.reason,
    figure: 'rerouted',
    line: {
      en: (l) =>
        `${l.who} re-routed the issue from ${l.unit(l.payload.from.villageCode)} (${l.words.sector[l.payload.from.sector]}) to ${l.unit(l.payload.to.villageCode)} (${l.words.sector[l.payload.to.sector]}); due ${l.time(l.payload.dueAt)}`,
      'zh-CN': (l) =>
        `${l.who}转办：由 ${l.unit(l.payload.from.villageCode)}（${l.words.sector[l.payload.from.sector]}）转至 ${l.unit(l.payload.to.villageCode)}（${l.words.sector[l.payload.to.sector]}），${l.time(l.payload.dueAt)} 前办理`,
    },
    fields: {
      villageCode: plainField('转至村（12 位代码）', 'To village (12-digit code)'),
      sector: {
        label: { zh: '转至行业部门', en: 'To sector' },
        options: {
          education: { zh: '教育', en: 'Education' },
          medical: { zh: '医疗', en: 'Medical care' },
          housing: { zh: '住房', en: 'Housing safety' },
          water: { zh: '饮水', en: 'Drinking water' },
        },
      },
      kind: plainField('该部门的问题类型', "Kind in that sector's catalogue"),
      reason: textField('转办理由', 'Reason'),
    },
  },
};
