import { isRealDate } from '@sanbao/domain';
import { IsString, Matches } from 'class-validator';
import { IsCleanText } from './clean-text';
import { field, rule, type FieldOptions } from './compose';
import { CALENDAR_DATE, DATE_TIME_WITH_ZONE, MONTH } from './patterns';

/** A real calendar day, YYYY-MM-DD. */
export function IsCalendarDate(options: FieldOptions = {}): PropertyDecorator {
  return field(
    { example: '2026-03-01', ...options },
    { type: String, format: 'date' },
    IsString(),
    IsCleanText(),
    Matches(CALENDAR_DATE, { message: '$property must be a date as YYYY-MM-DD' }),
    // Only a well-formed date is checked for being real: one message per mistake.
    rule(
      'isCalendarDate',
      (value) =>
        typeof value !== 'string' || !CALENDAR_DATE.test(value) || isRealDate(value, 'date'),
      (p) => `${p} is not a real date`,
    ),
  );
}

/**
 * An instant in ISO 8601 with its offset, e.g. 2026-03-01T17:00:00+08:00. Without the offset
 * the same text means another instant on a phone, the server and the database, so it is refused.
 */
export function IsDateTime(options: FieldOptions = {}): PropertyDecorator {
  return field(
    { example: '2026-03-01T17:00:00+08:00', ...options },
    { type: String, format: 'date-time' },
    IsString(),
    IsCleanText(),
    Matches(DATE_TIME_WITH_ZONE, {
      message:
        '$property must be an ISO 8601 time with its offset (e.g. 2026-01-10T06:00:00+08:00)',
    }),
    // `new Date()` rolls 2026-02-30 over to March 2 and 24:00 to the next day: the clean-text
    // rule of @sanbao/domain refuses them instead, as a person would.
    rule(
      'isTimestamp',
      (value) =>
        typeof value !== 'string' ||
        !DATE_TIME_WITH_ZONE.test(value) ||
        isRealDate(value, 'date-time'),
      (p) => `${p} is not a real time`,
    ),
  );
}

/** A calendar month, YYYY-MM. */
export function IsMonth(options: FieldOptions = {}): PropertyDecorator {
  return field(
    { example: '2026-03', ...options },
    { type: String, pattern: MONTH.source },
    IsString(),
    IsCleanText(),
    Matches(MONTH, { message: '$property must be a month written YYYY-MM' }),
  );
}
