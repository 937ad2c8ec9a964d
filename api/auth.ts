import { Hono } from 'hono';
import { z } from 'zod';
import { requireSession } from './accounts/guard.ts';
import { DUMMY_HASH, passwordProblem, verifyPassword } from './accounts/passwords.ts';
import { endSession, startSession } from './accounts/sessions.ts';
import { findById, findByUsername, setPassword, toPublic } from './accounts/store.ts';
import { clearFailures, lockedUntil, recordFailure, SLOW_AFTER, throttleKeys } from './accounts/throttle.ts';
import { auditOf, recordAudit } from './audit.ts';
import type { AppEnv } from './context.ts';
import { apiError } from './errors.ts';
import { jsonBody } from './validate.ts';

const loginSchema = z.object({
  username: z.string().trim().min(1, '请填写用户名').max(64),
  password: z.string().min(1, '请填写密码').max(200),
});

const changePasswordSchema = z.object({
  current: z.string().min(1, '请填写当前密码').max(200),
  next: z.string().min(1, '请填写新密码').max(200),
});

const BAD_LOGIN = '用户名或密码不正确。';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `/api/auth`: log in, log out, who am I, change my password. */
export const auth = new Hono<AppEnv>()
  .post('/login', jsonBody(loginSchema), async (c) => {
    const { username, password } = c.req.valid('json');
    const { database, now, clientHash } = c.var;
    const keys = throttleKeys(username, clientHash);
    const until = await lockedUntil(database, keys, now);
    if (until) {
      const minutes = Math.ceil((until - now) / 60_000);
      await recordAudit(database, { at: now, action: 'auth.login.locked', target: `user:${username.toLowerCase()}`, ipHash: clientHash });
      throw apiError(429, 'login_locked', `登录失败次数过多，已暂时锁定。请 ${minutes} 分钟后再试，或联系管理员。`, undefined, {
        'retry-after': String(Math.ceil((until - now) / 1000)),
      });
    }
    const account = await findByUsername(database, username);
    // Unknown users are checked against a dummy hash so both answers take as long.
    const ok = (await verifyPassword(password, account?.passwordHash ?? (await DUMMY_HASH))) && account !== undefined && !account.disabled;
    if (!ok || !account) {
      const failures = await recordFailure(database, keys, now);
      await recordAudit(database, { at: now, action: 'auth.login.failed', target: `user:${username.toLowerCase()}`, ipHash: clientHash });
      if (failures >= SLOW_AFTER) await sleep(Math.min(2000, (failures - SLOW_AFTER + 1) * 400));
      throw apiError(401, 'bad_credentials', BAD_LOGIN);
    }
    await clearFailures(database, account.username);
    const audit = { at: now, actorId: account.id, actorName: account.username, action: 'auth.login', ipHash: clientHash };
    await startSession(c, database, account.id, now, clientHash, c.var.env.siteUrl.startsWith('https:'), audit);
    return c.json({ account: toPublic(account) });
  })
  .post('/logout', async (c) => {
    const s = c.var.session;
    if (s) {
      await endSession(c, c.var.database, s.sessionId, c.var.now, c.var.env.siteUrl.startsWith('https:'), auditOf(c, 'auth.logout'));
    }
    return c.json({ ok: true });
  })
  .get('/me', requireSession, (c) => c.json({ account: c.var.session?.account }))
  .post('/password', requireSession, jsonBody(changePasswordSchema), async (c) => {
    const { current, next } = c.req.valid('json');
    const me = c.var.session?.account;
    const row = me && (await findById(c.var.database, me.id));
    if (!me || !row) throw apiError(401, 'unauthorized', '请先登录。');
    if (!(await verifyPassword(current, row.passwordHash)))
      throw apiError(400, 'bad_current_password', '当前密码不正确。', { current: '当前密码不正确' });
    const problem = passwordProblem(next, me.username);
    if (problem) throw apiError(400, 'weak_password', problem, { next: problem });
    await setPassword(c.var.database, me.id, next, c.var.now, auditOf(c, 'account.password.change', `account:${me.id}`));
    return c.json({ ok: true, message: '密码已修改，请用新密码重新登录。' });
  });
