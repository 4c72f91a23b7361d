import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { field, type FieldOptions } from './compose';

/** One object of a DTO class inside another (a subject, a source). */
export function IsNested(
  type: () => new () => object,
  options: FieldOptions = {},
): PropertyDecorator {
  return field(
    options,
    // Swagger knows a lazy type by its function being named `type`, as this literal names it.
    { type: () => type() },
    ...(options.optional ? [] : [IsDefined()]),
    IsObject(),
    ValidateNested(),
    Type(type),
  );
}

export interface NestedListOptions extends FieldOptions {
  maxItems: number;
}

/** A list of at least one object of a DTO class (milestones, villages). */
export function IsNestedList(
  type: () => new () => object,
  options: NestedListOptions,
): PropertyDecorator {
  const { maxItems, ...rest } = options;
  return field(
    rest,
    { type: () => type(), isArray: true, minItems: 1, maxItems },
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(maxItems),
    ValidateNested({ each: true }),
    Type(type),
  );
}
