import type { HTTPException } from 'hono/http-exception';
import type { Database } from '../db/client.ts';
import type { WarningRow } from '../db/schema-warnings.ts';
import { apiError } from '../errors.ts';
import { accountName, approversFor, needsApproval } from './approval.ts';
import type { WarningPreview } from './contract.ts';
import { warningHtml } from './page.ts';
import type { WarningInput } from './schema.ts';
import { newestOf } from './store.ts';
import { shortTime } from './time.ts';
import { notificationFor, publicWarning } from './view.ts';

/** A stored warning back as the publisher's input. */
export const asInput = (w: WarningRow): WarningInput => ({
  status: w.status,
  hazard: w.hazard,
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
  actions: w.actions,
  areas: w.areas,
  polygon: w.polygon,
  headlineEn: w.headlineEn,
  descriptionEn: w.descriptionEn,
  instructionEn: w.instructionEn,
});

/** A draft for the publisher: its content, revision, and whose approval it waits for. */
export async function draftView(database: Database, w: WarningRow, now: number) {
  const required = await needsApproval(database, w);
  return {
    ...publicWarning(w, now),
    state: w.state,
    revision: w.revision,
    author: await accountName(database, w.editedBy ?? w.createdBy),
    approval: {
      /** Whether a second publisher must approve it before it goes out (四眼原则). */
      required,
      /** Who may approve it: active publishers other than its authors. */
      approvers: required ? (await approversFor(database, w)).map((a) => a.name) : [],
    },
  };
}

/** What residents will see once `w` is published now: the page body and the notification. */
export function previewOf(w: WarningRow, now: number): WarningPreview {
  const asPublished: WarningRow = {
    ...w,
    state: 'published',
    sent: w.sent ?? now,
    identifier: w.identifier ?? '（发布时生成）',
    supersededBy: null,
  };
  const view = publicWarning(asPublished, now);
  return { revision: w.revision, html: warningHtml(view), notification: notificationFor(w), title: `${view.title} ${view.headline}` };
}

/**
 * The 409 for an action that lost a race or came too late: what happened to the message, and a
 * link to the current one of its event.
 */
export async function explainConflict(database: Database, w: WarningRow, what: string): Promise<HTTPException> {
  const fresh = (await database.db.query.warnings.findFirst({ where: (t, { eq }) => eq(t.id, w.id) })) ?? w;
  if (fresh.state === 'draft') {
    if (fresh.replaces) {
      const previous = await database.db.query.warnings.findFirst({ where: (t, { eq }) => eq(t.id, fresh.replaces ?? -1) });
      if (previous) return explainConflict(database, previous, what);
    }
    return apiError(409, 'changed', `这份草稿刚刚被修改过，你的${what}没有生效。请重新查看后再操作。`);
  }
  const newest = await newestOf(database, fresh);
  const current = { id: newest.id, url: `/warnings/${newest.id}/` };
  const when = newest.sent ? shortTime(newest.sent) : '';
  const by = await accountName(database, newest.publishedBy);
  if (newest.id === fresh.id && fresh.id === w.id && w.state === 'draft')
    return apiError(409, 'already_published', `这条预警已于 ${when} 由 ${by} 发布，不会重复发布。`, undefined, {}, current);
  if (newest.id !== fresh.id) {
    const kind = newest.msgType === 'Cancel' ? '解除' : '更新';
    return apiError(
      409,
      'superseded',
      `这条预警已于 ${when} 由 ${by} ${kind}，你的${what}没有生效。请先查看最新的一条（${current.url}），再决定是否还要操作。`,
      undefined,
      {},
      current,
    );
  }
  if (newest.msgType === 'Cancel') return apiError(409, 'cancelled', `这是解除消息，不能再${what}。`, undefined, {}, current);
  const expired = `这条预警已于 ${shortTime(newest.expires)} 失效，不能再${what}；如仍有危险，请发布一条新预警。`;
  return apiError(409, 'not_active', expired, undefined, {}, current);
}
