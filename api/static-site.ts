import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { chooseCoding, compressAll, matchesEtag, type Coding } from './representations.ts';
import { allowImages, contentSecurityPolicy, inlineScriptHashes, securityHeaderValues } from './security-headers.ts';
import { builtOrigin, isAddressed, readdress } from './site-origin.ts';

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
  '.xsl': 'text/xsl; charset=utf-8',
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
  /** The file's extension, lower case. */
  ext: string;
  identity: Variant;
  br?: Variant;
  gzip?: Variant;
}

/** The built site in memory: files by URL path, and the folders that hold them. */
interface Site {
  files: Map<string, Entry>;
  dirs: Set<string>;
  /** The address the site was built for (dist/build-origin.txt), or null for a build that did not record it. */
  builtFor: string | null;
}

/** Encodings the build wrote beside text files (scripts/precompress.ts), best first. */
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

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
  if (!existsSync(root)) return { files, dirs, builtFor: null };
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
    const entry: Entry = { ext, identity: variant(body, `W/"${tag}"`) };
    for (const [coding, suffix] of ENCODINGS) {
      const copy = `${full}${suffix}`;
      // A copy older than its file is stale (a rebuild without the compression step): leave it out.
      if (present.has(name + suffix) && statSync(copy).mtimeMs >= stats.mtimeMs)
        entry[coding] = variant(new Uint8Array(readFileSync(copy)), `W/"${tag}-${coding}"`, coding);
    }
    files.set(urlPath, entry);
    for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) dirs.add(`/${name.slice(0, i)}`);
  }
  return { files, dirs, builtFor: builtOrigin(root) };
}

const sites = new Map<string, Site>();

/** Headers for a 304, which has no body and so no length. */
function withoutLength(headers: Record<string, string>): Record<string, string> {
  const rest = { ...headers };
  delete rest['content-length'];
  return rest;
}

const servedCache = new Map<string, ServedSite>();

/** The rewritten copies for one served address, shared by the app and the fast path. */
function servedSites(root: string, siteOrigin: string | undefined): ServedSite {
  const key = `${root}\n${siteOrigin ?? ''}`;
  let served = servedCache.get(key);
  if (!served) servedCache.set(key, (served = new ServedSite(loadSite(root), siteOrigin)));
  return served;
}

/** The site under `root`, read once per process however many servers and apps use it. */
function loadSite(root: string): Site {
  let site = sites.get(root);
  if (!site) sites.set(root, (site = readSite(root)));
  return site;
}

/**
 * The site as served from `siteOrigin`. A build names its own address in canonical links, shelter QR
 * codes, data files and calendars (api/site-origin.ts); served from another address, such a file is
 * rewritten once, on its first request, and kept — compressed again, with the served address in its
 * ETag. Until it is ready the fast path leaves the request to the app, which prepares it.
 */
class ServedSite {
  readonly rewritten = new Map<string, Entry | Promise<Entry>>();
  readonly site: Site;
  readonly siteOrigin: string | undefined;
  constructor(site: Site, siteOrigin: string | undefined) {
    this.site = site;
    this.siteOrigin = siteOrigin;
  }

  /** Whether `entry` must be rewritten for the served address. */
  private moves(path: string, entry: Entry): boolean {
    const { builtFor } = this.site;
    return !!builtFor && !!this.siteOrigin && builtFor !== this.siteOrigin && isAddressed(path, entry.ext);
  }

  /** The entry as served, if it is ready now. */
  ready(path: string, entry: Entry): Entry | null {
    if (!this.moves(path, entry)) return entry;
    const done = this.rewritten.get(path);
    return done && !(done instanceof Promise) ? done : null;
  }

  /** The entry as served, rewriting it first when it names the built address. */
  async get(path: string, entry: Entry): Promise<Entry> {
    const now = this.ready(path, entry);
    if (now) return now;
    let pending = this.rewritten.get(path);
    if (!pending) {
      pending = this.rewrite(entry).then((e) => {
        this.rewritten.set(path, e);
        return e;
      });
      this.rewritten.set(path, pending);
    }
    return pending;
  }

