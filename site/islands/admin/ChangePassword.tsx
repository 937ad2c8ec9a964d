import { changePasswordSchema } from '#api/accounts/contract.ts';
import { call } from '#site/lib/api-client.ts';
import { preValidate } from '#site/lib/pre-validate.ts';
import { useActionStatus } from './action-status.tsx';
import { authApi, useAccount } from './session.ts';

/** Changing your own password: needs the current one. */
export default function ChangePassword() {
  const me = useAccount();
  const { run, error, setError, message: done } = useActionStatus();
  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    if (f.get('next') !== f.get('repeat')) {
      setError('两次输入的新密码不一致。');
      return;
    }
    await run(
      () =>
        call(authApi.password.$post({ json: preValidate(changePasswordSchema, { current: f.get('current'), next: f.get('next') }) }), {
          redirectOn401: false,
        }),
      (r) => r.message,
    );
  };
  if (done)
    return (
      <p class="notice" role="status">
        {done} <a href="/admin/login/">去登录</a>
      </p>
    );
  return (
    <form class="admin-form" onSubmit={(e) => void submit(e)}>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <label for="pw-current">当前密码</label>
      <input id="pw-current" name="current" type="password" autocomplete="current-password" required />
      <label for="pw-next">新密码（至少 10 个字符，不能是常见密码或包含用户名）</label>
      <input id="pw-next" name="next" type="password" autocomplete="new-password" required minLength={10} />
      <label for="pw-repeat">再输入一次新密码</label>
      <input id="pw-repeat" name="repeat" type="password" autocomplete="new-password" required minLength={10} />
      <button type="submit">修改密码</button>
    </form>
  );
}
