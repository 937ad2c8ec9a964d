import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FREE_ATTEMPTS } from '#api/accounts/throttle.ts';
import { makeAccount } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A wrong guess at `username` arriving from socket `peer` with `headers`; 401 while allowed, 429 once throttled. */
const guess = (t: TestApp, username: string, peer: string, headers: Record<string, string> = {}) =>
  t.app.request('/api/auth/login', jsonInit('POST', { username, password: 'wrong-guess-xx' }, { 'x-test-client': peer, ...headers }));

/** Uses up the free attempts of one client, then returns the status of the next one. */
async function exhaust(t: TestApp, username: string, peer: string, headers: () => Record<string, string>): Promise<number> {
  for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await guess(t, username, peer, headers())).status).toBe(401);
  return (await guess(t, username, peer, headers())).status;
}

describe('client address behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '10.0.0.0/8, ::1' });
  });
  afterAll(async () => t.cleanup());

  test('counts two clients behind one trusted proxy apart', async () => {
    const a = await makeAccount(t, ['judge']);
    expect(await exhaust(t, a.username, '10.0.0.2', () => ({ 'x-forwarded-for': '203.0.113.7' }))).toBe(429);
    expect((await guess(t, a.username, '10.0.0.2', { 'x-forwarded-for': '198.51.100.23' })).status).toBe(401);
    // RFC 7239 `Forwarded` is read when there is no X-Forwarded-For.
    expect((await guess(t, a.username, '10.0.0.2', { forwarded: 'for="[2001:db8::17]:4711"' })).status).toBe(401);
    expect((await guess(t, a.username, '10.0.0.2', { forwarded: 'for=203.0.113.7;proto=https' })).status).toBe(429);
  });

  test('a client that forges the header is still one client', async () => {
    const a = await makeAccount(t, ['judge']);
    let n = 0;
    // Directly at the server: an untrusted peer's header is ignored.
    expect(await exhaust(t, a.username, '198.51.100.9', () => ({ 'x-forwarded-for': `192.0.2.${++n}` }))).toBe(429);
    // Through the proxy: what the client wrote stays left of the hop the proxy appended.
    const b = await makeAccount(t, ['judge']);
    const forged = () => ({ 'x-forwarded-for': `192.0.2.${++n}, 10.0.0.77, 203.0.113.50` });
    expect(await exhaust(t, b.username, '10.0.0.2', forged)).toBe(429);
  });
});

describe('client address without TRUST_PROXY', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(async () => t.cleanup());

  test('ignores forwarding headers, even from loopback', async () => {
    const a = await makeAccount(t, ['judge']);
    let n = 0;
    expect(await exhaust(t, a.username, '127.0.0.1', () => ({ 'x-forwarded-for': `192.0.2.${++n}` }))).toBe(429);
  });
});
