// The wire contract of warnings: what publishers send, what the public list takes, and the shapes of
// the answers islands read. Schemas and types only, no I/O at import: the islands import this.
import { z } from 'zod';
import '../zod-messages.ts';
import { districtCodes } from '../domain/areas.ts';
import { publisherText, warningInputSchema } from './schema.ts';

export { RESPONSE_NAMES, RESPONSE_TYPES, warningInputSchema, type WarningInput } from './schema.ts';
export type { PublicWarning } from './view.ts';

/** `/api/warnings/:id…` and `/api/admin/warnings/:id…`. */
export const warningIdParamSchema = z.object({ id: z.coerce.number().int().positive('预警编号不正确') });

/** `GET /api/warnings`. */
export const warningListQuerySchema = z.object({
  /** Only warnings covering this district (whole-city warnings cover every district). */
  district: z.enum(districtCodes, { error: '未知的区县代码' }).optional(),
  /** Actual, Exercise or Test. */
  status: z.enum(['Actual', 'Exercise', 'Test'], { error: '状态应为 Actual、Exercise 或 Test' }).optional(),
  /** `1` for every published message, newest first, with paging. */
  all: z.enum(['1', 'true']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** `POST /api/admin/warnings/:id/publish`: `confirm` is the publisher's second click for a grave message. */
export const publishSchema = z.object({ confirm: z.boolean().optional() });

/** `POST /api/admin/warnings/:id/update`: the new content of a published message. */
export const followUpSchema = z.object({ warning: warningInputSchema, confirm: z.boolean().optional() });

/** `POST /api/admin/warnings/:id/cancel`: 解除 (`allClear`) or 取消 (issued in error), with the reason residents read. */
export const cancelSchema = z.object({
  reason: publisherText({ min: 4, max: 500, tooShort: '请写明解除或取消的原因', tooLong: '原因不超过 500 个字' }),
  allClear: z.boolean().default(false),
});

/** `POST /api/admin/warnings/:id/approve`: the revision the second publisher saw in the preview. */
export const approveSchema = z.object({ revision: z.number({ error: '请先查看预览' }).int().positive() });

/** `PUT /api/admin/warning-settings`. */
export const warningSettingsSchema = z.object({
  /** Grave warnings need a second publisher's approval. */
  twoPersonRule: z.boolean({ error: '请说明是否启用双人审核' }),
});

/** `GET /api/admin/warnings/:id/preview`: the page and notification exactly as residents will get them. */
export const warningPreviewSchema = z.object({
  /** The draft's revision: an approval names it. */
  revision: z.number().int(),
  /** The warning page's content, rendered and escaped by the server. */
  html: z.string(),
  title: z.string(),
  notification: z.object({ title: z.string(), body: z.string() }),
});

/** A warning's preview for the approving publisher. */
export type WarningPreview = z.output<typeof warningPreviewSchema>;

/** `GET /api/admin/warnings/:id/delivery`: push delivery progress of a published message. */
export const deliveryProgressSchema = z.object({
  state: z.enum(['running', 'done']),
  matched: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  removed: z.number().int(),
  /** Not sent because the message had expired or been superseded before its turn. */
  skipped: z.number().int(),
  pending: z.number().int(),
  /** 四眼原则: who approved this message and when (null when no second publisher was needed). */
  approval: z.object({ approvedBy: z.string().nullable(), approvedAt: z.string() }).nullable(),
});

/** Push delivery progress. */
export type DeliveryProgress = z.output<typeof deliveryProgressSchema>;
