import { desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../accounts/guard.ts';
import { auditAction } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { deliveryItems, deliveries, warnings, type WarningRow } from '../db/schema-warnings.ts';
import { CITY_CODE, DISTRICTS } from '../domain/areas.ts';
import { HAZARDS, type HazardCode } from '../domain/hazards.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { notifyDelivery } from '../push/worker-signal.ts';
import { warningInputSchema, type WarningInput } from './schema.ts';
import { createDraft, createFollowUp, editDraft, findWarning, publishDraft } from './store.ts';
import { isActive, publicWarning } from './view.ts';

const idParam = z.object({ id: z.coerce.number().int().positive('预警编号不正确') });
const confirmSchema = z.object({ confirm: z.boolean().optional() });
const followUpSchema = z.object({ warning: warningInputSchema, confirm: z.boolean().optional() });
const cancelSchema = z.object({
  reason: z.string().trim().min(4, '请写明解除或取消的原因').max(500),
  allClear: z.boolean().default(false),
});

/** A red warning or one for the whole city must be confirmed by the publisher (a second click). */
function needsConfirmation(w: Pick<WarningInput, 'level' | 'areas'>): boolean {
  return w.level === 'red' || w.areas.includes(CITY_CODE) || DISTRICTS.every((d) => w.areas.includes(d.code));
}

function checkConfirmed(w: Pick<WarningInput, 'level' | 'areas'>, confirm: boolean | undefined): void {
  if (needsConfirmation(w) && !confirm)
    throw apiError(
      409,
      'confirm_required',
      w.level === 'red' ? '这是红色预警，请再次确认后发布。' : '这条预警发往全市，请再次确认后发布。',
    );
}

const asInput = (w: WarningRow): WarningInput => ({
  status: w.status,
  hazard: w.hazard as HazardCode,
  level: w.level,
  urgency: w.urgency,
  certainty: w.certainty,
  responseType: w.responseType as WarningInput['responseType'],
  effective: w.effective,
  onset: w.onset,
  expires: w.expires,
  headline: w.headline,
  description: w.description,
  instruction: w.instruction,
  areas: JSON.parse(w.areas) as string[],
  polygon: w.polygon,
});

async function livePrevious(c: { var: AppEnv['Variables'] }, id: number): Promise<WarningRow> {
  const w = await findWarning(c.var.database, id);
  if (!w || w.state !== 'published') throw apiError(404, 'not_found', '没有找到这条已发布的预警。');
  if (!isActive(w, c.var.now)) throw apiError(409, 'not_active', '这条预警已失效、已被更新或已解除，请在最新的一条上操作。');
  return w;
}

/** `/api/admin/warnings`: drafts, publishing, updates, cancels and delivery progress (role publisher). */
export const adminWarnings = new Hono<AppEnv>()
  .use(requireRole('publisher'))
  .get('/', async (c) => {
    const rows = await c.var.database.db.select().from(warnings).orderBy(desc(warnings.updatedAt)).limit(100);
    return c.json({ warnings: rows.map((w) => ({ ...publicWarning(w, c.var.now), state: w.state })) });
  })
  .post('/', jsonBody(warningInputSchema), async (c) => {
    const draft = await createDraft(c.var.database, c.req.valid('json'), c.var.session?.account.id ?? 0, c.var.now);
    await auditAction(c, 'warning.draft.create', `warning:${draft.id}`, { hazard: draft.hazard, level: draft.level });
    return c.json({ warning: { ...publicWarning(draft, c.var.now), state: draft.state } }, 201);
  })
  .get('/:id', paramsOf(idParam), async (c) => {
    const w = await findWarning(c.var.database, c.req.valid('param').id);
    if (!w) throw apiError(404, 'not_found', '没有这条预警。');
    return c.json({ warning: { ...publicWarning(w, c.var.now), state: w.state }, input: asInput(w) });
  })
  .put('/:id', paramsOf(idParam), jsonBody(warningInputSchema), async (c) => {
    const { id } = c.req.valid('param');
    const w = await editDraft(c.var.database, id, c.req.valid('json'), c.var.now);
    if (!w) throw apiError(409, 'not_draft', '只能修改草稿；已发布的预警请用“更新”发布一条新消息。');
    await auditAction(c, 'warning.draft.edit', `warning:${id}`);
    return c.json({ warning: { ...publicWarning(w, c.var.now), state: w.state } });
  })
  .post('/:id/publish', paramsOf(idParam), jsonBody(confirmSchema), async (c) => {
    const { id } = c.req.valid('param');
    const draft = await findWarning(c.var.database, id);
    if (!draft || draft.state !== 'draft') throw apiError(409, 'not_draft', '只能发布草稿。');
    if (draft.expires <= c.var.now) throw apiError(400, 'already_expired', '失效时间已过，请修改后再发布。');
    checkConfirmed(asInput(draft), c.req.valid('json').confirm);
    const published = await publishDraft(c.var.database, draft, c.var.session?.account.id ?? 0, c.var.now);
    await auditAction(c, 'warning.publish', `warning:${id}`, {
      identifier: published.identifier,
      level: published.level,
      status: published.status,
    });
    notifyDelivery();
    return c.json({ warning: publicWarning(published, c.var.now) });
  })
  .post('/:id/update', paramsOf(idParam), jsonBody(followUpSchema), async (c) => {
    const previous = await livePrevious(c, c.req.valid('param').id);
    const { warning, confirm } = c.req.valid('json');
    checkConfirmed(warning, confirm);
    const by = c.var.session?.account.id ?? 0;
    const draft = await createFollowUp(c.var.database, previous, 'Update', warning, by, c.var.now);
    const published = await publishDraft(c.var.database, draft, by, c.var.now);
    await auditAction(c, 'warning.update', `warning:${published.id}`, {
      replaces: previous.id,
      identifier: published.identifier,
      level: published.level,
    });
    notifyDelivery();
    return c.json({ warning: publicWarning(published, c.var.now) });
  })
  .post('/:id/cancel', paramsOf(idParam), jsonBody(cancelSchema), async (c) => {
    const previous = await livePrevious(c, c.req.valid('param').id);
    const { reason, allClear } = c.req.valid('json');
    const hazardName = HAZARDS[previous.hazard as HazardCode]?.name ?? previous.hazard;
    const input: WarningInput = {
      ...asInput(previous),
      responseType: 'AllClear',
      urgency: 'Past',
      effective: c.var.now,
      // A Cancel stays in feeds for a day so that late readers learn the warning is over.
      expires: Math.max(c.var.now + 24 * 3600_000, previous.expires),
      headline: allClear ? `${hazardName}预警解除` : `${hazardName}预警取消`,
      description: reason,
      instruction: allClear
        ? '危险已经过去，可以恢复正常活动；仍请留意积水、倒伏树木等后续隐患。'
        : '此前发布的预警已取消，请以最新发布的信息为准。',
    };
    const by = c.var.session?.account.id ?? 0;
    const draft = await createFollowUp(c.var.database, previous, 'Cancel', input, by, c.var.now);
    const published = await publishDraft(c.var.database, draft, by, c.var.now);
    await auditAction(c, allClear ? 'warning.allclear' : 'warning.cancel', `warning:${published.id}`, { replaces: previous.id, reason });
    notifyDelivery();
    return c.json({ warning: publicWarning(published, c.var.now) });
  })
  .get('/:id/delivery', paramsOf(idParam), async (c) => {
    const { id } = c.req.valid('param');
    const job = await c.var.database.db.query.deliveries.findFirst({ where: eq(deliveries.warningId, id) });
    if (!job) throw apiError(404, 'not_found', '这条预警还没有推送任务（可能是草稿）。');
    const counts = await c.var.database.db
      .select({ state: deliveryItems.state, n: sql<number>`count(*)` })
      .from(deliveryItems)
      .where(eq(deliveryItems.deliveryId, job.id))
      .groupBy(deliveryItems.state);
    const by = Object.fromEntries(counts.map((r) => [r.state, Number(r.n)]));
    const matched = counts.reduce((s, r) => s + Number(r.n), 0);
    return c.json({
      state: job.state,
      matched,
      sent: by['sent'] ?? 0,
      failed: by['failed'] ?? 0,
      removed: by['removed'] ?? 0,
      /** Not sent because the message had expired or been superseded before its turn. */
      skipped: by['skipped'] ?? 0,
      pending: (by['pending'] ?? 0) + (by['sending'] ?? 0),
    });
  });
