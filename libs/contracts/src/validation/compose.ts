import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { registerDecorator, ValidateIf, type ValidationArguments } from 'class-validator';

/** What every field decorator of the vocabulary takes besides its own rule. */
export interface FieldOptions {
  /**
   * the field may be left out. Only left out: null is checked like any other value and refused,
   * as the JSON Schemas say, so no service receives a null it did not declare.
   */
  optional?: boolean;
  /** shown in the OpenAPI document */
  example?: unknown;
  description?: string;
}

/**
 * A field: its rules, then its OpenAPI description, so Swagger says what the validator checks.
 * The "may be left out" condition goes last, where a hand-written `@IsOptional()` would land.
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
    ...(optional ? [LeftOutOrChecked(), ApiPropertyOptional(docs)] : [ApiProperty(docs)]),
  );
}

/**
 * Checks the field unless it is absent. Unlike `@IsOptional()` a null is checked (and refused by
 * the field's type rule): `{"displayName": null}` is a 400, not a null in a service. The JSON
 * Schema generator reads it as optional, as it reads every conditional validation.
 */
function LeftOutOrChecked(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
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
  /** a message that depends on the value (which rule of several it breaks); never quote it */
  valueMessage?: (value: unknown, property: string) => string,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      constraints,
      validator: {
        validate,
        defaultMessage: (args?: ValidationArguments) =>
          valueMessage
            ? valueMessage(args?.value, args?.property ?? '')
            : message(args?.property ?? ''),
      },
    });
}
