import { get, type Extension, type Principal, type WorkItem } from '../api';
import { Due, Loaded, OverdueMark, useAsync } from '../components';
import { useDivisions, type Divisions } from '../divisions';
import { label, t, taskName, type MessageKey } from '../i18n';

export function scopeText(principal: Principal, divisions: Divisions): string {
  if (principal.villageCode) return divisions.villageName(principal.villageCode);
  if (principal.townshipCode) return divisions.townshipName(principal.townshipCode);
  if (principal.sector) return label('sector', principal.sector);
  return t('home.county');
}

export function HomePage({ principal }: { principal: Principal }) {
  const divisions = useDivisions();
  return (
    <section>
      <h1>{t('home.greeting', { name: principal.name })}</h1>
      <p class="muted" data-test="scope">
        {t('home.as', {
          role: t(`role.${principal.role}` as MessageKey),
          scope: scopeText(principal, divisions),
        })}
      </p>
      <RoleHome principal={principal} />
      <p class="muted small rules">{t('home.rules')}</p>
    </section>
  );
}

function RoleHome({ principal }: { principal: Principal }) {
  switch (principal.role) {
    case 'village':
    case 'township':
    case 'bureau':
      return <WorkSummary reportLink />;
    case 'supervisor':
      return <WorkSummary overdueOnly />;
    case 'leader':
      return <LeaderSummary />;
    case 'admin':
      return <p class="card">{t('home.admin')}</p>;
  }
}

function WorkSummary({ reportLink, overdueOnly }: { reportLink?: boolean; overdueOnly?: boolean }) {
  const work = useAsync(() => get<WorkItem[]>('/my-work'), []);
  return (
    <Loaded async={work}>
      {(items) => {
        const overdue = items.filter((i) => i.overdue).length;
        return (
          <>
            <div class="stats">
              <a class="stat" href={overdueOnly ? '#/dashboard' : '#/work'}>
                <span class="stat-value" data-test="open-count">
                  {overdueOnly ? overdue : items.length}
                </span>
                <span class="stat-label">
                  {overdueOnly ? t('home.overdueCounty') : t('home.openTasks')}
                </span>
              </a>
              {!overdueOnly && (
                <a class={`stat ${overdue ? 'warn' : ''}`} href="#/work">
                  <span class="stat-value">{overdue}</span>
                  <span class="stat-label">{t('home.overdueTasks')}</span>
                </a>
              )}
            </div>
            <ul class="list compact">
              {items.slice(0, 3).map((item) => (
                <li key={item.ledgerNo ?? item.issueKey}>
                  <a href={`#/issues/${item.ledgerNo ?? item.issueKey}`}>
                    <strong>{taskName(item.task)}</strong> · {item.ledgerNo} ·{' '}
                    {label('kind', item.kind)}
                  </a>{' '}
                  <OverdueMark issue={item} /> <Due issue={item} />
                </li>
              ))}
            </ul>
            <p class="actions">
              <a class="button" href={overdueOnly ? '#/dashboard' : '#/work'}>
                {overdueOnly ? t('home.goDashboard') : t('home.goWork')}
              </a>
              {reportLink && (
                <a class="button secondary" href="#/report">
                  {t('home.goReport')}
                </a>
              )}
              <a class="button secondary" href="#/ledger">
                {t('home.goLedger')}
              </a>
            </p>
          </>
        );
      }}
    </Loaded>
  );
}

function LeaderSummary() {
  const waiting = useAsync(() => get<Extension[]>('/extensions?status=awaiting'), []);
  return (
    <Loaded async={waiting}>
      {(items) => (
        <>
          <div class="stats">
            <a class={`stat ${items.length ? 'warn' : ''}`} href="#/approvals">
              <span class="stat-value" data-test="open-count">
                {items.length}
              </span>
              <span class="stat-label">{t('home.waitingVotes')}</span>
            </a>
          </div>
          <p class="actions">
            <a class="button" href="#/approvals">
              {t('home.goApprovals')}
            </a>
            <a class="button secondary" href="#/dashboard">
              {t('home.goDashboard')}
            </a>
          </p>
        </>
      )}
    </Loaded>
  );
}
