import { ACTS, isActName } from '@sanbao/domain';
import { get, type Principal, type WorkItem } from '../api';
import { Due, Loaded, OverdueMark, useAsync, usePaged } from '../components';
import { useDivisions } from '../divisions';
import { label, t, taskName } from '../i18n';

/** My work: the open tasks of the caller's role and scope, soonest due first (as the API sorts). */
export function WorkPage({ principal }: { principal: Principal }) {
  const work = useAsync(() => get<WorkItem[]>('/my-work'), []);
  return (
    <section>
      <div class="page-head">
        <h1>{t('work.title')}</h1>
        {['village', 'township', 'bureau'].includes(principal.role) && (
          <a class="button secondary" href="#/report">
            {t('nav.report')}
          </a>
        )}
      </div>
      <p class="muted small">{t('work.hint')}</p>
      <Loaded async={work}>{(items) => <WorkList items={items} />}</Loaded>
    </section>
  );
}

function WorkList({ items }: { items: WorkItem[] }) {
  const divisions = useDivisions();
  const { items: shown, pager } = usePaged(items, 20);
  if (items.length === 0) return <p class="card muted">{t('work.empty')}</p>;
  return (
    <>
      <ol class="cards" data-test="work-list">
        {shown.map((item) => {
          const id = item.ledgerNo ?? item.issueKey;
          const target =
            isActName(item.task) && ACTS[item.task].role === 'leader'
              ? '#/approvals'
              : item.task === 'inspect'
                ? `#/issues/${id}/timeline`
                : `#/issues/${id}`;
          return (
            <li
              key={item.ledgerNo ?? item.issueKey}
              class={`card work-item ${item.overdue ? `overdue-${item.overdueLevel === 'red' ? 'red' : 'yellow'}` : ''}`}
              data-ledger-no={item.ledgerNo}
            >
              <div class="row spread">
                <strong class="task">{taskName(item.task)}</strong>
                <OverdueMark issue={item} />
              </div>
              <div class="muted small">
                {item.ledgerNo} · {label('sector', item.sector)} · {label('kind', item.kind)}
              </div>
              <p class="summary">{item.summary}</p>
              <div class="muted small">
                {divisions.townshipName(item.townshipCode)} ·{' '}
                {divisions.villageName(item.villageCode)} · {item.subject.id}
              </div>
              <div class="row spread">
                <Due issue={item} />
                <a class="button" href={target}>
                  {item.task === 'inspect' ? t('work.inspect') : t('work.act')}
                </a>
              </div>
            </li>
          );
        })}
      </ol>
      {pager}
    </>
  );
}
