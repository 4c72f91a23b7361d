import { plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsString,
  Matches,
  MaxLength,
  Min,
  registerDecorator,
  ValidationArguments,
  ValidationError,
  validateSync,
} from 'class-validator';

/**
 * The shared composite validators of the wire contracts, and the one function that checks a
 * plain value against a DTO. Messages name the field and the rule, never the value: a value
 * may be personal data.
 */

/** One field's problems, e.g. { field: "villages[1].peopleAffected", messages: [...] }. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** Several property decorators as one. */
export function applyDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => decorators.forEach((decorate) => decorate(target, propertyKey));
}

/** A rule of our own, registered with class-validator under `name` (the schema generator reads it). */
function rule(
  name: string,
  validate: (value: unknown, args: ValidationArguments) => boolean,
  message: (property: string) => string,
  constraints: unknown[] = [],
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      constraints,
      validator: {
        validate,
        defaultMessage: (args?: ValidationArguments) => message(args?.property ?? ''),
      },
    });
}

const ID_CARD = /^\d{17}[\dXx]$/;
const MOBILE = /^1[3-9]\d{9}$/;

/** Codes and references must never be an ID-card or a mobile number in disguise. */
export function NotPersonalNumber(): PropertyDecorator {
  return rule(
    'notPersonalNumber',
    (value) => typeof value !== 'string' || (!ID_CARD.test(value) && !MOBILE.test(value)),
    (p) => `${p} must be a register code or an opaque reference, not an ID-card or phone number`,
  );
}

/** A code from a bureau's register (household number, record id, works id). */
export function IsRegisterCode(maxLength = 64) {
  return applyDecorators(
    IsString(),
    Matches(/^[A-Za-z0-9][A-Za-z0-9_.:\-/]*$/, {
      message: '$property must be letters, digits and _ . : - / (starting with a letter or digit)',
    }),
    MaxLength(maxLength),
    NotPersonalNumber(),
  );
}

/** The household's number in the county's register (户编号). */
export const IsHouseholdId = () => IsRegisterCode(40);

/** An opaque reference to a person (a child, a patient): never a name, ID or phone number. */
export const IsPersonRef = () => IsRegisterCode(64);

/** 12-digit statistical division code of a village (统计用区划代码). */
export function IsVillageCode() {
  return applyDecorators(
    IsString(),
    Matches(/^\d{12}$/, { message: '$property must be a 12-digit village division code' }),
  );
}

/** 9-digit division code of a township: the first nine digits of its villages' codes. */
export function IsTownshipCode(villageField = 'villageCode') {
  return applyDecorators(
    IsString(),
    Matches(/^\d{9}$/, { message: '$property must be a 9-digit township division code' }),
    TownshipOf(villageField),
  );
}

function TownshipOf(villageField: string): PropertyDecorator {
  return rule(
    'townshipOfVillage',
    (value, args) => {
      const village = (args.object as Record<string, unknown>)[villageField];
      // A malformed village code has its own message; this rule speaks only of a mismatch.
      if (typeof value !== 'string' || typeof village !== 'string') return true;
      return !/^\d{12}$/.test(village) || village.startsWith(value);
    },
    (p) => `${p} must be the township of ${villageField} (its first nine digits)`,
    [villageField],
  );
}

const DATE_FORMAT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar day, YYYY-MM-DD. */
export function IsCalendarDate() {
  return applyDecorators(
    IsString(),
    Matches(DATE_FORMAT, { message: '$property must be a date as YYYY-MM-DD' }),
    // Only a well-formed date is checked for being real: one message per mistake.
    rule(
      'isCalendarDate',
      (value) => typeof value !== 'string' || !DATE_FORMAT.test(value) || isRealDay(value),
      (p) => `${p} is not a real date`,
    ),
  );
}

function isRealDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An instant in ISO 8601 with its offset, e.g. 2026-01-10T06:00:00+08:00. */
export function IsTimestamp() {
  return applyDecorators(
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, {
      message:
        '$property must be an ISO 8601 time with its offset (e.g. 2026-01-10T06:00:00+08:00)',
    }),
    rule(
      'isTimestamp',
      (value) => typeof value !== 'string' || !Number.isNaN(new Date(value).getTime()),
      (p) => `${p} is not a real time`,
    ),
  );
}

/** An amount in yuan: not negative, at most two decimals. */
export function IsMoney() {
  return applyDecorators(
    IsNumber(
      { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false },
      { message: '$property must be an amount in yuan with at most two decimals' },
    ),
    Min(0),
  );
}

/** One of a fixed list, with the list in the message. */
export function IsOneOf(values: readonly string[]) {
  return IsIn(values as string[], {
    message: `$property must be one of: ${values.join(', ')}`,
  });
}

export function IsFlag() {
  return IsBoolean({ message: '$property must be true or false' });
}

/** Free text a person wrote (a summary, a description). */
export function IsText(maxLength: number) {
  return applyDecorators(IsString(), MaxLength(maxLength));
}

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
export function NotMoreThan(field: string): PropertyDecorator {
  return rule(
    'notMoreThan',
    (value, args) => {
      const other = (args.object as Record<string, unknown>)[field];
      return typeof value !== 'number' || typeof other !== 'number' || value <= other;
    },
    (p) => `${p} must not be more than ${field}`,
    [field],
  );
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
  const value = plainToInstance(cls, plain, { enableImplicitConversion: false });
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: false,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors: flatten(errors) };
}

export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    if (error.constraints) {
      // Nested messages start with the bare property; the dotted path says where it is.
      out.push({ field, messages: Object.values(error.constraints) });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}
