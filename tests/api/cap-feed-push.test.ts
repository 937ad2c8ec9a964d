import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCapFeedServer } from '../fixtures/cap-feed-server.ts';
import { COLOURS, SAMPLE_SENDER, sampleCap, sampleIdentifier } from '../fixtures/cap-messages.ts';
import { databaseForServer } from '../fixtures/db.ts';
import { waitFor } from '../fixtures/ports.ts';
import { startPushService } from '../fixtures/push-service.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';

// From the provincial release system to a resident's push endpoint with no hand in between: the real
// server polls a loopback HTTPS feed and delivers to a loopback push service (both trusted through
// NODE_EXTRA_CA_CERTS, for this server process only).
describe('a message from a trusted source feed reaches subscribers by itself', () => {
  let push: Awaited<ReturnType<typeof startPushService>>;
  let feed: Awaited<ReturnType<typeof startCapFeedServer>>;
  let server: RunningServer;
  let sqld: ChildProcess | undefined;
  let cookie = '';
  const api = async (path: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { origin: server.url, 'x-requested-with': 'test', 'content-type': 'application/json', cookie },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown>, headers: res.headers };
  };

  beforeAll(async () => {
    push = await startPushService();
    feed = await startCapFeedServer();
    const dataDir = mkdtempSync(join(tmpdir(), 'yzready-capfeed-'));
    const cas = join(dataDir, 'test-cas.pem');
    writeFileSync(cas, `${readFileSync(push.certPath, 'utf8')}\n${readFileSync(feed.certPath, 'utf8')}`);
    const env: Record<string, string> = {
      PUSH_ENDPOINT_ALLOWLIST: push.origin,
      CAP_FEED_ALLOWLIST: feed.origin,
      CAP_FEED_POLL_SECONDS: '1',
      NODE_EXTRA_CA_CERTS: cas,
    };
    const db = await databaseForServer(dataDir);
    sqld = db.proc;
    Object.assign(env, db.env);
    server = await startServer(env, dataDir);
    server.addUser('chief', ['admin'], 'Feed-Admin-Pass-2027');
    const res = await api('/api/auth/login', 'POST', { username: 'chief', password: 'Feed-Admin-Pass-2027' });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    sqld?.kill();
    await push?.close();
    await feed?.stop();
  });

  test('an admin adds the feed and trusts its sender; a new rainstorm warning is pushed to a 广陵区 subscriber', async () => {
    const phone = push.browser('guangling-phone');
    expect((await api('/api/subscriptions', 'POST', { subscription: phone.subscription, districts: ['321002'] })).status).toBe(201);
    expect((await api('/api/admin/cap/feeds', 'POST', { url: feed.feedUrl, name: '省预警发布中心（测试）' })).status).toBe(201);
    expect((await api('/api/admin/cap/trusted-senders', 'PUT', { sender: SAMPLE_SENDER, trusted: true })).status).toBe(200);

    const sent = Date.now() - 60_000;
    feed.add({ name: 'rain', xml: sampleCap({ hazard: 'rainstorm', colour: COLOURS[1], sent, serial: 1 }) });
    await waitFor(async () => push.for('guangling-phone').length > 0, 20_000, 'the push message');
    const [msg] = push.for('guangling-phone');
    expect(msg?.payload).toMatchObject({ title: '【黄色预警】暴雨', level: 'yellow' });
    const page = (await api(`/api/warnings/${String(msg?.payload['id'])}`)).body as { warning: { identifier: string; state?: string } };
    expect(page.warning.identifier).toBe(sampleIdentifier({ sent, serial: 1 }));
    // Taken once: later polls of the same feed send nothing more.
    await new Promise((r) => setTimeout(r, 2500));
    expect(push.for('guangling-phone')).toHaveLength(1);
    expect(push.errors).toEqual([]);
  });
});
