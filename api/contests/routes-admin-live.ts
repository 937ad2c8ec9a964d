import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { requireRole } from '../accounts/guard.ts';
import { auditAction } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import type { Database } from '../db/client.ts';
import { contests } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { paramsOf } from '../validate.ts';
import { idParamSchema } from './contract.ts';
import { liveSnapshot } from './live.ts';
import { contestForStaff } from './lookup.ts';
import { findContest, statusOf } from './store.ts';

/** How often a stream looks at the database; a snapshot is sent only when something changed. */
export const LIVE_TICK_MS = 1000;
/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;
/**
 * A stream ends after this long and EventSource reconnects by itself: the session is checked again,
 * and the reconnect keeps it alive (sessions lapse after 30 idle minutes; the stream alone is not a request).
 */
const STREAM_MAX_MS = 10 * 60_000;

/** What the projector's snapshot depends on among the attempts: joins, hand-ins, and attempts whose time has run out. */
async function attemptsMark(database: Database, contestId: number, now: number): Promise<unknown> {
  return database.db.all(sql`
    SELECT count(*) AS n, count(submitted_at) AS done, max(id) AS last, max(submitted_at) AS lastDone,
      sum(submitted_at IS NULL AND deadline <= ${now}) AS due
    FROM contest_attempts WHERE contest_id = ${contestId}`);
}

/** `/api/admin/contests/:id/stream` (the projector's live feed) and `/:id/open` (start now). */
export const adminLiveRoutes = new Hono<AppEnv>()
  .use(requireRole('organizer'))
  .get('/:id/stream', paramsOf(idParamSchema), async (c) => {
    const first = await contestForStaff(c, c.req.valid('param').id);
    const { database } = c.var;
    // The request's clock (a test may have moved it) plus the time the stream has been open.
    const opened = Date.now();
    const now = () => c.var.now + (Date.now() - opened);
    return streamSSE(c, async (stream) => {
      let last = '';
      let quietSince = Date.now();
      let id = 0;
      let lastMark = '';
      while (!stream.aborted && Date.now() - opened < STREAM_MAX_MS) {
        const t = now();
        const contest = (await findContest(database, eq(contests.id, first.id))) ?? first;
        // Most ticks nothing that the projector shows has changed (answers are not on it): one
        // indexed aggregate tells, and the full snapshot is built only when it differs.
        const mark = JSON.stringify([await attemptsMark(database, contest.id, t), contest.updatedAt, statusOf(contest, t)]);
        const data = mark === lastMark ? null : JSON.stringify(await liveSnapshot(database, contest, t));
        lastMark = mark;
        // `now` changes every tick: compare without it.
        const changed = data?.replace(/"now":\d+,/, '');
        if (data && changed !== last) {
          last = changed ?? '';
          quietSince = Date.now();
          await stream.writeSSE({ event: 'snapshot', data, id: String(++id) });
        } else if (Date.now() - quietSince >= KEEPALIVE_MS) {
          quietSince = Date.now();
          await stream.write(': keep-alive\n\n');
        }
        await stream.sleep(LIVE_TICK_MS);
      }
    });
  })
  .post('/:id/open', paramsOf(idParamSchema), async (c) => {
    const before = await contestForStaff(c, c.req.valid('param').id);
    if (statusOf(before, c.var.now) !== 'scheduled') throw apiError(409, 'already_open', '竞赛已经开始了。');
    const { now } = c.var;
    // One batch: the contest opens, and everyone waiting in the lobby starts now, with their full time.
    await c.var.database.write((db) =>
      db.batch([
        db.update(contests).set({ opensAt: now, updatedAt: now }).where(eq(contests.id, before.id)),
        db.run(sql`
          UPDATE contest_attempts SET started_at = ${now}, deadline = min(${now + before.timeLimitMs}, ${before.closesAt}) + extra_ms
          WHERE contest_id = ${before.id} AND submitted_at IS NULL AND started_at > ${now}`),
      ]),
    );
    const after = (await findContest(c.var.database, eq(contests.id, before.id))) ?? before;
    await auditAction(c, 'contest.open', `contest:${before.id}`, { opensAtBefore: before.opensAt, opensAt: after.opensAt });
    return c.json({ opensAt: after.opensAt, status: statusOf(after, c.var.now) }, 200);
  });
