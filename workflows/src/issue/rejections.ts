import { ApplicationFailure } from '@temporalio/workflow';

/**
 * Why an act was refused. The code is the failure's `type`, so the API can map it to an HTTP
 * status without parsing messages (wrong stage -> 409, role or scope -> 403, fields -> 422).
 */
export const ACT_REJECTIONS = [
  'invalid_act', // not an act at all: missing request id or actor
  'request_id_reused', // the request id already answered a different act
  'wrong_stage', // the issue is not at the stage the act belongs to
  'wrong_role', // the actor's role may not do this act
  'out_of_scope', // right role, but another village / township / sector
  'invalid_field', // a missing, empty or malformed field, or a date out of bounds
  'not_allowed', // the act does not apply to this issue now (e.g. extension of a general issue)
  'already_voted', // a leader's second vote on the same extension
] as const;
export type ActRejectionCode = (typeof ACT_REJECTIONS)[number];

/** Thrown by an act's validator: the update is rejected and leaves no trace in the history. */
export function rejectAct(code: ActRejectionCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}
