import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sanbao/auth';
import { APP_CONFIG, type AppConfig } from '@sanbao/config';
import { layout, paperWords, readerUnit, type Paper, type PaperLang } from '../papers/paper';
import type { OpenTable } from '../papers/paper-response';
import { IssueReadsService } from './issue-reads.service';
import type { AccountabilityQueryDto } from './issues.dto';

/** the register's lapses in one file at most (a county's year is far fewer), read a page at a time */
export const REGISTER_EXPORT_LIMIT = 50_000;
const REGISTER_PAGE = 1_000;

const LAPSES: Paper['columns'] = [
  { key: 'unit', zh: '责任单位', en: 'Responsible unit', width: 20 },
  { key: 'stage', zh: '环节', en: 'Stage', width: 12 },
  { key: 'ledgerNo', zh: '台账编号', en: 'Ledger no.', width: 18 },
  { key: 'sector', zh: '行业', en: 'Sector', width: 10 },
  { key: 'townshipCode', zh: '乡镇', en: 'Township', width: 12 },
  { key: 'dueAt', zh: '办理时限', en: 'Due', width: 17 },
  { key: 'detectedAt', zh: '发现逾期', en: 'Lapse found', width: 17 },
  { key: 'level', zh: '预警等级', en: 'Level', width: 10 },
  { key: 'resolvedAt', zh: '办结时间', en: 'Done', width: 17 },
  { key: 'daysLate', zh: '逾期天数', en: 'Days late', width: 10 },
];

const GROUPS: Paper['columns'] = [
  { key: 'unit', zh: '责任单位', en: 'Responsible unit', width: 20 },
  { key: 'stage', zh: '环节', en: 'Stage', width: 12 },
  { key: 'lapses', zh: '逾期次数', en: 'Lapses', width: 10 },
  { key: 'stillWaiting', zh: '仍未办结', en: 'Still waiting', width: 10 },
  { key: 'totalDaysLate', zh: '累计逾期天数', en: 'Total days late', width: 14 },
  { key: 'worstDaysLate', zh: '最长逾期天数', en: 'Worst days late', width: 14 },
];

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * 责任追究登记 as a file: sheet 1 the lapses (the CSV holds these), sheet 2 the figures per
 * unit and stage, each with its totals row. The same range, filters and numbers as
 * `GET /accountability`; at most REGISTER_EXPORT_LIMIT lapses.
 */
@Injectable()
export class RegisterPaperService {
  constructor(
    private readonly reads: IssueReadsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks the query before a byte is sent (a bad range is a 422, not a broken download). */
  check(query: AccountabilityQueryDto): void {
    this.reads.registerFilter(query, this.config.deadlinePolicy.timeZone);
  }

  async write(
    principal: Principal,
    query: AccountabilityQueryDto,
    lang: PaperLang,
    open: OpenTable,
  ): Promise<void> {
    const filter = this.reads.registerFilter(query, this.config.deadlinePolicy.timeZone);
    const words = paperWords(lang, this.config.deadlinePolicy.timeZone);
    const period = `${words.time(filter.from)} — ${words.time(filter.to)}`;
    const made = words.time(new Date());
    const unit = [
      readerUnit(principal, words),
      query.townshipCode
        ? readerUnit({ role: 'township', townshipCode: query.townshipCode }, words)
        : '',
      query.sector ? words.unit(`bureau:${query.sector}`) : '',
    ]
      .filter(Boolean)
      .join(' / ');
    const paper = (zh: string, en: string, columns: Paper['columns']) =>
      layout({ title: { zh, en }, unit, period, columns }, lang, made);

    const lapses = open(paper('责任追究登记', 'Accountability register', LAPSES));
    let cursor: string | undefined;
    let count = 0;
    let daysLate = 0;
    do {
      const pageSize = Math.min(REGISTER_PAGE, REGISTER_EXPORT_LIMIT - count);
      const page = await this.reads.registerPage(
        filter,
        cursor,
        pageSize,
        this.config.deadlinePolicy.timeZone,
      );
      for (const item of page.items) {
        await lapses.row({
          unit: words.unit(item.unit),
          stage: words.word('stage', item.stage),
          ledgerNo: item.ledgerNo ?? '',
          sector: words.word('sector', item.sector),
          townshipCode: item.townshipCode ?? '',
          dueAt: words.time(item.dueAt),
          detectedAt: words.time(item.detectedAt),
          level: words.word('level', item.level),
          resolvedAt: item.resolvedAt ? words.time(item.resolvedAt) : '',
          daysLate: item.daysLate,
        });
        daysLate += item.daysLate;
      }
      count += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && count < REGISTER_EXPORT_LIMIT);
    await lapses.totals({
      stage: lang === 'zh-CN' ? `${count} 次` : `${count} lapses`,
      daysLate: round3(daysLate),
    });
    await lapses.end();

    const groups = await this.reads.registerGroups(filter);
    const summary = open(paper('责任追究汇总', 'Accountability by unit', GROUPS));
    for (const g of groups) {
      await summary.row({ ...g, unit: words.unit(g.unit), stage: words.word('stage', g.stage) });
    }
    await summary.totals({
      lapses: groups.reduce((n, g) => n + g.lapses, 0),
      stillWaiting: groups.reduce((n, g) => n + g.stillWaiting, 0),
      totalDaysLate: round3(groups.reduce((n, g) => n + g.totalDaysLate, 0)),
      worstDaysLate: groups.reduce((n, g) => Math.max(n, g.worstDaysLate), 0),
    });
    await summary.end();
  }
}
