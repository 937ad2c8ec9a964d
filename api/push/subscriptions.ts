import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { pushSubscriptions } from '../db/schema-warnings.ts';
import { LEVELS } from '../domain/hazards.ts';
import { apiError } from '../errors.ts';
import { countHit } from '../rate-limit.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { pushPrefsSchema, subscribeSchema, subscriptionIdParamSchema as idParam, type PushPayload, type PushPrefs } from './contract.ts';
import { endpointAllowed, unreachableService } from './allowlist.ts';
import type { PushSender } from './sender.ts';
import type { VapidKeys } from './vapid.ts';

const sha = (s: string) => createHash('sha256').update(s).digest();

/** The subscription named in the path, if the request carries its token (X-Subscription-Token). */
async function owned(c: Context<AppEnv>, id: number) {
  const token = c.req.header('x-subscription-token') ?? '';
  const row = await c.var.database.db.query.pushSubscriptions.findFirst({ where: eq(pushSubscriptions.id, id) });
  if (!row || !token || !timingSafeEqual(sha(token), Buffer.from(row.tokenHash, 'base64url')))
    throw apiError(404, 'not_found', '没有找到这个订阅，可能已被取消。');
  return row;
}

const columns = (p: PushPrefs) => ({
  districts: p.districts,
  hazards: p.hazards ?? null,
  minRank: LEVELS[p.minLevel].rank,
  exercises: p.exercises,
});

/** `/api/subscriptions` and `/api/push/public-key`: residents' warning subscriptions. */
export function subscriptionRoutes(vapid: () => Promise<VapidKeys>, sender: () => Promise<PushSender>) {
  const push = new Hono<AppEnv>().get('/public-key', async (c) => c.json({ publicKey: (await vapid()).publicKey }));
  const subs = new Hono<AppEnv>()
    .post('/', jsonBody(subscribeSchema), async (c) => {
      const body = c.req.valid('json');
      const hits = await countHit(
        c.var.database,
        { bucket: 'subscribe', limit: c.var.env.subscribeLimitPerHour, windowMs: 3600_000 },
        c.var.clientHash,
        c.var.now,
      );
      if (hits > c.var.env.subscribeLimitPerHour) throw apiError(429, 'rate_limited', '这个网络地址订阅太频繁，请一小时后再试。');
      const unreachable = unreachableService(body.subscription.endpoint);
      if (unreachable && !endpointAllowed(body.subscription.endpoint, c.var.env.pushAllowlist))
        throw apiError(
          400,
          'push_service_unreachable',
          `这个浏览器的推送要经过${unreachable.name}，而它在中国大陆连接不上，所以推送到不了这台设备。可以改用 Firefox、Windows 电脑上的 Edge 或 Safari 订阅；也可以收藏预警页面、订阅 Atom 源。官方预警短信由 12379 发送。`,
        );
      if (!endpointAllowed(body.subscription.endpoint, c.var.env.pushAllowlist))
        throw apiError(400, 'endpoint_not_allowed', '这个浏览器的推送服务不在支持范围内。你仍可随时打开预警页面或订阅 Atom 源查看预警。');
      const token = randomBytes(24).toString('base64url');
      const values = {
        ...columns(body),
        endpoint: body.subscription.endpoint,
        p256dh: body.subscription.keys.p256dh,
        auth: body.subscription.keys.auth,
        tokenHash: sha(token).toString('base64url'),
        updatedAt: c.var.now,
      };
      // The same browser subscribing again takes over its row with a new token.
      const rows = await c.var.database.write((db) =>
        db
          .insert(pushSubscriptions)
          .values({ ...values, createdAt: c.var.now })
          .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values })
          .returning({ id: pushSubscriptions.id }),
      );
      return c.json({ id: rows[0]?.id, token }, 201);
    })
    .put('/:id', paramsOf(idParam), jsonBody(pushPrefsSchema), async (c) => {
      const row = await owned(c, c.req.valid('param').id);
      await c.var.database.write((db) =>
        db
          .update(pushSubscriptions)
          .set({ ...columns(c.req.valid('json')), updatedAt: c.var.now })
          .where(eq(pushSubscriptions.id, row.id)),
      );
      return c.json({ ok: true });
    })
    .delete('/:id', paramsOf(idParam), async (c) => {
      const row = await owned(c, c.req.valid('param').id);
      await c.var.database.write((db) => db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, row.id)));
      return c.json({ ok: true });
    })
    .post('/:id/test', paramsOf(idParam), async (c) => {
      const row = await owned(c, c.req.valid('param').id);
      const count = await countHit(c.var.database, { bucket: 'push-test', limit: 3, windowMs: 3600_000 }, `sub:${row.id}`, c.var.now);
      if (count > 3) throw apiError(429, 'rate_limited', '测试通知每小时最多发送 3 次，请稍后再试。');
      const payload: PushPayload = {
        v: 1,
        id: 0,
        tag: 'yzready-test',
        title: '【测试】扬州应急',
        body: '这是一条测试通知。收到它，说明预警推送已开通。',
        level: 'blue',
        rank: 1,
        status: 'Test',
        msgType: 'Alert',
        url: '/warnings/',
        expires: c.var.now + 3600_000,
      };
      const res = await (await sender()).send(row, Buffer.from(JSON.stringify(payload)), { ttl: 600, urgency: 'normal' });
      if (res.status === 404 || res.status === 410) {
        await c.var.database.write((db) => db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, row.id)));
        throw apiError(410, 'subscription_gone', '浏览器的推送订阅已失效，请重新订阅。');
      }
      if (res.status < 200 || res.status >= 300) throw apiError(502, 'push_failed', '推送服务暂时没有接收这条测试通知，请稍后再试。');
      return c.json({ ok: true });
    });
  return { push, subs };
}
