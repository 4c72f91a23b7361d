import {
  STAGES,
  type Stage,
  actFigure,
  isActEntry,
  type KindAndPayload,
  type MonthlyFigures,
  type MonthlyReportRow,
  type StageDays,
} from '@sanbao/domain';

/**
 * The monthly report's arithmetic, without a database: audit entries in, figures out. Every
 * figure is read from the signed record, so a month counted again gives the same numbers.
 */

/** One audit entry as the report reads it: its kind and typed payload, where and when. */
export type AuditFact = {
  issueKey: string;
  seq: number;
  /** the stage the entry was made in */
  stage: string;
  at: Date;
} & KindAndPayload;

export interface IssueFacts {
  issueKey: string;
  sector: string;
  townshipCode: string;
  /** the issue's record up to the month's end, in order */
  entries: AuditFact[];
}

const DAY_MS = 24 * 3600 * 1000;
/** The open stages, in the order of an issue's life: each one's days are reported. */
export const REPORT_STAGES: readonly Exclude<Stage, 'closed'>[] = STAGES.filter(
  (stage): stage is Exclude<Stage, 'closed'> => stage !== 'closed',
);

export function emptyFigures(): MonthlyFigures {
  return {
    new: 0,
    lateEntries: 0,
    verified: 0,
    forwarded: 0,
    persuaded: 0,
    unfounded: 0,
    planned: 0,
    resolved: 0,
    writtenOff: 0,
    merged: 0,
    overdue: 0,
    extended: 0,
    sentBack: 0,
    rerouted: 0,
    stillOpen: 0,
    stageDays: Object.fromEntries(
      REPORT_STAGES.map((s) => [s, { count: 0, medianDays: null, worstDays: null }]),
    ),
  };
}

/** A stage's stretch in one issue: from its hand-over to the act that moved the issue on. */
export interface StageSpan {
  stage: string;
  start: Date;
  end: Date;
}

/**
 * The stages an issue went through, from its record: entries made in the same stage follow
 * each other, and the last entry of a run is the act that moved the issue on.
 */
export function stageSpans(entries: AuditFact[]): StageSpan[] {
  const spans: StageSpan[] = [];
  if (entries.length === 0) return spans;
  let start = entries[0].at;
  for (let i = 0; i < entries.length; i++) {
    const next = entries[i + 1];
    if (next && next.stage !== entries[i].stage) {
      const end = entries[i].at;
      spans.push({ stage: entries[i].stage, start, end });
      start = end;
    }
  }
  return spans;
}

function within(at: Date, from: Date, to: Date): boolean {
  return at.getTime() >= from.getTime() && at.getTime() < to.getTime();
}

function countInto(figures: MonthlyFigures, issue: IssueFacts, from: Date, to: Date): number[][] {
  const durations: number[][] = REPORT_STAGES.map(() => []);
  let closedBefore = false;
  for (const e of issue.entries) {
    if (e.kind === 'closed' && e.at.getTime() < to.getTime()) closedBefore = true;
    if (!within(e.at, from, to)) continue;
    if (e.kind === 'opened') {
      figures.new += 1;
      // A late entry (month-rule.ts): reported before the county month it arrived in began.
      if (Date.parse(e.payload.reportedAt ?? '') < from.getTime()) figures.lateEntries += 1;
    } else if (e.kind === 'closed' && e.payload.closure === 'written_off') figures.writtenOff += 1;
    else if (e.kind === 'closed' && e.payload.closure === 'merged') figures.merged += 1;
    else if (e.kind === 'overdue') figures.overdue += 1;
    else if (e.kind === 'extension_decided' && e.payload.status === 'approved') {
      figures.extended += 1;
    } else if (isActEntry(e)) {
      // The people's acts count by the catalogue (verified, forwarded, planned, ...).
      const figure = actFigure(e.kind, e.payload);
      if (figure) figures[figure] += 1;
    }
  }
  const opened = issue.entries.find((e) => e.kind === 'opened');
  if (opened && opened.at.getTime() < to.getTime() && !closedBefore) figures.stillOpen += 1;
  for (const span of stageSpans(issue.entries)) {
    const index = (REPORT_STAGES as readonly string[]).indexOf(span.stage);
    if (index >= 0 && within(span.end, from, to)) {
      durations[index].push((span.end.getTime() - span.start.getTime()) / DAY_MS);
    }
  }
  return durations;
}

export function stageDays(durations: number[]): StageDays {
  if (durations.length === 0) return { count: 0, medianDays: null, worstDays: null };
  const sorted = [...durations].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return {
    count: sorted.length,
    medianDays: round(median),
    worstDays: round(sorted[sorted.length - 1]),
  };
}

/**
 * The report's rows (every known township x every sector, and any township or sector seen in
 * the record) and the county totals for the month [from, to).
 */
export function monthlyFigures(input: {
  issues: IssueFacts[];
  townships: Array<{ code: string; name: string }>;
  sectors: readonly string[];
  from: Date;
  to: Date;
}): { rows: MonthlyReportRow[]; totals: MonthlyFigures } {
  const names = new Map(input.townships.map((t) => [t.code, t.name]));
  const cells = new Map<string, { row: MonthlyReportRow; durations: number[][] }>();
  const cell = (townshipCode: string, sector: string) => {
    const id = `${townshipCode}/${sector}`;
    let found = cells.get(id);
    if (!found) {
      found = {
        row: {
          townshipCode,
          townshipName: names.get(townshipCode) ?? townshipCode,
          sector,
          figures: emptyFigures(),
        },
        durations: REPORT_STAGES.map(() => []),
      };
      cells.set(id, found);
    }
    return found;
  };
  for (const township of input.townships) {
    for (const sector of input.sectors) cell(township.code, sector);
  }
  const totals = emptyFigures();
  const allDurations: number[][] = REPORT_STAGES.map(() => []);
  for (const issue of input.issues) {
    const target = cell(issue.townshipCode, issue.sector);
    const durations = countInto(target.row.figures, issue, input.from, input.to);
    durations.forEach((list, i) => {
      target.durations[i].push(...list);
      allDurations[i].push(...list);
    });
  }
  const rows = [...cells.values()]
    .map(({ row, durations }) => {
      REPORT_STAGES.forEach((stage, i) => (row.figures.stageDays[stage] = stageDays(durations[i])));
      return row;
    })
    .sort(
      (a, b) => a.townshipCode.localeCompare(b.townshipCode) || a.sector.localeCompare(b.sector),
    );
  const counts = Object.keys(totals).filter((k) => k !== 'stageDays') as Array<
    Exclude<keyof MonthlyFigures, 'stageDays'>
  >;
  for (const row of rows) for (const key of counts) totals[key] += row.figures[key];
  REPORT_STAGES.forEach((stage, i) => (totals.stageDays[stage] = stageDays(allDurations[i])));
  return { rows, totals };
}
