import { ACT_REJECTIONS, type ActRejectionCode } from '@sanbao/workflows';

export { ACT_REJECTIONS, type ActRejectionCode };

/** An act the issue workflow's validator refused, with the validator's code and message. */
export class ActRejectedError extends Error {
  constructor(
    readonly code: ActRejectionCode,
    message: string,
    /** the field the validator named, when it named one */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ActRejectedError';
  }
}

export function isActRejectionCode(value: unknown): value is ActRejectionCode {
  return typeof value === 'string' && (ACT_REJECTIONS as readonly string[]).includes(value);
}

/**
 * The field a validator message names. Messages read "<act>: <field> must ..." (see
 * workflows/src/issue/act-validation.ts); the field is a hint for forms, the code decides.
 */
export function fieldOf(message: string): string | undefined {
  const match = /^[A-Za-z]+: ([A-Za-z]+(?:\[\d+\])?(?:\.[A-Za-z]+)?) /.exec(message);
  return match?.[1];
}
