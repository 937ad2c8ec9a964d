import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '#api/db/client.ts';
import { migrateDatabase } from '#api/db/migrate.ts';
import type { publicWarnings } from '#api/warnings/public.ts';
import { createDraft, publishDraft } from '#api/warnings/store.ts';
import { serverClientOf } from '../fixtures/client.ts';
import { waitFor } from '../fixtures/ports.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

// The real server answers fresh cached warnings before Hono, as it does built files. Whatever path
// answers, a resident (and a reverse proxy) must get the same thing: same bytes, same headers, 304s,
// and a newer warning as soon as one is published, by this process or another.
describe.skipIf(process.env['TEST_DB'] === 'sqld')('cached warnings answered before the app', () => {
  let server: RunningServer;
  let database: Database;
  let firstId = 0;

  const publish = async (headline: string, level: 'orange' | 'red' = 'orange') => {
    const now = Date.now();
    const draft = await createDraft(database, rainstormInput(now, { headline, level }), 1, now);
    const warning = await publishDraft(database, draft, 1, now);
    if (!warning) throw new Error('not published');
    return warning.id;
  };

  beforeAll(async () => {
    const data = mkdtempSync(join(tmpdir(), 'yzready-fast-'));
    // The same database file as the server, opened by this process: a second process that publishes.
    database = await openDatabase(`file:${join(data, 'app.db')}`);
    await migrateDatabase(database);
    firstId = await publish('扬州市气象台发布暴雨橙色预警（快速甲）');
    server = await startServer({}, data);
  });
  afterAll(async () => {
    database.close();
    await server.stop();
  });

  /** Headers that differ per response whatever answers it. */
  const stable = (res: Response) =>
    Object.fromEntries([...res.headers].filter(([name]) => !['date', 'x-request-id', 'connection', 'keep-alive'].includes(name)));

  test.each([
    ['the list', '/api/warnings', 'br'],
    ['a warning', '/api/warnings/ID', 'gzip'],
    ['its page', '/warnings/ID/', 'gzip, br'],
    ['the Atom feed', '/feeds/warnings.atom', 'identity'],
  ])('%s: the same bytes and headers from memory as from the app, security headers included', async (_name, template, coding) => {
    const url = `${server.url}${template.replace('ID', String(firstId))}`;
    const headers = { 'accept-encoding': coding };
    const made = await fetch(url, { headers });
    const madeBody = await made.text();
    const again = await fetch(url, { headers });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(madeBody);
    expect(stable(again)).toEqual(stable(made));
    expect(again.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
    expect(again.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=5');
    // A client that has it gets a 304 with the same tag, and HEAD the headers without a body.
    const etag = again.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const revalidated = await fetch(url, { headers: { ...headers, 'if-none-match': `W/${etag}` } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    const head = await fetch(url, { method: 'HEAD', headers });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  test('a warning published by another process replaces the remembered list within two seconds', async () => {
    const residents = serverClientOf<typeof publicWarnings>(server.url, '/api/warnings');
    const list = async () => (await residents.index.$get({ query: {} })).json();
    for (let i = 0; i < 5; i++) await list();
    await publish('扬州市气象台发布暴雨红色预警（快速乙）', 'red');
    const start = Date.now();
    await waitFor(async () => (await list()).warnings.some((w) => w.headline.includes('快速乙')), 5000, 'the new warning');
    expect(Date.now() - start).toBeLessThan(2500);
  });

  test('once warm, answers come from memory: counted in /metrics by route, not logged one by one', async () => {
    const count = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const line = text
        .split('\n')
        .find((l) => l.startsWith('yzready_http_requests_total{') && l.includes('route="/api/warnings"') && l.includes('status="200"'));
      return Number(line?.split(' ').pop() ?? 0);
    };
    const logged = () =>
      server
        .output()
        .split('\n')
        .filter((l) => l.includes('"msg":"request"') && l.includes('"route":"/api/warnings')).length;
    await fetch(`${server.url}/api/warnings`);
    const before = await count();
    const linesBefore = logged();
    for (let i = 0; i < 10; i++) expect((await fetch(`${server.url}/api/warnings`)).status).toBe(200);
    expect(await count()).toBeGreaterThanOrEqual(before + 10);
    // As nginx would for a cached file: the README says so. At most one of the ten was made again (the five-second refresh).
    expect(logged() - linesBefore).toBeLessThanOrEqual(1);
  });
});
