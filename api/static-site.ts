import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { contentSecurityPolicy, inlineScriptHashes, securityHeaderValues } from './security-headers.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

/** Cache policy: content-hashed files never change; everything else revalidates. */
export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  // Pagefind names its index chunks and fragments by content hash; its entry file and scripts are not.
  if (/^\/pagefind\/(fragment|index)\//.test(urlPath) || urlPath.endsWith('.pf_meta')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/** One representation of a file: its bytes and the headers that go with them. */
interface Variant {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
  etag: string;
}

/** A built file held in memory: the file itself and the compressed copies the build made beside it. */
interface Entry {
  identity: Variant;
  br?: Variant;
  gzip?: Variant;
}

/** The built site in memory: files by URL path, and the folders that hold them. */
interface Site {
  files: Map<string, Entry>;
  dirs: Set<string>;
}

/** Encodings the build wrote beside text files (scripts/precompress.ts), best first. */
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

/** Whether an Accept-Encoding header allows `coding` (RFC 9110 §12.5.3; `q=0` refuses it). */
export function accepts(header: string | undefined, coding: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== coding && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** Every file under `dir`, as paths relative to it with `/` separators. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(dir, `${prefix}${d.name}/`) : d.isFile() ? [`${prefix}${d.name}`] : [],
  );
}

/**
 * Reads the whole built site into memory once, with each response's headers (type, cache policy,
 * ETag, the page's CSP) worked out ahead: a request then costs a map look-up, no file-system call.
 * The site is rebuilt only before a start (`npm start`), so what is read here stays true.
 */
function readSite(root: string): Site {
  const files = new Map<string, Entry>();
  const dirs = new Set<string>();
  if (!existsSync(root)) return { files, dirs };
  const names = walk(root);
  const present = new Set(names);
  for (const name of names) {
    if (ENCODINGS.some(([, suffix]) => name.endsWith(suffix) && present.has(name.slice(0, -suffix.length)))) continue;
    const full = join(root, name);
    const stats = statSync(full);
    const body = new Uint8Array(readFileSync(full));
    const ext = extname(name).toLowerCase();
    const urlPath = `/${name}`;
    const tag = `${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}`;
    const base: Record<string, string> = {
      'content-type': types[ext] ?? 'application/octet-stream',
      'cache-control': cacheControlFor(urlPath),
      vary: 'accept-encoding',
    };
    if (ext === '.html') base['content-security-policy'] = contentSecurityPolicy(inlineScriptHashes(new TextDecoder().decode(body)));
    const variant = (bytes: Uint8Array<ArrayBuffer>, etag: string, coding?: string): Variant => ({
      body: bytes,
      etag,
      headers: { ...base, etag, 'content-length': String(bytes.length), ...(coding ? { 'content-encoding': coding } : {}) },
    });
    const entry: Entry = { identity: variant(body, `W/"${tag}"`) };
    for (const [coding, suffix] of ENCODINGS) {
      const copy = `${full}${suffix}`;
      // A copy older than its file is stale (a rebuild without the compression step): leave it out.
      if (present.has(name + suffix) && statSync(copy).mtimeMs >= stats.mtimeMs)
        entry[coding] = variant(new Uint8Array(readFileSync(copy)), `W/"${tag}-${coding}"`, coding);
    }
    files.set(urlPath, entry);
    for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) dirs.add(`/${name.slice(0, i)}`);
  }
  return { files, dirs };
}

const sites = new Map<string, Site>();

/** Headers for a 304, which has no body and so no length. */
function withoutLength(headers: Record<string, string>): Record<string, string> {
  const rest = { ...headers };
  delete rest['content-length'];
  return rest;
}

/** The site under `root`, read once per process however many servers and apps use it. */
function loadSite(root: string): Site {
  let site = sites.get(root);
  if (!site) sites.set(root, (site = readSite(root)));
  return site;
}

/** The representation of `entry` that an Accept-Encoding header takes, best first. */
function pick(header: string | undefined, entry: Entry): Variant {
  for (const [coding] of ENCODINGS) {
    const v = entry[coding];
    if (v && accepts(header, coding)) return v;
  }
  return entry.identity;
}

function respond(c: Context, entry: Entry, status: 200 | 404): Response {
  const v = pick(c.req.header('accept-encoding'), entry);
  const headers = status === 404 ? { ...v.headers, 'cache-control': 'no-cache' } : v.headers;
  if (status === 200 && c.req.header('if-none-match') === v.etag) {
    return c.body(null, 304, withoutLength(headers));
  }
  if (c.req.method === 'HEAD') return c.body(null, status, headers);
  return c.body(v.body, status, headers);
}

/** Decodes a request path; null when it cannot name a file (bad escapes, NUL, a dot segment). */
function decodePath(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((seg) => seg === '..' || seg === '.')) return null;
  return decoded;
}

/** Serves the built site from memory (read once from `root`), with the site's own 404 page for unknown paths. */
export function serveSite(root: string): MiddlewareHandler {
  const { files, dirs } = loadSite(root);
  const notFound = files.get('/404.html');
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = decodePath(c.req.path);
    if (path !== null && !path.startsWith('//')) {
      const entry = files.get(path.endsWith('/') ? `${path}index.html` : path);
      if (entry) return respond(c, entry, 200);
      // A folder asked for without its slash: one redirect, to a path on this site (never `//host`).
      if (!path.endsWith('/') && dirs.has(path) && files.has(`${path}/index.html`)) {
        const url = new URL(c.req.url);
        return c.redirect(`${url.pathname}/${url.search}`, 301);
      }
    }
    if (notFound) return respond(c, notFound, 404);
    return c.text('404 页面不存在', 404);
  };
}

/**
 * A request listener for the plain node server that answers requests for built files before they
 * reach Hono, with the same bytes and headers (security headers included) written straight to the
 * socket: no Request or Response objects, no middleware. Everything else — the API, feeds, warning
 * pages, redirects, 404s — returns false and goes on to the app.
 */
export function staticFastPath(root: string, secure: boolean): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { files } = loadSite(root);
  const security = securityHeaderValues(secure);
  const defaultCsp = contentSecurityPolicy();
  // Flat [name, value, …] arrays: node writes them without building a header object per response.
  const full = new Map<Variant, { ok: string[]; notModified: string[] }>();
  for (const entry of files.values()) {
    for (const v of [entry.identity, entry.br, entry.gzip]) {
      if (!v) continue;
      const ok: Record<string, string> = { 'content-security-policy': defaultCsp, ...v.headers, ...security };
      full.set(v, { ok: Object.entries(ok).flat(), notModified: Object.entries(withoutLength(ok)).flat() });
    }
  }
  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith('/')) return false;
    const q = req.url.indexOf('?');
    const path = decodePath(q === -1 ? req.url : req.url.slice(0, q));
    if (path === null || path.startsWith('//')) return false;
    const entry = files.get(path.endsWith('/') ? `${path}index.html` : path);
    if (!entry) return false;
    const v = pick(req.headers['accept-encoding'], entry);
    const headers = full.get(v);
    if (!headers) return false;
    if (req.headers['if-none-match'] === v.etag) {
      res.writeHead(304, headers.notModified).end();
      return true;
    }
    res.writeHead(200, headers.ok).end(req.method === 'HEAD' ? undefined : v.body);
    return true;
  };
}
