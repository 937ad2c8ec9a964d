import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createTestApp } from '../fixtures/app.ts';

describe('GET /api/health', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.cleanup());

  test('returns ok with the database reachable', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ status: 'ok', db: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  test('returns 503 with db down when the database cannot be reached', async () => {
    const { openDatabase } = await import('../../api/db/client.ts');
    const broken = await openDatabase(process.env['TEST_DB'] === 'sqld' ? 'http://127.0.0.1:9' : 'file::memory:');
    broken.close();
    const app = createApp({ database: broken, env: t.env, serveStatic: false });
    const res = await app.request('/api/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', db: 'down' });
  });

  test('sends security headers and a same-origin CSP on API responses', async () => {
    const res = await t.app.request('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('answers an unknown API path with a JSON 404', async () => {
    const res = await t.app.request('/api/no-such-thing');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
