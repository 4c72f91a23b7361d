import { Transform } from 'class-transformer';
import { IsBoolean, IsIn } from 'class-validator';
import { field, type FieldOptions } from './compose';

/** One of a fixed list, with the list in the message and in the OpenAPI enum. */
export function IsOneOf<T extends string>(
  values: readonly T[],
  options: FieldOptions = {},
): PropertyDecorator {
  return field(
    { example: values[0], ...options },
    { enum: values as T[] },
    IsIn(values as T[], { message: `$property must be one of: ${values.join(', ')}` }),
  );
}

export interface FlagOptions extends FieldOptions {
  /** read from a query string: only "true" and "false" become booleans */
  query?: boolean;
}

/** true or false. */
export function IsFlag(options: FlagOptions = {}): PropertyDecorator {
  const { query = false, ...rest } = options;
  return field(
    { example: false, ...rest },
    { type: Boolean },
    ...(query ? [ToBoolean()] : []),
    IsBoolean({ message: '$property must be true or false' }),
  );
}

const ToBoolean = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );
