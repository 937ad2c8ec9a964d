import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp } from '../fixtures/app.ts';
import { waitFor } from '../fixtures/ports.ts';
import { byId, rainstormInput, warningsApi } from '../fixtures/warnings.ts';

type App = Awaited<ReturnType<typeof createTestApp>>['app'];

// The spike after a red warning: what residents read comes from memory, with ETags, and a publish in
// any process shows everywhere within a second.
describe('warnings answered from memory', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let other: App;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    other = await t.secondProcess();
    ({ cookie } = await signedIn(t, ['publisher']));
  });
  afterAll(async () => t.cleanup());

  const publish = async (headline: string) => {
    const { publisher } = warningsApi(t.app, cookie);
    const draft = await (await publisher.index.$post({ json: rainstormInput(t.clock.now, { headline }) })).json();
    const res = await publisher[':id'].publish.$post({ ...byId(draft.warning.id), json: {} });
    expect(res.status).toBe(200);
    return draft.warning.id;
  };
  const list = async (app: App) => (await (await warningsApi(app).residents.index.$get({ query: {} })).json()).warnings;
  const headlines = async (app: App) => (await list(app)).map((w) => w.headline);

  test('a publish here shows at once; in another process within a second', async () => {
    await headlines(other);
    await publish('扬州市气象台发布暴雨橙色预警（缓存甲）');
    expect(await headlines(t.app)).toContain('扬州市气象台发布暴雨橙色预警（缓存甲）');
    const start = Date.now();
    await waitFor(async () => (await headlines(other)).includes('扬州市气象台发布暴雨橙色预警（缓存甲）'), 3000, 'the other process');
    expect(Date.now() - start).toBeLessThan(2500);
  });

  test('once warm, answering asks the database nothing; ETags give 304s; a shared cache may hold it briefly', async () => {
    const id = await publish('扬州市气象台发布暴雨橙色预警（缓存乙）');
    const paths = [
      '/api/warnings',
      `/api/warnings/${id}`,
      `/warnings/${id}/`,
      '/feeds/warnings.atom',
      '/feeds/cap.atom',
      `/api/warnings/${id}/cap.xml`,
    ];
    for (const p of paths) expect((await t.app.request(p)).status, p).toBe(200);
    const execute = vi.spyOn(t.database.client, 'execute');
    const all = vi.spyOn(t.database.db, 'all');
    try {
      for (let i = 0; i < 20; i++) for (const p of paths) expect((await t.app.request(p)).status, p).toBe(200);
      // At most the once-a-second look for changes made elsewhere.
      expect(execute.mock.calls.length + all.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      execute.mockRestore();
      all.mockRestore();
    }
    const first = await t.app.request('/api/warnings', { headers: { 'accept-encoding': 'br' } });
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=5');
    expect(first.headers.get('content-encoding')).toBe('br');
    // The compressed body is the list the typed client reads uncompressed.
    const decoded: unknown = JSON.parse(brotliDecompressSync(Buffer.from(await first.arrayBuffer())).toString());
    const plain = await (await warningsApi(t.app).residents.index.$get({ query: {} })).json();
    expect(decoded).toEqual(plain);
    expect(plain.warnings.map((w) => w.headline)).toContain('扬州市气象台发布暴雨橙色预警（缓存乙）');
    const again = await t.app.request('/api/warnings', {
      headers: { 'accept-encoding': 'br', 'if-none-match': first.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    // Another encoding is another representation: its tag does not match.
    expect((await t.app.request('/api/warnings', { headers: { 'if-none-match': first.headers.get('etag') ?? '' } })).status).toBe(200);
  });

  test('a warning past its expiry leaves the list within seconds, without a publish', async () => {
    const id = await publish('扬州市气象台发布暴雨橙色预警（缓存丙）');
    const ids = async () => (await list(t.app)).map((w) => w.id);
    expect(await ids()).toContain(id);
    t.clock.advance(7 * 24 * 3600_000);
    expect(await ids()).not.toContain(id);
  });
});
