import { desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireRole } from '../accounts/guard.ts';
import { auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { deliveryItems, deliveries, warnings, type WarningRow } from '../db/schema-warnings.ts';
import { HAZARDS } from '../domain/hazards.ts';
import { apiError, isConstraintError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { notifyDelivery } from '../push/worker-signal.ts';
import { accountName, approversFor, isAuthor, isGrave, needsApproval, twoPersonRuleOn } from './approval.ts';
import { asInput, draftView, explainConflict, previewOf } from './drafts.ts';
import { englishCancel } from './english.ts';
import {
  approveSchema,
  cancelSchema,
  followUpSchema,
  publishSchema,
  warningIdParamSchema as idParam,
  type DeliveryProgress,
} from './contract.ts';
import { timesProblem, warningInputSchema, type WarningInput } from './schema.ts';
import { createDraft, dropDraft, editDraft, endingOf, findWarning, publishDraft, type PendingAudit } from './store.ts';
import { toCapTime } from './time.ts';
import { isActive, publicWarning } from './view.ts';

/** With the two-person rule off, a grave message still needs the publisher's own second click. */
function checkConfirmed(w: Pick<WarningInput, 'level' | 'areas'>, confirm: boolean | undefined): void {
  if (isGrave(w) && !confirm)
    throw apiError(
      409,
      'confirm_required',
      w.level === 'red' ? '这是红色预警，请再次确认后发布。' : '这条预警发往全市，请再次确认后发布。',
    );
}

/** 400 naming the field when a time lies outside 2020 … now + 30 days. */
function checkTimes(w: WarningInput, now: number): void {
  const problem = timesProblem(w, now);
  if (problem) throw apiError(400, 'invalid_input', `${problem[0]}：${problem[1]}`, { [problem[0]]: problem[1] });
}

type Ctx = { var: AppEnv['Variables'] };
const me = (c: Ctx) => c.var.session?.account.id ?? 0;

/** The message an update or cancel acts on: published and live, else 404 or 409 linking to the current one. */
async function livePrevious(c: Ctx, id: number, what: string): Promise<WarningRow> {
  const w = await findWarning(c.var.database, id);
  if (!w || w.state !== 'published') throw apiError(404, 'not_found', '没有找到这条已发布的预警。');
  if (!isActive(w, c.var.now)) throw await explainConflict(c.var.database, w, what);
  return w;
}

/** Publishes, turning a lost race (another publish of this draft or of a successor of the same message) into a 409. */
async function publishOr409(
  c: Ctx,
  draft: WarningRow,
  what: string,
  audits: (identifier: string) => PendingAudit[],
  approval?: { by: number; at: number },
): Promise<WarningRow> {
  const published = await publishDraft(c.var.database, draft, me(c), c.var.now, audits, approval).catch((err: unknown) => {
    if (isConstraintError(err)) return null;
    throw err;
  });
  if (!published) throw await explainConflict(c.var.database, draft, what);
  notifyDelivery();
  return published;
}

/** The audit entries of publishing `draft` (its kind decides the action code). */
function publishAudits(c: Ctx, draft: WarningRow, extra: Record<string, unknown> = {}) {
  return (identifier: string): PendingAudit[] => {
    const cancel = endingOf(draft) === 'allclear' ? 'warning.allclear' : 'warning.cancel';
    const action = draft.msgType === 'Alert' ? 'warning.publish' : draft.msgType === 'Update' ? 'warning.update' : cancel;
    const detail = {
      identifier,
      level: draft.level,
      status: draft.status,
      ...(draft.replaces ? { replaces: draft.replaces } : {}),
      ...extra,
    };
    return [auditOf(c, action, null, detail)];
  };
}

/** Creates the Update or Cancel of `previous`; publishes it now, or leaves it for a second publisher (202). */
async function followUp(
  c: Ctx,
  previous: WarningRow,
  msgType: 'Update' | 'Cancel',
  input: WarningInput,
  confirm: boolean | undefined,
  extra: Record<string, unknown>,
) {
  const what = msgType === 'Update' ? '更新' : '解除';
  const grave = isGrave(input) && (await twoPersonRuleOn(c.var.database));
  if (!grave) checkConfirmed(input, confirm);
  const action = msgType === 'Update' ? 'warning.update.draft' : 'warning.cancel.draft';
  const draft = await createDraft(
    c.var.database,
    input,
    me(c),
    c.var.now,
    grave ? auditOf(c, action, null, { replaces: previous.id, ...extra }) : undefined,
    {
      previous,
      msgType,
    },
  );
  if (grave) return { status: 202 as const, body: { warning: await draftView(c.var.database, draft, c.var.now) } };
  try {
    const published = await publishOr409(c, draft, what, publishAudits(c, draft, extra));
    return { status: 200 as const, body: { warning: publicWarning(published, c.var.now) } };
  } catch (err) {
    // The follow-up lost to another one: its unpublished draft would only confuse the list.
    await dropDraft(c.var.database, draft.id);
    throw err;
  }
}

/** `/api/admin/warnings`: drafts, approval, publishing, updates, cancels and delivery progress (role publisher). */
export const adminWarnings = new Hono<AppEnv>()
  .use(requireRole('publisher'))
  .get('/', async (c) => {
    const rows = await c.var.database.db.select().from(warnings).orderBy(desc(warnings.updatedAt)).limit(100);
    const list = [];
    for (const w of rows)
      list.push(w.state === 'draft' ? await draftView(c.var.database, w, c.var.now) : { ...publicWarning(w, c.var.now), state: w.state });
    return c.json({ warnings: list, twoPersonRule: await twoPersonRuleOn(c.var.database) });
  })
  .post('/', jsonBody(warningInputSchema), async (c) => {
    const input = c.req.valid('json');
    checkTimes(input, c.var.now);
    const audit = auditOf(c, 'warning.draft.create', null, { hazard: input.hazard, level: input.level });
    const draft = await createDraft(c.var.database, input, me(c), c.var.now, audit);
    return c.json({ warning: await draftView(c.var.database, draft, c.var.now) }, 201);
  })
  .get('/:id', paramsOf(idParam), async (c) => {
    const w = await findWarning(c.var.database, c.req.valid('param').id);
    if (!w) throw apiError(404, 'not_found', '没有这条预警。');
    const view = w.state === 'draft' ? await draftView(c.var.database, w, c.var.now) : { ...publicWarning(w, c.var.now), state: w.state };
    return c.json({ warning: view, input: asInput(w) });
  })
  .get('/:id/preview', paramsOf(idParam), async (c) => {
    const w = await findWarning(c.var.database, c.req.valid('param').id);
    if (!w) throw apiError(404, 'not_found', '没有这条预警。');
    return c.json(previewOf(w, c.var.now));
  })
  .put('/:id', paramsOf(idParam), jsonBody(warningInputSchema), async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    checkTimes(input, c.var.now);
    const w = await editDraft(c.var.database, id, input, me(c), c.var.now, auditOf(c, 'warning.draft.edit'));
    if (!w) throw apiError(409, 'not_draft', '只能修改草稿；已发布的预警请用“更新”发布一条新消息。');
    return c.json({ warning: await draftView(c.var.database, w, c.var.now) });
  })
  .post('/:id/publish', paramsOf(idParam), jsonBody(publishSchema), async (c) => {
    const { id } = c.req.valid('param');
    const draft = await findWarning(c.var.database, id);
    if (!draft) throw apiError(404, 'not_found', '没有这条预警。');
    if (draft.state !== 'draft') throw await explainConflict(c.var.database, draft, '发布');
    if (draft.expires <= c.var.now) throw apiError(400, 'already_expired', '失效时间已过，请修改后再发布。');
    if (await needsApproval(c.var.database, draft)) {
      const names = (await approversFor(c.var.database, draft)).map((a) => a.name);
      const kind = draft.level === 'red' ? '红色预警' : '全市预警';
      const who = names.length
        ? `可以审核的人：${names.join('、')}。请通知其中一位在“预警发布”页面审核。`
        : '目前没有其他可以审核的发布员，请联系管理员。';
      throw apiError(409, 'approval_required', `这是${kind}，须由另一位发布员看过预览、审核通过后才能发布（四眼原则）。${who}`);
    }
    checkConfirmed(asInput(draft), c.req.valid('json').confirm);
    if (draft.replaces) await livePrevious(c, draft.replaces, '发布');
    const published = await publishOr409(c, draft, '发布', publishAudits(c, draft));
    return c.json({ warning: publicWarning(published, c.var.now) });
  })
  .post('/:id/approve', paramsOf(idParam), jsonBody(approveSchema), async (c) => {
    const { id } = c.req.valid('param');
    const draft = await findWarning(c.var.database, id);
    if (!draft) throw apiError(404, 'not_found', '没有这条预警。');
    if (draft.state !== 'draft') throw await explainConflict(c.var.database, draft, '审核');
    if (isAuthor(draft, me(c))) throw apiError(403, 'own_draft', '不能审核自己起草或修改过的预警，请另一位发布员审核。');
    if (!(await needsApproval(c.var.database, draft)))
      throw apiError(409, 'approval_not_needed', '这条预警不需要双人审核，起草人可以直接发布。');
    if (draft.revision !== c.req.valid('json').revision)
      throw apiError(409, 'changed', '你查看预览后，这份草稿又被修改过。请重新查看预览，确认无误后再审核。');
    if (draft.expires <= c.var.now) throw apiError(400, 'already_expired', '失效时间已过，请让起草人修改后再审核。');
    if (draft.replaces) await livePrevious(c, draft.replaces, '审核');
    const approval = { by: me(c), at: c.var.now };
    const audits = (identifier: string) => [
      auditOf(c, 'warning.approve', null, { identifier, revision: draft.revision, author: draft.editedBy ?? draft.createdBy }),
      ...publishAudits(c, draft, { approvedBy: approval.by, approvedAt: toCapTime(approval.at) })(identifier),
    ];
    const published = await publishOr409(c, draft, '审核', audits, approval);
    return c.json({ warning: publicWarning(published, c.var.now) });
  })
  .post('/:id/update', paramsOf(idParam), jsonBody(followUpSchema), async (c) => {
    const previous = await livePrevious(c, c.req.valid('param').id, '更新');
    const { warning, confirm } = c.req.valid('json');
    checkTimes(warning, c.var.now);
    const r = await followUp(c, previous, 'Update', warning, confirm, {});
    return c.json(r.body, r.status);
  })
  .post('/:id/cancel', paramsOf(idParam), jsonBody(cancelSchema), async (c) => {
    const previous = await livePrevious(c, c.req.valid('param').id, '解除');
    const { reason, allClear } = c.req.valid('json');
    const hazardName = HAZARDS[previous.hazard]?.name ?? previous.hazard;
    const input: WarningInput = {
      ...asInput(previous),
      // CAP 1.2: AllClear for 解除; None for 取消 (the message was wrong, there is nothing to do about it).
      responseType: allClear ? 'AllClear' : 'None',
      urgency: 'Past',
      effective: c.var.now,
      // A Cancel stays in feeds for a day so that late readers learn the warning is over.
      expires: Math.max(c.var.now + 24 * 3600_000, previous.expires),
      headline: allClear ? `${hazardName}预警解除` : `${hazardName}预警取消`,
      description: reason,
      instruction: allClear
        ? '危险已经过去，可以恢复正常活动；仍请留意积水、倒伏树木等后续隐患。'
        : '此前发布的这条预警有误或不再适用，已经取消，不需要按它行动。请以最新发布的信息为准。',
      ...englishCancel(previous, allClear, reason),
      actions: allClear
        ? ['危险已经过去，可以恢复正常出行和活动。', '仍请留意积水、倒伏的树木和掉落的电线。', '撤离的居民等村（社区）通知后再回家。']
        : ['这条预警是误发或不再适用，不需要按它行动。', '以最新发布的预警信息为准。'],
    };
    const r = await followUp(c, previous, 'Cancel', input, true, { reason, allClear });
    return c.json(r.body, r.status);
  })
  .get('/:id/delivery', paramsOf(idParam), async (c) => {
    const { id } = c.req.valid('param');
    const job = await c.var.database.db.query.deliveries.findFirst({ where: eq(deliveries.warningId, id) });
    if (!job) throw apiError(404, 'not_found', '这条预警还没有推送任务（可能是草稿）。');
    const w = (await findWarning(c.var.database, id)) as WarningRow;
    const counts = await c.var.database.db
      .select({ state: deliveryItems.state, n: sql<number>`count(*)` })
      .from(deliveryItems)
      .where(eq(deliveryItems.deliveryId, job.id))
      .groupBy(deliveryItems.state);
    const by = Object.fromEntries(counts.map((r) => [r.state, Number(r.n)]));
    const matched = counts.reduce((s, r) => s + Number(r.n), 0);
    const progress: DeliveryProgress = {
      state: job.state,
      matched,
      sent: by['sent'] ?? 0,
      failed: by['failed'] ?? 0,
      removed: by['removed'] ?? 0,
      /** Not sent because the message had expired or been superseded before its turn. */
      skipped: by['skipped'] ?? 0,
      pending: (by['pending'] ?? 0) + (by['sending'] ?? 0),
      // 四眼原则: who approved this message and when (null when no second publisher was needed).
      approval: w.approvedBy
        ? { approvedBy: await accountName(c.var.database, w.approvedBy), approvedAt: toCapTime(w.approvedAt ?? 0) }
        : null,
    };
    return c.json(progress);
  });
