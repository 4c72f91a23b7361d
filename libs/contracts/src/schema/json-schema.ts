import 'reflect-metadata';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import { INGEST_CONTRACTS } from '../ingest/kinds';
import { RiskSignalDto } from '../signal';

/**
 * JSON Schema (draft 2020-12) of the wire contracts, made by class-validator-jsonschema from
 * the DTOs' class-validator metadata, so the published schemas cannot drift from what the
 * services check. `npm run schemas` writes them to docs/schemas/; a unit spec fails when they
 * are stale, another that they accept and refuse what the schemas before the library did.
 */
export type JsonSchema = Record<string, unknown>;

// @Type() metadata (the class of a nested field) lives in class-transformer's storage, which
// the package does not type as a module of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const REF = '#/definitions/';

const note = (description: string): JsonSchema => ({ description });

/**
 * The rules of our own (libs/contracts/src/validation.ts registers each under its name) and
 * the library's defaults that would say more or less than the validator checks.
 */
const CONVERTERS: ISchemaConverters = {
  // the library adds type "number", which would undo an IsInt beside Min/Max
  min: (meta: ValidationMetadata) => ({ minimum: meta.constraints[0] as number }),
  max: (meta: ValidationMetadata) => ({ maximum: meta.constraints[0] as number }),
  // money: at most two decimals, which the library does not carry over
  isNumber: (meta: ValidationMetadata) => {
    const places = (meta.constraints[0] as { maxDecimalPlaces?: number } | undefined)
      ?.maxDecimalPlaces;
    return { type: 'number', ...(places === 2 ? { multipleOf: 0.01 } : {}) };
  },
  // Clean text and bounded JSON data are not said in the schemas: no JSON Schema keyword
  // carries "no lone surrogates" faithfully, and the published meaning stays as it was.
  isCleanText: {},
  isJsonData: {},
  isCalendarDate: { format: 'date' },
  isTimestamp: { format: 'date-time' },
  notPersonalNumber: note('never an ID-card or phone number'),
  townshipOfVillage: (meta: ValidationMetadata) =>
    note(`the first nine digits of ${String(meta.constraints[0])}`),
  notLessThanSumOf: (meta: ValidationMetadata) =>
    note(`at least ${(meta.constraints as string[]).join(' + ')}`),
  notMoreThan: (meta: ValidationMetadata) => note(`at most ${String(meta.constraints[0])}`),
};

/** Every DTO's schema by class name, nested DTOs as $ref to #/definitions/<name>. */
function librarySchemas(): Record<string, JsonSchema> {
  return validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: CONVERTERS,
    refPointerPrefix: REF,
  }) as Record<string, JsonSchema>;
}

/**
 * A nested DTO written out in place of its $ref: each published file stands alone, as the
 * bureaus' tools read one file at a time.
 */
function inline(schema: unknown, all: Record<string, JsonSchema>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => inline(s, all));
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $ref, ...rest } = schema as JsonSchema;
  const out: JsonSchema = {};
  if (typeof $ref === 'string' && $ref.startsWith(REF)) {
    const target = all[$ref.slice(REF.length)];
    if (!target) throw new Error(`no schema for ${$ref}`);
    Object.assign(out, inline(target, all));
  }
  for (const [key, value] of Object.entries(rest)) out[key] = inline(value, all);
  return out;
}

export function schemaOf(cls: Function, all = librarySchemas()): JsonSchema {
  const schema = all[cls.name];
  if (!schema) throw new Error(`${cls.name} has no validation rules`);
  return inline(schema, all) as JsonSchema;
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
  const all = librarySchemas();
  const files: Record<string, JsonSchema> = {
    'risk-signal.v1.schema.json': document(
      'risk-signal.v1.schema.json',
      'Risk signal (version 1) on <prefix>.signal.<sector>.<kind>',
      schemaOf(RiskSignalDto, all),
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
      const envelope = schemaOf(contract.envelope, all);
      const properties = envelope.properties as Record<string, JsonSchema>;
      // The envelope takes records as unknown[] (each is checked on its own); the file says
      // what each must be.
      properties.records = { ...properties.records, items: schemaOf(contract.record, all) };
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
