import {
  cleanTextMessage,
  isCleanText,
  jsonShapeProblem,
  MAX_JSON_DEPTH,
  type CleanTextOptions,
} from '@sanbao/domain';
import { IsObject } from 'class-validator';
import { field, rule, type FieldOptions } from './compose';

/**
 * The clean-text rule of @sanbao/domain in the vocabulary: every text decorator (IsText, codes,
 * dates, patterns) carries it, so no DTO at any edge (HTTP, CSV, NATS) lets a NUL, a lone
 * surrogate, a noncharacter or a control character through to PostgreSQL or a log line. Line
 * breaks and tabs only with `{ multiline: true }`. Non-strings are left to the type check, so
 * each problem is named once. The message names the rule, never the value.
 */
export function IsCleanText(options: CleanTextOptions = {}): PropertyDecorator {
  const multiline = options.multiline === true;
  return rule(
    'isCleanText',
    (value) => !isText(value) || cleanTextMessage(value, { multiline }) === undefined,
    // The message is written per value (NUL vs line break) by `message` below.
    (p) => p,
    [multiline],
    (value, p) => `${p} ${cleanTextMessage(value, { multiline }) ?? 'must be clean text'}`,
  );
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** The same rule on every item of a list of texts. */
export function IsCleanTextEach(options: CleanTextOptions = {}): PropertyDecorator {
  const multiline = options.multiline === true;
  const problem = (value: unknown) =>
    Array.isArray(value)
      ? value.find((v) => isText(v) && !isCleanText(v, { multiline }))
      : undefined;
  return rule(
    'isCleanText',
    (value) => problem(value) === undefined,
    (p) => p,
    [multiline],
    (value, p) =>
      `each item of ${p} ${cleanTextMessage(problem(value), { multiline }) ?? 'must be clean text'}`,
  );
}

export interface JsonDataOptions extends FieldOptions {
  /** how deep the object may nest; MAX_JSON_DEPTH unless said */
  maxDepth?: number;
  maxKeys?: number;
  maxItems?: number;
}

/**
 * A free JSON object (a signal's evidence facts): an object, no deeper or wider than its limits,
 * and every key and text inside it clean (PostgreSQL's jsonb refuses \u0000 as its text does).
 * Checked without recursion, so a 5,000-deep value is a field error, not a stack overflow.
 */
export function IsJsonData(options: JsonDataOptions = {}): PropertyDecorator {
  const { maxDepth = MAX_JSON_DEPTH, maxKeys, maxItems, ...rest } = options;
  const limits = { maxDepth, maxKeys, maxItems };
  return field(
    rest,
    { type: 'object', additionalProperties: true },
    IsObject({ message: '$property must be a JSON object' }),
    rule(
      'isJsonData',
      (value) => jsonDataProblem(value, limits) === undefined,
      (p) => p,
      [limits],
      (value, p) => `${p} ${jsonDataProblem(value, limits) ?? 'must be plain JSON data'}`,
    ),
  );
}

/** What is wrong with a JSON value's shape or texts, or undefined. Iterative, never throws. */
export function jsonDataProblem(
  value: unknown,
  limits: { maxDepth: number; maxKeys?: number; maxItems?: number },
): string | undefined {
  if (value === null || typeof value !== 'object') return undefined; // IsObject says so
  const shape = jsonShapeProblem(value, limits);
  if (shape) return shape;
  // The shape is bounded now, so walking it again is cheap and cannot loop.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const top = stack.pop();
    if (typeof top === 'string') {
      const message = cleanTextMessage(top, { multiline: true });
      if (message) return `texts ${message}`;
    } else if (typeof top === 'number') {
      if (!Number.isFinite(top)) return 'numbers must be finite';
    } else if (Array.isArray(top)) {
      stack.push(...(top as unknown[]));
    } else if (top !== null && typeof top === 'object') {
      for (const [key, inner] of Object.entries(top)) {
        const message = cleanTextMessage(key, {});
        if (message) return `keys ${message}`;
        stack.push(inner);
      }
    } else if (top !== null && typeof top !== 'boolean') {
      return 'must hold only JSON values';
    }
  }
  return undefined;
}
