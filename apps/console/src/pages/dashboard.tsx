import {
  ApiFailure,
  get,
  SECTORS,
  STAGES,
  type Dashboard,
  type MonthlyReport,
  type OnTimeRow,
} from '../api';
import { Loaded, useAsync, usePaged } from '../components';
import { useDivisions } from '../divisions';
import { dateTime, percent } from '../format';
import { label, lang, t, type MessageKey } from '../i18n';
import { go } from '../router';
import { IssueTable } from './ledger';
import { PaperDownloads, RegisterSection } from './paper-downloads';

/** The County API's monthly report (月报) routes. */
const REPORT = {
  json: (month: string) => `/reports/monthly/${month}`,
  file: (month: string, format: 'csv' | 'xlsx') =>
    `/reports/monthly/${month}?format=${format}&lang=${encodeURIComponent(lang())}`,
};

const REPORT_FIGURES = [
  'new',
  'verified',
  'forwarded',
  'persuaded',
  'unfounded',
  'planned',
  'resolved',
  'writtenOff',
  'merged',
  'overdue',
  'extended',
  'sentBack',
  'rerouted',
  'stillOpen',
] as const satisfies ReadonlyArray<keyof MonthlyReport['totals']>;

/** Dashboard and monthly report for supervisors and county leaders. */
export function DashboardPage({ month }: { month?: string }) {
  const dashboard = useAsync(
    () => get<Dashboard>(`/console-api/dashboard${month ? `?month=${month}` : ''}`),
    [month],
  );
  return (
    <section>
      <div class="page-head">
        <h1>{t('dashboard.title')}</h1>
        <label class="field inline">
          <span class="field-label">{t('dashboard.month')}</span>
          <input
            type="month"
            name="month"
            value={month ?? dashboard.data?.month ?? ''}
            onChange={(e) => go('/dashboard', { month: e.currentTarget.value })}
          />
        </label>
      </div>
      <Loaded async={dashboard}>{(data) => <DashboardView data={data} />}</Loaded>
    </section>
  );
}

