import { IsOneOf } from '@sanbao/contracts';
import type { TimelineLang } from '@sanbao/domain';
import type { Request } from 'express';

export const READER_LANGS = ['zh-CN', 'en'] as const satisfies readonly TimelineLang[];

/** `lang`: the language of the plain-language lines; without it, the Accept-Language header. */
export class LangQueryDto {
  @IsOneOf(READER_LANGS, {
    optional: true,
    example: 'zh-CN',
    description:
      'zh-CN (the default) or en; without it, the Accept-Language header decides (en when ' +
      'English is preferred to Chinese), times in county time (Beijing)',
  })
  lang?: TimelineLang;
}

/** The reader's language: the one asked for, else the best of Accept-Language, else zh-CN. */
export function readerLang(asked: TimelineLang | undefined, req: Request): TimelineLang {
  if (asked) return asked;
  // Express's negotiation (q-values, en-US matching en); no header gives the first: zh-CN.
  return req.acceptsLanguages('zh-CN', 'zh', 'en') === 'en' ? 'en' : 'zh-CN';
}
