import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from './api.errors';

/** A path parameter checked against a pattern: a bad id is a 400 naming the parameter. */
@Injectable()
export class PatternParam implements PipeTransform<string, string> {
  constructor(
    private readonly pattern: RegExp,
    private readonly rule: string,
  ) {}

  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !this.pattern.test(value)) {
      const name = metadata.data ?? 'id';
      throw new ApiError('bad_request', `${name} ${this.rule}`, { [name]: [this.rule] });
    }
    return value;
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidParam = new PatternParam(UUID, 'must be a UUID');
