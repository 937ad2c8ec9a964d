import { and, eq, lte, sql } from 'drizzle-orm';
import { Agent, fetch } from 'undici';
import type { Database } from '../db/client.ts';
import { capFeedItems, capFeeds, type CapFeedRow } from '../db/schema-cap.ts';
import { describeError, logError } from '../log.ts';
import { publishIfTrusted } from './auto-publish.ts';
import { feedEntries, type FeedEntry } from './feed-entries.ts';
import { importCap } from './import.ts';
import { CapRefusal, MAX_XML_BYTES } from './xml-tree.ts';

/** Largest feed accepted (bytes): a long Atom feed of inline CAP messages. */
const MAX_FEED_BYTES = 4 * 1024 * 1024;
/** Longest wait between polls of a failing feed. */
const MAX_BACKOFF_MS = 60 * 60_000;
/** Documents taken from one feed per poll (a flood waits for the next poll). */
const MAX_NEW_PER_POLL = 50;

/** Whether `url` is https on one of the allowed origins. */
export function feedUrlAllowed(url: string, allowlist: readonly string[]): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return u.protocol === 'https:' && allowlist.includes(u.origin);
}

/** A fetch failure in plain Chinese, for the admin page. */
class FeedError extends Error {}

/** What the poller needs. */
export interface PollerOptions {
  database: Database;
  allowlist: readonly string[];
  intervalMs: number;
  /** Extra certificate authorities to trust for feeds (tests: a loopback server's self-signed certificate). */
  ca?: string | Buffer;
  clock?: () => number;
  /** How long one request may take. */
  timeoutMs?: number;
}

