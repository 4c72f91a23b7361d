import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsOptional, registerDecorator, type ValidationArguments } from 'class-validator';

/** What every field decorator of the vocabulary takes besides its own rule. */
export interface FieldOptions {
  /** the field may be left out (null and undefined are not checked) */
  optional?: boolean;
  /** shown in the OpenAPI document */
  example?: unknown;
  description?: string;
}

/**
 * A field: its rules, then its OpenAPI description, so Swagger says what the validator checks.
 * `IsOptional` goes last, where a hand-written `@IsOptional()` above the rules would land.
 */
export function field(
  options: FieldOptions,
  api: ApiPropertyOptions,
  ...rules: PropertyDecorator[]
): PropertyDecorator {
  const { optional = false, example, description } = options;
  const docs: ApiPropertyOptions = {
    ...api,
    ...(example !== undefined ? { example } : {}),
    ...(description !== undefined ? { description } : {}),
  };
  return applyDecorators(
    ...rules,
    ...(optional ? [IsOptional(), ApiPropertyOptional(docs)] : [ApiProperty(docs)]),
  );
}

/**
 * A rule of our own, registered with class-validator under `name` (the JSON Schema generator
 * reads that name, so keep it when changing the rule).
 */
export function rule(
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
