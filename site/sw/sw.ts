/**
 * The site's one service worker, served as /sw.js with scope /. scripts/build-sw.ts compiles it and
 * workbox-build's injectManifest puts the revisioned list of files to keep offline in place of
 * `self.__WB_MANIFEST`. No Workbox runtime: the caching below is small enough to write by hand.
 */
import type { PushPayload } from '#api/push/contract.ts';
import { shortTime } from '../islands/warnings/format.ts';

/** One precached file: its site path and a revision, or null when the name carries a content hash. */
interface PrecacheEntry {
  url: string;
  revision: string | null;
}
// The service-worker types live in TypeScript's WebWorker lib, which cannot share a program with the DOM lib.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface WorkerScope {
  __WB_MANIFEST: PrecacheEntry[];
  location: Location;
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
}
declare const self: WorkerScope;

const MANIFEST = self.__WB_MANIFEST;
const PREFIX = 'yzready-';
const OFFLINE_PAGE = '/offline/';
/** On a weak network a saved page is better than a long wait: after this, serve the saved copy. */
const NETWORK_TIMEOUT_MS = 3500;
/** Files fetched at once while installing, so a weak connection is not flooded. */
const PARALLEL = 6;

/** A short hash, so every deployment (any file changed) gets caches of its own. */
function hash(s: string): string {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 33) ^ s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}
const VERSION = hash(MANIFEST.map((e) => `${e.url} ${e.revision ?? ''}`).join('\n'));
const PRECACHE = `${PREFIX}precache-${VERSION}`;
const PAGEFIND = `${PREFIX}pagefind-${VERSION}`;
/** Warning pages the resident opened, kept across deployments so they read offline. */
const WARNING_PAGES = `${PREFIX}warning-pages`;
/** Warning pages kept at most (the oldest go first). */
const WARNING_PAGES_MAX = 50;

/** Absolute URL → cache key. The revision is part of the key, so an unchanged file is reused by the next deployment. */
const KEYS = new Map(
  MANIFEST.map((e) => {
    const url = new URL(e.url, self.location.href).href;
    return [url, e.revision ? `${url}?__rev=${e.revision}` : url] as const;
  }),
);

async function precacheOne(cache: Cache, url: string, key: string): Promise<void> {
  if (await cache.match(key)) return;
  const previous = await caches.match(key);
  if (previous) return cache.put(key, previous);
  const res = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`precache ${url}: HTTP ${res.status}`);
  await cache.put(key, res);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PRECACHE);
      const queue = [...KEYS];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await precacheOne(cache, next[0], next[1]);
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // A new deployment replaces the old one's caches; other origins' and other apps' caches are left alone.
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== PRECACHE && name !== PAGEFIND && name !== WARNING_PAGES) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** The precache key for a URL, ignoring query and fragment, and trying the directory form of `/shelters`. */
function keyFor(url: URL): string | undefined {
  const base = `${url.origin}${url.pathname}`;
  return KEYS.get(base) ?? (/\/[^/.]+$/.test(url.pathname) ? KEYS.get(`${base}/`) : undefined);
}

