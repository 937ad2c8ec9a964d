import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACCOUNT_CEILING, FIRST_DELAY_MS, FREE_ATTEMPTS, STOP_AFTER, WINDOW_MS } from '#api/accounts/throttle.ts';
import { createApp } from '#api/app.ts';
import { openDatabase } from '#api/db/client.ts';
import { auditLog } from '#api/db/schema.ts';
import { GOOD_PASSWORD, login, makeAccount, signedIn, totpCode } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** One sign-in attempt from `client` (the socket address the server sees). */
const attempt = (t: TestApp, client: string, body: { username: string; password: string; code?: string }) =>
  t.app.request('/api/auth/login', jsonInit('POST', body, { 'x-test-client': client }));

describe('sign-in throttle', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(async () => t.cleanup());

  test('slows a failing address down with growing delays, then stops it until the window ends', async () => {
    const a = await makeAccount(t, ['judge']);
    const guess = () => attempt(t, 'guesser', { username: a.username, password: 'wrong-password-x' });
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await guess()).status).toBe(401);
    let delay = FIRST_DELAY_MS;
    for (let n = FREE_ATTEMPTS; n < STOP_AFTER; n++) {
      const early = await guess();
      expect(early.status).toBe(429);
      expect(Number(early.headers.get('retry-after'))).toBe(delay / 1000);
      t.clock.advance(delay);
      expect((await guess()).status).toBe(401);
      delay *= 2;
    }
    // Stopped: even a long wait within the window does not help, and the right password is not checked.
    t.clock.advance(30 * 60_000);
    expect((await attempt(t, 'guesser', { username: a.username, password: GOOD_PASSWORD })).status).toBe(429);
    t.clock.advance(WINDOW_MS);
    expect((await attempt(t, 'guesser', { username: a.username, password: GOOD_PASSWORD })).status).toBe(200);
  }, 60_000);

  test('never lets simultaneous guesses past the limit, and logs the refused ones in one row', async () => {
    const a = await makeAccount(t, ['moderator']);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(t, 'botnet-node', { username: a.username, password: `guess-number-${i}` })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(FREE_ATTEMPTS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - FREE_ATTEMPTS);
    const rows = (await t.database.db.select().from(auditLog)).filter((r) => r.target === `user:${a.username}`);
    expect(rows.filter((r) => r.action === 'auth.login.failed')).toHaveLength(FREE_ATTEMPTS);
    const throttled = rows.filter((r) => r.action === 'auth.login.throttled');
    expect(throttled).toHaveLength(1);
    expect(JSON.parse(throttled[0]?.detail ?? '{}')).toMatchObject({ count: 20 - FREE_ATTEMPTS });
  });

  test('holds the limit when two server instances with their own connections take simultaneous guesses', async () => {
    const a = await makeAccount(t, ['moderator']);
    // A second API instance on its own connection to the same database, as a second process would have.
    const other = await openDatabase(t.databaseUrl);
    const app2 = createApp({ database: other, env: t.env, clock: () => t.clock.now, serveStatic: false });
    try {
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          (i % 2 ? app2 : t.app).request(
            '/api/auth/login',
            jsonInit('POST', { username: a.username, password: `guess-${i}-xx` }, { 'x-test-client': 'two-processes' }),
          ),
        ),
      );
      expect(results.filter((r) => r.status === 401)).toHaveLength(FREE_ATTEMPTS);
    } finally {
      other.close();
    }
  });

  test('lets the rightful publisher in from her own address while another address is throttled for her name', async () => {
    const p = await makeAccount(t, ['publisher']);
    for (let i = 0; i < FREE_ATTEMPTS + 3; i++) await attempt(t, 'attacker', { username: p.username, password: `attack-${i}-xx` });
    expect((await attempt(t, 'attacker', { username: p.username, password: 'attack-again-x' })).status).toBe(429);
    expect(await login(t, p.username, GOOD_PASSWORD, { 'x-test-client': 'publisher-office' })).toMatch(/^yz_session=/);
  });

  test('past the account-wide ceiling, the owner still gets in: from a known address, or with a second factor', async () => {
    const judge = await makeAccount(t, ['judge']);
    const publisher = await makeAccount(t, ['publisher']);
    // The judge has signed in from the school before; the publisher never from where she is now.
    await login(t, judge.username, GOOD_PASSWORD, { 'x-test-client': 'school' });
    const flood = async (username: string) => {
      const addresses = Math.ceil(ACCOUNT_CEILING / FREE_ATTEMPTS) + 1;
      await Promise.all(
        Array.from({ length: addresses }, async (_, a) => {
          for (let i = 0; i < FREE_ATTEMPTS; i++) await attempt(t, `bot-${a}`, { username, password: `flood-${a}-${i}-x` });
        }),
      );
    };
    await flood(judge.username);
    await flood(publisher.username);
    // A new address with the right password alone is refused, unchecked...
    expect((await attempt(t, 'cafe', { username: judge.username, password: GOOD_PASSWORD })).status).toBe(429);
    expect((await attempt(t, 'hotel', { username: publisher.username, password: GOOD_PASSWORD })).status).toBe(429);
    // ...while the judge's usual address and the publisher's password with her code still work.
    expect(await login(t, judge.username, GOOD_PASSWORD, { 'x-test-client': 'school' })).toMatch(/^yz_session=/);
    expect(await login(t, publisher.username, GOOD_PASSWORD, { 'x-test-client': 'hotel' })).toMatch(/^yz_session=/);
    // A wrong password with a right code is refused too, so the ceiling cannot be used to test passwords.
    const code = totpCode(t, publisher.username);
    expect((await attempt(t, 'station', { username: publisher.username, password: 'not-her-password', code })).status).toBe(429);
  }, 60_000);

  test('throttles the current-password check of the change-password form the same way', async () => {
    const { cookie } = await signedIn(t, ['judge']);
    const change = (current: string) =>
      t.app.request('/api/auth/password', jsonInit('POST', { current, next: 'Brand-New-Pass-42' }, { cookie }));
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await change(`wrong-current-${i}`)).status).toBe(400);
    const refused = await change(GOOD_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(FIRST_DELAY_MS / 1000));
  });
});
