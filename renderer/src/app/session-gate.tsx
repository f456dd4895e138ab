// Server mode (a page with no web-mode token): asks who is signed in, shows the sign-in form when
// nobody is (and again whenever a request answers 401: the session ended), then the app with a bar
// naming the account and its role, and "Đăng xuất / Sign out". Web mode's page without its token
// meets 401 on whoami and shows the start error instead.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../main/contract/transport.js';
import { createHttpApi, postSessionRoute } from '../api/http-api.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/vi.js';
import { App, StartError } from './app.js';

const ROLE_KEY: Record<SessionInfo['user']['role'], MessageKey> = {
  admin: 'session.role.admin',
  archivist: 'session.role.archivist',
  reader: 'session.role.reader',
};

export function SessionGate() {
  const [state, setState] = useState<'asking' | 'signedOut' | 'noServer' | SessionInfo>('asking');
  useEffect(() => {
    void postSessionRoute(location.origin, 'whoami', {}).then(({ status, result }) => {
      if (result.ok) setState(result.value ?? 'signedOut');
      else setState(status === 401 ? 'noServer' : 'signedOut');
    });
  }, []);
  if (state === 'asking') return null;
  if (state === 'noServer') return <StartError reason="noToken" />;
  if (state === 'signedOut') return <SignIn onSignedIn={setState} />;
  return <SignedIn session={state} onSignedOut={() => setState('signedOut')} />;
}

function SignedIn({ session, onSignedOut }: { session: SessionInfo; onSignedOut: () => void }) {
  const { t } = useI18n();
  const api = useMemo(
    () => createHttpApi(location.origin, { csrfToken: session.csrfToken, onSignedOut }),
    [session.csrfToken, onSignedOut],
  );
  const signOut = useCallback(() => {
    void postSessionRoute(location.origin, 'logout', {}, session.csrfToken).then(onSignedOut);
  }, [session.csrfToken, onSignedOut]);
  return (
    <>
      <div className="session-bar" data-testid="session-bar">
        <span>
          {t('session.signedInAs', { name: session.user.displayName, role: t(ROLE_KEY[session.user.role]) })}
        </span>
        <button type="button" className="btn" onClick={signOut}>
          {t('session.signOut')}
        </button>
      </div>
      <App api={api} />
    </>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (s: SessionInfo) => void }) {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    void postSessionRoute(location.origin, 'login', { input: { username, password } }).then(({ result }) => {
      setBusy(false);
      if (result.ok && result.value) return onSignedIn(result.value);
      setPassword('');
      // The message only: a lockout's detail is a machine time, not for people.
      setError(result.ok ? t('error.transport') : result.error.message[lang]);
    });
  };
  return (
    <main className="sign-in">
      <form className="sign-in-form" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('session.title')}</h1>
        <label>
          {t('session.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          {t('session.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="sign-in-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('session.submit')}
        </button>
      </form>
    </main>
  );
}