  private async rewrite(entry: Entry): Promise<Entry> {
    const from = this.site.builtFor ?? '';
    const to = this.siteOrigin ?? '';
    const text = await readdress(new TextDecoder().decode(entry.identity.body), entry.ext, from, to);
    const body = new Uint8Array(Buffer.from(text));
    const site = createHash('sha256').update(to).digest('hex').slice(0, 8);
    const tag = `${body.length.toString(16)}-${site}`;
    const base = { ...entry.identity.headers };
    delete base['etag'];
    delete base['content-length'];
    if (entry.ext === '.html') base['content-security-policy'] = contentSecurityPolicy(inlineScriptHashes(text));
    const variant = (bytes: Uint8Array<ArrayBuffer>, etag: string, coding?: string): Variant => ({
      body: bytes,
      etag,
      headers: { ...base, etag, 'content-length': String(bytes.length), ...(coding ? { 'content-encoding': coding } : {}) },
    });
    const out: Entry = { ext: entry.ext, identity: variant(body, `W/"${tag}"`) };
    for (const [coding, bytes] of Object.entries(compressAll(body)) as Array<[Coding, Uint8Array<ArrayBuffer>]>)
      out[coding] = variant(bytes, `W/"${tag}-${coding}"`, coding);
    return out;
  }
}

/** The representation of `entry` that an Accept-Encoding header takes, best first. */
function pick(header: string | undefined, entry: Entry): Variant {
  const coding = chooseCoding(header, (c) => !!entry[c]);
  return (coding && entry[coding]) || entry.identity;
}

function respond(c: Context, entry: Entry, status: 200 | 404): Response {
  const v = pick(c.req.header('accept-encoding'), entry);
  const headers = status === 404 ? { ...v.headers, 'cache-control': 'no-cache' } : v.headers;
  if (status === 200 && matchesEtag(c.req.header('if-none-match'), v.etag)) {
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

/** Serves the built site from memory (read once from `root`), with the site's own 404 page for unknown paths; addresses in it become `siteOrigin`. */
export function serveSite(root: string, siteOrigin?: string): MiddlewareHandler {
  const site = loadSite(root);
  const served = servedSites(root, siteOrigin);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = decodePath(c.req.path);
    if (path !== null && !path.startsWith('//')) {
      const key = path.endsWith('/') ? `${path}index.html` : path;
      const entry = site.files.get(key);
      if (entry) return respond(c, await served.get(key, entry), 200);
      // A folder asked for without its slash: one redirect, to a path on this site (never `//host`).
      if (!path.endsWith('/') && site.dirs.has(path) && site.files.has(`${path}/index.html`)) {
        const url = new URL(c.req.url);
        return c.redirect(`${url.pathname}/${url.search}`, 301);
      }
    }
    const notFound = site.files.get('/404.html');
    if (notFound) return respond(c, await served.get('/404.html', notFound), 404);
    return c.text('404 页面不存在', 404);
  };
}

/**
 * A request listener for the plain node server that answers requests for built files before they
 * reach Hono, with the same bytes and headers (security headers included) written straight to the
 * socket: no Request or Response objects, no middleware. Everything else — the API, feeds, warning
 * pages, redirects, 404s, and a file not yet rewritten for the served address — returns false and
 * goes on to the app (`serveSite` with the same root and address, which shares this memory).
 */
export function staticFastPath(
  root: string,
  opts: { secure: boolean; siteOrigin?: string; imageOrigins?: readonly string[]; leaveToApp?: readonly string[] },
): (req: IncomingMessage, res: ServerResponse) => boolean {
  // Built pages the app writes into at request time (the warnings in force on / and /warnings/).
  const leave = new Set(opts.leaveToApp ?? []);
  const site = loadSite(root);
  const served = servedSites(root, opts.siteOrigin);
  const security = securityHeaderValues(opts.secure);
  const images = opts.imageOrigins ?? [];
  const defaultCsp = contentSecurityPolicy();
  // Flat [name, value, …] arrays: node writes them without building a header object per response.
  const full = new WeakMap<Variant, { ok: string[]; notModified: string[] }>();
  const headersOf = (v: Variant) => {
    let h = full.get(v);
    if (!h) {
      const ok: Record<string, string> = { ...v.headers, ...security };
      ok['content-security-policy'] = allowImages(v.headers['content-security-policy'] ?? defaultCsp, images);
      h = { ok: Object.entries(ok).flat(), notModified: Object.entries(withoutLength(ok)).flat() };
      full.set(v, h);
    }
    return h;
  };
  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith('/')) return false;
    const q = req.url.indexOf('?');
    const path = decodePath(q === -1 ? req.url : req.url.slice(0, q));
    if (path === null || path.startsWith('//') || leave.has(path)) return false;
    const key = path.endsWith('/') ? `${path}index.html` : path;
    const found = site.files.get(key);
    const entry = found && served.ready(key, found);
    if (!entry) return false;
    const v = pick(req.headers['accept-encoding'], entry);
    const headers = headersOf(v);
    if (matchesEtag(req.headers['if-none-match'], v.etag)) {
      res.writeHead(304, headers.notModified).end();
      return true;
    }
    res.writeHead(200, headers.ok).end(req.method === 'HEAD' ? undefined : v.body);
    return true;
  };
}
