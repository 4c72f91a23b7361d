import { useState } from 'preact/hooks';
import { ApiFailure, post, session, type Principal, type SignedIn } from '../api';
import { ErrorBox, Field } from '../components';
import { t } from '../i18n';

export function SignInPage({ onSignedIn }: { onSignedIn: (principal: Principal) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await post<SignedIn>('/auth/sign-in', {
        username: username.trim(),
        password,
      });
      session.save(answer.accessToken, answer.principal);
      onSignedIn(answer.principal);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const wrongPassword = error instanceof ApiFailure && error.status === 401;
  return (
    <section class="card narrow sign-in">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={(event) => void submit(event)}>
        <Field label={t('signIn.username')}>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('signIn.password')}>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        {wrongPassword ? (
          <p class="notice error" role="alert">
            {t('signIn.failed')}
          </p>
        ) : (
          error !== undefined && <ErrorBox error={error} />
        )}
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy && <span class="spinner" aria-hidden="true" />}
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <p class="muted small">{t('signIn.hint')}</p>
    </section>
  );
}
