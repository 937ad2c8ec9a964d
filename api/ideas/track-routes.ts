import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { ideas } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../rate-limit.ts';
import { jsonBody } from '../validate.ts';
import { awardName, campaignOr404 } from './campaign.ts';
import { trackSchema, type TrackedIdea } from './contract.ts';
import { STATUS_LABELS } from './labels.ts';
import { receiptHash } from './tokens.ts';

/** `/api/ideas/track`: follow an idea with its receipt code, no account needed. */
export const trackIdeas = new Hono<AppEnv>().post(
  '/track',
  // Codes carry 60 random bits; the limit makes guessing pointless anyway.
  rateLimit({ bucket: 'idea-track', limit: 30, windowMs: 10 * 60_000 }),
  jsonBody(trackSchema),
  async (c) => {
    const { database, env, now } = c.var;
    const hash = receiptHash(env.secret, c.req.valid('json').code);
    const row = await database.db.query.ideas.findFirst({ where: eq(ideas.receiptHash, hash) });
    if (!row) throw apiError(404, 'receipt_not_found', '没有找到这个回执码对应的金点子，请核对后再试。', { code: '回执码不正确' });
    const campaign = await campaignOr404(database, row.campaignId, now);
    const original = row.duplicateOfId ? await database.db.query.ideas.findFirst({ where: eq(ideas.id, row.duplicateOfId) }) : undefined;
    const status = row.status;
    const statusText = status === 'hidden' && row.hiddenByReports ? '因多位市民举报暂时隐藏，等待审核员复核' : STATUS_LABELS[status];
    const idea: TrackedIdea = {
      id: row.id,
      title: row.title,
      status,
      statusText,
      submittedAt: row.createdAt,
      publishedAt: row.publishedAt,
      moderationNote: row.moderationNote,
      panelFeedback: row.panelFeedback,
      supportCount: row.supportCount,
      shortlisted: row.shortlisted,
      award: campaign.phase === 'announced' ? awardName(campaign, row.award) : null,
      duplicateOf: original?.status === 'published' ? { id: original.id, title: original.title } : null,
      campaign: { id: campaign.id, title: campaign.title, phase: campaign.phase },
    };
    return c.json({ idea }, 200);
  },
);
