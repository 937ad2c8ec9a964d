import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Context, MiddlewareHandler } from 'hono';
import { contentSecurityPolicy, inlineScriptHashes } from './security-headers.ts';
import { ADDRESSED, builtOrigin, readdress } from './site-origin.ts';

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

interface Found {
  path: string;
  stats: Stats;
}

async function findFile(root: string, urlPath: string): Promise<Found | 'redirect' | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root + sep)) return null;
  const s = await stat(full).catch(() => null);
  if (s?.isFile()) return { path: full, stats: s };
  if (s?.isDirectory()) {
    if (!urlPath.endsWith('/')) return 'redirect';
    const index = join(full, 'index.html');
    const si = await stat(index).catch(() => null);
    return si?.isFile() ? { path: index, stats: si } : null;
  }
  return null;
}

const hashCache = new Map<string, { mtime: number; csp: string }>();

/** The CSP for an HTML file: the site policy plus hashes of the file's own inline scripts. */
async function cspForHtml(found: Found): Promise<string> {
  const cached = hashCache.get(found.path);
  if (cached && cached.mtime === found.stats.mtimeMs) return cached.csp;
  const csp = contentSecurityPolicy(inlineScriptHashes(await readFile(found.path, 'utf8')));
  hashCache.set(found.path, { mtime: found.stats.mtimeMs, csp });
  return csp;
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

/** The precompressed copy of a file this client accepts, if the build made one. */
async function encodedCopy(c: Context, found: Found): Promise<{ coding: string; path: string; stats: Stats } | null> {
  const header = c.req.header('accept-encoding');
  for (const [coding, suffix] of ENCODINGS) {
    if (!accepts(header, coding)) continue;
    const stats = await stat(found.path + suffix).catch(() => null);
    // A copy older than its file is stale (a rebuild without the compression step): ignore it.
    if (stats?.isFile() && stats.mtimeMs >= found.stats.mtimeMs) return { coding, path: found.path + suffix, stats };
  }
  return null;
}

const readdressed = new Map<string, { mtime: number; to: string; body: string }>();

/**
 * A text file that names the address it was built for, served with `to` instead (api/site-origin.ts).
 * Served uncompressed: the build's Brotli/gzip copies carry the old address. A deployment that builds
 * with its own SITE_URL (as `npm start` does) never comes here.
 */
async function respondReaddressed(c: Context, found: Found, status: 200 | 404, from: string, to: string): Promise<Response> {
  const ext = extname(found.path).toLowerCase();
  let cached = readdressed.get(found.path);
  if (!cached || cached.mtime !== found.stats.mtimeMs || cached.to !== to) {
    cached = { mtime: found.stats.mtimeMs, to, body: await readdress(await readFile(found.path, 'utf8'), ext, from, to) };
    readdressed.set(found.path, cached);
  }
  const body = Buffer.from(cached.body);
  // The served address is part of the tag: the same file under another SITE_URL is another resource.
  const site = createHash('sha256').update(to).digest('hex').slice(0, 8);
  const etag = `W/"${body.length.toString(16)}-${Math.floor(found.stats.mtimeMs).toString(16)}-${site}"`;
  const headers: Record<string, string> = {
    'content-type': types[ext] ?? 'application/octet-stream',
    'cache-control': status === 404 ? 'no-cache' : cacheControlFor(c.req.path),
    etag,
    vary: 'accept-encoding',
    'content-length': String(body.length),
  };
  if (ext === '.html') headers['content-security-policy'] = contentSecurityPolicy(inlineScriptHashes(cached.body));
  if (status === 200 && c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  if (c.req.method === 'HEAD') return c.body(null, status, headers);
  return c.body(body, status, headers);
}

/** Where the site is served from, when that may differ from the address it was built for. */
interface Served {
  root: string;
  siteOrigin: string;
}

async function respond(c: Context, found: Found, status: 200 | 404, served?: Served): Promise<Response> {
  const ext = extname(found.path).toLowerCase();
  if (served && ADDRESSED.has(ext)) {
    const from = builtOrigin(served.root);
    if (from && from !== served.siteOrigin) return respondReaddressed(c, found, status, from, served.siteOrigin);
  }
  const encoded = await encodedCopy(c, found);
  const tag = `${found.stats.size.toString(16)}-${Math.floor(found.stats.mtimeMs).toString(16)}`;
  const etag = encoded ? `W/"${tag}-${encoded.coding}"` : `W/"${tag}"`;
  const headers: Record<string, string> = {
    'content-type': types[ext] ?? 'application/octet-stream',
    'cache-control': status === 404 ? 'no-cache' : cacheControlFor(c.req.path),
    etag,
    vary: 'accept-encoding',
    ...(encoded ? { 'content-encoding': encoded.coding } : {}),
  };
  if (ext === '.html') headers['content-security-policy'] = await cspForHtml(found);
  if (status === 200 && c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  const body = encoded ?? found;
  if (c.req.method === 'HEAD') return c.body(null, status, { ...headers, 'content-length': String(body.stats.size) });
  const stream = Readable.toWeb(createReadStream(body.path)) as ReadableStream<Uint8Array>;
  return c.body(stream, status, { ...headers, 'content-length': String(body.stats.size) });
}

/** Serves the built site from `root`, with the site's own 404 page for unknown paths; addresses in it become `siteOrigin`. */
export function serveSite(root: string, siteOrigin?: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const found = await findFile(root, c.req.path);
    if (found === 'redirect') {
      const url = new URL(c.req.url);
      return c.redirect(`${url.pathname}/${url.search}`, 301);
    }
    const served = siteOrigin ? { root, siteOrigin } : undefined;
    if (found) return respond(c, found, 200, served);
    const notFound = await findFile(root, '/404.html');
    if (notFound && notFound !== 'redirect') return respond(c, notFound, 404, served);
    return c.text('404 页面不存在', 404);
  };
}
