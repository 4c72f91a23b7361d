import { ACTS, isActName, TIMELINE_CATALOGUES, type Vocabulary } from '@sanbao/domain';
import { en } from './messages/en';
import { zhCN, type MessageKey } from './messages/zh-CN';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORED = 'sanbao.console.lang';

let current: Lang = localStorage.getItem(STORED) === 'en' ? 'en' : 'zh-CN';

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(STORED, next);
  document.documentElement.lang = next;
}

/** The message for the key in the current language, with {name} placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = CATALOGUES[current][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The groups whose words the timeline's message catalogues hold (shared with the API). */
const SHARED_WORDS: Record<
  string,
  keyof Pick<Vocabulary, 'stage' | 'closure' | 'channel' | 'severity' | 'extension' | 'sector'>
> = {
  stage: 'stage',
  closure: 'closure',
  channel: 'channel',
  severity: 'severity',
  ext: 'extension',
  sector: 'sector',
};

/** A label for a code the API sends (stage, sector, kind, ...); the code itself when unknown. */
export function label(group: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const shared = SHARED_WORDS[group];
  if (shared) {
    const words = TIMELINE_CATALOGUES[current].words[shared] as Record<string, string>;
    return words[code] ?? code;
  }
  const key = `${group}.${code}`;
  return key in zhCN ? t(key as MessageKey) : code;
}

/** A name the act catalogue gives in both languages, in the reader's. */
export function named(names: { zh: string; en: string }): string {
  return current === 'en' ? names.en : names.zh;
}

export function has(key: string): key is MessageKey {
  return key in zhCN;
}

/** A task of the work list: an act (named by the catalogue) or the console's own (inspect). */
export function taskName(task: string): string {
  if (isActName(task)) return named(ACTS[task].names);
  return has(`task.${task}`) ? t(`task.${task}` as MessageKey) : task;
}
