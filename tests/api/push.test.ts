import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '#api/db/client.ts';
import { apiErrorSchema } from '#api/errors.ts';
import { pushPayloadSchema, type PushPrefs } from '#api/push/contract.ts';
import type { subscriptionRoutes } from '#api/push/subscriptions.ts';
import type { adminWarnings } from '#api/warnings/admin.ts';
import { serverClientOf } from '#tests/fixtures/client.ts';
import { waitFor } from '../fixtures/ports.ts';
import type { FakeBrowser, startPushService } from '../fixtures/push-service.ts';
import { PUBLISHER_PASSWORD, startPushServer } from '../fixtures/push-server.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';
import { rainstormInput } from '../fixtures/warnings.ts';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

// Web push through the real server process, to a local HTTPS push service trusted via NODE_EXTRA_CA_CERTS.
describe('warning push delivery', () => {
  let push: Awaited<ReturnType<typeof startPushService>>;
  let server: RunningServer;
  let env: Record<string, string>;
  let dataDir: string;
  let sqld: ChildProcess | undefined;
  let cookie = '';

  const api = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { origin: server.url, 'x-requested-with': 'test', 'content-type': 'application/json', cookie, ...init.headers },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown>, headers: res.headers };
  };
  const subscriptions = () => serverClientOf<ReturnType<typeof subscriptionRoutes>['subs']>(server.url, '/api/subscriptions');
  const publisher = () => serverClientOf<typeof adminWarnings>(server.url, '/api/admin/warnings', () => ({ cookie }));
  const byId = (id: number) => ({ param: { id: String(id) } });
  const subscribe = async (b: FakeBrowser, prefs: Partial<PushPrefs> & Pick<PushPrefs, 'districts'>) => {
    const res = await subscriptions().index.$post({ json: { subscription: b.subscription, ...prefs } });
    expect(res.status).toBe(201);
    const { id, token } = await res.json();
    return { id: id ?? 0, token };
  };
  const publish = async (over = {}) => {
    const draft = await (await publisher().index.$post({ json: rainstormInput(Date.now(), over) })).json();
    const res = await publisher()[':id'].publish.$post({ ...byId(draft.warning.id), json: { confirm: true } });
    expect(res.status).toBe(200);
    return draft.warning.id;
  };
  const delivery = async (id: number) => (await publisher()[':id'].delivery.$get(byId(id))).json();
  const doneWith = async (id: number) => {
    await waitFor(async () => (await delivery(id)).state === 'done', 30_000, `delivery ${id}`);
    return delivery(id);
  };
  const login = async (username = 'publisher') => {
    const res = await api('/api/auth/login', { method: 'POST', body: { username, password: PUBLISHER_PASSWORD } });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };

  beforeAll(async () => {
    ({ push, server, env, dataDir, sqld } = await startPushServer('yzready-push-', 3));
    // A red message goes out only once a second publisher approves it (四眼原则).
    server.addUser('approver', ['publisher'], PUBLISHER_PASSWORD);
    await login();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    sqld?.kill();
    await push?.close();
  });

  test('refuses an endpoint that is not a known push service', async () => {
    const res = await api('/api/subscriptions', {
      method: 'POST',
      body: { subscription: { endpoint: 'https://10.0.0.1/internal', keys: push.browser('x').subscription.keys }, districts: ['321002'] },
    });
    expect(res.status).toBe(400);
    expect(apiErrorSchema.parse(res.body).error.code).toBe('endpoint_not_allowed');
  });

  test('tells a resident whose browser pushes through FCM that push cannot reach them from mainland China', async () => {
    const res = await api('/api/subscriptions', {
      method: 'POST',
      body: {
        subscription: { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: push.browser('y').subscription.keys },
        districts: ['321002'],
      },
    });
    expect(res.status).toBe(400);
    const { error } = apiErrorSchema.parse(res.body);
    expect(error.code).toBe('push_service_unreachable');
    expect(error.message).toContain('12379');
    expect(error.message).toContain('预警页面');
  });

  test('delivers only to matching subscriptions, encrypted and VAPID-signed, and an Update replaces the notification', async () => {
    const a = push.browser('guangling-all');
    const b = push.browser('baoying-only');
    const c = push.browser('guangling-heat-only');
    const d = push.browser('guangling-red-only');
    await subscribe(a, { districts: ['321002'] });
    await subscribe(b, { districts: ['321023'] });
    await subscribe(c, { districts: ['321002'], hazards: ['heat'] });
    await subscribe(d, { districts: ['321002'], minLevel: 'red' });
    const id = await publish();
    const report = await doneWith(id);
    expect(report).toMatchObject({ matched: 1, sent: 1, failed: 0, skipped: 0 });
    const [msg] = push.for('guangling-all');
    // What the service worker reads (site/sw/sw.ts), to the letter of the contract.
    expect(pushPayloadSchema.parse(msg?.payload)).toMatchObject({ title: '【橙色预警】暴雨', level: 'orange', url: `/warnings/${id}/` });
    expect(msg?.claims.aud).toBe(push.origin);
    expect(msg?.claims.sub).toMatch(/^mailto:/);
    expect(msg?.headers['urgency']).toBe('high');
    expect(Number(msg?.headers['ttl'])).toBeLessThanOrEqual(6 * 3600);
    expect(Number(msg?.headers['ttl'])).toBeGreaterThan(5 * 3600);
    expect(String(msg?.headers['topic'])).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(JSON.stringify(msg?.payload).length).toBeLessThan(2048);
    for (const other of ['baoying-only', 'guangling-heat-only', 'guangling-red-only']) expect(push.for(other)).toEqual([]);

    const upd = await publisher()[':id'].update.$post({
      ...byId(id),
      json: { warning: rainstormInput(Date.now(), { level: 'red' }), confirm: true },
    });
    expect(upd.status).toBe(202);
    const updId = (await upd.json()).warning.id;
    await login('approver');
    const approved = await api(`/api/admin/warnings/${updId}/approve`, { method: 'POST', body: { revision: 1 } });
    expect(approved.status).toBe(200);
    await login();
    await doneWith(updId);
    const mine = push.for('guangling-all');
    expect(mine).toHaveLength(2);
    expect(mine[1]?.payload['tag']).toBe(mine[0]?.payload['tag']);
    expect(mine[1]?.payload['rank']).toBe(4);
    expect(push.for('guangling-red-only')).toHaveLength(1);
    expect(push.errors).toEqual([]);
    // Operators see the same deliveries in /metrics (from this machine, no token needed), by push service.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const sent = /^yzready_push_deliveries_total\{origin="([^"]+)",outcome="sent"\} (\d+)$/m.exec(metrics);
    expect(sent?.[1]).toBe(push.origin);
    expect(Number(sent?.[2])).toBeGreaterThanOrEqual(3);
  });

  test('removes a subscription the push service says is gone, and retries after 429 honouring Retry-After', async () => {
    const gone = push.browser('gone');
    const busy = push.browser('busy');
    const goneSub = await subscribe(gone, { districts: ['321012'] });
    await subscribe(busy, { districts: ['321012'] });
    push.script.set('gone', [{ status: 410 }]);
    push.script.set('busy', [{ status: 429, retryAfter: 1 }]);
    const id = await publish({ areas: ['321012'] });
    const report = await doneWith(id);
    expect(report).toMatchObject({ matched: 2, sent: 1, removed: 1 });
    expect(push.for('busy')).toHaveLength(1);
    const res = await api(`/api/subscriptions/${goneSub.id}`, { method: 'DELETE', headers: { 'x-subscription-token': goneSub.token } });
    expect(res.status).toBe(404);
  });

  test('lets a resident change and end a subscription only with its token', async () => {
    const b = push.browser('manage');
    const sub = await subscribe(b, { districts: ['321081'] });
    expect((await api(`/api/subscriptions/${sub.id}`, { method: 'PUT', body: { districts: ['321084'] } })).status).toBe(404);
    expect(
      (
        await api(`/api/subscriptions/${sub.id}`, {
          method: 'PUT',
          body: { districts: ['321084'] },
          headers: { 'x-subscription-token': sub.token },
        })
      ).status,
    ).toBe(200);
    const test1 = await api(`/api/subscriptions/${sub.id}/test`, {
      method: 'POST',
      body: {},
      headers: { 'x-subscription-token': sub.token },
    });
    expect(test1.status).toBe(200);
    await waitFor(async () => push.for('manage').length === 1, 5000, 'test push');
    expect(push.for('manage')[0]?.payload['title']).toBe('【测试】扬州应急');
    expect((await api(`/api/subscriptions/${sub.id}`, { method: 'DELETE', headers: { 'x-subscription-token': sub.token } })).status).toBe(
      200,
    );
  });

  test('resumes a delivery after the server is killed mid-way, without sending again to those already done', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `resume-${i}`);
    for (const n of names) await subscribe(push.browser(n), { districts: ['321084'] });
    push.setDelay(40);
    const id = await publish({ areas: ['321084'] });
    await waitFor(async () => push.received.filter((r) => r.client.startsWith('resume-')).length >= 30, 20_000, 'first deliveries');
    await server.crash();
    const db = await openDatabase(env['DATABASE_URL'] ?? `file:${join(dataDir, 'app.db')}`);
    const done = await db.client.execute({
      sql: `SELECT s.endpoint FROM delivery_items i JOIN push_subscriptions s ON s.id = i.subscription_id
            JOIN deliveries d ON d.id = i.delivery_id WHERE d.warning_id = ? AND i.state = 'sent'`,
      args: [id],
    });
    db.close();
    const doneBefore = done.rows.map((r) => decodeURIComponent(String(r['endpoint']).split('/push/')[1] ?? ''));
    expect(doneBefore.length).toBeGreaterThan(0);
    push.setDelay(0);
    server = await startServer({ ...env, PORT: new URL(server.url).port }, dataDir);
    await login();
    const report = await doneWith(id);
    expect(report).toMatchObject({ matched: 120, sent: 120 });
    for (const n of names) expect(push.for(n).length).toBeGreaterThanOrEqual(1);
    for (const n of doneBefore) expect(push.for(n)).toHaveLength(1);
  }, 90_000);
});
