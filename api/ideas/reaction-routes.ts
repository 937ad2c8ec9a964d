import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditInsertWhen } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import type { Database } from '../db/client.ts';
import { ideaReports, ideas, ideaSupports } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../rate-limit.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { campaignOr404, requirePhase } from './campaign.ts';
import { idParam } from './campaign-contract.ts';
import { reportSchema, supportSchema } from './contract.ts';
import { SUPPORTS_PER_ADDRESS, supportFigures } from './support-count.ts';
import { deviceHash } from './tokens.ts';

const HOUR = 3600_000;
/** Reports from distinct devices and addresses that hide an idea until a moderator looks at it. */
const REPORTS_TO_HIDE = 3;

async function publishedIdea(database: Database, id: number) {
  const row = await database.db.query.ideas.findFirst({ where: eq(ideas.id, id) });
  if (!row || row.status !== 'published') throw apiError(404, 'idea_not_found', '没有找到这条金点子，它可能已被隐藏。');
  return row;
}

/** `/api/ideas/:id/support` and `/report`: what residents do with a published idea. */
export const ideaReactions = new Hono<AppEnv>()
  .post(
    '/:id{[0-9]+}/support',
    rateLimit({ bucket: 'idea-support', limit: 60, windowMs: HOUR }),
    paramsOf(idParam),
    jsonBody(supportSchema),
    async (c) => {
      const { id } = c.req.valid('param');
      const { database, env, now, clientHash } = c.var;
      const idea = await publishedIdea(database, id);
      requirePhase(await campaignOr404(database, idea.campaignId, now), 'collecting', '支持金点子');
      const device = deviceHash(env.secret, c.req.valid('json').device);
      const [added, counted, fromAddress] = await database.write((db) =>
        db.batch([
          db
            .insert(ideaSupports)
            .values({ ideaId: id, deviceHash: device, ipHash: clientHash, createdAt: now })
            .onConflictDoNothing()
            .returning(),
          db.update(ideas).set(supportFigures(id)).where(eq(ideas.id, id)).returning({ supportCount: ideas.supportCount }),
          db
            .select({ n: sql<number>`count(*)` })
            .from(ideaSupports)
            .where(and(eq(ideaSupports.ideaId, id), eq(ideaSupports.ipHash, clientHash))),
        ]),
      );
      if (added.length === 0) throw apiError(409, 'already_supported', '你已经支持过这条金点子了，每台设备只能支持一次。');
      // Kept either way; beyond the cap it is not added to the public count, and the resident is told so.
      const inCount = (fromAddress[0]?.n ?? 1) <= SUPPORTS_PER_ADDRESS;
      return c.json({ supportCount: counted[0]?.supportCount ?? idea.supportCount, counted: inCount }, 200);
    },
  )
  .post(
    '/:id{[0-9]+}/report',
    rateLimit({ bucket: 'idea-report', limit: 20, windowMs: HOUR }),
    paramsOf(idParam),
    jsonBody(reportSchema),
    async (c) => {
      const { id } = c.req.valid('param');
      const { database, env, now, clientHash } = c.var;
      const input = c.req.valid('json');
      await publishedIdea(database, id);
      const device = deviceHash(env.secret, input.device);
      // One statement each, in one batch: the count and the hiding see the same committed reports.
      const [added] = await database.write((db) =>
        db.batch([
          db
            .insert(ideaReports)
            .values({ ideaId: id, deviceHash: device, ipHash: clientHash, reason: input.reason, createdAt: now })
            .onConflictDoNothing()
            .returning({ id: ideaReports.id }),
          db
            .update(ideas)
            .set({ status: 'hidden', hiddenByReports: true, updatedAt: now })
            .where(
              and(
                eq(ideas.id, id),
                eq(ideas.status, 'published'),
                sql`(SELECT count(*) FROM idea_reports WHERE idea_id = ${id} AND resolved_at IS NULL) >= ${REPORTS_TO_HIDE}`,
              ),
            )
            .returning({ id: ideas.id }),
          // Audited in the same batch, only when the update above hid it.
          auditInsertWhen(
            db,
            { at: now, action: 'idea.hide.reports', target: `idea:${id}`, detail: { reports: REPORTS_TO_HIDE } },
            sql`changes() > 0`,
          ),
        ]),
      );
      if (added.length === 0) throw apiError(409, 'already_reported', '你已经举报过这条金点子了，审核员会尽快处理。');
      return c.json({ received: true }, 201);
    },
  );
