import 'reflect-metadata';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { INGEST_CONTRACTS } from '../ingest/kinds';
import { RiskSignalDto } from '../signal';

/**
 * JSON Schema (draft 2020-12) of the wire contracts, read from the DTOs' class-validator
 * metadata, so the published schemas cannot drift from what the services check.
 * `npm run schemas` writes them to docs/schemas/; a unit spec fails when they are stale.
 */
export type JsonSchema = Record<string, unknown>;

// @Type() metadata (the class of a nested field) lives in class-transformer's storage, which
// the package does not type as a module of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

export function schemaOf(cls: Function): JsonSchema {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metadata) {
    byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, rules] of byProperty) {
    properties[property] = propertySchema(cls, property, rules);
    if (!rules.some((r) => r.type === 'conditionalValidation')) required.push(property);
  }
  return { type: 'object', properties, required, additionalProperties: true };
}

function propertySchema(cls: Function, property: string, rules: ValidationMetadata[]): JsonSchema {
  const s: JsonSchema = {};
  const notes: string[] = [];
  let nested: Function | undefined;
  for (const rule of rules) {
    const c = rule.constraints ?? [];
    if (rule.type === 'nestedValidation') {
      nested = defaultMetadataStorage.findTypeMetadata(cls, property)?.typeFunction();
      continue;
    }
    switch (rule.name) {
      case 'isString':
        s.type = 'string';
        break;
      case 'matches':
        s.type = 'string';
        s.pattern = (c[0] as RegExp).source;
        break;
      case 'maxLength':
        s.maxLength = c[0];
        break;
      case 'isIn':
        s.enum = c[0];
        break;
      case 'equals':
        s.const = c[0];
        break;
      case 'isBoolean':
        s.type = 'boolean';
        break;
      case 'isInt':
        s.type = 'integer';
        break;
      case 'isNumber':
        s.type ??= 'number';
        if ((c[0] as { maxDecimalPlaces?: number })?.maxDecimalPlaces === 2) s.multipleOf = 0.01;
        break;
      case 'min':
        s.minimum = c[0];
        break;
      case 'max':
        s.maximum = c[0];
        break;
      case 'isObject':
        s.type = 'object';
        break;
      case 'isArray':
        s.type = 'array';
        break;
      case 'arrayMinSize':
        s.minItems = c[0];
        break;
      case 'arrayMaxSize':
        s.maxItems = c[0];
        break;
      case 'isCalendarDate':
        s.format = 'date';
        break;
      case 'isTimestamp':
        s.format = 'date-time';
        break;
      case 'notPersonalNumber':
        notes.push('never an ID-card or phone number');
        break;
      case 'townshipOfVillage':
        notes.push(`the first nine digits of ${String(c[0])}`);
        break;
      case 'notLessThanSumOf':
        notes.push(`at least ${(c as string[]).join(' + ')}`);
        break;
      case 'notMoreThan':
        notes.push(`at most ${String(c[0])}`);
        break;
      case undefined:
      default:
        break;
    }
  }
  if (nested) {
    const inner = schemaOf(nested);
    if (s.type === 'array') s.items = inner;
    else Object.assign(s, inner);
  }
  if (notes.length > 0) s.description = notes.join('; ');
  return s;
}

function document(id: string, title: string, schema: JsonSchema): JsonSchema {
  return { $schema: DRAFT, $id: id, title, ...schema };
}

const FIELD_ERRORS: JsonSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      field: { type: 'string', description: 'dotted path, e.g. villages[1].peopleAffected' },
      messages: { type: 'array', items: { type: 'string' } },
    },
    required: ['field', 'messages'],
  },
};

const INGEST_REPLY: JsonSchema = {
  type: 'object',
  properties: {
    sector: { type: 'string' },
    kind: { type: 'string' },
    batchId: { type: 'string' },
    received: { type: 'integer', minimum: 0 },
    accepted: { type: 'integer', minimum: 0 },
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer', minimum: 0, description: '0-based position in records' },
          line: { type: 'integer', minimum: 1, description: 'CSV uploads: line in the file' },
          errors: FIELD_ERRORS,
        },
        required: ['index', 'errors'],
      },
    },
    signalsRaised: { type: 'integer', minimum: 0 },
    duplicateSignals: { type: 'integer', minimum: 0 },
  },
  required: [
    'sector',
    'kind',
    'received',
    'accepted',
    'rejected',
    'signalsRaised',
    'duplicateSignals',
  ],
};

const INGEST_ERROR: JsonSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        status: { type: 'integer' },
        code: {
          enum: [
            'unauthenticated',
            'wrong_sector',
            'unknown_kind',
            'invalid_batch',
            'too_many_records',
            'nothing_accepted',
            'unavailable',
          ],
        },
        message: { type: 'string' },
        errors: FIELD_ERRORS,
        reply: INGEST_REPLY,
      },
      required: ['status', 'code', 'message'],
    },
  },
  required: ['error'],
};

/** Every schema file under docs/schemas/, by its path there. */
export function contractSchemas(): Record<string, JsonSchema> {
  const files: Record<string, JsonSchema> = {
    'risk-signal.v1.schema.json': document(
      'risk-signal.v1.schema.json',
      'Risk signal (version 1) on <prefix>.signal.<sector>.<kind>',
      schemaOf(RiskSignalDto),
    ),
    'ingest-reply.schema.json': document(
      'ingest-reply.schema.json',
      'Answer to an ingest batch (HTTP 200 body and NATS reply)',
      INGEST_REPLY,
    ),
    'ingest-error.schema.json': document(
      'ingest-error.schema.json',
      'Error answer to an ingest batch (HTTP 4xx/503 body and NATS reply)',
      INGEST_ERROR,
    ),
  };
  for (const kinds of Object.values(INGEST_CONTRACTS)) {
    for (const contract of Object.values(kinds)) {
      const envelope = schemaOf(contract.envelope);
      const properties = envelope.properties as Record<string, JsonSchema>;
      properties.records = { ...properties.records, items: schemaOf(contract.record) };
      const name = `ingest/${contract.sector}.${contract.kind}.schema.json`;
      files[name] = document(
        name,
        `${contract.title}: POST /ingest/${contract.kind} on the ${contract.sector} service, or <prefix>.ingest.${contract.sector}.${contract.kind}`,
        envelope,
      );
    }
  }
  return files;
}
