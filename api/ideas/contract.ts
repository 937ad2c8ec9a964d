// The wire contract of 金点子 (/api/ideas and /api/admin/ideas): what each route accepts and answers.
// Zod schemas and their types only, no routes, storage or I/O, so islands import it as well.
import { z } from 'zod';
import '../zod-messages.ts';
import { districtCodes } from '../domain/areas.ts';
import { campaignSchema, idSchema, phaseSchema, supportFiguresSchema } from './campaign-contract.ts';
import { IDEA_LIMITS as L, IDEA_STATUSES, MODERATION_ACTIONS } from './labels.ts';

/** `?campaign=` of lists and exports. */
export const campaignQuerySchema = z.object({ campaign: idSchema.optional() });

/** The token a browser keeps in localStorage to stand for "this device"; only its hash is stored. */
const deviceSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '设备标识不正确，请刷新页面后再试');

/** Mainland mobile, landline (0514-12345678) or e-mail. */
const contactSchema = z
  .string()
  .trim()
  .max(80)
  .refine(
    (v) => /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(v.replace(/[\s()（）]/g, '')) || z.email().safeParse(v).success,
    '请填写手机号码、固定电话或电子邮箱，便于组织方联系你',
  );

/** A receipt-recovery passphrase: short, but not trivially short. */
const passphraseSchema = z
  .string()
  .refine((v) => [...v].length >= L.passphraseMin, `找回口令至少 ${L.passphraseMin} 个字`)
  .refine((v) => [...v].length <= L.passphraseMax, `找回口令最多 ${L.passphraseMax} 个字`);

/** An idea's moderation status. */
const ideaStatusSchema = z.enum(IDEA_STATUSES);

/** What a resident submits (POST /api/ideas/submissions). */
export const submissionSchema = z.object({
  /** The campaign being collected for. */
  campaignId: idSchema,
  title: z.string().trim().min(L.titleMin, `标题至少 ${L.titleMin} 个字`).max(L.titleMax, `标题最多 ${L.titleMax} 个字`),
  summary: z.string().trim().min(L.summaryMin, `简介至少 ${L.summaryMin} 个字`).max(L.summaryMax, `简介最多 ${L.summaryMax} 个字`),
  body: z.string().trim().min(L.bodyMin, `正文至少 ${L.bodyMin} 个字`).max(L.bodyMax, `正文最多 ${L.bodyMax} 个字`),
  /** One of the campaign's themes. */
  theme: z.string().trim().min(1, '请选择主题').max(20),
  district: z.enum(districtCodes, { error: '请选择所在县（市、区）' }),
  /** Name shown with the idea; empty or `anonymous` for 匿名. */
  displayName: z.string().trim().max(L.nameMax, `署名最多 ${L.nameMax} 个字`).default(''),
  anonymous: z.boolean().default(false),
  /** For the organisers only. */
  contact: contactSchema,
  /** Optional: with the contact, recovers a lost receipt code; stored only as a scrypt hash. */
  passphrase: passphraseSchema.or(z.literal('')).default(''),
  consent: z.literal(true, { error: '请阅读并同意个人信息保护说明' }),
  /** Base64 of a JPEG, PNG or WebP; its size is checked before it is decoded. */
  photo: z.string().max(L.photoBase64, '照片不能超过 5 MB').optional(),
  /** From GET /api/ideas/form-token. */
  formToken: z.string().min(1).max(200),
  device: deviceSchema,
  /** Honeypot: hidden from people, so anything in it came from a script. */
  website: z.string().max(200).default(''),
});

/** Title and summary to compare with published ideas (POST /api/ideas/similar). */
export const similarSchema = z.object({
  campaignId: idSchema.optional(),
  title: z
    .string()
    .trim()
    .max(L.titleMax + 20)
    .default(''),
  summary: z
    .string()
    .trim()
    .max(L.summaryMax + 50)
    .default(''),
});

/** 支持 an idea. */
export const supportSchema = z.object({ device: deviceSchema });

/** 举报 an idea. */
export const reportSchema = z.object({
  device: deviceSchema,
  reason: z.string().trim().min(2, '请简单写明举报理由').max(200, '理由最多 200 个字'),
});

/** Follow an idea with its receipt code. */
export const trackSchema = z.object({ code: z.string().trim().min(12, '回执码是 12 位字母和数字').max(20, '回执码格式不正确') });

/** Recover lost receipt codes with the contact and passphrase given with the idea. */
export const recoverSchema = z.object({
  contact: contactSchema,
  passphrase: z.string().min(1, '请填写提交时设置的找回口令').max(L.passphraseMax, `找回口令最多 ${L.passphraseMax} 个字`),
});

