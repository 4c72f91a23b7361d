import { Transform } from 'class-transformer';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { field, rule, type FieldOptions } from './compose';

/** An amount in yuan: not negative, at most two decimals. */
export function IsMoney(options: FieldOptions = {}): PropertyDecorator {
  return field(
    { example: 1200.5, ...options },
    { type: Number, minimum: 0, multipleOf: 0.01 },
    IsNumber(
      { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false },
      { message: '$property must be an amount in yuan with at most two decimals' },
    ),
    Min(0),
  );
}

export interface WholeNumberOptions extends FieldOptions {
  min: number;
  max?: number;
  /** read from a query string: "20" becomes 20, anything else stays and fails */
  query?: boolean;
}

/** A whole number in a range (people, a year, a page). */
export function IsWholeNumber(options: WholeNumberOptions): PropertyDecorator {
  const { min, max, query = false, ...rest } = options;
  return field(
    rest,
    { type: 'integer', minimum: min, ...(max !== undefined ? { maximum: max } : {}) },
    ...(query ? [ToInt()] : []),
    IsInt(),
    Min(min),
    ...(max !== undefined ? [Max(max)] : []),
  );
}

const ToInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
  );

/** The sum of the named fields must not exceed this one (e.g. payers against the total cost). */
export function NotLessThanSumOf(fields: string[]): PropertyDecorator {
  return rule(
    'notLessThanSumOf',
    (value, args) => {
      const record = args.object as Record<string, unknown>;
      const parts = fields.map((f) => record[f] ?? 0);
      if (typeof value !== 'number' || parts.some((p) => typeof p !== 'number')) return true;
      const fen = (x: number) => Math.round(x * 100);
      return fen(value) >= parts.reduce<number>((sum, p) => sum + fen(p as number), 0);
    },
    (p) => `${p} must not be less than ${fields.join(' + ')}`,
    fields,
  );
}

/** The named field must not exceed this one (e.g. people affected against people served). */
export function NotMoreThan(other: string): PropertyDecorator {
  return rule(
    'notMoreThan',
    (value, args) => {
      const limit = (args.object as Record<string, unknown>)[other];
      return typeof value !== 'number' || typeof limit !== 'number' || value <= limit;
    },
    (p) => `${p} must not be more than ${other}`,
    [other],
  );
}