function DashboardView({ data }: { data: Dashboard }) {
  const divisions = useDivisions();
  const open = Object.values(data.byStage).reduce((n, s) => n + s.open, 0);
  const overdue = Object.values(data.byStage).reduce((n, s) => n + s.overdue, 0);
  const overdueList = usePaged(data.overdue.items, 10);
  const maxStage = Math.max(1, ...Object.values(data.byStage).map((s) => s.open));
  const calendar = data.calendarWarning;
  return (
    <>
      {calendar && (
        <p class="notice error" role="alert" data-test="calendar-warning">
          {t('dashboard.calendarWarning', {
            covered: calendar.coveredYears.join('、') || '—',
            missing: calendar.missingYears.join('、'),
          })}
        </p>
      )}
      <div class="stats">
        <div class="stat">
          <span class="stat-value" data-test="total-open">
            {open}
          </span>
          <span class="stat-label">{t('dashboard.open')}</span>
        </div>
        <div class={`stat ${overdue ? 'warn' : ''}`}>
          <span class="stat-value" data-test="total-overdue">
            {overdue}
          </span>
          <span class="stat-label">{t('dashboard.overdue')}</span>
        </div>
        <div class="stat">
          <span class="stat-value">{data.closed}</span>
          <span class="stat-label">{t('dashboard.closed')}</span>
        </div>
      </div>
      <div class="grid2">
        <div class="card">
          <h2>{t('dashboard.byStage')}</h2>
          <table class="figures">
            <tbody>
              {STAGES.filter((s) => s !== 'closed').map((stage) => {
                const row = data.byStage[stage] ?? { open: 0, overdue: 0 };
                return (
                  <tr key={stage}>
                    <th>{label('stage', stage)}</th>
                    <td class="bar-cell">
                      <span class="hbar" style={{ width: `${(row.open / maxStage) * 100}%` }} />
                      <span
                        class="hbar late"
                        style={{ width: `${(row.overdue / maxStage) * 100}%` }}
                      />
                    </td>
                    <td class="num">{row.open}</td>
                    <td class={`num ${row.overdue ? 'late-text' : ''}`}>{row.overdue}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div class="card">
          <h2>{t('dashboard.bySector')}</h2>
          <table class="figures">
            <thead>
              <tr>
                <th />
                <th class="num">{t('dashboard.open')}</th>
                <th class="num">{t('dashboard.overdue')}</th>
                <th class="num">{t('dashboard.closed')}</th>
              </tr>
            </thead>
            <tbody>
              {SECTORS.map((sector) => {
                const row = data.bySector[sector] ?? { open: 0, overdue: 0, closed: 0 };
                return (
                  <tr key={sector}>
                    <th>{label('sector', sector)}</th>
                    <td class="num">{row.open}</td>
                    <td class={`num ${row.overdue ? 'late-text' : ''}`}>{row.overdue}</td>
                    <td class="num">{row.closed}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <OnTimeTable
          title="dashboard.onTimeTownships"
          rows={data.onTime.townships}
          name={(unit) => divisions.townshipName(unit)}
        />
        <OnTimeTable
          title="dashboard.onTimeBureaus"
          rows={data.onTime.bureaus}
          name={(unit) => t('unit.bureau', { sector: label('sector', unit) })}
        />
      </div>
      <p class="muted small">{t('dashboard.onTimeRule')}</p>
      <div class="card">
        <h2>{t('dashboard.trend')}</h2>
        <TrendChart months={data.monthOnMonth} />
      </div>
      <h2>{t('dashboard.overdueList', { n: data.overdue.total })}</h2>
      <IssueTable items={overdueList.items} />
      {overdueList.pager}
      <MonthlyReportSection month={data.month} />
      <RegisterSection month={data.month} />
    </>
  );
}

function OnTimeTable({
  title,
  rows,
  name,
}: {
  title: MessageKey;
  rows: OnTimeRow[];
  name: (unit: string) => string;
}) {
  return (
    <div class="card">
      <h2>{t(title)}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t('common.empty')}</p>
      ) : (
        <table class="figures" data-test={title}>
          <thead>
            <tr>
              <th />
              <th class="num">{t('dashboard.onTime')}</th>
              <th class="num">{t('dashboard.late')}</th>
              <th class="num">{t('dashboard.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.unit}>
                <th>{name(row.unit)}</th>
                <td class="num">{row.onTime}</td>
                <td class={`num ${row.late ? 'late-text' : ''}`}>{row.late}</td>
                <td class="num">
                  <strong>{percent(row.rate)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function TrendChart({ months }: { months: Dashboard['monthOnMonth'] }) {
  const series = [
    ['opened', 'dashboard.opened', 'c1'],
    ['writtenOff', 'dashboard.writtenOff', 'c2'],
    ['lapses', 'dashboard.lapses', 'c3'],
  ] as const;
  const max = Math.max(1, ...months.flatMap((m) => series.map(([key]) => m[key])));
  const width = 600;
  const height = 200;
  const group = (width - 40) / Math.max(1, months.length);
  const bar = Math.min(24, (group - 12) / series.length);
  return (
    <>
      <svg
        class="trend"
        viewBox={`0 0 ${width} ${height + 30}`}
        role="img"
        aria-label={t('dashboard.trend')}
      >
        <line x1={30} x2={width} y1={height} y2={height} class="lane-line" />
        {months.map((m, i) => (
          <g key={m.month}>
            {series.map(([key, , css], j) => {
              const h = (m[key] / max) * (height - 20);
              const x = 40 + i * group + j * bar;
              return (
                <g key={key}>
                  <rect x={x} y={height - h} width={bar - 2} height={h} class={css} />
                  {m[key] > 0 && (
                    <text x={x + bar / 2 - 1} y={height - h - 4} class="tick" text-anchor="middle">
                      {m[key]}
                    </text>
                  )}
                </g>
              );
            })}
            <text
              x={40 + i * group + (bar * series.length) / 2}
              y={height + 20}
              class="tick"
              text-anchor="middle"
            >
              {m.month}
            </text>
          </g>
        ))}
      </svg>
      <p class="legend small">
        {series.map(([key, text, css]) => (
          <span key={key}>
            <span class={`key ${css}`} /> {t(text)}{' '}
          </span>
        ))}
      </p>
    </>
  );
}

function MonthlyReportSection({ month }: { month: string }) {
  const divisions = useDivisions();
  const report = useAsync(async () => {
    try {
      return await get<MonthlyReport>(REPORT.json(month));
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 404) return null;
      throw error;
    }
  }, [month]);
  return (
    <div class="card report" data-test="monthly-report">
      <h2>{t('dashboard.report', { month })}</h2>
      <p class="muted small">{t('dashboard.reportHint')}</p>
      <Loaded async={report}>
        {(data) =>
          data === null ? (
            <p class="muted">{t('dashboard.noReport')}</p>
          ) : (
            <>
              <p class="muted small" data-test="report-kept">
                {data.kept ? t('dashboard.kept') : t('dashboard.live')} ·{' '}
                {dateTime(data.generatedAt)}
              </p>
              <PaperDownloads
                path={(f) => REPORT.file(month, f)}
                name={(f) => `monthly-report-${month}.${f}`}
              />
              <div class="scroll">
                <table class="figures report-table">
                  <thead>
                    <tr>
                      <th>{t('field.township')}</th>
                      <th>{t('field.sector')}</th>
                      {REPORT_FIGURES.map((f) => (
                        <th key={f} class="num">
                          {t(`report.figure.${f}` as MessageKey)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((row) => (
                      <tr key={`${row.townshipCode}:${row.sector}`}>
                        <td>{row.townshipName || divisions.townshipName(row.townshipCode)}</td>
                        <td>{label('sector', row.sector)}</td>
                        {REPORT_FIGURES.map((f) => (
                          <td key={f} class="num">
                            {row.figures[f]}
                          </td>
                        ))}
                      </tr>
                    ))}
                    <tr class="total">
                      <th colSpan={2}>{t('dashboard.total')}</th>
                      {REPORT_FIGURES.map((f) => (
                        <td key={f} class="num">
                          {data.totals[f]}
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </Loaded>
    </div>
  );
}