/** Polls CAP source feeds: conditional requests, backoff after failures, every new document imported once. */
export function createFeedPoller(opts: PollerOptions) {
  const clock = opts.clock ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const dispatcher = new Agent({
    connect: { timeout: timeoutMs, ...(opts.ca ? { ca: opts.ca } : {}) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  /** GETs `url` (allowlisted origins only, no redirects), reading at most `limit` bytes. */
  async function get(url: string, limit: number, headers: Record<string, string> = {}) {
    if (!feedUrlAllowed(url, opts.allowlist)) throw new FeedError(`地址 ${url} 不在允许的来源（CAP_FEED_ALLOWLIST）中，未读取。`);
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(url, {
        headers: { accept: 'application/atom+xml, application/rss+xml, application/cap+xml, application/xml, text/html;q=0.5', ...headers },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher,
      });
    } catch (err) {
      throw new FeedError(`无法连接 ${new URL(url).host}：${describeError(err)}`);
    }
    if (res.status === 304) return { status: 304, body: '', res };
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new FeedError(
        `${new URL(url).host} 返回 HTTP ${res.status}${res.status >= 300 && res.status < 400 ? '（不跟随重定向）' : ''}。`,
      );
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += chunk.byteLength;
      if (size > limit) throw new FeedError(`${url} 的内容超过 ${Math.round(limit / 1024)} KB，未读取。`);
      chunks.push(chunk);
    }
    return { status: 200, body: Buffer.concat(chunks).toString('utf8'), res };
  }

  /** Imports one listed document; what became of it, or null when it could not be fetched (tried again next poll). */
  async function take(feed: CapFeedRow, entry: FeedEntry, now: number) {
    let xml: string;
    try {
      xml = 'xml' in entry ? entry.xml : (await get(entry.url, MAX_XML_BYTES + 1)).body;
    } catch (err) {
      if (err instanceof FeedError) return { error: err.message };
      throw err;
    }
    const who = { by: null, audit: { at: now, actorName: 'cap-feed' }, source: feed.url };
    try {
      const r = await importCap(opts.database, xml, now, who);
      if (r.kind === 'duplicate') {
        // A draft this feed made before a crash (its item never recorded) still gets its automatic publication.
        const fromFeed = r.warning.state === 'draft' && r.warning.createdBy === null;
        if (fromFeed && (await publishIfTrusted(opts.database, r.warning, now)).published)
          return { outcome: 'published' as const, warningId: r.warning.id, detail: null, xml: null };
        return { outcome: 'duplicate' as const, warningId: r.warning.id, detail: null, xml: null };
      }
      if (r.kind === 'unmapped') {
        const detail = Object.values(r.problems).join(' ');
        return { outcome: 'review' as const, warningId: null, detail, xml };
      }
      const auto = await publishIfTrusted(opts.database, r.draft, now);
      return auto.published
        ? { outcome: 'published' as const, warningId: r.draft.id, detail: null, xml: null }
        : { outcome: 'draft' as const, warningId: r.draft.id, detail: auto.why, xml: null };
    } catch (err) {
      if (err instanceof CapRefusal) return { outcome: 'refused' as const, warningId: null, detail: err.message, xml: null };
      throw err;
    }
  }

  /** One poll of one feed; records its state and schedules the next. */
  async function pollFeed(feed: CapFeedRow): Promise<void> {
    const now = clock();
    const failed = async (message: string) => {
      const failures = feed.failures + 1;
      const wait = Math.min(opts.intervalMs * 2 ** failures, MAX_BACKOFF_MS);
      await opts.database.write((db) =>
        db
          .update(capFeeds)
          .set({ lastPollAt: now, lastError: message, failures, nextPollAt: now + wait })
          .where(eq(capFeeds.id, feed.id)),
      );
    };
    let page;
    try {
      const conditional: Record<string, string> = {};
      if (feed.etag) conditional['if-none-match'] = feed.etag;
      if (feed.lastModified) conditional['if-modified-since'] = feed.lastModified;
      page = await get(feed.url, MAX_FEED_BYTES, conditional);
    } catch (err) {
      if (err instanceof FeedError) return failed(err.message);
      throw err;
    }
    let entries: FeedEntry[] = [];
    if (page.status === 200) {
      try {
        entries = feedEntries(page.body, feed.url);
      } catch (err) {
        return failed(`订阅源不是可识别的 Atom、RSS 或目录：${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const seen = new Set(
      (await opts.database.db.select({ ref: capFeedItems.ref }).from(capFeedItems).where(eq(capFeedItems.feedId, feed.id))).map(
        (r) => r.ref,
      ),
    );
    let taken = 0;
    let problem: string | null = null;
    for (const entry of entries) {
      if (seen.has(entry.ref) || taken >= MAX_NEW_PER_POLL) continue;
      const r = await take(feed, entry, now);
      if ('error' in r) {
        problem = r.error;
        continue;
      }
      taken += 1;
      await opts.database.write((db) =>
        db
          .insert(capFeedItems)
          .values({ feedId: feed.id, ref: entry.ref, ...r, at: now })
          .onConflictDoNothing(),
      );
    }
    const ok = page.status === 304 || problem === null;
    await opts.database.write((db) =>
      db
        .update(capFeeds)
        .set({
          // Validators are kept only when every listed document was taken, so a failed one is listed again.
          ...(page.status === 200 && problem === null
            ? { etag: page.res.headers.get('etag'), lastModified: page.res.headers.get('last-modified') }
            : {}),
          lastPollAt: now,
          ...(ok ? { lastOkAt: now, failures: 0 } : { failures: sql`${capFeeds.failures} + 1` }),
          ...(taken ? { lastMessageAt: now } : {}),
          lastError: problem,
          nextPollAt: now + (ok ? opts.intervalMs : Math.min(opts.intervalMs * 2 ** (feed.failures + 1), MAX_BACKOFF_MS)),
        })
        .where(eq(capFeeds.id, feed.id)),
    );
  }

  /** Polls every enabled feed that is due. */
  async function pollDue(): Promise<void> {
    const due = await opts.database.db
      .select()
      .from(capFeeds)
      .where(and(eq(capFeeds.enabled, true), lte(capFeeds.nextPollAt, clock())));
    for (const feed of due) {
      try {
        await pollFeed(feed);
      } catch (err) {
        logError(`[cap-feed] 读取订阅源 ${feed.url} 时出错`, err);
      }
    }
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  return {
    pollDue,
    /** Polls due feeds now and then every few seconds (each feed at its own interval). */
    start(tickMs = Math.min(5000, opts.intervalMs)) {
      const tick = () => {
        running ??= pollDue()
          .catch((err: unknown) => logError('[cap-feed] 轮询失败', err))
          .finally(() => {
            running = null;
          });
      };
      tick();
      timer = setInterval(tick, tickMs);
      timer.unref();
    },
    /** Stops polling: a poll in progress gets two seconds to finish, then its requests are cut (it is taken again at the next start). */
    async stop() {
      if (timer) clearInterval(timer);
      await Promise.race([running, new Promise((r) => setTimeout(r, 2000).unref())]);
      await dispatcher.destroy();
    },
  };
}
