import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { session, whenSignedOut, type Principal, type UserRole } from './api';
import { forgetDivisions } from './divisions';
import { lang, setLang, t, type MessageKey } from './i18n';
import { ApprovalsPage } from './pages/approvals';
import { DashboardPage } from './pages/dashboard';
import { FilesPage } from './pages/files';
import { HomePage } from './pages/home';
import { IssuePage } from './pages/issue';
import { HouseholdPage, LedgerPage } from './pages/ledger';
import { NeedsRepairNotice, ReconciliationPage } from './pages/reconciliation';
import { ReportPage } from './pages/report';
import { SignInPage } from './pages/sign-in';
import { TimelinePage } from './pages/timeline';
import { WorkPage } from './pages/work';
import { go, useRoute, type Route } from './router';
import './styles.css';

const NAV: Record<UserRole, Array<[string, MessageKey]>> = {
  village: [
    ['/', 'nav.home'],
    ['/work', 'nav.work'],
    ['/report', 'nav.report'],
    ['/ledger', 'nav.ledger'],
  ],
  township: [
    ['/', 'nav.home'],
    ['/work', 'nav.work'],
    ['/report', 'nav.report'],
    ['/ledger', 'nav.ledger'],
  ],
  bureau: [
    ['/', 'nav.home'],
    ['/work', 'nav.work'],
    ['/report', 'nav.report'],
    ['/files', 'nav.files'],
    ['/ledger', 'nav.ledger'],
  ],
  leader: [
    ['/', 'nav.home'],
    ['/approvals', 'nav.approvals'],
    ['/dashboard', 'nav.dashboard'],
    ['/ledger', 'nav.ledger'],
  ],
  supervisor: [
    ['/', 'nav.home'],
    ['/work', 'nav.work'],
    ['/dashboard', 'nav.dashboard'],
    ['/ledger', 'nav.ledger'],
    ['/approvals', 'nav.approvals'],
    ['/reconciliation', 'nav.reconciliation'],
  ],
  admin: [
    ['/', 'nav.home'],
    ['/dashboard', 'nav.dashboard'],
    ['/reconciliation', 'nav.reconciliation'],
  ],
};

function page(route: Route, principal: Principal) {
  const parts = route.path.split('/').filter(Boolean);
  const [first, second, third] = parts;
  switch (first) {
    case undefined:
      return <HomePage principal={principal} />;
    case 'work':
      return <WorkPage principal={principal} />;
    case 'report':
      return <ReportPage principal={principal} />;
    case 'ledger':
      return <LedgerPage params={route.params} />;
    case 'files':
      return principal.role === 'bureau' ? (
        <FilesPage principal={principal} />
      ) : (
        <HomePage principal={principal} />
      );
    case 'households':
      return <HouseholdPage householdId={second ?? ''} />;
    case 'issues':
      return third === 'timeline' ? (
        <TimelinePage id={second ?? ''} principal={principal} />
      ) : (
        <IssuePage id={second ?? ''} principal={principal} />
      );
    case 'approvals':
      return <ApprovalsPage principal={principal} />;
    case 'dashboard':
      return (
        <>
          {principal.role === 'supervisor' && <NeedsRepairNotice />}
          <DashboardPage month={route.params.get('month') ?? undefined} />
        </>
      );
    case 'reconciliation':
      return <ReconciliationPage />;
    default:
      return <HomePage principal={principal} />;
  }
}

function App() {
  const [, setLanguage] = useState(lang());
  const [principal, setPrincipal] = useState<Principal | null>(session.principal());
  const route = useRoute();

  useEffect(() => {
    document.documentElement.lang = lang();
    whenSignedOut(() => {
      forgetDivisions();
      setPrincipal(null);
    });
  }, []);

  const switchLanguage = () => {
    const next = lang() === 'en' ? 'zh-CN' : 'en';
    setLang(next);
    setLanguage(next);
  };
  const signOut = () => {
    session.clear();
    forgetDivisions();
    setPrincipal(null);
    go('/sign-in');
  };

  const languageButton = (
    <button type="button" class="link lang" onClick={switchLanguage} data-test="language">
      {t('nav.otherLanguage')}
    </button>
  );

  if (!principal) {
    return (
      <div class="shell">
        <header class="top">
          <span class="brand">{t('app.title')}</span>
          {languageButton}
        </header>
        <main>
          <SignInPage
            onSignedIn={(p) => {
              setPrincipal(p);
              if (route.path === '/sign-in') go('/');
            }}
          />
        </main>
      </div>
    );
  }

  const active = '/' + (route.path.split('/').filter(Boolean)[0] ?? '');
  document.title = `${t('app.title')} · ${t('app.subtitle')}`;
  return (
    <div class="shell">
      <header class="top">
        <a class="brand" href="#/">
          {t('app.title')}
          <span class="sub">{t('app.subtitle')}</span>
        </a>
        <span class="who" data-test="who">
          {principal.name} · {t(`role.${principal.role}` as MessageKey)}
        </span>
        {languageButton}
        <button type="button" class="link" onClick={signOut}>
          {t('nav.signOut')}
        </button>
      </header>
      <nav class="tabs" aria-label={t('nav.menu')}>
        {NAV[principal.role].map(([path, key]) => (
          <a key={path} href={`#${path}`} class={active === path ? 'active' : undefined}>
            {t(key)}
          </a>
        ))}
      </nav>
      <main>{page(route, principal)}</main>
    </div>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
