import { useState } from 'preact/hooks';
import { ApiRequestError, apiFetch } from '../../lib/api-client.ts';

/** Only paths on this site are allowed as the place to go back to. */
function safeNext(): string {
  const next = new URLSearchParams(location.search).get('next') ?? '/admin/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/admin/';
}

/** The staff login form. */
export default function Login() {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      await apiFetch('/api/auth/login', {
        method: 'POST',
        json: { username: form.get('username'), password: form.get('password') },
        redirectOn401: false,
      });
      location.assign(safeNext());
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : '登录失败，请稍后再试。');
      setBusy(false);
    }
  };
  return (
    <form class="admin-form" onSubmit={onSubmit} method="post">
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <label for="login-username">用户名</label>
      <input id="login-username" name="username" autocomplete="username" required autoFocus />
      <label for="login-password">密码</label>
      <input id="login-password" name="password" type="password" autocomplete="current-password" required />
      <button type="submit" disabled={busy}>
        {busy ? '正在登录……' : '登录'}
      </button>
    </form>
  );
}
