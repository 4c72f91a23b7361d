import { IsOneOf } from '@sanbao/contracts';
import { READER_LANGS } from '../common/lang';
import {
  countyTime,
  TIMELINE_CATALOGUES,
  type TimelineLang,
  type Vocabulary,
} from '@sanbao/domain';

/**
 * A paper: a table the county prints and files (月报, 责任追究登记, 台账). One description,
 * written as XLSX (title, unit, period, frozen headings, totals row, A4 landscape) or as CSV
 * (headings on the first line, UTF-8 with a byte-order mark). Headings are Chinese; `lang=en`
 * gives English ones. Times are county time (the deadline policy's zone), as text.
 */

export type PaperLang = TimelineLang;
export const PAPER_LANGS = READER_LANGS;
/** a Date cell is a county wall-clock time (its UTC fields are the county's hour and minute) */
export type PaperCell = string | number | Date | null | undefined;
export type PaperRow = Record<string, PaperCell>;

export interface PaperColumn {
  key: string;
  zh: string;
  en: string;
  /** width in characters on the printed sheet */
  width?: number;
}

export interface Paper {
  /** the sheet's name and the title printed above it */
  title: { zh: string; en: string };
  /** 填报单位: whose part of the county the paper holds */
  unit: string;
  /** the month or range the paper covers, as printed */
  period: string;
  columns: readonly PaperColumn[];
}

/** A paper in one language: what the writers print. */
export interface PaperLayout {
  sheetName: string;
  title: string;
  /** the lines under the title: unit, period, when it was made (county time) */
  lines: string[];
  columns: Array<{ key: string; heading: string; width?: number }>;
  /** the totals row's label, printed in the first column */
  totalLabel: string;
}

export function layout(paper: Paper, lang: PaperLang, madeAt: string): PaperLayout {
  const zh = lang === 'zh-CN';
  return {
    sheetName: zh ? paper.title.zh : paper.title.en,
    title: zh ? paper.title.zh : paper.title.en,
    lines: zh
      ? [`填报单位：${paper.unit}`, `统计期间：${paper.period}`, `制表时间：${madeAt}（北京时间）`]
      : [`Unit: ${paper.unit}`, `Period: ${paper.period}`, `Made: ${madeAt} (Beijing time)`],
    columns: paper.columns.map((c) => ({ key: c.key, heading: zh ? c.zh : c.en, width: c.width })),
    totalLabel: zh ? '合计' : 'Total',
  };
}

/** The query of every paper route: which file, which language. */
export class PaperQueryDto {
  @IsOneOf(['json', 'csv', 'xlsx'] as const, {
    optional: true,
    example: 'xlsx',
    description: 'json (default), or a file: csv (UTF-8 with a BOM) or xlsx (a printable sheet)',
  })
  format?: 'json' | 'csv' | 'xlsx';

  @IsOneOf(PAPER_LANGS, {
    optional: true,
    example: 'zh-CN',
    description: "a file's headings and words: zh-CN (default, Chinese) or en",
  })
  lang?: PaperLang;
}

/** How a paper names things: codes as words of the language, instants in county time. */
export interface PaperWords {
  lang: PaperLang;
  words: Vocabulary;
  /** an instant as YYYY-MM-DD HH:mm in the county's zone; '' when there is none */
  time(iso: string | Date | null | undefined): string;
  /** the same as a date cell: the county's wall-clock time (XLSX shows it, CSV writes time()) */
  date(iso: string | Date | null | undefined): Date | null;
  /** a code from one of the vocabulary's lists, as a word (the code itself when unknown) */
  word<L extends WordList>(list: L, code: string | null | undefined): string;
  /** a responsible unit (a township code, `bureau:<sector>`) as the paper prints it */
  unit(code: string | null | undefined): string;
}

type WordList = 'stage' | 'closure' | 'channel' | 'level' | 'severity' | 'extension' | 'sector';

export function paperWords(lang: PaperLang, timeZone: string): PaperWords {
  const words = TIMELINE_CATALOGUES[lang].words;
  const time = (at: string | Date | null | undefined): string =>
    at ? countyTime(at instanceof Date ? at.toISOString() : at, timeZone) : '';
  const word = (list: WordList, code: string | null | undefined): string => {
    if (!code) return '';
    return (words[list] as Record<string, string>)[code] ?? code;
  };
  return {
    lang,
    words,
    word,
    time,
    date: (at) => {
      const local = time(at);
      return local ? new Date(`${local.replace(' ', 'T')}:00Z`) : null;
    },
    unit: (code) => {
      if (!code) return '';
      return code.startsWith('bureau:') ? words.bureau(word('sector', code.slice(7))) : code;
    },
  };
}

/** 填报单位 of a reader: their village, township or bureau, or the whole county. */
export function readerUnit(
  reader: {
    role: string;
    villageCode?: string | null;
    townshipCode?: string | null;
    sector?: string | null;
  },
  words: PaperWords,
): string {
  const zh = words.lang === 'zh-CN';
  if (reader.role === 'village' && reader.villageCode)
    return zh ? `村 ${reader.villageCode}` : `village ${reader.villageCode}`;
  if (reader.role === 'township' && reader.townshipCode)
    return zh ? `乡镇 ${reader.townshipCode}` : `township ${reader.townshipCode}`;
  if (reader.role === 'bureau' && reader.sector) return words.unit(`bureau:${reader.sector}`);
  return zh ? '全县' : 'the county';
}
