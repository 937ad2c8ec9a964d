import { useEffect, useState } from 'preact/hooks';
import { secondFactorConfirmSchema } from '#api/accounts/contract.ts';
import { call, type BodyOf } from '#site/lib/api-client.ts';
import { preValidate } from '#site/lib/pre-validate.ts';
import { safeNext } from '#site/lib/safe-next.ts';
import { useActionStatus } from './action-status.tsx';
import { authApi } from './session.ts';

/** `GET /api/auth/me`. */
type Me = BodyOf<typeof authApi.me.$get>;

/** The base32 secret in groups of four, as people type it into an app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** Binding an authenticator app: QR code and secret, one code to confirm, then the recovery codes, shown once. */
export default function TwoFactor() {
  const [me, setMe] = useState<Me | null>(null);
  const [setup, setSetup] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const { run, error } = useActionStatus();
  useEffect(() => {
    call(authApi.me.$get())
      .then(setMe)
      .catch(() => undefined);
  }, []);
  if (!me) return <p aria-live="polite">正在确认登录状态……</p>;
  const next = safeNext(new URLSearchParams(location.search).get('next'), location.origin);

  const start = () => run(async () => setSetup(await call(authApi['second-factor'].setup.$post())));
  const confirm = async (e: Event) => {
    e.preventDefault();
    const code = new FormData(e.currentTarget as HTMLFormElement).get('code');
    await run(async () => {
      const r = await call(authApi['second-factor'].confirm.$post({ json: preValidate(secondFactorConfirmSchema, { code }) }));
      setCodes(r.recoveryCodes);
    });
  };
  const alert = error && (
    <p class="form-error" role="alert">
      {error}
    </p>
  );

  if (codes)
    return (
      <div>
        <p class="notice" role="status">
          两步验证已开启。以后登录时，输入密码后还要输入验证器 App 显示的 6 位数字。
        </p>
        <h2>一次性恢复码</h2>
        <p>
          手机丢失或不在身边时，可以用下面任意一个恢复码代替验证码登录，每个只能用一次。
          <strong>恢复码只显示这一次</strong>，请抄写或打印后妥善保管，不要保存在这台电脑上。
        </p>
        <ul class="recovery-codes" aria-label="恢复码">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <a class="button" href={next}>
            我已保存恢复码，继续
          </a>
        </p>
      </div>
    );

  if (me.account.totp && !me.viaRecovery)
    return (
      <p>
        你的账号已开启两步验证。如果换了手机，请退出后用一个恢复码登录，再回到本页重新绑定；恢复码也用完了，请本单位管理员在服务器上用
        <code>npm run admin -- user reset-totp {me.account.username}</code> 解除绑定。
      </p>
    );

  return (
    <div>
      {me.mustEnrol && <p class="notice">你的账号可以发布预警或管理账号，必须先开启两步验证，才能继续使用管理后台。</p>}
      {me.viaRecovery && me.account.totp && <p class="notice">你用恢复码登录了。请为新手机重新绑定验证器，旧手机上的验证码随即失效。</p>}
      <ol>
        <li>在手机上安装任意一款支持“基于时间的一次性密码”（TOTP）的验证器 App，例如各大手机厂商或安全软件自带的身份验证器。</li>
        <li>点击“开始设置”，用验证器 App 扫描二维码；无法扫码时，手动输入二维码下方的密钥。</li>
        <li>输入 App 显示的 6 位数字，点击“确认开启”。</li>
      </ol>
      {alert}
      {!setup ? (
        <button type="button" onClick={() => void start()}>
          开始设置
        </button>
      ) : (
        <form class="admin-form" onSubmit={(e) => void confirm(e)}>
          <figure class="totp-qr">
            <div role="img" aria-label="用验证器 App 扫描的二维码" dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
            <figcaption>
              无法扫码时手动输入密钥：<code id="totp-secret">{grouped(setup.secret)}</code>
            </figcaption>
          </figure>
          <label for="totp-code">验证器 App 显示的 6 位数字</label>
          <input id="totp-code" name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
          <button type="submit">确认开启</button>
        </form>
      )}
    </div>
  );
}
