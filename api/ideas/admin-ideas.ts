import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireRole } from '../accounts/guard.ts';
import { auditAction, auditInsertWhen, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { csvResponse, toCsv } from '../csv.ts';
import { ideas } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf, queryOf } from '../validate.ts';
import { listCampaigns } from './campaign.ts';
import { STATUS_LABELS } from './labels.ts';
import { moderationRoutes } from './moderation-routes.ts';
import { idParam } from './campaign-contract.ts';
import { campaignQuerySchema, feedbackSchema, wordsSchema } from './contract.ts';
import { loadFlagWords, saveFlagWords } from './screening.ts';
import { IDEA_TEXT_COLUMNS, ideaTextCells, toStaffIdea } from './staff-view.ts';
import { formatStamp, localDay } from '../domain/clock.ts';

const time = (ms: number | null) => (ms ? formatStamp(ms) : '');

/** `/api/admin/ideas`: moderation, the word list, the panel's public feedback and the full export. */
export const adminIdeas = new Hono<AppEnv>()
  .route('/', moderationRoutes)
  .get('/words', requireRole('moderator'), async (c) => c.json({ words: await loadFlagWords(c.var.database) }, 200))
  .put('/words', requireRole('admin'), jsonBody(wordsSchema), async (c) => {
    const { words } = c.req.valid('json');
    const before = await loadFlagWords(c.var.database);
    const audit = auditOf(c, 'idea.words.update', 'idea-words', {
      added: words.filter((w) => !before.includes(w)),
      removed: before.filter((w) => !words.includes(w)),
    });
    await saveFlagWords(c.var.database, words, c.var.now, audit);
    return c.json({ words: await loadFlagWords(c.var.database) }, 200);
  })
  .put('/:id{[0-9]+}/feedback', requireRole('admin'), paramsOf(idParam), jsonBody(feedbackSchema), async (c) => {
    const { id } = c.req.valid('param');
    const text = c.req.valid('json').panelFeedback || null;
    const audit = auditOf(c, 'idea.feedback', `idea:${id}`, { panelFeedback: text });
    const [rows] = await c.var.database.write((db) =>
      db.batch([
        db.update(ideas).set({ panelFeedback: text, updatedAt: c.var.now }).where(eq(ideas.id, id)).returning({ id: ideas.id }),
        auditInsertWhen(db, audit, sql`changes() > 0`),
      ]),
    );
    if (!rows.length) throw apiError(404, 'idea_not_found', '没有这条金点子。');
    return c.json({ ok: true }, 200);
  })
  // With contacts: for admins only, and every download is audited.
  .get('/export.csv', requireRole('admin'), queryOf(campaignQuerySchema), async (c) => {
    const { campaign } = c.req.valid('query');
    const where: SQL | undefined = campaign ? eq(ideas.campaignId, campaign) : undefined;
    const rows = await c.var.database.db.select().from(ideas).where(where).orderBy(asc(ideas.id));
    const titles = new Map((await listCampaigns(c.var.database, c.var.now)).map((x) => [x.id, x.title]));
    const csv = toCsv(
      ['编号', '活动', ...IDEA_TEXT_COLUMNS, '联系方式', '状态', '标记', '支持数', '入围', '奖项', '审核意见', '评审反馈', '提交时间'],
      rows.map((r) => {
        const s = toStaffIdea(r);
        return [
          s.id,
          titles.get(s.campaignId) ?? '',
          ...ideaTextCells(s),
          s.contact ?? (s.contactErasedAt ? '（已按期删除）' : ''),
          STATUS_LABELS[s.status],
          s.flagReasons.join('；'),
          s.supportCount,
          s.shortlisted ? '是' : '',
          s.award ?? '',
          s.moderationNote ?? '',
          s.panelFeedback ?? '',
          time(s.createdAt),
        ];
      }),
    );
    await auditAction(c, 'idea.export', campaign ? `campaign:${campaign}` : 'ideas', { rows: rows.length });
    return csvResponse(csv, `金点子-全部-${localDay(c.var.now)}.csv`);
  });
