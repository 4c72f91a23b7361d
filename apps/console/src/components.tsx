import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, type Issue } from './api';
import { dateTime, dueIn } from './format';
import { has, label, t } from './i18n';

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a page; reload() fetches again (after an act, or a retry). */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: true,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** What an action is doing: idle, busy, or its outcome. */
export type ActionState =
  | { phase: 'idle' }
  | { phase: 'busy'; round: number }
  | { phase: 'done'; round: number; message: string }
  | { phase: 'failed'; round: number; error: unknown };

/** Counts actions across the page, so an outcome on screen says which action it belongs to. */
let rounds = 0;

export function useAction() {
  const [state, setState] = useState<ActionState>({ phase: 'idle' });
  const running = useRef(false);
  const run = useCallback(async (work: () => Promise<string>) => {
    if (running.current) return;
    running.current = true;
    const round = ++rounds;
    setState({ phase: 'busy', round });
    try {
      setState({ phase: 'done', round, message: await work() });
    } catch (error) {
      setState({ phase: 'failed', round, error });
    } finally {
      running.current = false;
    }
  }, []);
  return { state, run, busy: state.phase === 'busy', reset: () => setState({ phase: 'idle' }) };
}

export function Loading() {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {t('common.loading')}
    </p>
  );
}

function errorHeading(error: ApiFailure): string {
  if (error.status === 0) return t('err.network');
  const key = `err.${error.status}`;
  return has(key) ? t(key) : t('err.other', { status: error.status });
}

/** An API refusal as a person reads it: what kind of refusal, then the API's own message. */
export function ErrorBox({
  error,
  onRetry,
  round,
}: {
  error: unknown;
  onRetry?: () => void;
  round?: number;
}) {
  if (!(error instanceof ApiFailure)) {
    return (
      <div class="notice error" role="alert" data-round={round}>
        {String(error)}
      </div>
    );
  }
  // A field message that repeats the main message (the workflow's) is not shown twice.
  const fields = Object.entries(error.fields).filter(
    ([, messages]) => !messages.every((m) => m === error.message),
  );
  return (
    <div
      class="notice error"
      role="alert"
      data-status={error.status}
      data-code={error.code}
      data-round={round}
    >
      <strong>{errorHeading(error)}</strong>
      {error.status !== 0 && (
        <p class="api-message">
          <span class="muted">{t('act.workflowSays')}</span> <q>{error.message}</q>
        </p>
      )}
      {fields.length > 0 && (
        <ul class="field-errors">
          {fields.map(([field, messages]) => (
            <li key={field}>
              <code>{field}</code>: {messages.join('; ')}
            </li>
          ))}
        </ul>
      )}
      {error.requestId && (
        <p class="muted small">{t('common.requestId', { id: error.requestId })}</p>
      )}
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Outcome({ state }: { state: ActionState }) {
  if (state.phase === 'busy')
    return (
      <p class="notice busy" role="status" aria-live="polite" data-round={state.round}>
        <span class="spinner" aria-hidden="true" /> {t('common.submitting')}
      </p>
    );
  if (state.phase === 'done')
    return (
      <p class="notice ok" role="status" aria-live="polite" data-round={state.round}>
        {state.message}
      </p>
    );
  if (state.phase === 'failed') return <ErrorBox error={state.error} round={state.round} />;
  return null;
}

/** Shows a page's data once loaded, a spinner before, the error with a retry after a failure. */
export function Loaded<T>({
  async,
  children,
}: {
  async: Async<T>;
  children: (data: T) => ComponentChildren;
}) {
  if (async.error && !async.data) return <ErrorBox error={async.error} onRetry={async.reload} />;
  if (async.data === undefined) return <Loading />;
  return <>{children(async.data)}</>;
}

export function SubmitButton({ busy, text }: { busy: boolean; text?: string }) {
  return (
    <button type="submit" disabled={busy} aria-busy={busy}>
      {busy && <span class="spinner" aria-hidden="true" />}
      {busy ? t('common.submitting') : (text ?? t('common.submit'))}
    </button>
  );
}

/** The overdue mark: yellow once a limit has passed, red once escalated. */
export function OverdueMark({
  issue,
}: {
  issue: Pick<Issue, 'overdue' | 'overdueLevel' | 'status'>;
}) {
  if (issue.status === 'closed' || !issue.overdue) return null;
  const level = issue.overdueLevel === 'red' ? 'red' : 'yellow';
  const text =
    issue.overdueLevel === 'none' ? t('overdue.due') : label('overdue', issue.overdueLevel);
  return (
    <span class={`mark ${level}`} data-overdue={level}>
      {text}
    </span>
  );
}

export function Due({ issue }: { issue: Pick<Issue, 'currentDueAt' | 'status'> }) {
  if (issue.status === 'closed' || !issue.currentDueAt) return <span class="muted">—</span>;
  return (
    <span title={dateTime(issue.currentDueAt)}>
      {dueIn(issue.currentDueAt)}
      <span class="muted small"> · {dateTime(issue.currentDueAt)}</span>
    </span>
  );
}

export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1) {
    return <p class="muted small pager">{t('common.page', { page, pages, total })}</p>;
  }
  return (
    <nav class="pager" aria-label={t('common.pages')}>
      <button type="button" class="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.prev')}
      </button>
      <span class="muted small">{t('common.page', { page, pages, total })}</span>
      <button
        type="button"
        class="secondary"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('common.next')}
      </button>
    </nav>
  );
}

/** Client-side paging of a list the API answers whole (my work, overdue lists). */
export function usePaged<T>(items: T[], pageSize = 20) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const current = Math.min(page, pages);
  return {
    items: items.slice((current - 1) * pageSize, current * pageSize),
    pager: <Pager page={current} pageSize={pageSize} total={items.length} onPage={setPage} />,
  };
}

export function Field({
  label: text,
  children,
  hint,
}: {
  label: string;
  children: ComponentChildren;
  hint?: string;
}) {
  return (
    <label class="field">
      <span class="field-label">{text}</span>
      {children}
      {hint && <span class="muted small">{hint}</span>}
    </label>
  );
}
