import { renderRecord, typedRecord, type TimelineLang } from '@sanbao/domain';
import type { IssueAuditEntity } from '@sanbao/persistence';

/**
 * One record entry as a sentence a supervisor can read (in the reader's language, times in the
 * county's zone), and the reason given with it. The sentences are the shared timeline
 * catalogue's, the same the console shows (libs/domain/src/issue/timeline).
 */
export function describeRecord(
  entry: IssueAuditEntity,
  timeZone: string,
  lang: TimelineLang,
): { text: string; why: string | null } {
  return renderRecord(typedRecord(entry), { lang, timeZone });
}
