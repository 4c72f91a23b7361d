import { ACTS, isActName, renderEntry, STAGES } from '@sanbao/domain';
import { download, get, type IssueTimeline, type Principal, type TimelineEntry } from '../api';
import { Loaded, OverdueMark, Outcome, useAction, useAsync } from '../components';
import { useDivisions, type Divisions } from '../divisions';
import { dateTime, duration } from '../format';
import { label, lang, t } from '../i18n';

/** The axis's lanes, in the order of an issue's life. */
const STAGE_ORDER: readonly string[] = STAGES;
const WARNINGS = new Set(['overdue', 'reminder', 'escalation']);

type Category = 'act' | 'deadline' | 'lapse' | 'warning' | 'system';

function category(entry: TimelineEntry): Category {
  if (entry.kind === 'deadline') return 'deadline';
  if (entry.kind === 'lapse') return 'lapse';
  if (WARNINGS.has(entry.kind)) return 'warning';
  return entry.who && entry.who.role !== 'system' ? 'act' : 'system';
}

export function unitName(text: string, divisions: Divisions): string {
  if (text.startsWith('bureau:'))
    return t('unit.bureau', { sector: label('sector', text.slice('bureau:'.length)) });
  if (/^\d{12}$/.test(text)) return divisions.villageName(text);
  if (/^\d{9}$/.test(text)) return divisions.townshipName(text);
  return text || '—';
}

/**
 * One entry as a sentence in the reader's language. Record entries use the timeline catalogue
 * the API shares (times in the county's zone); the deadlines and lapses the API adds beside
 * the record are the console's own.
 */
function describe(
  entry: TimelineEntry,
  divisions: Divisions,
  timeZone: string,
): { text: string; verdict?: 'approve' | 'reject' } {
  const stage = label('stage', entry.stage);
  switch (entry.source) {
    case 'temporal':
      return {
        text: t('tl.deadline', {
          stage,
          due: dateTime(entry.details.dueAt),
        }),
      };
    case 'accountability': {
      const late = duration(entry.details.secondsLate * 1000);
      const key = entry.details.resolvedAt ? 'tl.lapse.done' : 'tl.lapse.waiting';
      return { text: t(key, { unit: unitName(entry.details.unit, divisions), stage, late }) };
    }
    case 'audit':
      // An audit entry's details are its record's payload, typed by its kind.
      return renderEntry(entry, {
        lang: lang(),
        timeZone,
        divisionName: (code) => unitName(code, divisions),
      });
  }
}

