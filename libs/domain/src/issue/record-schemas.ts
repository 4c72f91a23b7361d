import { ACT_NAMES, ACTS, type ActName } from './acts';
import {
  choice,
  count,
  instant,
  list,
  object,
  optional,
  text,
  type Schema,
} from './payload-schema';
import type {
  RecordKind,
  RecordPayloadOf,
  SystemRecordKind,
  SystemRecordPayloads,
} from './records';

/**
 * The payload of every record kind as JSON Schema: the acts' from the act catalogue, the
 * entries the workflow writes by itself from here. The compiler holds each to its payload type
 * (records.ts); the API declares them as the `details` of its timeline entries.
 */

const NOTIFIED = list(
  choice(['village', 'township', 'bureau', 'leader', 'supervisor']),
  'who is told',
);
const EVIDENCE = object({ evidenceId: text(), source: text(), receivedAt: instant() });

export const SYSTEM_RECORD_SCHEMAS: {
  readonly [K in SystemRecordKind]: Schema<SystemRecordPayloads[K]>;
} = {
  opened: object({
    channel: choice(['sector_signal', 'hotline', 'village_patrol', 'household', 'supervision']),
    severityHint: choice(['general', 'major']),
    policyVersion: text('the deadline policy the issue runs under'),
    dueAt: optional(instant('the verification limit')),
    reportedAt: optional(instant('the report’s own time (a late entry is back-dated)')),
  }),
  evidence: EVIDENCE,
  overdue: object({
    unit: text('the responsible unit'),
    dueAt: instant(),
    level: choice(['yellow']),
    notify: NOTIFIED,
  }),
  reminder: object({
    unit: text('the responsible unit'),
    dueAt: instant(),
    level: choice(['none', 'yellow', 'red']),
    notify: NOTIFIED,
    reminder: count('the how-manieth reminder for this limit'),
  }),
  escalation: object({
    extension: optional(text('the extension whose vote lapsed undecided')),
    level: choice(['red']),
    unit: text('the responsible unit'),
    dueAt: instant(),
    notify: NOTIFIED,
  }),
  extension_decided: object({
    extension: text('the request id of the extension decided'),
    status: choice(['approved', 'rejected', 'lapsed']),
    newDeadline: instant(),
    approvals: count(),
    rejections: count(),
  }),
  reopened: object({ reason: optional(text()), reopenCount: count() }),
  closed: object({ closure: choice(['written_off', 'persuaded', 'unfounded', 'merged']) }),
  merged_in: object({
    duplicate: text('the ledger number of the duplicate merged in'),
    reason: text(),
    evidence: list(EVIDENCE),
  }),
};

/** The entries the workflow writes by itself, in the order of an issue's life. */
export const SYSTEM_RECORD_KINDS = Object.keys(SYSTEM_RECORD_SCHEMAS) as SystemRecordKind[];

/** Every record kind: the acts, then what the workflow records by itself. */
export const RECORD_KINDS: readonly RecordKind[] = [...ACT_NAMES, ...SYSTEM_RECORD_KINDS];

/** The schema of a record kind's payload. */
export function recordSchema<K extends RecordKind>(kind: K): Schema<RecordPayloadOf<K>> {
  const schemas: { readonly [R in RecordKind]: Schema<RecordPayloadOf<R>> } = {
    ...actSchemas(),
    ...SYSTEM_RECORD_SCHEMAS,
  };
  return schemas[kind];
}

function actSchemas(): { readonly [K in ActName]: Schema<RecordPayloadOf<K>> } {
  return Object.fromEntries(ACT_NAMES.map((name) => [name, ACTS[name].payload])) as {
    readonly [K in ActName]: Schema<RecordPayloadOf<K>>;
  };
}
