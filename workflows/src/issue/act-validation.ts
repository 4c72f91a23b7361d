import {
  actDoneBy,
  actFingerprint,
  actPossibleAt,
  actRoles,
  actSigner,
  stagesOfAct,
  canonicalKind,
  kindFamily,
  kindsOfFamily,
  ACTS,
  MAX_ITEMS,
  MAX_TEXT,
  CLOCK_SKEW_MS,
  maxCompletionDate,
  ROLE_NAMES,
  ROLES,
  type ActBase,
  type ActName,
  type Actor,
  type ActOf,
  type CompletionAct,
  type ExtensionRequestAct,
  type IssueStartInput,
  type IssueState,
  type LeaderVoteAct,
  type MergeAct,
  type ProgressNoteAct,
  type Role,
  type ScopeRule,
  type SolutionPlanAct,
  type TownshipDecisionAct,
  type VerificationAct,
  type WriteOffCheckAct,
} from '@sanbao/domain';
import { rejectAct } from './rejections';
import { checkSentBack, validateReroute, validateSendBack } from './routing-validation';

/**
 * The validators of the acts: pure checks of an act against the issue as it stands. They run
 * before an Update is accepted, so a refused act never reaches the workflow history. Messages
 * name the field and the rule, never the household or the text of the act.
 */

/** What a validator may look at. */
export interface ActContext {
  issue: IssueStartInput;
  state: IssueState;
  /** request ids already answered, with the act they answered and its content's fingerprint */
  answeredAct(requestId: string): { act: ActName; fingerprint?: string } | undefined;
  now: Date;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireText(act: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    rejectAct('invalid_field', `${act}: ${field} is required and must be non-empty text`);
  }
  if (value.length > MAX_TEXT) {
    rejectAct('invalid_field', `${act}: ${field} must be at most ${MAX_TEXT} characters`);
  }
  return value;
}

function requireDate(act: string, field: string, value: unknown): Date {
  const date = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : undefined;
  if (!date || !Number.isFinite(date.getTime())) {
    rejectAct(
      'invalid_field',
      `${act}: ${field} must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T17:00:00+08:00`,
    );
  }
  return date;
}

function requireBoolean(act: string, field: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    rejectAct('invalid_field', `${act}: ${field} must be true or false`);
  return value;
}

