import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsCleanText, IsCleanTextEach } from './clean-text';
import { field, type FieldOptions } from './compose';

export interface TextOptions extends FieldOptions {
  /** longest text; an act's free text takes MAX_TEXT from @sanbao/domain */
  max: number;
  /** shortest text, for passwords; otherwise leave it to allowEmpty */
  min?: number;
  /**
   * "" is a value. Off by default: a person who must write something (findings, a reason)
   * has not done so with "". On only where a wire contract has always taken "".
   */
  allowEmpty?: boolean;
  /**
   * the text may hold several lines (findings, a report's description): line feeds, CR LF and
   * tabs pass. Off by default: a name or a summary is one line.
   */
  multiline?: boolean;
}

/** Free text a person wrote (findings, a summary, a name). */
export function IsText(options: TextOptions): PropertyDecorator {
  const { max, min, allowEmpty = false, multiline = false, ...rest } = options;
  return field(
    rest,
    {
      type: String,
      maxLength: max,
      ...(min !== undefined ? { minLength: min } : allowEmpty ? {} : { minLength: 1 }),
    },
    IsString(),
    ...(allowEmpty ? [] : [IsNotEmpty()]),
    ...(min !== undefined ? [MinLength(min)] : []),
    MaxLength(max),
    IsCleanText({ multiline }),
  );
}

export interface TextListOptions extends FieldOptions {
  /** longest text of one item */
  max: number;
  maxItems: number;
}

/** A list of at least one one-line text (measures, evidence references), none of them empty. */
export function IsTextList(options: TextListOptions): PropertyDecorator {
  const { max, maxItems, ...rest } = options;
  return field(
    rest,
    { type: [String], minItems: 1, maxItems },
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(max, { each: true }),
    IsCleanTextEach(),
  );
}
