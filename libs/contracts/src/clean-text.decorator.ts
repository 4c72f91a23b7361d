import { cleanTextMessage, type CleanTextOptions } from '@sanbao/domain';
import { registerDecorator, ValidationArguments } from 'class-validator';

/**
 * The clean-text rule of @sanbao/domain as a class-validator decorator: no NUL, lone
 * surrogates, noncharacters or other control characters; line breaks and tabs only with
 * `{ multiline: true }`. Non-strings are left to @IsString, so each problem is named once.
 * The message names the rule, never the value.
 */
export function IsCleanText(options: CleanTextOptions = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCleanText',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [options.multiline === true],
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || cleanTextMessage(value, options) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'text'} ${cleanTextMessage(args?.value, options) ?? 'must be clean text'}`,
      },
    });
}
