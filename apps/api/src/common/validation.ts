import { ValidationError, ValidationPipe } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { ApiError } from './api.errors';

/** Field path -> the rules it breaks, e.g. { "subject.villageCode": ["must be 12 digits"] }. */
export function fieldMessages(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      // The rejected value is left out: it may be personal data.
      fields[path] = Object.values(error.constraints);
    }
    Object.assign(fields, fieldMessages(error.children ?? [], path));
  }
  return fields;
}

/**
 * The API's one validation pipe: unknown fields are refused (not silently dropped), values are
 * turned into their declared types, and every problem comes back as 422 with field messages.
 */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new ApiError('invalid_content', 'the request has invalid fields', fieldMessages(errors)),
  });
}

// ---------------------------------------------------------------------------------------------
// shared field rules (one place, as immich's validation.ts)

export const TOWNSHIP_CODE = /^[0-9]{9}$/;
export const VILLAGE_CODE = /^[0-9]{12}$/;
export const LEDGER_NO = /^[0-9]{4}-[A-Z]{3}-[0-9]{6}$/;
export const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;
export const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
/** household numbers of the county register: letters, digits and - */
export const HOUSEHOLD_ID = /^[A-Za-z0-9-]{1,64}$/;

export function IsTownshipCode(optional = false) {
  return applyDecorators(
    ...(optional ? [IsOptional()] : []),
    IsString(),
    Matches(TOWNSHIP_CODE, { message: '$property must be a 9-digit township code' }),
    (optional ? ApiPropertyOptional : ApiProperty)({ example: '511921101' }),
  );
}

export function IsVillageCode(optional = false) {
  return applyDecorators(
    ...(optional ? [IsOptional()] : []),
    IsString(),
    Matches(VILLAGE_CODE, { message: '$property must be a 12-digit village code' }),
    (optional ? ApiPropertyOptional : ApiProperty)({ example: '511921101201' }),
  );
}

/** Free text a person writes: required, trimmed of nothing, at most `max` characters. */
export function IsText(max: number, example: string, optional = false) {
  return applyDecorators(
    ...(optional ? [IsOptional()] : []),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
    (optional ? ApiPropertyOptional : ApiProperty)({ example, maxLength: max }),
  );
}

export function IsDateTime(example: string, optional = false) {
  return applyDecorators(
    ...(optional ? [IsOptional()] : []),
    IsString(),
    IsISO8601(
      { strict: true, strictSeparator: true },
      { message: '$property must be an ISO 8601 date-time, e.g. 2026-03-01T17:00:00+08:00' },
    ),
    (optional ? ApiPropertyOptional : ApiProperty)({ example, format: 'date-time' }),
  );
}

export function IsOneOf<T extends string>(values: readonly T[], example: T, optional = false) {
  return applyDecorators(
    ...(optional ? [IsOptional()] : []),
    IsIn(values as T[], { message: `$property must be one of ${values.join(', ')}` }),
    (optional ? ApiPropertyOptional : ApiProperty)({ enum: values, example }),
  );
}

/** A query-string number: "20" becomes 20, anything else stays as is and fails validation. */
export const ToInt = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
  );

/** A query-string boolean: only "true" and "false". */
export const ToBoolean = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );
