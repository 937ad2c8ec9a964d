import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Database } from '../db/client.ts';
import { logError } from '../log.ts';
import { chooseCoding, compress, matchesEtag, MIN_COMPRESS_BYTES, type Coding } from '../representations.ts';
import { allowImages, contentSecurityPolicy, securityHeaderValues } from '../security-headers.ts';

/** How long one answer is served before it is made again, at most: a warning's expiry shows within this. */
const FRESH_MS = 5_000;
/** How often each process looks at the database for a change made by another process. */
const POLL_MS = 1_000;
/** Answers kept at most (one per URL: the list, each warning, its page, its CAP, the feeds). */
const MAX_ENTRIES = 2_000;

/** One encoding of a cached answer, with its headers worked out once. */
interface Representation {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  headers: Record<string, string>;
  /** The same headers with the security headers, as flat [name, value, …] lists for the fast path. */
  wire?: { ok: string[]; notModified: string[] };
}

interface Cached {
  version: string;
  at: number;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The route pattern that made it, for the request metrics of answers given before Hono. */
  route: string;
  encoded: Partial<Record<Coding | 'identity', Representation>>;
}

/** What the server needs to answer cache hits before Hono (see `fastPath`). */
export interface FastPathOptions {
  secure: boolean;
  imageOrigins?: readonly string[];
  /** Counts an answer given there, as the app's request metrics would. */
  count?: (method: string, route: string, status: number) => void;
}

/**
 * The key of a request's answer: its path and query (the same for `app.request` and the raw node
 * request), and whether it was asked for as HTML (a browser opening a feed gets it as XML its
 * stylesheet can show: another representation, api/warnings/feeds.ts).
 */
function keyOf(url: string, accept: string | undefined): string {
  // `/path?query` as node gives it, or `http://host/path?query` as Hono does.
  const slash = url.startsWith('/') ? 0 : url.indexOf('/', url.indexOf('//') + 2);
  return `${slash === -1 ? '/' : url.slice(slash)}${accept?.includes('text/html') ? ' html' : ''}`;
}

/** The pages the server writes the warnings in force into (api/warnings/list-page.ts); the static fast path leaves them alone. */
export const WARNINGS_IN_PAGE = ['/', '/warnings/', '/index.html', '/warnings/index.html'] as const;

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

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const looking = refresh();
    // The first request waits for the first look; later ones are answered while the look runs.
    if (!version && looking) await looking;
    // A browser opening a feed gets it as XML its stylesheet can show (api/warnings/feeds.ts): another representation.
    const key = keyOf(c.req.url, c.req.header('accept'));
    const now = clock();
    let hit = entries.get(key);
    if (!hit || hit.version !== version || !version || now - hit.at > FRESH_MS) {
      await next();
      if (c.res.status !== 200 || c.res.headers.has('set-cookie') || !version) return;
      const body = new Uint8Array(await c.res.clone().arrayBuffer());
      const headers = Object.fromEntries(c.res.headers);
      // Per request, not per answer: the id of the request that made it must not be replayed.
      delete headers['content-length'];
      delete headers['x-request-id'];
      const etag = createHash('sha1').update(body).digest('base64url');
      hit = { version, at: now, status: c.res.status, headers, body, etag, route: '', encoded: {} };
      // The request metrics fill in the route that answered, once the whole chain has run.
      c.set('cachedAnswer', { entry: hit, fromMemory: false });
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value ?? '');
      entries.set(key, hit);
    } else {
      c.set('cachedAnswer', { entry: hit, fromMemory: true });
    }
    const rep = representation(hit, c.req.header('accept-encoding'));
    const headers = new Headers(rep.headers);
    const id = c.res.headers.get('x-request-id');
    if (id) headers.set('x-request-id', id);
    const status = matchesEtag(c.req.header('if-none-match'), rep.etag) ? 304 : hit.status;
    if (status === 304) headers.delete('content-length');
    // Replaced, not merged: Hono would copy the made answer's headers (its cache policy) onto this one.
    c.res = undefined;
    c.res = new Response(status === 304 || c.req.method === 'HEAD' ? null : rep.body, { status, headers });
  };

  /**
   * A listener for the node server that answers a fresh cached answer before the request reaches
   * Hono, as the built site's files are (api/static-site.ts): the spike after a red warning is mostly
   * the same few URLs, and each costs a map look-up and one write. A miss, a stale answer or anything
   * unusual returns false and goes through the app, which makes the answer again.
   */
  const fastPath = (opts: FastPathOptions) => {
    const security = securityHeaderValues(opts.secure);
    const images = opts.imageOrigins ?? [];
    const wireOf = (rep: Representation) => {
      if (!rep.wire) {
        const all: Record<string, string> = { ...rep.headers, ...security };
        all['content-security-policy'] = allowImages(rep.headers['content-security-policy'] ?? contentSecurityPolicy(), images);
        rep.wire = { ok: Object.entries(all).flat(), notModified: Object.entries(withoutLength(all)).flat() };
      }
      return rep.wire;
    };
    return (req: IncomingMessage, res: ServerResponse): boolean => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith('/')) return false;
      const hit = entries.get(keyOf(req.url, req.headers.accept));
      if (!hit) return false;
      void refresh();
      if (!version || hit.version !== version || clock() - hit.at > FRESH_MS) return false;
      const rep = representation(hit, req.headers['accept-encoding']);
      const wire = wireOf(rep);
      const status = matchesEtag(req.headers['if-none-match'], rep.etag) ? 304 : hit.status;
      if (status === 304) res.writeHead(304, wire.notModified).end();
      else res.writeHead(status, wire.ok).end(req.method === 'HEAD' ? undefined : rep.body);
      opts.count?.(req.method, hit.route || 'warnings-cache', status);
      return true;
    };
  };

  return {
    middleware,
    fastPath,
    /** Forgets every answer: this process has just changed a warning. */
    invalidate() {
      entries.clear();
      lastPoll = 0;
      void refresh();
    },
  };
}

/** Headers for a 304, which has no body and so no length. */
function withoutLength(headers: Record<string, string>): Record<string, string> {
  const rest = { ...headers };
  delete rest['content-length'];
  return rest;
}

/** The cached answer in the encoding the client takes, made once per encoding. */
function representation(hit: Cached, acceptEncoding: string | undefined): Representation {
  const coding = hit.body.length >= MIN_COMPRESS_BYTES ? chooseCoding(acceptEncoding, () => true) : null;
  const made = hit.encoded[coding ?? 'identity'];
  if (made) return made;
  const body = coding ? compress(hit.body, coding) : hit.body;
  // Each encoding is its own representation, with its own tag.
  const etag = `"${hit.etag}${coding ? `-${coding}` : ''}"`;
  const headers: Record<string, string> = {
    ...hit.headers,
    // A shared cache (the reverse proxy, a CDN) may hold it five seconds, so a spike reaches this process
    // about once per URL; a browser asks every time (a 304 when nothing changed) and never answers from a
    // stale copy of its own (Chrome honours stale-while-revalidate), so 立即刷新 and the offline notice stay true.
    'cache-control': 'public, max-age=0, s-maxage=5',
    vary: hit.headers['vary'] ? `${hit.headers['vary']}, accept-encoding` : 'accept-encoding',
    etag,
    'content-length': String(body.length),
    ...(coding ? { 'content-encoding': coding } : {}),
  };
  return (hit.encoded[coding ?? 'identity'] = { body, etag, headers });
}

export type WarningCache = ReturnType<typeof createWarningCache>;
