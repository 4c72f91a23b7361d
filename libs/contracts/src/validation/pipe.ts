import { ValidationPipe } from '@nestjs/common';
import { fieldMessages } from './errors';

/**
 * The HTTP edge's validation pipe: unknown fields are refused (not silently dropped), values
 * are turned into their declared types, and every problem is handed to `invalid` with the
 * fields it names, to become the service's own error.
 */
export function validationPipe(
  invalid: (fields: Record<string, string[]>) => Error,
): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalid(fieldMessages(errors)),
  });
}
