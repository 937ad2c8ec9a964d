import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '#api/app.ts';
import { loadEnv } from '#api/env.ts';
import { jsonInit, TEST_ORIGIN } from '../fixtures/app.ts';
import { createTestDatabase, type TestDatabase } from '../fixtures/db.ts';

const TOKEN = 'metrics-token-metrics-token-metrics-0123';

describe('/metrics for operators', () => {
  let testDb: TestDatabase;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    const env = loadEnv(
      { SITE_URL: TEST_ORIGIN, SERVER_SECRET: 'test-secret-test-secret-test-secret-0123', METRICS_TOKEN: TOKEN },
      testDb.dir,
    );
    app = createApp({ database: testDb.database, env, serveStatic: false });
  });
  afterAll(() => testDb.cleanup());

  /** One scrape, parsed as Prometheus would parse it. */
  const scrape = async () => {
    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return parsePrometheusTextFormat(await res.text());
  };
  const value = (families: ReturnType<typeof parsePrometheusTextFormat>, name: string, labels: Record<string, string>) =>
    families
      .find((f) => f.name === name)
      ?.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
      .reduce((sum, m) => sum + Number(m.value), 0) ?? 0;

  test('is refused without the token, and to a wrong one', async () => {
    expect((await app.request('/metrics')).status).toBe(403);
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN.replace('0', '1')}` } })).status).toBe(403);
  });

  test('counts requests by route pattern, errors by kind, and reads the delivery queue', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i++) expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('/api/no-such-thing')).status).toBe(404);
    expect((await app.request('/api/subscriptions', jsonInit('POST', { districts: ['x'] }))).status).toBe(400);
    const after = await scrape();
    const grew = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(grew('yzready_http_requests_total', { route: '/api/health', status: '200' })).toBe(3);
    expect(grew('yzready_http_errors_total', { kind: 'not_found' })).toBe(1);
    expect(grew('yzready_http_errors_total', { kind: 'bad_input' })).toBe(1);
    // Raw paths never become labels: one series per route pattern however many ids are asked for.
    expect(
      after.find((f) => f.name === 'yzready_http_requests_total')?.metrics.some((m) => m.labels?.['route']?.includes('no-such-thing')),
    ).toBe(false);
    expect(value(after, 'yzready_push_queue_depth', {})).toBe(0);
    expect(after.some((f) => f.name === 'yzready_process_resident_memory_bytes')).toBe(true);
  });
});