async function fromPrecache(key: string): Promise<Response | undefined> {
  return (await caches.open(PRECACHE)).match(key);
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

/** Pages: the network first (news and warnings change), the saved copy when it fails or is slow, else the offline page. */
async function navigate(req: Request, url: URL): Promise<Response> {
  const key = keyFor(url);
  const network = fetch(req);
  try {
    return await (key ? Promise.race([network, timeout(NETWORK_TIMEOUT_MS)]) : network);
  } catch {
    const saved = key ? await fromPrecache(key) : undefined;
    if (saved) return saved;
    // A slow network may still answer a page that was never saved.
    if (key) return network.catch(offlinePage);
    return offlinePage();
  }
}

/**
 * A warning page (/warnings/<id>/): the network first; every copy that arrives is kept with the time
 * it was fetched, so a page the resident has opened once still reads offline, marked with that time
 * and a plain note that the warning may have changed since.
 */
async function warningPage(req: Request): Promise<Response> {
  const cache = await caches.open(WARNING_PAGES);
  const network = fetch(req);
  // Lost the race to the timeout: its failure, if it comes, is already answered.
  network.catch(() => undefined);
  try {
    const res = await Promise.race([network, timeout(NETWORK_TIMEOUT_MS)]);
    if (res.ok) {
      const headers = new Headers(res.headers);
      headers.set('x-saved-at', String(Date.now()));
      const copy = new Response(await res.clone().blob(), { status: 200, headers });
      await cache.put(req.url, copy);
      const keys = await cache.keys();
      for (const old of keys.slice(0, Math.max(0, keys.length - WARNING_PAGES_MAX))) await cache.delete(old);
    }
    return res;
  } catch {
    const saved = await cache.match(req.url);
    if (!saved) return network.catch(offlinePage);
    const at = Number(saved.headers.get('x-saved-at')) || Date.now();
    const note =
      `<p class="notice saved-copy" role="status"><strong>现在无法连接网络。</strong>这是这台设备在 ${shortTime(at)}（北京时间）保存的副本，` +
      '这条预警之后可能已经更新、解除或取消。请留意 12379 预警短信和本地广播电视，有危险时先按当地政府和社区的通知行动。</p>';
    const html = (await saved.text()).replace('<article class="warning-detail"', () => `${note}<article class="warning-detail"`);
    const headers = new Headers(saved.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(html, { status: 200, headers });
  }
}

async function offlinePage(): Promise<Response> {
  const key = keyFor(new URL(OFFLINE_PAGE, self.location.href));
  return (key && (await fromPrecache(key))) || Response.error();
}

/**
 * Pagefind's index: kept as it is fetched (cache-first); its cache is replaced with each deployment.
 * Its entry file is precached, so a rebuilt index always makes a new deployment version.
 */
async function pagefind(req: Request, url: URL): Promise<Response> {
  const key = keyFor(url);
  const precached = key ? await fromPrecache(key) : undefined;
  if (precached) return precached;
  const cache = await caches.open(PAGEFIND);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  // Other origins, the API and map tiles always go to the network.
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/tiles/')) return;
  if (url.pathname.startsWith('/pagefind/')) return event.respondWith(pagefind(req, url));
  if (req.mode === 'navigate' && /^\/warnings\/\d+\/$/.test(url.pathname)) return event.respondWith(warningPage(req));
  if (req.mode === 'navigate') return event.respondWith(navigate(req, url));
  const key = keyFor(url);
  if (key) event.respondWith(fromPrecache(key).then((hit) => hit ?? fetch(req)));
});

// ── Push notifications (预警推送) ──────────────────────────────────────────────────────────────
// The warnings feature adds its `push` and `notificationclick` listeners here, in this same file:
// a site has one service worker per scope, so they must not live in a second one.

interface PushEvent extends ExtendableEvent {
  readonly data: { json(): unknown; text(): string } | null;
}
interface ShownNotification {
  data: unknown;
}
interface NotificationEvent extends ExtendableEvent {
  readonly notification: { data: unknown; close(): void };
}
interface WindowClient {
  url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}
interface PushScope {
  registration: {
    showNotification(title: string, options: Record<string, unknown>): Promise<void>;
    getNotifications(filter?: { tag?: string }): Promise<ShownNotification[]>;
  };
  clients: {
    matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: 'push', listener: (e: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (e: NotificationEvent) => void): void;
}
const pushScope = self as unknown as PushScope;

/** The tag of the notice for a push that could not be read (and so names no event). */
const UNREADABLE_TAG = 'yzready-warning-notice';

/**
 * Every push shows a notification: browsers penalise silent pushes (Chrome shows its own "site
 * updated in the background" notice; Safari ends the subscription after a few). A message that
 * expired on the way, or that cannot be read, becomes a short notice that sends the resident to
 * the warnings page, replacing the event's earlier notification by its tag.
 */
async function showNotice(tag: string): Promise<void> {
  await pushScope.registration.showNotification('扬州应急', {
    body: '预警已更新，请打开查看',
    tag,
    data: { url: '/warnings/' },
    lang: 'zh-CN',
    icon: '/favicon.svg',
    renotify: false,
  });
}

/** The message, or null when it is not one api/push/payload.ts would send (the contract's `pushPayloadSchema`, checked by hand: no zod in the worker). */
function readPush(data: PushEvent['data']): PushPayload | null {
  try {
    const msg = data?.json() as Partial<PushPayload> | null | undefined;
    if (!msg || typeof msg !== 'object') return null;
    const ok =
      typeof msg.title === 'string' &&
      typeof msg.tag === 'string' &&
      msg.tag !== '' &&
      typeof msg.body === 'string' &&
      typeof msg.url === 'string' &&
      msg.url.startsWith('/') &&
      !msg.url.startsWith('//') &&
      typeof msg.expires === 'number' &&
      typeof msg.rank === 'number';
    return ok ? (msg as PushPayload) : null;
  } catch {
    return null;
  }
}

/** Shows a warning: one notification per event (tag), louder only when the level rises. */
async function showWarning(msg: PushPayload): Promise<void> {
  // A message that arrives after its warning expired would only mislead: a short notice instead.
  if (msg.expires <= Date.now()) return showNotice(msg.tag);
  const shown = await pushScope.registration.getNotifications({ tag: msg.tag });
  const previousRank = Math.max(0, ...shown.map((n) => (n.data as PushPayload | null)?.rank ?? 0));
  await pushScope.registration.showNotification(msg.title, {
    body: msg.body,
    tag: msg.tag,
    data: msg,
    lang: 'zh-CN',
    icon: '/favicon.svg',
    // Same tag replaces the earlier notification; sound and vibration again only if the level rose.
    renotify: shown.length > 0 && msg.rank > previousRank,
    // Red warnings stay on screen until the resident dismisses them.
    requireInteraction: msg.rank >= 4 && msg.msgType !== 'Cancel',
  });
}

pushScope.addEventListener('push', (event) => {
  const msg = readPush(event.data);
  event.waitUntil(msg ? showWarning(msg) : showNotice(UNREADABLE_TAG));
});

pushScope.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data as PushPayload | null)?.url ?? '/warnings/', self.location.href).href;
  event.waitUntil(
    (async () => {
      const windows = await pushScope.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const same = windows.find((w) => w.url === url);
      if (same) return same.focus();
      const any = windows[0];
      if (any) return any.navigate(url).then(() => any.focus());
      return pushScope.clients.openWindow(url);
    })(),
  );
});
