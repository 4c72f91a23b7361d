import { compareRosterChild, DEFAULT_EDUCATION_RULES, RiskFinding } from '@sanbao/domain';
// ajv and ajv-formats come with the Nest CLI's tooling (not a dependency of the services):
// a JSON Schema validator of the kind bureaus point at the published files.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import { buildSignal } from '../signal';
import { contractSchemas, JsonSchema } from './json-schema';

/**
 * The schemas class-validator-jsonschema makes must accept and refuse what the hand-made
 * generator's schemas did: every example batch of docs/integration.md and a signal, each
 * field of them deleted or replaced by values of every kind, checked against the schemas as
 * published before the library (frozen in test/fixtures/schemas-before-library) and now.
 */
const repo = resolve(__dirname, '../../../..');
const before = join(repo, 'test/fixtures/schemas-before-library');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function validators(schemas: Record<string, JsonSchema>) {
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  addFormats(ajv);
  return Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, ajv.compile(s)]));
}

const oldSchemas = Object.fromEntries(
  filesUnder(before).map((path) => [
    relative(before, path),
    JSON.parse(readFileSync(path, 'utf8')) as JsonSchema,
  ]),
);

/** The JSON example under each "### sector.kind" heading of docs/integration.md. */
function documentedBatches(): Record<string, Record<string, unknown>> {
  const text = readFileSync(join(repo, 'docs/integration.md'), 'utf8');
  const out: Record<string, Record<string, unknown>> = {};
  for (const match of text.matchAll(/^### (\w+\.\w+)[^\n]*\n[\s\S]*?```json\n([\s\S]*?)```/gm)) {
    out[`ingest/${match[1]}.schema.json`] = JSON.parse(match[2]) as Record<string, unknown>;
  }
  return out;
}

const VALUES: unknown[] = [
  null,
  0,
  -1,
  2.5,
  1.005,
  12.34,
  1e7,
  2026,
  '',
  'x',
  'A'.repeat(250),
  '2026-13-01',
  '2026-02-30',
  '2026-09-01',
  '2026-09-01T00:00:00+08:00',
  '2026-09-01 08:00',
  '110101199003074514',
  '13800138000',
  '5226',
  '522633101201',
  '522633101',
  'unstable',
  'C',
  true,
  false,
  [],
  [{}],
  {},
];

type Path = Array<string | number>;

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)?.[key], value);
}

/** Copies of `good` with one field at `path` deleted or replaced, and one unknown field added. */
function mutations(good: unknown, path: Path): Array<[string, unknown]> {
  const target = at(good, path);
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return [];
  const out: Array<[string, unknown]> = [];
  const edit = (label: string, change: (o: Record<string, unknown>) => void) => {
    const copy = structuredClone(good);
    change(at(copy, path) as Record<string, unknown>);
    out.push([`${path.join('.')} ${label}`, copy]);
  };
  for (const key of Object.keys(target)) {
    edit(`${key} deleted`, (o) => delete o[key]);
    VALUES.forEach((value) => edit(`${key}=${JSON.stringify(value)}`, (o) => (o[key] = value)));
  }
  edit('with an unknown field', (o) => (o.note = 'extra'));
  return out;
}

/** Every object inside `value` (records, villages, subject...) by its path. */
function objectPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, [...path, i]));
  if (typeof value !== 'object' || value === null) return [];
  return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))];
}

function fixturesOf(good: unknown): Array<[string, unknown]> {
  return [
    ['as documented', good],
    ['not an object', []],
    ['a string', 'records'],
    ['empty', {}],
    ...objectPaths(good).flatMap((path) => mutations(good, path)),
  ];
}

function signal(): object {
  const finding = compareRosterChild(
    { term: '2026-autumn', termStart: '2026-09-01' },
    {
      householdId: 'H0001',
      villageCode: '522633101201',
      townshipCode: '522633101',
      personRef: 'P-0001',
      householdCategory: 'unstable',
      birthDate: '2016-03-10',
      enrolledLastTerm: true,
      attendance: 'absent',
    },
    DEFAULT_EDUCATION_RULES,
  ).raised as RiskFinding;
  const source = { system: 'education' as const, recordType: 'roster', recordId: '2026:P-0001' };
  const made = buildSignal(finding, source, '2026-09-01T00:00:00+08:00', '2026-09-02T08:00:00Z');
  return { ...made, flags: { emergency: true } };
}

const REPLY = {
  sector: 'education',
  kind: 'roster',
  batchId: 'autumn-01',
  received: 3,
  accepted: 2,
  rejected: [{ index: 2, line: 4, errors: [{ field: 'birthDate', messages: ['bad'] }] }],
  signalsRaised: 1,
  duplicateSignals: 0,
};
const ERROR = {
  error: { status: 422, code: 'nothing_accepted', message: 'no record was valid', reply: REPLY },
};

/** Keywords a validator may not enforce (formats, notes) by where they sit in a schema. */
function annotations(schema: unknown, path = '', out: Record<string, unknown> = {}) {
  if (typeof schema !== 'object' || schema === null) return out;
  for (const [key, value] of Object.entries(schema)) {
    if (['description', 'format', 'pattern', 'multipleOf'].includes(key))
      out[`${path}.${key}`] = value;
    annotations(value, `${path}.${key}`, out);
  }
  return out;
}

describe('JSON Schemas made by class-validator-jsonschema', () => {
  const newSchemas = contractSchemas();
  const oldCheck = validators(oldSchemas);
  const newCheck = validators(newSchemas);
  const good: Record<string, unknown> = {
    ...documentedBatches(),
    'risk-signal.v1.schema.json': signal(),
    'ingest-reply.schema.json': REPLY,
    'ingest-error.schema.json': ERROR,
  };

  it('cover the same files as before, each with a good example', () => {
    expect(Object.keys(newSchemas).sort()).toEqual(Object.keys(oldSchemas).sort());
    expect(Object.keys(good).sort()).toEqual(Object.keys(oldSchemas).sort());
  });

  it.each(Object.keys(oldSchemas).sort())(
    '%s keeps every format, pattern and cross-field note where it was',
    (name) => {
      expect(annotations(newSchemas[name])).toEqual(annotations(oldSchemas[name]));
    },
  );

  it.each(Object.keys(oldSchemas).sort())(
    '%s accepts and refuses the same fixtures as before',
    (name) => {
      const fixtures = fixturesOf(good[name]);
      const verdicts = fixtures.map(([label, value]) => ({
        label,
        before: oldCheck[name](value),
        now: newCheck[name](value),
      }));
      expect(verdicts.filter((v) => v.before !== v.now)).toEqual([]);
      expect(verdicts[0]).toMatchObject({ before: true, now: true });
      // not vacuous: most changes break a contract, some (an optional field gone) do not
      const refused = verdicts.filter((v) => !v.now).length;
      expect(refused).toBeGreaterThan(fixtures.length / 2);
      expect(refused).toBeLessThan(fixtures.length);
    },
  );
});
