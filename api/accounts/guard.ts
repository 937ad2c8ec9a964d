import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { apiError } from '../errors.ts';
import { hasRole, type Role } from './roles.ts';
import { secondFactorRequired } from './second-factor.ts';
import { currentSession } from './sessions.ts';

/** Loads the session (if any) into `c.var.session`. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  // c.get, not c.var: Hono builds a new object of every variable on each read of c.var, and this runs on every API request.
  c.set('session', await currentSession(c, c.get('database'), c.get('now'), c.get('env').secure));
  await next();
};

/** 401 without a live session. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.session) throw apiError(401, 'unauthorized', '请先登录；如果你已登录，可能因长时间未操作而退出了。');
  await next();
};

/** 403 for an admin or publisher who has not yet enrolled the second factor that `STAFF_TOTP` requires. */
export const requireSecondFactor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const account = c.var.session?.account;
  if (account && !account.totp && secondFactorRequired(account.roles, c.var.env.staffTotp))
    throw apiError(
      403,
      'second_factor_required',
      '请先开启两步验证（在“管理后台 → 两步验证”中用手机验证器 App 扫码绑定），然后才能进行此操作。',
    );
  await next();
};

/** 401 without a session, 403 when the account holds none of `roles` (admins hold every role). */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const s = c.var.session;
    if (!s) throw apiError(401, 'unauthorized', '请先登录；如果你已登录，可能因长时间未操作而退出了。');
    if (!hasRole(s.account.roles, roles)) throw apiError(403, 'forbidden', '你的账号没有进行此操作的权限。');
    await requireSecondFactor(c, next);
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery check for every state-changing API request. Hono's `csrf()` only
 * covers form content types, so JSON needs this: the Origin must be the site's own, and the request
 * must carry `X-Requested-With`, which a cross-site form cannot send and a cross-site fetch cannot
 * send without a CORS preflight that this server never grants.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (UNSAFE.has(c.req.method)) {
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== c.get('env').siteOrigin) throw apiError(403, 'cross_site', '请求来自其他网站，已拒绝。');
    if (!c.req.header('x-requested-with')) throw apiError(403, 'cross_site', '请求缺少本站标记，已拒绝。请从本站页面操作。');
    if (origin === undefined && c.req.header('cookie')) throw apiError(403, 'cross_site', '请求缺少来源信息，已拒绝。请从本站页面操作。');
  }
  await next();
};
