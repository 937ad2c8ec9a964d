import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/client.ts';
import { logError } from '../log.ts';
import { accepts } from '../static-site.ts';

/** How long one answer is served before it is made again, at most: a warning's expiry shows within this. */
const FRESH_MS = 5_000;
/** How often each process looks at the database for a change made by another process. */
const POLL_MS = 1_000;
/** Answers kept at most (one per URL: the list, each warning, its page, its CAP, the feeds). */
const MAX_ENTRIES = 2_000;

interface Cached {
  version: string;
  at: number;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  br?: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
}

/**
 * The public warning answers (`/api/warnings…`, the Atom feeds, the warning pages) from memory, for
 * the minutes after a red warning when hundreds of thousands of residents open the site at once.
 * An answer is made once per `FRESH_MS` and per version of the warnings, and served with an ETag (a
 * 304 for a client that has it) and a short shared-cache lifetime that a reverse proxy or CDN can
 * hold too. The version is read from the database once a second by each process, so a publish in
 * any process reaches every process's cache within a second; this process's own publishes clear it
 * at once (`invalidate`). No request reads the database once the cache is warm.
 */
export function createWarningCache(database: Database, clock: () => number = Date.now) {
  const entries = new Map<string, Cached>();
  let version = '';
  const poll = async () => {
    try {
      const r = await database.client.execute("SELECT count(*), coalesce(max(updated_at), 0) FROM warnings WHERE state <> 'draft'");
      const next = `${String(r.rows[0]?.[0])}-${String(r.rows[0]?.[1])}`;
      if (next !== version) {
        version = next;
        entries.clear();
      }
    } catch (err) {
      // While the database is away the cached answers stay valid for FRESH_MS, then requests go through (and get 503).
      logError('[warnings-cache] version check failed', err);
      version = '';
    }
  };
  // Looked at lazily, at most once a second and only while requests come: no timer outlives the app.
  let lastPoll = 0;
  let polling: Promise<void> | null = null;
  const refresh = () => {
    if (polling || Date.now() - lastPoll < POLL_MS) return polling;
    lastPoll = Date.now();
    polling = poll().finally(() => (polling = null));
    return polling;
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const looking = refresh();
    // The first request waits for the first look; later ones are answered while the look runs.
    if (!version && looking) await looking;
    // A browser opening a feed gets it as XML its stylesheet can show (api/warnings/feeds.ts): another representation.
    const key = `${c.req.url}${c.req.header('accept')?.includes('text/html') ? ' html' : ''}`;
    const now = clock();
    let hit = entries.get(key);
    if (!hit || hit.version !== version || !version || now - hit.at > FRESH_MS) {
      await next();
      if (c.res.status !== 200 || c.res.headers.has('set-cookie') || !version) return;
      const body = new Uint8Array(await c.res.clone().arrayBuffer());
      const headers = Object.fromEntries(c.res.headers);
      delete headers['content-length'];
      hit = { version, at: now, status: c.res.status, headers, body, etag: createHash('sha1').update(body).digest('base64url') };
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value ?? '');
      entries.set(key, hit);
    }
    const res = answer(c.req.header('accept-encoding'), c.req.header('if-none-match'), c.req.method === 'HEAD', hit);
    // Once the route has answered, Hono ignores a response returned by middleware (and merges the route's headers
    // into one assigned to c.res): clear it first, so the first answer after a change is compressed and tagged too.
    if (!c.finalized) return res;
    c.res = undefined as unknown as Response;
    c.res = res;
    return undefined;
  };

  return {
    middleware,
    /** Forgets every answer: this process has just changed a warning. */
    invalidate() {
      entries.clear();
      lastPoll = 0;
      void refresh();
    },
  };
}

/** The cached answer in the encoding the client takes, or a 304 when it has this version already. */
function answer(acceptEncoding: string | undefined, ifNoneMatch: string | undefined, head: boolean, hit: Cached): Response {
  const headers = new Headers(hit.headers);
  // A shared cache (the reverse proxy, a CDN) may hold it five seconds, so a spike reaches this process
  // about once per URL; a browser asks every time (a 304 when nothing changed) and never answers from a
  // stale copy of its own (Chrome honours stale-while-revalidate), so 立即刷新 and the offline notice stay true.
  headers.set('cache-control', 'public, max-age=0, s-maxage=5');
  headers.set('vary', hit.headers['vary'] ? `${hit.headers['vary']}, accept-encoding` : 'accept-encoding');
  let body = hit.body;
  let coding = '';
  if (hit.body.length >= 1024) {
    if (accepts(acceptEncoding, 'br')) {
      body = hit.br ??= new Uint8Array(brotliCompressSync(hit.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }));
      coding = 'br';
    } else if (accepts(acceptEncoding, 'gzip')) {
      body = hit.gzip ??= new Uint8Array(gzipSync(hit.body));
      coding = 'gzip';
    }
  }
  // Each encoding is its own representation, with its own tag.
  const etag = `"${hit.etag}${coding ? `-${coding}` : ''}"`;
  headers.set('etag', etag);
  if (coding) headers.set('content-encoding', coding);
  if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
  headers.set('content-length', String(body.length));
  return new Response(head ? null : body, { status: hit.status, headers });
}
