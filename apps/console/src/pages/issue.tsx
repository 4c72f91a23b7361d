import {
  ACT_NAMES,
  ACTS,
  actDoneBy,
  actPossibleAt,
  actRoles,
  taskOfStage,
  type ActName,
} from '@sanbao/domain';
import { useRef, useState } from 'preact/hooks';
import { get, newRequestId, post, type ActResult, type Issue, type Principal } from '../api';
import { Due, Loaded, OverdueMark, Outcome, useAction, useAsync } from '../components';
import { useDivisions } from '../divisions';
import { dateTime } from '../format';
import { label, named, t, type MessageKey } from '../i18n';
import { ACT_FORMS, type SendAct } from './act-forms';

/** One issue: what the ledger holds, and the form for the act its stage needs from you. */
export function IssuePage({ id, principal }: { id: string; principal: Principal }) {
  // An act answers once it is durable; the ledger follows within a moment. After one, the page
  // reads with minSeq so that it shows the act (the API waits briefly for the ledger).
  const minSeq = useRef(0);
  const issue = useAsync(
    () =>
      get<Issue>(
        `/issues/${encodeURIComponent(id)}${minSeq.current ? `?minSeq=${minSeq.current}` : ''}`,
      ),
    [id],
  );
  const action = useAction();
  const requestIds = useRef<Record<string, string>>({});

  const send: SendAct = (act, body) =>
    action.run(async () => {
      // One request id per act until it is accepted: resending after a network error is one act.
      const requestId = (requestIds.current[act] ??= newRequestId());
      const path = ACTS[act].route;
      const result = await post<ActResult>(`/issues/${encodeURIComponent(id)}/${path}`, {
        requestId,
        ...body,
      });
      delete requestIds.current[act];
      minSeq.current = result.seq;
      issue.reload();
      return t('act.done', {
        act: named(ACTS[act].names),
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
          <IssueFactsCard issue={data} />
          <div class="act-area" data-test="act-area">
            <Outcome state={action.state} />
            <ActSection issue={data} principal={principal} send={send} busy={action.busy} />
          </div>
        </section>
      )}
    </Loaded>
  );
}

export function IssueFactsCard({ issue }: { issue: Issue }) {
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
  // The acts of the reader's role at the issue's stage, each with its form (from the catalogue).
  // An issue sent back waits for the level above's re-route alone.
  const waits = (name: ActName) =>
    ACTS[name].sentBack === 'answers' ? issue.sentBackBy !== null : issue.sentBackBy === null;
  const acts = ACT_NAMES.filter(
    (name) =>
      actPossibleAt(name, issue.stage) &&
      actDoneBy(name, role, issue.stage) &&
      waits(name) &&
      ACT_FORMS[name] &&
      (ACT_FORMS[name].offered?.(issue) ?? true),
  );
  if (acts.length > 0) return <ActForms acts={acts} {...props} />;
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
  // Who acts next: the role of the stage's own act.
  const task = taskOfStage(issue.stage);
  const who = task ? actRoles(task)[0] : undefined;
  return (
    <p class="card muted">
      {t('issue.nothingForYou', { who: who ? t(`role.${who}` as MessageKey) : '—' })}
    </p>
  );
}

/**
 * The forms of the acts open to the reader; with more than one (the bureau at resolution: note
 * progress, report the fix done, ask for time), a choice between them, the stage's own act first.
 */
function ActForms(props: { acts: ActName[]; issue: Issue; send: SendAct; busy: boolean }) {
  const { issue } = props;
  const main = taskOfStage(issue.stage);
  const acts = [...props.acts].sort((a, b) => Number(b === main) - Number(a === main));
  const [choice, setChoice] = useState<ActName>(acts[0]);
  const chosen = acts.includes(choice) ? choice : acts[0];
  const Form = ACT_FORMS[chosen]?.Form;
  return (
    <div>
      {issue.extensionStatus === 'voting' && <p class="notice">{t('issue.voting')}</p>}
      {acts.length > 1 && (
        <div class="segmented" role="tablist">
          {acts.map((key) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={chosen === key}
              class={chosen === key ? 'active' : ''}
              onClick={() => setChoice(key)}
              data-choice={key}
            >
              {named(ACTS[key].names)}
            </button>
          ))}
        </div>
      )}
      {Form && <Form issue={issue} send={props.send} busy={props.busy} />}
    </div>
  );
}
