import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { RECORD_KINDS, recordSchema, type RecordKind, type SchemaNode } from '@sanbao/domain';
import type { NoticeKind, TimelineEntry } from '../../views';

/**
 * The OpenAPI schemas of a timeline entry (views.ts, TimelineEntry): one per kind, each with
 * its typed `details`, and `TimelineEntryResponse`, the union of them on `kind`. A record
 * entry's details are its payload's schema (the act catalogue's, or record-schemas.ts) with
 * the request id and, for the kinds that tell people, the notice sent.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const NOTICE_KINDS: readonly RecordKind[] = [
  'overdue',
  'reminder',
  'escalation',
] satisfies NoticeKind[];

/** A payload schema as OpenAPI holds it (the same keywords; lists no longer read-only). */
function openApi(node: SchemaNode): SchemaObject {
  const { enum: values, items, properties, required, ...rest } = node;
  return {
    ...rest,
    ...(values ? { enum: [...values] } : {}),
    ...(items ? { items: openApi(items) } : {}),
    ...(properties
      ? {
          properties: Object.fromEntries(
            Object.entries(properties).map(([k, v]) => [k, openApi(v)]),
          ),
        }
      : {}),
    ...(required?.length ? { required: [...required] } : {}),
  };
}

const NOTICE: Record<string, SchemaObject> = {
  told: { type: 'array', items: { type: 'string' }, description: 'the levels told' },
  responsibleUnit: { type: 'string', description: 'the unit answerable for the late stage' },
  notifiedAt: { type: 'string', format: 'date-time', description: 'when they were told' },
};

function recordDetails(kind: RecordKind): SchemaObject {
  const payload = openApi(recordSchema(kind).node);
  return {
    type: 'object',
    description: `the ${kind} record's payload, its request id${NOTICE_KINDS.includes(kind) ? ', and who was told' : ''}`,
    required: ['requestId', ...(payload.required ?? [])],
    properties: {
      requestId: { type: 'string', description: 'the act’s request id (idempotency key)' },
      ...payload.properties,
      ...(NOTICE_KINDS.includes(kind) ? NOTICE : {}),
    },
  };
}

const DEADLINE_DETAILS: SchemaObject = {
  type: 'object',
  required: ['dueAt'],
  properties: {
    dueAt: { type: 'string', format: 'date-time', nullable: true },
    calendarUncovered: {
      type: 'array',
      items: { type: 'integer' },
      description: 'years the holiday lists lacked when the limit was counted (it may be early)',
    },
  },
};

const LAPSE_DETAILS: SchemaObject = {
  type: 'object',
  required: ['unit', 'dueAt', 'level', 'resolvedAt', 'daysLate', 'secondsLate'],
  properties: {
    unit: {
      type: 'string',
      description: 'the unit answerable (village, township or bureau:<sector>)',
    },
    dueAt: { type: 'string', format: 'date-time' },
    level: { type: 'string', enum: ['none', 'yellow', 'red'] },
    resolvedAt: { type: 'string', format: 'date-time', nullable: true },
    daysLate: { type: 'number' },
    secondsLate: { type: 'number' },
  },
};

type Source = TimelineEntry['source'];

function entry(kind: string, source: Source, details: SchemaObject): SchemaObject {
  return {
    type: 'object',
    required: ['at', 'kind', 'stage', 'who', 'text', 'why', 'seq', 'source', 'details'],
    properties: {
      at: { type: 'string', format: 'date-time' },
      kind: { type: 'string', enum: [kind] },
      stage: { type: 'string', nullable: true, example: 'verification' },
      who: { nullable: true, allOf: [ref('ActorResponse')] },
      text: { type: 'string', description: 'one sentence a supervisor can read' },
      why: { type: 'string', nullable: true, description: 'the reason given with the act' },
      seq: {
        type: 'integer',
        nullable: source !== 'audit',
        description: 'the entry’s place in the record; deadlines and lapses have none',
      },
      source: { type: 'string', enum: [source] },
      details,
    },
  };
}

/** The schema name of each kind's entry, e.g. ExtensionDecidedTimelineEntry. */
export const entrySchemaName = (kind: string): string =>
  `${kind.replace(/(^|_)(\w)/g, (_, __: string, c: string) => c.toUpperCase())}TimelineEntry`;

/** Every timeline entry's schema, and the union of them (TimelineEntryResponse). */
export function timelineEntrySchemas(): Record<string, SchemaObject> {
  const kinds: Array<[string, SchemaObject]> = [
    ...RECORD_KINDS.map((k): [string, SchemaObject] => [k, entry(k, 'audit', recordDetails(k))]),
    ['deadline', entry('deadline', 'temporal', DEADLINE_DETAILS)],
    ['lapse', entry('lapse', 'accountability', LAPSE_DETAILS)],
  ];
  return {
    ...Object.fromEntries(kinds.map(([kind, schema]) => [entrySchemaName(kind), schema])),
    TimelineEntryResponse: {
      description:
        'One timeline entry, by `kind`: a record entry (source audit; details: its payload), ' +
        'a time limit (deadline, source temporal) or a lapse (source accountability)',
      oneOf: kinds.map(([kind]) => ref(entrySchemaName(kind))),
      discriminator: {
        propertyName: 'kind',
        mapping: Object.fromEntries(
          kinds.map(([kind]) => [kind, `#/components/schemas/${entrySchemaName(kind)}`]),
        ),
      },
    },
  };
}
