import { useState } from 'preact/hooks';
import { download, get, query, SECTORS, STAGES, type Issue, type IssueList } from '../api';
import { Due, Loaded, OverdueMark, Outcome, Pager, useAction, useAsync } from '../components';
import { useDivisions } from '../divisions';
import { dateTime } from '../format';
import { label, lang, t } from '../i18n';
import { go } from '../router';

const FILTERS = [
  'sector',
  'townshipCode',
  'villageCode',
  'stage',
  'status',
  'overdueLevel',
  'sort',
] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;
const PAGE_SIZE = 20;

/** The ledger (台账): filtered, paged, exportable; a household's issues one click away. */
export function LedgerPage({ params }: { params: URLSearchParams }) {
  const divisions = useDivisions();
  const applied: Filters = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) applied[key] = value;
  }
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState<Filters>(applied);
  const search = query({
    ...applied,
    order: applied.sort === 'dueAt' ? 'asc' : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const ledger = useAsync(() => get<IssueList>(`/issues${search}`), [search]);
  const exporting = useAction();

  const set = (key: keyof Filters, value: string) =>
    setDraft((d) => ({
      ...d,
      [key]: value || undefined,
      ...(key === 'townshipCode' ? { villageCode: undefined } : {}),
    }));
  const apply = (event: Event) => {
    event.preventDefault();
    go('/ledger', { ...draft, page: undefined });
  };
  const villages = divisions.villages.filter(
    (v) => !draft.townshipCode || v.townshipCode === draft.townshipCode,
  );

  const select = (key: keyof Filters, options: Array<[string, string]>, text: string) => (
    <label class="field">
      <span class="field-label">{text}</span>
      <select name={key} value={draft[key] ?? ''} onChange={(e) => set(key, e.currentTarget.value)}>
        <option value="">{t('common.all')}</option>
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section>
      <div class="page-head">
        <h1>{t('ledger.title')}</h1>
        <button
          type="button"
          class="secondary"
          disabled={exporting.busy}
          data-test="export"
          onClick={() =>
            void exporting.run(async () => {
              await download(
                `/console-api/ledger.xlsx${query({ ...applied, order: applied.sort === 'dueAt' ? 'asc' : undefined, lang: lang() })}`,
                'ledger.xlsx',
              );
              return t('ledger.exported');
            })
          }
        >
          {exporting.busy ? t('ledger.exporting') : t('ledger.export')}
        </button>
      </div>
      <Outcome state={exporting.state} />
      <form class="filters card" onSubmit={apply} aria-label={t('ledger.filters')}>
        {select(
          'sector',
          SECTORS.map((s) => [s, label('sector', s)]),
          t('field.sector'),
        )}
        {select(
          'townshipCode',
          divisions.townships.map((x) => [x.code, x.name]),
          t('field.township'),
        )}
        {select(
          'villageCode',
          villages.map((x) => [x.code, x.name]),
          t('field.village'),
        )}
        {select(
          'stage',
          STAGES.map((s) => [s, label('stage', s)]),
          t('field.stage'),
        )}
        {select(
          'status',
          [
            ['open', label('status', 'open')],
            ['closed', label('status', 'closed')],
          ],
          t('field.status'),
        )}
        {select(
          'overdueLevel',
          (['none', 'yellow', 'red'] as const).map((l) => [l, label('overdue', l)]),
          t('field.overdueLevel'),
        )}
        {select(
          'sort',
          (['reportedAt', 'dueAt', 'ledgerNo'] as const).map((s) => [s, t(`ledger.sort.${s}`)]),
          t('ledger.sort'),
        )}
        <div class="filter-actions">
          <button type="submit">{t('ledger.apply')}</button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setDraft({});
              go('/ledger');
            }}
          >
            {t('ledger.reset')}
          </button>
        </div>
      </form>
      <Loaded async={ledger}>
        {(data) => (
          <>
            <IssueTable items={data.items} />
            <Pager
              page={data.page ?? 1}
              pageSize={data.pageSize}
              total={data.total}
              onPage={(next) => go('/ledger', { ...applied, page: next })}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}

export function IssueTable({ items }: { items: Issue[] }) {
  const divisions = useDivisions();
  if (items.length === 0) return <p class="card muted">{t('ledger.empty')}</p>;
  return (
    <table class="issues" data-test="ledger-table">
      <thead>
        <tr>
          <th>{t('field.ledgerNo')}</th>
          <th>{t('field.sector')}</th>
          <th>{t('field.kind')}</th>
          <th>{t('field.household')}</th>
          <th>{t('field.village')}</th>
          <th>{t('field.stage')}</th>
          <th>{t('field.due')}</th>
          <th>{t('field.reportedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((issue) => (
          <tr key={issue.ledgerNo ?? issue.issueKey} data-ledger-no={issue.ledgerNo}>
            <td data-label={t('field.ledgerNo')}>
              <a href={`#/issues/${issue.ledgerNo ?? issue.issueKey}`}>
                {issue.ledgerNo ?? issue.issueKey}
              </a>
            </td>
            <td data-label={t('field.sector')}>{label('sector', issue.sector)}</td>
            <td data-label={t('field.kind')}>{label('kind', issue.kind)}</td>
            <td data-label={t('field.household')}>
              <a href={`#/households/${encodeURIComponent(issue.subject.id)}`}>
                {issue.subject.id}
              </a>
            </td>
            <td data-label={t('field.village')}>
              {divisions.townshipName(issue.townshipCode)} ·{' '}
              {divisions.villageName(issue.villageCode)}
            </td>
            <td data-label={t('field.stage')}>
              {issue.status === 'closed'
                ? `${label('stage', 'closed')} · ${label('closure', issue.closure)}`
                : label('stage', issue.stage)}
            </td>
            <td data-label={t('field.due')}>
              <OverdueMark issue={issue} /> <Due issue={issue} />
            </td>
            <td data-label={t('field.reportedAt')}>{dateTime(issue.reportedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One household's issues together, newest first. */
export function HouseholdPage({ householdId }: { householdId: string }) {
  const id = decodeURIComponent(householdId);
  const issues = useAsync(() => get<Issue[]>(`/households/${encodeURIComponent(id)}/issues`), [id]);
  return (
    <section>
      <h1>{t('ledger.householdTitle', { id })}</h1>
      <Loaded async={issues}>{(items) => <IssueTable items={items} />}</Loaded>
    </section>
  );
}
