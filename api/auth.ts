import { Hono } from 'hono';
import { changePasswordSchema, loginSchema } from './accounts/contract.ts';
import { requireSession } from './accounts/guard.ts';
import { passwordProblem, verifyPassword } from './accounts/passwords.ts';
import { secondFactorRequired } from './accounts/second-factor.ts';
import { secondFactorRoutes } from './accounts/second-factor-routes.ts';
import { endSession, startSession } from './accounts/sessions.ts';
import { signIn, throttled } from './accounts/sign-in.ts';
import { findById, setPassword } from './accounts/store.ts';
import { admitAttempt, clearAttempts } from './accounts/throttle.ts';
import { auditOf, recordAudit } from './audit.ts';
import type { AppEnv } from './context.ts';
import { apiError } from './errors.ts';
import { jsonBody } from './validate.ts';

/** `/api/auth`: sign in, sign out, who am I, change my password, the second factor. */
export const auth = new Hono<AppEnv>()
  .post('/login', jsonBody(loginSchema), async (c) => {
    const { username, password, code } = c.req.valid('json');
    const { account, viaRecovery } = await signIn(c, username, password, code);
    const secure = c.var.env.secure;
    // The session and its audit row are one write: signed in and audited, or neither.
    const audit = { at: c.var.now, actorId: account.id, actorName: account.username, action: 'auth.login', ipHash: c.var.clientHash };
    await startSession(c, c.var.database, account.id, c.var.now, c.var.clientHash, secure, viaRecovery, audit);
    const mustEnrol = secondFactorRequired(account.roles, c.var.env.staffTotp) && !account.totp;
    return c.json({ account, mustEnrol, viaRecovery });
  })
  .post('/logout', async (c) => {
    const s = c.var.session;
    if (s) {
      await endSession(c, c.var.database, s.sessionId, c.var.now, auditOf(c, 'auth.logout'));
    }
    // Clear the cookie even when the session had already ended, so the browser forgets it.
    else await endSession(c, c.var.database, null, c.var.now);
    return c.json({ ok: true });
  })
  .get('/me', requireSession, (c) => {
    const s = c.var.session;
    if (!s) throw apiError(401, 'unauthorized', '请先登录。');
    const account = s.account;
    const mustEnrol = secondFactorRequired(account.roles, c.var.env.staffTotp) && !account.totp;
    return c.json({ account, mustEnrol, viaRecovery: s.viaRecovery });
  })
  .post('/password', requireSession, jsonBody(changePasswordSchema), async (c) => {
    const { current, next } = c.req.valid('json');
    const { database, now, clientHash } = c.var;
    const me = c.var.session?.account;
    const row = me && (await findById(database, me.id));
    if (!me || !row) throw apiError(401, 'unauthorized', '请先登录。');
    // The current password is guessed as easily here as on the sign-in form: the same counter applies.
    const admission = await admitAttempt(database, me.username, clientHash, now);
    if (!admission.allowed) await throttled(c, me.username, admission.retryAfterSeconds);
    if (!(await verifyPassword(current, row.passwordHash))) {
      await recordAudit(database, {
        at: now,
        actorId: me.id,
        actorName: me.username,
        action: 'account.password.failed',
        ipHash: clientHash,
      });
      throw apiError(400, 'bad_current_password', '当前密码不正确。', { current: '当前密码不正确' });
    }
    await clearAttempts(database, me.username, clientHash);
    const problem = passwordProblem(next, me.username);
    if (problem) throw apiError(400, 'weak_password', problem, { next: problem });
    await setPassword(database, me.id, next, now, auditOf(c, 'account.password.change', `account:${me.id}`));
    return c.json({ ok: true, message: '密码已修改，请用新密码重新登录。' });
  })
  .route('/second-factor', secondFactorRoutes);
