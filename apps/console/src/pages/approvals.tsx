import { useRef, useState } from 'preact/hooks';
import {
  get,
  newRequestId,
  post,
  type ActResult,
  type Extension,
  type Issue,
  type Principal,
} from '../api';
import { Field, Loaded, Outcome, useAction, useAsync } from '../components';
import { useDivisions } from '../divisions';
import { dateTime, dueIn } from '../format';
import { label, t } from '../i18n';

interface Pending {
  extension: Extension;
  issue: Issue | undefined;
}

/** Approvals: extensions awaiting the leader's vote with plan, reason and milestones. */
export function ApprovalsPage({ principal }: { principal: Principal }) {
  const pending = useAsync(async () => {
    const extensions = await get<Extension[]>('/extensions?status=awaiting');
    const issues = await Promise.all(
      extensions.map((e) =>
        get<Issue>(`/issues/${encodeURIComponent(e.ledgerNo ?? e.issueKey)}`).catch(
          () => undefined,
        ),
      ),
    );
    return extensions.map((extension, i) => ({ extension, issue: issues[i] }));
  }, []);
  const decided = useAsync(() => get<Extension[]>('/extensions?status=decided'), []);
  const vote = useAction();
  const isLeader = principal.role === 'leader';

  return (
    <section>
      <h1>{t('approvals.title')}</h1>
      <p class="muted small">{isLeader ? t('approvals.hint') : t('approvals.readOnly')}</p>
      <Outcome state={vote.state} />
      <Loaded async={pending}>
        {(items: Pending[]) =>
          items.length === 0 ? (
            <p class="card muted" data-test="no-approvals">
              {t('approvals.empty')}
            </p>
          ) : (
            <ol class="cards wide">
              {items.map((item) => (
                <ExtensionCard
                  key={`${item.extension.ledgerNo ?? item.extension.issueKey}:${item.extension.requestId}`}
                  item={item}
                  onVote={
                    isLeader
                      ? (approve, comment, requestId) =>
                          vote.run(async () => {
                            const issueId = encodeURIComponent(
                              item.extension.ledgerNo ?? item.extension.issueKey,
                            );
                            const result = await post<ActResult>(
                              `/issues/${issueId}/leader-votes`,
                              { requestId, approve, comment },
                            );
                            // The vote is durable; the lists read the ledger: let it catch up.
                            await get(`/issues/${issueId}?minSeq=${result.seq}`);
                            pending.reload();
                            decided.reload();
                            return t('approvals.voted', {
                              no: item.extension.ledgerNo ?? item.extension.issueKey,
                              vote: approve ? t('approvals.approve') : t('approvals.reject'),
                            });
                          })
                      : undefined
                  }
                  busy={vote.busy}
                />
              ))}
            </ol>
          )
        }
      </Loaded>
      <h2>{t('approvals.decided')}</h2>
      <Loaded async={decided}>
        {(items) =>
          items.length === 0 ? (
            <p class="muted">{t('common.empty')}</p>
          ) : (
            <ol class="cards wide" data-test="decided">
              {items.slice(0, 50).map((e) => (
                <li
                  key={`${e.ledgerNo ?? e.issueKey}:${e.requestId}`}
                  class="card"
                  data-ledger-no={e.ledgerNo}
                >
                  <div class="row spread">
                    <a href={`#/issues/${e.ledgerNo ?? e.issueKey}/timeline`}>
                      <strong>{e.ledgerNo}</strong>
                    </a>
                    <span
                      class={`mark ${e.status === 'approved' ? 'ok' : 'red'}`}
                      data-test="decision"
                    >
                      {label('ext', e.status)}
                    </span>
                  </div>
                  <p class="muted small">
                    {t('approvals.newDeadline')} {dateTime(e.newDeadline)} · {dateTime(e.decidedAt)}
                  </p>
                  <Votes votes={e.votes} />
                </li>
              ))}
            </ol>
          )
        }
      </Loaded>
    </section>
  );
}

