import { lang, t } from './i18n';

/** A date-time in the reader's language, short: 2026-03-02 10:30 or 3/2/2026, 10:30 AM. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** A length of time in its largest sensible unit: 3 天, 5 小时, 40 秒. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  if (s >= 86400) return t('dur.d', { n: Math.round((s / 86400) * 10) / 10 });
  if (s >= 3600) return t('dur.h', { n: Math.round((s / 3600) * 10) / 10 });
  if (s >= 60) return t('dur.m', { n: Math.round(s / 60) });
  return t('dur.s', { n: s });
}

/** "2 天后到期" or "逾期 3 小时" relative to now. */
export function dueIn(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const left = Date.parse(iso) - now;
  return left >= 0 ? t('due.left', { t: duration(left) }) : t('due.late', { t: duration(left) });
}

/** A value for <input type="datetime-local"> from an instant, in the browser's zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** An ISO instant with the browser's offset, from a datetime-local value ("" stays ""). */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${value.length === 16 ? `${value}:00` : value}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}
