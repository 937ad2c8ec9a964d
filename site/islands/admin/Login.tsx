import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiRequestError, call } from '#site/lib/api-client.ts';
import { safeNext } from '#site/lib/safe-next.ts';
import { authApi } from './session.ts';

/**
 * The staff sign-in form: name and password first; unless they open an account without a second
 * factor, the server asks for the authenticator's code (whatever was wrong), and then all three go
 * together, so a failure never tells which of them was wrong.
 */
export default function Login() {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // Until the script has run, Enter or a click would post the form to the static page and lose it: wait for it.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const [step, setStep] = useState<'password' | 'code'>('password');
  const codeRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    const next = safeNext(new URLSearchParams(location.search).get('next'), location.origin);
    try {
      // No zod here: the sign-in page stays light (its fields are required in the form, and the API says the rest).
      const text = (name: string) => String(form.get(name) ?? '');
      const json = { username: text('username'), password: text('password'), ...(step === 'code' ? { code: text('code') } : {}) };
      const r = await call(authApi.login.$post({ json }), { redirectOn401: false });
      location.assign(r.mustEnrol ? `/admin/two-factor/?next=${encodeURIComponent(next)}` : next);
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : '登录失败，请稍后再试。');
      setBusy(false);
      if (err instanceof ApiRequestError && err.code === 'code_needed') {
        setStep('code');
        setTimeout(() => codeRef.current?.focus(), 0);
        return;
      }
      setStep('password');
      if (passwordRef.current) passwordRef.current.value = '';
      if (codeRef.current) codeRef.current.value = '';
      setTimeout(() => passwordRef.current?.focus(), 0);
    }
  };
  return (
    <form class="admin-form" onSubmit={(e) => void onSubmit(e)} method="post">
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <label for="login-username">用户名</label>
      <input id="login-username" name="username" autocomplete="username" required autoFocus />
      <label for="login-password">密码</label>
      <input id="login-password" name="password" type="password" autocomplete="current-password" required ref={passwordRef} />
      <div hidden={step !== 'code'}>
        <label for="login-code">两步验证码</label>
        <p class="muted" id="login-code-hint">
          打开手机上的验证器 App，输入“扬州应急”显示的 6 位数字；手机不在身边时可输入一次性恢复码。未开启两步验证的账号请留空。
        </p>
        <input
          id="login-code"
          name="code"
          autocomplete="one-time-code"
          inputMode="text"
          maxLength={20}
          aria-describedby="login-code-hint"
          ref={codeRef}
        />
      </div>
      <button type="submit" disabled={busy || !ready}>
        {busy ? '正在登录……' : '登录'}
      </button>
    </form>
  );
}