/** An issue's story: deadlines on a time axis, then every entry in order, problems highlighted. */
export function TimelinePage({ id, principal }: { id: string; principal: Principal }) {
  const timeline = useAsync(
    // The API's own lines (time limits, lapses) in the reader's language.
    () =>
      get<IssueTimeline>(
        `/console-api/issues/${encodeURIComponent(id)}/timeline?lang=${encodeURIComponent(lang())}`,
      ),
    [id, lang()],
  );
  const divisions = useDivisions();
  const raw = useAction();
  const mayDownload = principal.role === 'supervisor' || principal.role === 'leader';
  return (
    <Loaded async={timeline}>
      {({ issue, history }) => (
        <section>
          <div class="page-head">
            <h1>{t('timeline.title', { no: issue.ledgerNo ?? issue.issueKey })}</h1>
            <a class="button secondary" href={`#/issues/${issue.ledgerNo ?? issue.issueKey}`}>
              {t('common.back')}
            </a>
          </div>
          <p class="card">
            <strong>
              {label('sector', issue.sector)} · {label('kind', issue.kind)}
            </strong>{' '}
            — {issue.summary}
            <br />
            <span class="muted small">
              {divisions.townshipName(issue.townshipCode)} ·{' '}
              {divisions.villageName(issue.villageCode)} · {issue.subject.id} ·{' '}
              {label('stage', issue.stage)}
              {issue.closure ? ` · ${label('closure', issue.closure)}` : ''}
            </span>{' '}
            <OverdueMark issue={issue} />
          </p>
          {issue.flags.calendarUncovered && (
            <p class="notice error" role="alert" data-test="calendar-uncovered">
              {t('timeline.calendarUncovered', {
                years: issue.flags.calendarUncovered.join('、'),
              })}
            </p>
          )}
          <p class="row wrap">
            <a
              class="button secondary"
              href={history.temporal.webUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-test="temporal-link"
            >
              {t('timeline.temporal')} ↗
            </a>
            {mayDownload && (
              <button
                type="button"
                class="secondary"
                disabled={raw.busy}
                onClick={() =>
                  void raw.run(async () => {
                    await download(
                      `/issues/${encodeURIComponent(history.ledgerNo ?? history.issueKey)}/history/raw`,
                      'history.json',
                    );
                    return t('dashboard.downloaded');
                  })
                }
              >
                {t('timeline.raw')}
              </button>
            )}
          </p>
          <Outcome state={raw.state} />
          <h2>{t('timeline.axis')}</h2>
          <TimeAxis entries={history.timeline} start={issue.reportedAt} end={issue.closedAt} />
          <h2>{t('timeline.entries', { n: history.timeline.length })}</h2>
          <ol class="timeline" data-test="timeline">
            {history.timeline.map((entry, i) => {
              const line = describe(entry, divisions, history.timeZone);
              return (
                <li key={i} class={`entry ${category(entry)}`} data-kind={entry.kind}>
                  <time dateTime={entry.at}>{dateTime(entry.at)}</time>
                  <span class="entry-kind">{label('stage', entry.stage)}</span>
                  <p class="entry-text">{line.text}</p>
                  {line.verdict && (
                    <span class={`mark ${line.verdict === 'approve' ? 'ok' : 'red'}`}>
                      {line.verdict === 'approve' ? t('approvals.approve') : t('approvals.reject')}
                    </span>
                  )}
                  {entry.why && (
                    <p class="why">
                      <span class="muted">{t('timeline.why')}</span>
                      {entry.why}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </Loaded>
  );
}

interface Segment {
  stage: string;
  from: number;
  due: number;
  doneAt?: number;
}

/** Each stage's time limit as a bar; an act as a dot; late time in red; warnings as ticks. */
function TimeAxis({
  entries,
  start,
  end,
}: {
  entries: TimelineEntry[];
  start: string;
  end: string | null;
}) {
  const now = Date.now();
  const t0 = Date.parse(start);
  const segments: Segment[] = [];
  for (const entry of entries) {
    if (entry.source !== 'temporal' || !entry.stage || !entry.details.dueAt) continue;
    const due = Date.parse(entry.details.dueAt);
    // A new limit for the same stage (extension, reopening) ends the previous bar.
    segments.push({ stage: entry.stage, from: Date.parse(entry.at), due });
  }
  const acts = entries.filter((e) => category(e) === 'act' && e.kind !== 'opened');
  for (const segment of segments) {
    const act = acts.find(
      (a) =>
        a.stage === segment.stage &&
        Date.parse(a.at) >= segment.from &&
        // The act that ended the stage (not a note, a request or a vote on the way).
        isActName(a.kind) &&
        ACTS[a.kind].endsStage,
    );
    if (act) segment.doneAt = Date.parse(act.at);
  }
  const marks = entries.filter((e) => WARNINGS.has(e.kind) || e.kind === 'lapse');
  // The axis spans what happened (and, while open, the limit now running); limits far beyond
  // an early act run off the right edge with their date written there.
  const running = end ? [] : segments.filter((s) => s.doneAt === undefined).map((s) => s.due);
  const last = Math.max(
    end ? Date.parse(end) : now,
    ...running,
    ...entries.filter((e) => e.kind !== 'deadline').map((e) => Date.parse(e.at)),
  );
  const t1 = last + Math.max(1000, (last - t0) * 0.08);
  const lanes = STAGE_ORDER.filter((stage) => segments.some((s) => s.stage === stage));
  const left = 150;
  const width = 1000;
  const laneHeight = 34;
  const top = 10;
  const height = top + lanes.length * laneHeight + 40;
  const span = Math.max(1, t1 - t0);
  const x = (ms: number) =>
    left + ((Math.min(Math.max(ms, t0), t1) - t0) / span) * (width - left - 20);
  const y = (stage: string | null) => top + Math.max(0, lanes.indexOf(stage ?? '')) * laneHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => t0 + f * span);
  if (lanes.length === 0) return null;
  return (
    <div class="axis-wrap card">
      <svg
        class="axis"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('timeline.axis')}
      >
        {lanes.map((stage) => (
          <g key={stage}>
            <text x={8} y={y(stage) + 20} class="lane-label">
              {label('stage', stage)}
            </text>
            <line
              x1={left}
              x2={width - 20}
              y1={y(stage) + 16}
              y2={y(stage) + 16}
              class="lane-line"
            />
          </g>
        ))}
        {segments.map((s, i) => {
          const late = (s.doneAt ?? (end ? Date.parse(end) : now)) > s.due;
          const stop = s.doneAt ?? (end ? Date.parse(end) : now);
          return (
            <g key={i} data-stage={s.stage}>
              <rect
                x={x(s.from)}
                y={y(s.stage) + 8}
                width={Math.max(2, x(s.due) - x(s.from))}
                height={16}
                class="bar"
              />
              {late && (
                <rect
                  x={x(s.due)}
                  y={y(s.stage) + 8}
                  width={Math.max(2, x(stop) - x(s.due))}
                  height={16}
                  class="bar late"
                />
              )}
              {s.due <= t1 ? (
                <line
                  x1={x(s.due)}
                  x2={x(s.due)}
                  y1={y(s.stage) + 2}
                  y2={y(s.stage) + 30}
                  class="due-line"
                />
              ) : (
                <text x={width - 24} y={y(s.stage) + 6} class="tick" text-anchor="end">
                  → {dateTime(new Date(s.due).toISOString()).slice(5)}
                </text>
              )}
              {s.doneAt !== undefined && (
                <circle cx={x(s.doneAt)} cy={y(s.stage) + 16} r={6} class="done" />
              )}
            </g>
          );
        })}
        {marks.map((m, i) => (
          <path
            key={i}
            d={`M${x(Date.parse(m.at))},${y(m.stage) + 2} l-6,-8 h12 z`}
            class={m.kind === 'lapse' || m.kind === 'escalation' ? 'mark-red' : 'mark-yellow'}
          />
        ))}
        {ticks.map((tick, i) => (
          <text
            key={i}
            x={x(tick)}
            y={height - 10}
            class="tick"
            text-anchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}
          >
            {dateTime(new Date(tick).toISOString()).slice(5)}
          </text>
        ))}
        {!end && now <= t1 && (
          <line x1={x(now)} x2={x(now)} y1={0} y2={height - 25} class="now-line" />
        )}
      </svg>
      <p class="legend small">
        <span class="key bar" /> {t('timeline.legend.deadline')} <span class="key done" />{' '}
        {t('timeline.legend.act')} <span class="key late" /> {t('timeline.legend.lapse')}{' '}
        <span class="key warn" /> {t('timeline.legend.escalation')}
      </p>
    </div>
  );
}
