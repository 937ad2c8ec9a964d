import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { atomFeed } from './cap.ts';
import { warningHistory } from './store.ts';

const FEED_SIZE = 50;

/**
 * Feed readers get `application/atom+xml`; a browser (it asks for text/html) gets the same XML as
 * `application/xml`, which it shows through the feed's stylesheet (public/feeds/atom.xsl) where it
 * would show atom+xml as raw text (Chromium 156).
 */
function feedHeaders(c: Context): Record<string, string> {
  const browser = c.req.header('accept')?.includes('text/html') ?? false;
  return {
    'content-type': `${browser ? 'application/xml' : 'application/atom+xml'}; charset=utf-8`,
    'cache-control': 'no-cache',
    vary: 'accept',
  };
}

/** An Atom feed of the newest warnings at `path`, each entry linking to `entryPath(id)` as `type`. */
const newestWarnings = (path: string, title: string, entryPath: (id: number) => string, type: string) => async (c: Context<AppEnv>) => {
  const rows = (await warningHistory(c.var.database, 1, FEED_SIZE)).slice(0, FEED_SIZE);
  const site = c.var.env.siteUrl;
  const self = new URL(path, site).href;
  const xml = atomFeed({
    id: self,
    title,
    selfUrl: self,
    updated: rows[0]?.sent ?? c.var.now,
    entries: rows.map((w) => ({ w, link: new URL(entryPath(w.id), site).href, type })),
  });
  return c.body(xml, 200, feedHeaders(c));
};

/** `/feeds/warnings.atom` (for people and aggregators) and `/feeds/cap.atom` (CAP index for other systems). */
export const warningFeeds = new Hono<AppEnv>()
  .get(
    '/warnings.atom',
    newestWarnings('/feeds/warnings.atom', '扬州应急 预警信息', (id) => `/warnings/${id}/`, 'text/html'),
  )
  .get(
    '/cap.atom',
    newestWarnings('/feeds/cap.atom', '扬州应急 预警信息（CAP 1.2）', (id) => `/api/warnings/${id}/cap.xml`, 'application/cap+xml'),
  );
