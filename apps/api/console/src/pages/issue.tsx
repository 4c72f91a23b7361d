import { useRef, useState } from 'preact/hooks';
import { get, newRequestId, post, type ActResult, type Issue, type Principal } from '../api';
import { Due, Loaded, OverdueMark, Outcome, useAction, useAsync } from '../components';
import { useDivisions } from '../divisions';
import { dateTime } from '../format';
import { label, t, type MessageKey } from '../i18n';
import {
  CompletionForm,
  ExtensionRequestForm,
  ProgressNoteForm,
  SolutionPlanForm,
  TownshipDecisionForm,
  VerificationForm,
  WriteOffCheckForm,
  type SendAct,
} from './act-forms';

const ROLE_OF_STAGE: Record<string, string> = {
  verification: 'village',
  township_decision: 'township',
  solution_plan: 'bureau',
  resolution: 'bureau',
  write_off: 'township',
};

/** One issue: what the ledger holds, and the form for the act its stage needs from you. */
export function IssuePage({ id, principal }: { id: string; principal: Principal }) {
  const issue = useAsync(() => get<Issue>(`/issues/${encodeURIComponent(id)}`), [id]);
  const action = useAction();
  const requestIds = useRef<Record<string, string>>({});

  const send: SendAct = (act, path, body) =>
    action.run(async () => {
      // One request id per act until it is accepted: resending after a network error is one act.
      const requestId = (requestIds.current[act] ??= newRequestId());
      const result = await post<ActResult>(`/issues/${encodeURIComponent(id)}/${path}`, {
        requestId,
        ...body,
      });
      delete requestIds.current[act];
      issue.reload();
      return t('act.done', {
        act: t(`act.${act}` as MessageKey),
        stage: label('stage', result.stage),
        seq: result.seq,
      });
    });

  return (
    <Loaded async={issue}>
      {(data) => (
        <section>
          <div class="page-head">
            <h1>{t('issue.title', { no: data.ledgerNo ?? data.issueKey })}</h1>
            <span class="row">
              <a
                class="button secondary"
                href={`#/issues/${data.ledgerNo ?? data.issueKey}/timeline`}
              >
                {t('issue.timeline')}
              </a>
              <a
                class="button secondary"
                href={`#/households/${encodeURIComponent(data.subject.id)}`}
              >
                {t('issue.household')}
              </a>
            </span>
          </div>
          <IssueFacts issue={data} />
          <div class="act-area" data-test="act-area">
            <Outcome state={action.state} />
            <ActSection issue={data} principal={principal} send={send} busy={action.busy} />
          </div>
        </section>
      )}
    </Loaded>
  );
}

export function IssueFacts({ issue }: { issue: Issue }) {
  const divisions = useDivisions();
  const rows: Array<[MessageKey, preact.ComponentChildren]> = [
    ['field.stage', <span data-test="stage">{label('stage', issue.stage)}</span>],
    [
      'field.due',
      <span>
        <Due issue={issue} /> <OverdueMark issue={issue} />
      </span>,
    ],
    ['field.sector', label('sector', issue.sector)],
    ['field.kind', label('kind', issue.kind)],
    ['field.summary', issue.summary],
    [
      'field.household',
      <a href={`#/households/${encodeURIComponent(issue.subject.id)}`}>
        {issue.subject.id}
        {issue.subject.personRef ? ` / ${issue.subject.personRef}` : ''}
      </a>,
    ],
    [
      'field.village',
      `${divisions.townshipName(issue.townshipCode)} · ${divisions.villageName(issue.villageCode)}`,
    ],
    ['field.channel', label('channel', issue.channel)],
    ['field.reportedAt', dateTime(issue.reportedAt)],
  ];
  if (issue.severity) rows.push(['field.severity', label('severity', issue.severity)]);
  if (issue.responsibleUnit)
    rows.push(['field.responsible', `${issue.responsibleUnit} / ${issue.responsiblePerson ?? ''}`]);
  if (issue.measures?.length)
    rows.push([
      'field.measures',
      <ul class="plain">
        {issue.measures.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>,
    ]);
  if (issue.completionDate) rows.push(['field.completionDate', dateTime(issue.completionDate)]);
  if (issue.lapseCount) rows.push(['field.lapses', String(issue.lapseCount)]);
  if (issue.extensionStatus) rows.push(['field.extension', label('ext', issue.extensionStatus)]);
  if (issue.closure) rows.push(['field.closure', label('closure', issue.closure)]);
  return (
    <dl class="facts card">
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ActSection({
  issue,
  principal,
  send,
  busy,
}: {
  issue: Issue;
  principal: Principal;
  send: SendAct;
  busy: boolean;
}) {
  const props = { issue, send, busy };
  if (issue.status === 'closed') {
    return (
      <p class="card muted">{t('issue.closed', { closure: label('closure', issue.closure) })}</p>
    );
  }
  const role = principal.role;
  if (role === 'village' && issue.stage === 'verification') return <VerificationForm {...props} />;
  if (role === 'township' && issue.stage === 'township_decision')
    return <TownshipDecisionForm {...props} />;
  if (role === 'township' && issue.stage === 'write_off') return <WriteOffCheckForm {...props} />;
  if (role === 'bureau' && issue.stage === 'solution_plan') return <SolutionPlanForm {...props} />;
  if (role === 'bureau' && issue.stage === 'resolution') return <ResolutionForms {...props} />;
  if (role === 'leader' && issue.extensionStatus === 'voting') {
    return (
      <p class="card">
        {t('issue.voting')}{' '}
        <a class="button" href="#/approvals">
          {t('issue.goApprovals')}
        </a>
      </p>
    );
  }
  const who = ROLE_OF_STAGE[issue.stage];
  return (
    <p class="card muted">
      {t('issue.nothingForYou', { who: who ? t(`role.${who}` as MessageKey) : '—' })}
    </p>
  );
}

/** At resolution the bureau may note progress, report completion or (major issues) ask for time. */
function ResolutionForms(props: { issue: Issue; send: SendAct; busy: boolean }) {
  const canExtend = props.issue.severity === 'major' && props.issue.extensionStatus !== 'voting';
  const choices: Array<['completion' | 'progressNote' | 'extensionRequest', MessageKey]> = [
    ['completion', 'act.completion'],
    ['progressNote', 'act.progressNote'],
    ...(canExtend
      ? [['extensionRequest', 'act.extensionRequest'] as ['extensionRequest', MessageKey]]
      : []),
  ];
  const [choice, setChoice] = useState<(typeof choices)[number][0]>('completion');
  return (
    <div>
      {props.issue.extensionStatus === 'voting' && <p class="notice">{t('issue.voting')}</p>}
      <div class="segmented" role="tablist">
        {choices.map(([key, text]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={choice === key}
            class={choice === key ? 'active' : ''}
            onClick={() => setChoice(key)}
            data-choice={key}
          >
            {t(text)}
          </button>
        ))}
      </div>
      {choice === 'completion' && <CompletionForm {...props} />}
      {choice === 'progressNote' && <ProgressNoteForm {...props} />}
      {choice === 'extensionRequest' && canExtend && <ExtensionRequestForm {...props} />}
    </div>
  );
}
