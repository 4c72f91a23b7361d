import { normaliseIdValue } from '@sanbao/domain';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { IsCleanText } from './clean-text';
import { field, rule, type FieldOptions } from './compose';
import {
  HOUSEHOLD_ID_MAX,
  isPersonalNumber,
  KIND,
  LEDGER_NO,
  PERSON_REF_MAX,
  REGISTER_CODE,
  REQUEST_ID,
  TERM,
  TOWNSHIP_CODE,
  VILLAGE_CODE,
} from './patterns';

/**
 * A subject identifier is read in its one normalised form (NFKC, trimmed, upper case:
 * `normaliseId` of libs/domain, docs/integration.md "Identifiers") before it is checked, so
 * ` acc-0042 ` and `ＡＣＣ－００４２` are the household `ACC-0042` at every edge.
 */
const NormalisedId = () => Transform(({ value }: { value: unknown }) => normaliseIdValue(value));

/** Codes and references must never be an ID-card or a mobile number in disguise. */
function NotPersonalNumber(): PropertyDecorator {
  return rule(
    'notPersonalNumber',
    (value) => typeof value !== 'string' || !isPersonalNumber(value),
    (p) => `${p} must be a register code or an opaque reference, not an ID-card or phone number`,
  );
}

/** A code from a bureau's register (record id, works id, school code). */
export function IsRegisterCode(maxLength = 64, options: FieldOptions = {}): PropertyDecorator {
  return field(
    options,
    { type: String, pattern: REGISTER_CODE.source, maxLength },
    IsString(),
    IsCleanText(),
    Matches(REGISTER_CODE, {
      message: '$property must be letters, digits and _ . : - / (starting with a letter or digit)',
    }),
    MaxLength(maxLength),
    NotPersonalNumber(),
  );
}

/** The household's number in the county's register (户编号). */
export const IsHouseholdId = (options: FieldOptions = {}) =>
  applyDecorators(
    NormalisedId(),
    IsRegisterCode(HOUSEHOLD_ID_MAX, {
      example: 'HH-511921101201-0042',
      description:
        "the household's number in the county register (read as NFKC, trimmed, upper case); never an ID-card number",
      ...options,
    }),
  );

/** An opaque reference to a person (a child, a patient): never a name, ID or phone number. */
export const IsPersonRef = (options: FieldOptions = {}) =>
  applyDecorators(
    NormalisedId(),
    IsRegisterCode(PERSON_REF_MAX, {
      example: 'CHILD-1',
      description:
        'an opaque reference to the person concerned (read as NFKC, trimmed, upper case); never a name or ID-card number',
      ...options,
    }),
  );

/** 12-digit statistical division code of a village (统计用区划代码). */
export function IsVillageCode(options: FieldOptions = {}): PropertyDecorator {
  return field(
    { example: '511921101201', ...options },
    { type: String, pattern: VILLAGE_CODE.source },
    NormalisedId(),
    IsString(),
    IsCleanText(),
    Matches(VILLAGE_CODE, { message: '$property must be a 12-digit village division code' }),
  );
}

export interface TownshipCodeOptions extends FieldOptions {
  /** a village code field of the same object this township must contain */
  ofVillage?: string;
}

/** 9-digit division code of a township: the first nine digits of its villages' codes. */
export function IsTownshipCode(options: TownshipCodeOptions = {}): PropertyDecorator {
  const { ofVillage, ...rest } = options;
  return field(
    { example: '511921101', ...rest },
    { type: String, pattern: TOWNSHIP_CODE.source },
    NormalisedId(),
    IsString(),
    IsCleanText(),
    Matches(TOWNSHIP_CODE, { message: '$property must be a 9-digit township division code' }),
    ...(ofVillage ? [TownshipOf(ofVillage)] : []),
  );
}

function TownshipOf(villageField: string): PropertyDecorator {
  return rule(
    'townshipOfVillage',
    (value, args) => {
      const village = (args.object as Record<string, unknown>)[villageField];
      // A malformed village code has its own message; this rule speaks only of a mismatch.
      if (typeof value !== 'string' || typeof village !== 'string') return true;
      return !VILLAGE_CODE.test(village) || village.startsWith(value);
    },
    (p) => `${p} must be the township of ${villageField} (its first nine digits)`,
    [villageField],
  );
}

/** The idempotency key of an act or a report: sending it again changes nothing. */
export function IsRequestId(options: FieldOptions = {}): PropertyDecorator {
  return field(
    {
      example: '7f0c1c7e-5b7e-4b8e-9a53-0f6d2a1d9c11',
      description: 'idempotency key: 8-100 characters of letters, digits, . _ : -',
      ...options,
    },
    { type: String, pattern: REQUEST_ID.source },
    IsString(),
    IsCleanText(),
    Matches(REQUEST_ID, {
      message: '$property must be 8-100 letters, digits, ".", "_", ":" or "-"',
    }),
  );
}

/** A ledger number such as 2026-EDU-000123; the serial may be longer than six digits. */
export function IsLedgerNo(options: FieldOptions = {}): PropertyDecorator {
  return field(
    { example: '2026-EDU-000123', ...options },
    { type: String, pattern: LEDGER_NO.source },
    IsString(),
    IsCleanText(),
    Matches(LEDGER_NO, { message: '$property must be a ledger number such as 2026-EDU-000123' }),
  );
}

/** The name of a kind of risk (not_returned, unsafe_house): a signal's and a hand report's. */
export function IsKind(options: FieldOptions = {}): PropertyDecorator {
  return field(
    { example: 'not_returned', description: 'the sector kind of risk', ...options },
    { type: String, pattern: KIND.source },
    IsString(),
    IsCleanText(),
    Matches(KIND, { message: '$property must be lower-case letters and _' }),
  );
}

/** A school term, e.g. 2026-autumn. */
export function IsTerm(options: FieldOptions = {}): PropertyDecorator {
  return field(
    { example: '2026-autumn', ...options },
    { type: String, pattern: TERM.source },
    IsCleanText(),
    Matches(TERM, { message: '$property must be like 2026-autumn or 2027-spring' }),
  );
}

/**
 * A string of a shape only one field has (an ICD-10 code, a username, a hash). Shapes that
 * two fields share get a decorator of their own above.
 */
export function IsPattern(
  pattern: RegExp,
  message: string,
  options: FieldOptions & { string?: boolean } = {},
): PropertyDecorator {
  const { string = true, ...rest } = options;
  return field(
    rest,
    { type: String, pattern: pattern.source },
    ...(string ? [IsString()] : []),
    IsCleanText(),
    Matches(pattern, { message }),
  );
}
