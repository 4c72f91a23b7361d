import { isRealDate } from '@sanbao/domain';

/**
 * The shapes of the county's codes and references, as plain patterns and predicates: the
 * decorators of this module, the API's path parameters and the services' own checks all read
 * them from here, so a value one edge takes is never refused by another.
 */

/** 12-digit statistical division code of a village (统计用区划代码). */
export const VILLAGE_CODE = /^\d{12}$/;

/** 9-digit division code of a township: the first nine digits of its villages' codes. */
export const TOWNSHIP_CODE = /^\d{9}$/;

/**
 * A ledger number, e.g. 2026-EDU-000123: year, sector, serial. The serial is at least six
 * digits and may grow past them (the millionth issue of a sector in a year is still addressable).
 */
export const LEDGER_NO = /^[0-9]{4}-[A-Z]{3}-[0-9]{6,}$/;

/** An idempotency key chosen by the caller (a UUID is fine), also the X-Request-Id header. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** A calendar month, YYYY-MM. */
export const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** A calendar day, YYYY-MM-DD (whether the day is real is checked apart). */
export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** An instant in ISO 8601 with its offset, e.g. 2026-01-10T06:00:00+08:00. */
export const DATE_TIME_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A code from a bureau's register (household number, record id, works id). */
export const REGISTER_CODE = /^[A-Za-z0-9][A-Za-z0-9_.:\-/]*$/;

/** A school term, e.g. 2026-autumn, 2027-spring. */
export const TERM = /^\d{4}-(spring|autumn)$/;

/** The name of a kind of risk, e.g. not_returned: lower-case letters and _. */
export const KIND = /^[a-z][a-z_]{1,47}$/;

/** Longest household number of the county register. */
export const HOUSEHOLD_ID_MAX = 40;

/** Longest opaque reference to a person. */
export const PERSON_REF_MAX = 64;

const ID_CARD = /^\d{17}[\dXx]$/;
const MOBILE = /^1[3-9]\d{9}$/;

/** Codes and references must never be an ID-card or a mobile number in disguise. */
export function isPersonalNumber(value: string): boolean {
  return ID_CARD.test(value) || MOBILE.test(value);
}

/** A real calendar day, YYYY-MM-DD: the one date rule of @sanbao/domain. */
export function isRealDay(value: string): boolean {
  return isRealDate(value, 'date');
}

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

export function isLedgerNo(value: unknown): value is string {
  return typeof value === 'string' && LEDGER_NO.test(value);
}

/** The household number rule of IsHouseholdId, for a value that is not in a DTO (a path). */
export function isHouseholdId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    REGISTER_CODE.test(value) &&
    value.length <= HOUSEHOLD_ID_MAX &&
    !isPersonalNumber(value)
  );
}
