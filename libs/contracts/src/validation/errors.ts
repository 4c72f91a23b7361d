import { jsonShapeProblem, MAX_JSON_DEPTH } from '@sanbao/domain';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';

/**
 * How a broken rule is told: the field's path and the rules it breaks. Messages name the field
 * and the rule, never the value: a value may be personal data.
 */

/** One field's problems, e.g. { field: "villages[1].peopleAffected", messages: [...] }. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** class-validator's nested errors as a flat list, each with its path (a[1].b). */
export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    if (error.constraints) {
      // Nested messages start with the bare property; the path says where it is.
      out.push({ field, messages: Object.values(error.constraints) });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/** The same list as the API's `fields` object: path -> the rules it breaks. */
export function fieldMessages(errors: ValidationError[]): Record<string, string[]> {
  return Object.fromEntries(flatten(errors).map((e) => [e.field, e.messages]));
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Checks a plain value against a DTO class. Fields the DTO does not know are dropped, so a
 * spreadsheet's extra columns (names, notes) never travel further.
 */
export function checkAs<T extends object>(cls: new () => T, plain: unknown): Checked<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '', messages: ['must be a JSON object'] }] };
  }
  // class-transformer and class-validator recurse: a 5,000-deep value would overflow the stack
  // and take the consumer down with it. Measured first, without recursion.
  const shape = jsonShapeProblem(plain, { maxDepth: MAX_JSON_DEPTH });
  if (shape) return { ok: false, errors: [{ field: '', messages: [shape] }] };
  // class-transformer assigns every key it is given: `__proto__` would replace the instance's
  // prototype and `constructor` breaks its nested transforms (a TypeError, then a 503).
  const prototypeKey = prototypeKeyPath(plain);
  if (prototypeKey !== undefined) {
    return {
      ok: false,
      errors: [
        { field: prototypeKey, messages: [`${PROTOTYPE_KEYS.join(', ')} are not field names`] },
      ],
    };
  }
  const value = plainToInstance(cls, plain, { enableImplicitConversion: false });
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: false,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors: flatten(errors) };
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** The path of the first prototype key in an already depth-bounded JSON value, or undefined. */
function prototypeKeyPath(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; path: string };
    if (top.value === null || typeof top.value !== 'object') continue;
    if (Array.isArray(top.value)) {
      top.value.forEach((item, i) => stack.push({ value: item, path: `${top.path}[${i}]` }));
      continue;
    }
    for (const key of Object.keys(top.value)) {
      const path = top.path ? `${top.path}.${key}` : key;
      if (PROTOTYPE_KEYS.includes(key)) return path;
      stack.push({ value: (top.value as Record<string, unknown>)[key], path });
    }
  }
  return undefined;
}
