// The wire contract of CAP import and source feeds (the console's 从源头导入 and 来源设置).
// Schemas and types only, no I/O: site/islands/admin/Cap*.tsx import this.
import { z } from 'zod';
import '../zod-messages.ts';

/** The largest CAP document read, in bytes of UTF-8. */
export const MAX_XML_BYTES = 256 * 1024;

/** The fields a publisher may decide when a CAP message leaves them open. */
export const OVERRIDABLE = [
  'status',
  'hazard',
  'level',
  'urgency',
  'certainty',
  'responseType',
  'effective',
  'onset',
  'expires',
  'headline',
  'description',
  'instruction',
  'areas',
  'polygon',
] as const;

/** `POST /api/admin/cap/import`. */
export const capImportSchema = z.object({
  /** The CAP document as text (pasted, or read from the uploaded file by the browser). */
  xml: z
    .string({ error: '请粘贴或上传 CAP 文件' })
    .min(1, '请粘贴或上传 CAP 文件')
    .max(MAX_XML_BYTES * 2, `文件太大（上限 ${MAX_XML_BYTES / 1024} KB）`),
  /** What the publisher decided for the fields the message left open. */
  overrides: z.partialRecord(z.enum(OVERRIDABLE), z.unknown()).default({}),
  /** A feed item waiting for review that this import settles. */
  feedItem: z.number().int().positive().optional(),
});
/** `POST /api/admin/cap/feeds`: a source feed to poll. */
export const capFeedSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((u) => URL.canParse(u) && new URL(u).protocol === 'https:', '请填写以 https:// 开头的完整地址'),
  name: z.string().trim().min(2, '请填写来源名称').max(60, '名称不超过 60 个字'),
});
/** `PUT /api/admin/cap/feeds/:id`. */
export const capFeedPatchSchema = z.object({ enabled: z.boolean({ error: '请说明是否启用' }) });
/** `PUT /api/admin/cap/trusted-senders`. */
export const trustedSenderSchema = z.object({
  sender: z.string().trim().min(1, '请填写发布单位标识（CAP sender）').max(200),
  trusted: z.boolean(),
  /** Red and whole-city messages from this sender are published without a second publisher. */
  exemptTwoPerson: z.boolean().default(false),
});
/** `/api/admin/cap/feeds/:id`. */
export const capFeedIdParamSchema = z.object({ id: z.coerce.number().int().positive('编号不正确') });
