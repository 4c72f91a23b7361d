import fc from 'fast-check';

/**
 * Hostile values for the property-based fuzz suites: what a careless or hostile system sends.
 * Bodies start from a plausible value read from a schema (OpenAPI or JSON Schema) and get one
 * field, or the whole body, replaced by one of these.
 */

export type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

/** JSON nested `depth` levels, written as text: building it as an object would overflow. */
export const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
export const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Marks a value to be written into the JSON text as it is (deep nesting, prototype keys). */
export class RawJson {
  constructor(readonly text: string) {}
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'a\ud800b',
  '\udfff',
  '\u001b[31mred\u001b[0m',
  'line\nbreak',
  'tab\there',
  'a\rb',
  '\u0085\u009f',
  '\uffff\ufffe',
  '2026-02-30',
  '2026-02-30T00:00:00+08:00',
  '2026-13-01T25:61:00+25:00',
  '0000-00-00',
  '9999-12-31T23:59:59Z',
  '11010519491231002X',
  '13812345678',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '%00',
  '__proto__',
  'constructor',
  '𠀋'.repeat(300),
  'x'.repeat(70_000),
];

const HOSTILE_NUMBERS = [
  -1,
  0,
  1.5,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  0.1 + 0.2,
];

/** Any hostile JSON value (not raw text). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { a: null }, ['x']),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A hostile value, or one that must be written raw (deep, prototype keys). */
export const hostileOrRaw: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileValue },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      new RawJson(deepJson(5_000)),
      new RawJson(deepArray(5_000)),
      new RawJson('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    ),
  },
);

/** Writes a value to JSON text, RawJson parts as they are. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function resolver(components: Record<string, Schema>) {
  const resolve = (schema: Schema | undefined): Schema => {
    if (!schema) return {};
    if (schema.$ref) {
      return resolve(
        components[schema.$ref.replace(/^#\/(components\/schemas|definitions)\//, '')],
      );
    }
    if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map(resolve)) as Schema;
    if (schema.oneOf?.length) return resolve(schema.oneOf[0]);
    if (schema.anyOf?.length) return resolve(schema.anyOf[0]);
    return schema;
  };
  return resolve;
}

/** A plausible value of a schema: its example, its first choice, or a simple value of its type. */
export function plausible(schema: Schema, resolve: (s?: Schema) => Schema, depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    if (depth > 4) return {};
    return Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([k, v]) => [k, plausible(v, resolve, depth + 1)]),
    );
  }
  if (type === 'array') return [plausible(s.items ?? {}, resolve, depth + 1)];
  if (type === 'integer' || type === 'number') return s.minimum ?? 1;
  if (type === 'boolean') return false;
  if (s.format === 'date-time') return new Date().toISOString();
  if (s.format === 'date') return new Date().toISOString().slice(0, 10);
  return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
}

/** Every path of fields in a plausible value (a.b, list[0].c), for replacing one of them. */
export function fieldPaths(
  value: unknown,
  prefix: Array<string | number> = [],
): Array<Array<string | number>> {
  if (Array.isArray(value)) {
    return [prefix, ...value.flatMap((v, i) => fieldPaths(v, [...prefix, i]))];
  }
  if (value !== null && typeof value === 'object') {
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...prefix, k]))];
  }
  return [prefix];
}

/** `value` with the field at `path` replaced (the whole value for an empty path). */
export function replaceAt(value: unknown, path: Array<string | number>, by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    return (value as unknown[]).map((v, i) => (i === head ? replaceAt(v, rest, by) : v));
  }
  const record = (value ?? {}) as Record<string, unknown>;
  return { ...record, [head]: replaceAt(record[head as string], rest, by) };
}

/** A body mutated from `base`: one field replaced, one dropped, an extra key, or all of it. */
export function mutatedBody(base: unknown): fc.Arbitrary<string> {
  const paths = fieldPaths(base);
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), hostileOrRaw)
        .map(([path, by]) => toJsonText(replaceAt(base, path, by))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...paths.filter((p) => p.length > 0), ['x']).map((path) => {
        const dropped = replaceAt(base, path, undefined);
        return JSON.stringify(dropped) ?? 'null';
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', ''),
          hostileValue,
        )
        .map(([key, by]) => {
          const text = toJsonText(base);
          const extra = `${JSON.stringify(key)}:${toJsonText(by)}`;
          return text.startsWith('{') && text !== '{}'
            ? `{${extra},${text.slice(1)}`
            : `{${extra}}`;
        }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'null',
        '[]',
        '"text"',
        '12',
        '{',
        '{"a":1,}',
        '\u0000',
        deepJson(5_000),
        deepArray(5_000),
      ),
    },
  );
}

/**
 * The cases every body gets besides the random ones, so the known poisons are always sent:
 * the whole body deep, as a list, with prototype keys; each field null, holding NUL, a lone
 * surrogate and an impossible date. Returned as JSON texts.
 */
export function systematicBodies(base: unknown): string[] {
  const fields = fieldPaths(base).filter((p) => p.length > 0);
  const bodies = [
    deepJson(5_000),
    deepArray(5_000),
    toJsonText(replaceAt(base, fields[0] ?? ['x'], new RawJson(deepJson(5_000)))),
    `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}${
      toJsonText(base).startsWith('{') && toJsonText(base) !== '{}'
        ? `,${toJsonText(base).slice(1)}`
        : '}'
    }`,
  ];
  for (const path of fields) {
    for (const by of [null, 'a\u0000b', 'a\ud800b', '2026-02-30T00:00:00+08:00']) {
      bodies.push(toJsonText(replaceAt(base, path, by)));
    }
  }
  return bodies;
}

/** A path parameter: a good one now and then, mostly hostile text, written into a URL safely. */
export function pathValue(good: string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.constantFrom(...(good.length ? good : ['x'])) },
      {
        weight: 4,
        arbitrary: fc.oneof(
          fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== '' && s.length < 1000)),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
        ),
      },
    )
    .map(encodePathSegment);
}

/** encodeURIComponent, but a lone surrogate becomes the bytes of one (invalid UTF-8). */
export function encodePathSegment(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i += 1;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += `%ED%${(0xa0 + ((c >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 + (c & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out || '%20';
}

/** What an error answer must look like (docs/api.md, "Errors"). */
export function errorShapeProblem(status: number, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'the body is not a JSON object';
  const b = body as Record<string, unknown>;
  if (b.statusCode !== status) return `statusCode ${String(b.statusCode)} is not ${status}`;
  if (typeof b.error !== 'string' || b.error === '') return 'error is not a code';
  if (typeof b.message !== 'string' || b.message === '') return 'message is not text';
  if (b.fields !== undefined) {
    if (typeof b.fields !== 'object' || b.fields === null) return 'fields is not an object';
    for (const [field, messages] of Object.entries(b.fields)) {
      if (!Array.isArray(messages) || messages.some((m) => typeof m !== 'string')) {
        return `fields.${field} is not a list of messages`;
      }
    }
  }
  return undefined;
}