/** Filters of the public list. */
export const listQuerySchema = z.object({
  campaign: idSchema.optional(),
  theme: z.string().trim().max(20).optional(),
  district: z.enum(districtCodes).optional(),
  /** all | shortlisted (入围) | awarded (获奖). */
  status: z.enum(['all', 'shortlisted', 'awarded']).default('all'),
  sort: z.enum(['newest', 'support']).default('newest'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

/**
 * An idea as anyone may see it. Built field by field from the row, so nothing personal (contact,
 * address or device hashes, receipt) can slip into a public response by accident.
 */
export const publicIdeaSchema = z.object({
  id: z.number(),
  campaignId: z.number(),
  title: z.string(),
  summary: z.string(),
  theme: z.string(),
  district: z.string(),
  districtName: z.string(),
  /** Null for 匿名. */
  displayName: z.string().nullable(),
  supportCount: z.number(),
  hasPhoto: z.boolean(),
  shortlisted: z.boolean(),
  /** Award name, only once the campaign is announced. */
  award: z.string().nullable(),
  publishedAt: z.number().nullable(),
});

/** A published idea in a list. */
export type PublicIdea = z.output<typeof publicIdeaSchema>;

/** The campaign an idea belongs to, as its page and its tracking show it. */
const ideaCampaignSchema = z.object({ id: z.number(), title: z.string(), phase: phaseSchema });

/** A published idea's page. */
export const publicIdeaDetailSchema = publicIdeaSchema.extend({
  body: z.string(),
  panelFeedback: z.string().nullable(),
  campaign: ideaCampaignSchema,
});

/** A published idea's page. */
export type PublicIdeaDetail = z.output<typeof publicIdeaDetailSchema>;

/** A published idea like the one being written. */
export const similarIdeaSchema = publicIdeaSchema.pick({ id: true, title: true, summary: true, supportCount: true }).extend({
  /** Cosine of the bigram counts, 0–1, two decimals. */
  similarity: z.number(),
});

/** A published idea like the one being written. */
export type SimilarIdea = z.output<typeof similarIdeaSchema>;

/** What the holder of a receipt code sees: status and public feedback, never the contact. */
export const trackedIdeaSchema = publicIdeaDetailSchema
  // The award name once announced, as on the idea's page.
  .pick({
    id: true,
    title: true,
    publishedAt: true,
    panelFeedback: true,
    supportCount: true,
    shortlisted: true,
    award: true,
    campaign: true,
  })
  .extend({
    status: ideaStatusSchema,
    statusText: z.string(),
    submittedAt: z.number(),
    /** The moderator's reason for rejecting or hiding. */
    moderationNote: z.string().nullable(),
    duplicateOf: z.object({ id: z.number(), title: z.string() }).nullable(),
  });

/** What the holder of a receipt code sees. */
export type TrackedIdea = z.output<typeof trackedIdeaSchema>;

/** One recovered idea: a new receipt code replaces the lost one. */
export const recoveredIdeaSchema = trackedIdeaSchema
  .pick({ id: true, title: true, statusText: true, submittedAt: true })
  .extend({ receipt: z.string() });

/** One recovered idea. */
export type RecoveredIdea = z.output<typeof recoveredIdeaSchema>;

/** An idea as moderators and admins see it: with the contact, never the hashes or the receipt. */
export const staffIdeaSchema = z.object({
  ...publicIdeaSchema.omit({ award: true }).shape,
  body: z.string(),
  /** Null once erased (see `contactErasedAt`). */
  contact: z.string().nullable(),
  contactErasedAt: z.number().nullable(),
  status: ideaStatusSchema,
  flagged: z.boolean(),
  flagReasons: z.array(z.string()),
  hiddenByReports: z.boolean(),
  moderationNote: z.string().nullable(),
  panelFeedback: z.string().nullable(),
  duplicateOfId: z.number().nullable(),
  ...supportFiguresSchema.shape,
  /** Award code, whether announced or not. */
  award: z.string().nullable(),
  createdAt: z.number(),
  /** Residents' reports not yet dealt with. */
  openReports: z.array(z.string()),
});

/** An idea as staff see it. */
export type StaffIdea = z.output<typeof staffIdeaSchema>;

/** What a moderator can do to an idea. */
const moderationActionSchema = z.enum(MODERATION_ACTIONS);

/** A moderation action. */
export type ModerationAction = z.output<typeof moderationActionSchema>;

/** The moderation queue's filters (GET /api/admin/ideas). */
export const queueQuerySchema = z.object({
  campaign: idSchema.optional(),
  /** A status, `reported` (open reports) or `flagged`. */
  view: z.enum([...IDEA_STATUSES, 'reported', 'flagged', 'all']).default('pending'),
  page: z.coerce.number().int().min(1).default(1),
});

/** One action on one or many ideas (POST /api/admin/ideas/actions). */
export const moderationSchema = z
  .object({
    ids: z.array(idSchema).min(1, '请至少选择一条').max(100, '一次最多处理 100 条'),
    action: moderationActionSchema,
    reason: z.string().trim().max(500, '理由最多 500 个字').optional(),
    duplicateOf: idSchema.optional(),
  })
  .refine((v) => v.action !== 'reject' || (v.reason?.length ?? 0) >= 2, { message: '请写明不通过的理由，提交人会看到', path: ['reason'] })
  .refine((v) => v.action !== 'duplicate' || v.duplicateOf !== undefined, { message: '请填写重复的原金点子编号', path: ['duplicateOf'] });

/** The flag word list (PUT /api/admin/ideas/words). */
export const wordsSchema = z.object({
  words: z
    .array(z.string().trim().min(1).max(30, '每个词最多 30 个字'))
    .max(500, '词表最多 500 个词')
    .transform((w) => [...new Set(w)]),
});

/** The panel's public feedback on one idea (PUT /api/admin/ideas/:id/feedback). */
export const feedbackSchema = z.object({ panelFeedback: z.string().trim().max(500, '反馈最多 500 个字') });

/** One award level on the results page with its winners. */
const resultLevelSchema = z.object({
  code: z.string(),
  name: z.string(),
  ideas: z.array(publicIdeaSchema.extend({ score: z.number().nullable() })),
});

/** One award level on the results page. */
export type ResultLevel = z.output<typeof resultLevelSchema>;

/** The results page (GET /api/ideas/results): announced campaigns, the one shown and its winners. */
export const resultsSchema = z.object({
  campaigns: z.array(z.object({ id: z.number(), title: z.string(), announcedAt: z.number().nullable() })),
  campaign: campaignSchema.nullable(),
  levels: z.array(resultLevelSchema),
});

/** The results page. */
export type Results = z.output<typeof resultsSchema>;