function requireOneOf<T extends string>(
  act: string,
  field: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    rejectAct('invalid_field', `${act}: ${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function requireList(act: string, field: string, value: unknown): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    rejectAct('invalid_field', `${act}: ${field} must be a non-empty list`);
  }
  if (value.length > MAX_ITEMS) {
    rejectAct('invalid_field', `${act}: ${field} may hold at most ${MAX_ITEMS} items`);
  }
  return value;
}

type ScopeHolder = Pick<Actor, 'role' | 'villageCode' | 'townshipCode' | 'sector'>;
type Place = { villageCode: string; townshipCode: string; sector: string };

/** The scope rule an actor is held to (`role`: the one of the actor's own role). */
function scopeOf(rule: ScopeRule, actor: ScopeHolder): Exclude<ScopeRule, 'role'> {
  if (rule !== 'role') return rule;
  if (actor.role === 'village') return 'village';
  if (actor.role === 'township') return 'township';
  return actor.role === 'bureau' ? 'sector' : 'county';
}

/** Whether the actor's scope holds an issue at this place, by the act's scope rule. */
export function inScope(rule: ScopeRule, actor: ScopeHolder, place: Place): boolean {
  switch (scopeOf(rule, actor)) {
    case 'village':
      return actor.villageCode === place.villageCode;
    case 'township':
      return actor.townshipCode === place.townshipCode;
    case 'sector':
      return actor.sector === place.sector;
    case 'county':
      return true;
  }
}

const SCOPE_MESSAGES: Record<
  Exclude<ScopeRule, 'role'>,
  (subject: { villageCode: string; townshipCode: string }, sector: string) => string
> = {
  village: (s) => `only a cadre of village ${s.villageCode} may act`,
  township: (s) => `only an officer of township ${s.townshipCode} may act`,
  sector: (_s, sector) => `only an officer of the ${sector} bureau may act`,
  county: () => 'only a county officer may act',
};

/**
 * The checks every act shares, in the order a caller fixes them: the act's shape, a repeated
 * request id (which is answered, not refused), the stage, the role, the scope.
 * Returns 'repeat' when the request id already answered this act.
 */
export function checkCommon(ctx: ActContext, name: ActName, act: unknown): 'new' | 'repeat' {
  if (!isRecord(act)) rejectAct('invalid_act', `${name}: the act must be an object`);
  if (typeof act.requestId !== 'string' || act.requestId.trim() === '') {
    rejectAct('invalid_act', `${name}: requestId is required`);
  }
  if (act.requestId.length > 200) {
    rejectAct('invalid_act', `${name}: requestId must be at most 200 characters`);
  }
  // A request id names one act: the same name and the same content. Anything else under it is
  // refused, or the caller would be told "accepted" for an act that was never recorded.
  const answered = ctx.answeredAct(act.requestId);
  if (answered && answered.act !== name) {
    rejectAct(
      'request_id_reused',
      `${name}: request id ${act.requestId} was already used for ${answered.act}; use a new request id`,
    );
  }
  if (answered) {
    // An act answered before fingerprints were kept has none: its name is all we can compare.
    if (
      answered.fingerprint === undefined ||
      answered.fingerprint === actFingerprint(act as unknown as ActBase)
    ) {
      return 'repeat';
    }
    rejectAct(
      'request_id_reused',
      `${name}: request id ${act.requestId} was already used for another ${name} with other content; use a new request id`,
    );
  }
  const actor = act.actor;
  if (!isRecord(actor) || typeof actor.id !== 'string' || actor.id.trim() === '') {
    rejectAct('invalid_act', `${name}: actor with an id is required`);
  }
  if (typeof actor.name !== 'string' || actor.name.trim() === '') {
    rejectAct('invalid_act', `${name}: actor.name is required (every act is signed)`);
  }
  if (typeof actor.role !== 'string' || !(ROLES as readonly string[]).includes(actor.role)) {
    rejectAct('invalid_act', `${name}: actor.role must be one of ${ROLES.join(', ')}`);
  }

  const stage = ctx.state.stage;
  if (!actPossibleAt(name, stage)) {
    const expected = stagesOfAct(name).join(' or ').replace('open', 'an open issue');
    const where = stage === 'closed' ? 'the issue is closed' : `the issue is at ${stage}`;
    rejectAct('wrong_stage', `${name} is only possible at ${expected}; ${where}`);
  }
  checkSentBack(ctx, name);
  if (!actDoneBy(name, actor.role as Role, stage)) {
    const who = actRoles(name, stage).map((role) => ROLE_NAMES[role].enArticle);
    const not = ROLE_NAMES[actor.role as Role].enArticle;
    rejectAct('wrong_role', `${name} must be done by ${who.join(' or ')}; ${not} may not`);
  }
  // The shape was checked above: the actor has a known role.
  const signer = actor as unknown as ScopeHolder;
  const { subject, sector } = ctx.issue;
  const rule = (actSigner(name, stage) ?? ACTS[name]).scope;
  if (!inScope(rule, signer, { ...subject, sector })) {
    const scope = scopeOf(rule, signer);
    rejectAct('out_of_scope', `${name}: ${SCOPE_MESSAGES[scope](subject, sector)}`);
  }
  return 'new';
}

export function validateVerification(ctx: ActContext, act: VerificationAct): void {
  if (checkCommon(ctx, 'verification', act) === 'repeat') return;
  requireBoolean('verification', 'confirmed', act.confirmed);
  requireText('verification', 'findings', act.findings);
  if (act.kind !== undefined) {
    // A correction stays within the issue's family: another family is another problem (and
    // another issue), which a new report opens.
    const { sector } = ctx.issue;
    const family = kindsOfFamily(sector, kindFamily(sector, ctx.state.kind));
    const kind = typeof act.kind === 'string' ? canonicalKind(sector, act.kind) : undefined;
    if (!kind || !family.includes(kind)) {
      rejectAct('invalid_field', `verification: kind must be one of ${family.join(', ')}`);
    }
  }
  const visitedAt = requireDate('verification', 'visitedAt', act.visitedAt);
  if (visitedAt.getTime() > ctx.now.getTime() + CLOCK_SKEW_MS) {
    rejectAct('invalid_field', 'verification: visitedAt is in the future');
  }
}

export function validateTownshipDecision(ctx: ActContext, act: TownshipDecisionAct): void {
  if (checkCommon(ctx, 'townshipDecision', act) === 'repeat') return;
  requireOneOf('townshipDecision', 'decision', act.decision, [
    'forward',
    'persuade',
    'unfounded',
  ] as const);
  requireText('townshipDecision', 'explanation', act.explanation);
}

export function validateSolutionPlan(ctx: ActContext, act: SolutionPlanAct): void {
  if (checkCommon(ctx, 'solutionPlan', act) === 'repeat') return;
  requireText('solutionPlan', 'responsiblePerson', act.responsiblePerson);
  requireText('solutionPlan', 'responsibleUnit', act.responsibleUnit);
  requireList('solutionPlan', 'measures', act.measures).forEach((measure, i) =>
    requireText('solutionPlan', `measures[${i}]`, measure),
  );
  const severity = requireOneOf('solutionPlan', 'severity', act.severity, [
    'general',
    'major',
  ] as const);
  const completion = requireDate('solutionPlan', 'completionDate', act.completionDate);
  if (completion.getTime() <= ctx.now.getTime()) {
    rejectAct('invalid_field', 'solutionPlan: completionDate must be in the future');
  }
  const latest = maxCompletionDate(ctx.issue.policy, severity, ctx.now);
  if (completion.getTime() > latest.getTime()) {
    rejectAct(
      'invalid_field',
      `solutionPlan: completionDate is beyond the limit for a ${severity} issue (latest ${latest.toISOString()})`,
    );
  }
}

export function validateProgressNote(ctx: ActContext, act: ProgressNoteAct): void {
  if (checkCommon(ctx, 'progressNote', act) === 'repeat') return;
  requireText('progressNote', 'note', act.note);
}

export function validateCompletion(ctx: ActContext, act: CompletionAct): void {
  if (checkCommon(ctx, 'completion', act) === 'repeat') return;
  requireText('completion', 'outcome', act.outcome);
  requireList('completion', 'evidenceRefs', act.evidenceRefs).forEach((ref, i) =>
    requireText('completion', `evidenceRefs[${i}]`, ref),
  );
}

export function validateExtensionRequest(ctx: ActContext, act: ExtensionRequestAct): void {
  if (checkCommon(ctx, 'extensionRequest', act) === 'repeat') return;
  if (ctx.state.severity !== 'major') {
    rejectAct(
      'not_allowed',
      'extensionRequest: only a major issue may be extended; a general issue is solved within its limit',
    );
  }
  if (openVote(ctx)) {
    rejectAct(
      'not_allowed',
      'extensionRequest: the county leaders are still voting on an earlier request',
    );
  }
  requireText('extensionRequest', 'reason', act.reason);
  const newDeadline = requireDate('extensionRequest', 'newDeadline', act.newDeadline);
  const current = ctx.state.currentDueAt ? new Date(ctx.state.currentDueAt) : ctx.now;
  if (newDeadline.getTime() <= Math.max(current.getTime(), ctx.now.getTime())) {
    rejectAct(
      'invalid_field',
      'extensionRequest: newDeadline must be later than the current deadline and in the future',
    );
  }
  requireList('extensionRequest', 'milestones', act.milestones).forEach((m, i) => {
    if (!isRecord(m))
      rejectAct('invalid_field', `extensionRequest: milestones[${i}] must be an object`);
    requireText('extensionRequest', `milestones[${i}].description`, m.description);
    const due = requireDate('extensionRequest', `milestones[${i}].dueDate`, m.dueDate);
    if (due.getTime() <= ctx.now.getTime() || due.getTime() > newDeadline.getTime()) {
      rejectAct(
        'invalid_field',
        `extensionRequest: milestones[${i}].dueDate must fall after now and by the newDeadline`,
      );
    }
  });
}

/** The extension still open for votes now (its window may have closed before the timer fired). */
function openVote(ctx: ActContext) {
  return ctx.state.extensions.find(
    (e) => e.status === 'voting' && ctx.now.getTime() < Date.parse(e.votingDeadline),
  );
}

export function validateLeaderVote(ctx: ActContext, act: LeaderVoteAct): void {
  if (checkCommon(ctx, 'leaderVote', act) === 'repeat') return;
  const open = openVote(ctx);
  if (!open) rejectAct('not_allowed', 'leaderVote: no extension request is waiting for a vote');
  if (open.votes.some((v) => v.leader.id === act.actor.id)) {
    rejectAct('already_voted', 'leaderVote: this leader has already voted on the extension');
  }
  requireBoolean('leaderVote', 'approve', act.approve);
  requireText('leaderVote', 'comment', act.comment);
}

export function validateWriteOffCheck(ctx: ActContext, act: WriteOffCheckAct): void {
  if (checkCommon(ctx, 'writeOffCheck', act) === 'repeat') return;
  const result = requireOneOf('writeOffCheck', 'result', act.result, [
    'resolved',
    'not_resolved',
  ] as const);
  if (result === 'not_resolved') requireText('writeOffCheck', 'reason', act.reason);
  else if (act.reason !== undefined) requireText('writeOffCheck', 'reason', act.reason);
}

/**
 * A merge: the API found the survivor by its ledger number and says where it is; both issues
 * must be in the signer's scope and sector, the survivor another issue, not one this issue
 * absorbed (no cycle). That the survivor is open the API checked; should it close meanwhile, it
 * ignores the notice (docs/workflow.md, "Merge").
 */
export function validateMerge(ctx: ActContext, act: MergeAct): void {
  if (checkCommon(ctx, 'merge', act) === 'repeat') return;
  const into = requireText('merge', 'into', act.into);
  requireText('merge', 'reason', act.reason);
  const survivor: unknown = act.survivor;
  if (
    !isRecord(survivor) ||
    ['issueKey', 'workflowId', 'sector', 'townshipCode', 'villageCode'].some(
      (field) => typeof survivor[field] !== 'string' || survivor[field] === '',
    )
  ) {
    rejectAct('invalid_act', 'merge: the survivor must be named by the API');
  }
  const place = act.survivor;
  if (into === ctx.state.ledgerNo || place.issueKey === ctx.state.issueKey) {
    rejectAct('invalid_field', 'merge: into must be another issue than this one');
  }
  if (place.sector !== ctx.issue.sector) {
    rejectAct('invalid_field', `merge: into must be an issue of the ${ctx.issue.sector} sector`);
  }
  if (!inScope(ACTS.merge.scope, act.actor, place)) {
    rejectAct('out_of_scope', 'merge: the issue merged into is outside your scope');
  }
  const absorbed = ctx.state.acts.some(
    (r) => r.act === 'merged_in' && r.payload.duplicate === into,
  );
  if (absorbed) {
    rejectAct('not_allowed', `merge: ${into} was merged into this issue; a merge may not go round`);
  }
}

export type ActValidator<A extends ActBase> = (ctx: ActContext, act: A) => void;

/** Each act's validator: the compiler asks for one when the catalogue gains an act. */
export const ACT_VALIDATORS: { readonly [K in ActName]: ActValidator<ActOf<K>> } = {
  verification: validateVerification,
  townshipDecision: validateTownshipDecision,
  solutionPlan: validateSolutionPlan,
  progressNote: validateProgressNote,
  completion: validateCompletion,
  extensionRequest: validateExtensionRequest,
  leaderVote: validateLeaderVote,
  writeOffCheck: validateWriteOffCheck,
  merge: validateMerge,
  sendBack: validateSendBack,
  reroute: validateReroute,
};
