import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isHouseholdId, MONTH, TOWNSHIP_CODE, VILLAGE_CODE } from '@sanbao/contracts';
import { normaliseId } from '@sanbao/domain';
import { ApiError } from './api.errors';

/**
 * A path parameter checked against a rule of the validation vocabulary (@sanbao/contracts):
 * a bad one is a 400 naming the parameter.
 */
@Injectable()
export class PatternParam implements PipeTransform<string, string> {
  private readonly test: (value: string) => boolean;

  constructor(
    pattern: RegExp | ((value: string) => boolean),
    private readonly rule: string,
    private readonly normalise = false,
  ) {
    this.test = pattern instanceof RegExp ? (value) => pattern.test(value) : pattern;
  }

  transform(given: string, metadata: ArgumentMetadata): string {
    // Codes in a path are read as the vocabulary reads them in a body (normaliseId).
    const value = this.normalise && typeof given === 'string' ? normaliseId(given) : given;
    if (typeof value !== 'string' || !this.test(value)) {
      const name = metadata.data ?? 'id';
      throw new ApiError('bad_request', `${name} ${this.rule}`, { [name]: [this.rule] });
    }
    return value;
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidParam = new PatternParam(UUID, 'must be a UUID');
export const townshipParam = new PatternParam(
  TOWNSHIP_CODE,
  'must be a 9-digit township code',
  true,
);
export const villageParam = new PatternParam(VILLAGE_CODE, 'must be a 12-digit village code', true);
export const monthParam = new PatternParam(MONTH, 'must be a month written YYYY-MM');
export const householdParam = new PatternParam(
  isHouseholdId,
  'must be a household number of the county register (letters, digits and _ . : - /)',
  true,
);