function Votes({ votes }: { votes: Extension['votes'] }) {
  if (votes.length === 0) return <p class="muted small">{t('approvals.noVotes')}</p>;
  return (
    <ul class="votes">
      {votes.map((v) => (
        <li key={v.leader.id}>
          <span class={`mark ${v.approve ? 'ok' : 'red'}`}>
            {v.approve ? t('approvals.approve') : t('approvals.reject')}
          </span>{' '}
          <strong>{v.leader.name}</strong> <span class="muted small">{dateTime(v.at)}</span>
          <br />
          <q>{v.comment}</q>
        </li>
      ))}
    </ul>
  );
}

function ExtensionCard({
  item: { extension: e, issue },
  onVote,
  busy,
}: {
  item: Pending;
  onVote?: (approve: boolean, comment: string, requestId: string) => Promise<void>;
  busy: boolean;
}) {
  const divisions = useDivisions();
  const [comment, setComment] = useState('');
  const requestId = useRef(newRequestId());
  const cast = (approve: boolean) => {
    if (!onVote || !comment.trim()) return;
    void onVote(approve, comment, requestId.current);
  };
  return (
    <li class="card extension" data-ledger-no={e.ledgerNo}>
      <div class="row spread">
        <a href={`#/issues/${e.ledgerNo ?? e.issueKey}/timeline`}>
          <strong>{e.ledgerNo}</strong>
        </a>
        <span class="muted small">
          {label('sector', e.sector)} · {divisions.townshipName(e.townshipCode)}
        </span>
      </div>
      {issue && <p>{issue.summary}</p>}
      <dl class="facts">
        <div>
          <dt>{t('approvals.requestedBy')}</dt>
          <dd>
            {e.requestedBy.name} · {dateTime(e.requestedAt)}
          </dd>
        </div>
        <div>
          <dt>{t('approvals.currentDue')}</dt>
          <dd>{dateTime(e.currentDueAt)}</dd>
        </div>
        <div>
          <dt>{t('approvals.newDeadline')}</dt>
          <dd>
            <strong>{dateTime(e.newDeadline)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('approvals.voteBy')}</dt>
          <dd>
            {dateTime(e.votingDeadline)} ({dueIn(e.votingDeadline)})
          </dd>
        </div>
      </dl>
      {issue && (
        <div class="block">
          <h3>{t('approvals.plan')}</h3>
          <p>
            {issue.responsibleUnit} / {issue.responsiblePerson} ·{' '}
            {label('severity', issue.severity)} · {t('field.completionDate')}{' '}
            {dateTime(issue.completionDate)}
          </p>
          <ul class="plain">
            {(issue.measures ?? []).map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="block">
        <h3>{t('approvals.reason')}</h3>
        <p data-test="reason">{e.reason}</p>
      </div>
      <div class="block">
        <h3>{t('approvals.milestones')}</h3>
        <ul class="plain" data-test="milestones">
          {(e.milestones ?? []).map((m, i) => (
            <li key={i}>
              {dateTime(m.dueDate)} — {m.description}
            </li>
          ))}
        </ul>
      </div>
      <div class="block">
        <h3>{t('approvals.votes')}</h3>
        <Votes votes={e.votes} />
      </div>
      {onVote && (
        <form
          class="vote"
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          <Field label={t('approvals.comment')}>
            <textarea
              name="comment"
              required
              rows={2}
              value={comment}
              onInput={(ev) => setComment(ev.currentTarget.value)}
            />
          </Field>
          <div class="row">
            <button
              type="button"
              disabled={busy || !comment.trim()}
              onClick={() => cast(true)}
              data-vote="approve"
            >
              {t('approvals.approve')}
            </button>
            <button
              type="button"
              class="danger"
              disabled={busy || !comment.trim()}
              onClick={() => cast(false)}
              data-vote="reject"
            >
              {t('approvals.reject')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
