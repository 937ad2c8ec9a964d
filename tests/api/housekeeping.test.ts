import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_RETENTION_MS } from '#api/accounts/sessions.ts';
import { WINDOW_MS } from '#api/accounts/throttle.ts';
import { loginThrottle, rateLimits, sessions } from '#api/db/schema.ts';
import { pruneOldRows, RATE_LIMIT_RETENTION_MS } from '#api/housekeeping.ts';
import { countHit } from '#api/rate-limit.ts';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';

describe('housekeeping', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(async () => t.cleanup());

  test('prunes ended sessions, spent sign-in counters and old rate-limit windows, and keeps live ones', async () => {
    const old = await signedIn(t, ['judge']);
    await t.app.request('/api/auth/login', jsonInit('POST', { username: old.account.username, password: 'wrong-password-z' }));
    await countHit(t.database, { bucket: 'idea-submit-addr', limit: 10, windowMs: 3600_000 }, 'resident', t.clock.now);
    const count = async () => ({
      sessions: (await t.database.db.select().from(sessions)).length,
      throttle: (await t.database.db.select().from(loginThrottle)).length,
      rateLimits: (await t.database.db.select().from(rateLimits)).length,
    });
    const before = await count();
    expect(before.sessions).toBeGreaterThan(0);
    expect(before.throttle).toBeGreaterThan(0);
    expect(before.rateLimits).toBeGreaterThan(0);
    await pruneOldRows(t.database, t.clock.now);
    expect(await count()).toEqual(before);

    t.clock.advance(Math.max(SESSION_RETENTION_MS, WINDOW_MS, RATE_LIMIT_RETENTION_MS) + 13 * 3600_000);
    const fresh = await signedIn(t, ['judge']);
    await pruneOldRows(t.database, t.clock.now);
    const after = await count();
    expect(after).toEqual({ sessions: 1, throttle: 1, rateLimits: 0 });
    expect((await t.app.request('/api/auth/me', { headers: { cookie: fresh.cookie } })).status).toBe(200);
  });
});
