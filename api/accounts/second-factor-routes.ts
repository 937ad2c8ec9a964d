import { Hono } from 'hono';
import QRCode from 'qrcode';
import { auditAction } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { apiError } from '../errors.ts';
import { jsonBody } from '../validate.ts';
import { secondFactorConfirmSchema } from './contract.ts';
import { requireSession } from './guard.ts';
import { decryptSecret, enrolSecondFactor, newRecoveryCodes, newTotpSecret, setPendingSecret, totpOf } from './second-factor.ts';
import { findById } from './store.ts';

/** `/api/auth/second-factor`: enrolling an authenticator app (TOTP, RFC 6238) for the signed-in account. */
export const secondFactorRoutes = new Hono<AppEnv>()
  .use(requireSession)
  .post('/setup', async (c) => {
    const me = c.var.session?.account;
    if (!me) throw apiError(401, 'unauthorized', '请先登录。');
    // Replacing a bound authenticator takes a recovery code: a stolen session alone cannot swap it.
    if (me.totp && !c.var.session?.viaRecovery)
      throw apiError(409, 'already_enrolled', '你的账号已开启两步验证。如果换了手机，请用恢复码登录后重新绑定，或请管理员在命令行重置。');
    const secret = newTotpSecret();
    await setPendingSecret(c.var.database, me.id, secret, c.var.env.secret);
    const uri = totpOf(secret, me.username).toString();
    const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return c.json({ secret, uri, qrSvg });
  })
  .post('/confirm', jsonBody(secondFactorConfirmSchema), async (c) => {
    const me = c.var.session?.account;
    const row = me && (await findById(c.var.database, me.id));
    if (!me || !row) throw apiError(401, 'unauthorized', '请先登录。');
    if (row.totpSecret && !c.var.session?.viaRecovery) throw apiError(409, 'already_enrolled', '你的账号已开启两步验证。');
    if (!row.totpPending) throw apiError(409, 'no_setup', '请先点击“开始设置”，再用验证器 App 扫描二维码。');
    const secret = decryptSecret(row.totpPending, c.var.env.secret);
    const { code } = c.req.valid('json');
    const delta = totpOf(secret, me.username).validate({ token: code, timestamp: c.var.now, window: 1 });
    if (delta === null)
      throw apiError(400, 'bad_code', '验证码不正确。请输入验证器 App 中当前显示的 6 位数字，并确认手机时间准确。', {
        code: '验证码不正确',
      });
    const recoveryCodes = newRecoveryCodes();
    // The confirming code is spent: its time step becomes the last accepted one.
    const step = Math.floor(c.var.now / 30_000) + delta;
    await enrolSecondFactor(c.var.database, me.id, secret, recoveryCodes, c.var.env.secret, c.var.now, step);
    await auditAction(c, row.totpSecret ? 'account.second_factor.replace' : 'account.second_factor.enrol', `account:${me.id}`);
    return c.json({ recoveryCodes });
  });
