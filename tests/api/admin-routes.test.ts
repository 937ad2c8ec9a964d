import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';

describe('every /api/admin route', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let routes: Array<{ method: string; path: string }>;
  beforeAll(async () => {
    t = await createTestApp();
    // Taken from the router itself, so a route added later is covered without anyone listing it.
    const seen = new Set<string>();
    routes = t.app.routes
      .filter((r) => r.path.startsWith('/api/admin/') && r.method !== 'ALL')
      .map((r) => ({ method: r.method, path: r.path.replace(/:(\w+)(\{[^}]*\})?/g, '1') }))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
  });
  afterAll(async () => t.cleanup());

  const call = (r: { method: string; path: string }, cookie?: string) =>
    t.app.request(r.path, r.method === 'GET' ? { headers: cookie ? { cookie } : {} } : jsonInit(r.method, {}, cookie ? { cookie } : {}));

  test('the router has admin routes to check', () => {
    expect(routes.length).toBeGreaterThanOrEqual(6);
  });

  test('answers 401 without a session', async () => {
    const wrong = [];
    for (const r of routes) {
      const res = await call(r);
      if (res.status !== 401) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  test('answers 403 to a session without the role', async () => {
    const { cookie } = await signedIn(t, []);
    const wrong = [];
    for (const r of routes) {
      const res = await call(r, cookie);
      if (res.status !== 403) wrong.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
