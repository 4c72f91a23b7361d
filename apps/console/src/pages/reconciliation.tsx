import type { ReconciliationReport } from '@sanbao/domain';
import { get, post } from '../api';
import { Loaded, Outcome, useAction, useAsync } from '../components';
import { dateTime } from '../format';
import { label, t, type MessageKey } from '../i18n';

/** An issue its workflow marked "needs repair" (GET /reconciliation/repairs). */
interface Repair {
  workflowId: string;
  sector: string;
  ledgerNo: string | null;
  reason: string;
  failures: number;
  firstFailedAt: string;
}

type Report = ReconciliationReport & { id: number };

const msg = (key: string) => t(key as MessageKey);

/** The dashboard's warning: issues whose ledger write failed for good, waiting for a repair. */
export function NeedsRepairNotice() {
  const repairs = useAsync(() => get<Repair[]>('/reconciliation/repairs'), []);
  const count = repairs.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <p class="notice error" role="alert" data-test="needs-repair">
      {t('recon.needsRepairCount', { count })}{' '}
      <a href="#/reconciliation">{t('nav.reconciliation')}</a>
    </p>
  );
}

export function ReconciliationPage() {
  const latest = useAsync(
    () => get<{ report: Report | null }>('/reconciliation/reports/latest'),
    [],
  );
  const repairs = useAsync(() => get<Repair[]>('/reconciliation/repairs'), []);
  const action = useAction();

  const runNow = () =>
    void action.run(async () => {
      const report = await post<Report>('/reconciliation/runs', {});
      latest.reload();
      repairs.reload();
      return t('recon.done', {
        lost: report.lost,
        doubled: report.doubled,
        repaired: report.repaired,
        notRepaired: report.notRepaired,
      });
    });

  return (
    <section>
      <h1>{t('recon.title')}</h1>
      <p class="muted small">{t('recon.hint')}</p>
      <p>
        <button type="button" onClick={runNow} disabled={action.busy} data-test="reconcile-now">
          {t('recon.run')}
        </button>
      </p>
      <Outcome state={action.state} />

      <div class="card" data-test="repairs">
        <h2>{t('recon.needsRepair')}</h2>
        <Loaded async={repairs}>
          {(list) =>
            list.length === 0 ? (
              <p class="muted">{t('recon.noRepairs')}</p>
            ) : (
              <table class="figures">
                <thead>
                  <tr>
                    <th>{t('recon.since')}</th>
                    <th>Workflow</th>
                    <th>{t('report.sector')}</th>
                    <th>{t('recon.reason')}</th>
                    <th>{t('recon.failures')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.workflowId}>
                      <td>{dateTime(r.firstFailedAt)}</td>
                      <td class="mono">{r.ledgerNo ?? r.workflowId}</td>
                      <td>{label('sector', r.sector)}</td>
                      <td>{r.reason}</td>
                      <td>{r.failures}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </div>

      <Loaded async={latest}>
        {({ report }) => (report ? <ReportCard report={report} /> : <p>{t('recon.none')}</p>)}
      </Loaded>
    </section>
  );
}

function ReportCard({ report }: { report: Report }) {
  const { signals } = report;
  return (
    <div class="card" data-test="reconciliation-report">
      <h2>
        {t('recon.period')}: {dateTime(report.from)} – {dateTime(report.to)} (
        {msg(`recon.trigger.${report.trigger}`)})
      </h2>
      <table class="figures">
        <tbody>
          <tr>
            <th>{t('recon.lost')}</th>
            <td data-test="lost">{report.lost}</td>
            <th>{t('recon.doubled')}</th>
            <td data-test="doubled">{report.doubled}</td>
            <th>{t('recon.repaired')}</th>
            <td>{report.repaired}</td>
            <th>{t('recon.notRepaired')}</th>
            <td>{report.notRepaired}</td>
          </tr>
        </tbody>
      </table>
      <p>
        {t('recon.signals', { first: signals.firstSeq ?? '—', last: signals.lastSeq ?? '—' })}:{' '}
        {t('recon.signalsCount', {
          count: signals.count,
          withIssue: signals.withIssue,
          dead: signals.deadLettered,
          pending: signals.pending,
        })}
      </p>
      <p>
        {t('recon.workflows', {
          checked: report.workflows.checked,
          running: report.workflows.running,
          rows: report.ledgerRows,
        })}
      </p>
      <h3>{t('recon.findings')}</h3>
      {report.findings.length === 0 ? (
        <p class="muted">{t('recon.noFindings')}</p>
      ) : (
        <table class="figures">
          <tbody>
            {report.findings.map((f, i) => (
              <tr key={i}>
                <td>{msg(`recon.kind.${f.kind}`)}</td>
                <td class="mono">
                  {f.ledgerNo ??
                    f.workflowId ??
                    (f.streamSeq !== undefined ? `#${f.streamSeq}` : '')}
                </td>
                <td>
                  {f.ledgerStage ? `${label('stage', f.ledgerStage)} → ` : ''}
                  {f.workflowStage ? label('stage', f.workflowStage) : ''}
                </td>
                <td>{msg(`recon.action.${f.action}`)}</td>
                <td class="small">{f.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
