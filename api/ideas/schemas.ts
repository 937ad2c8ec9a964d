import { z } from 'zod';
import { districtCodes } from '../domain/areas.ts';
import { IDEA_LIMITS } from './labels.ts';
import { MAX_PHOTO_BASE64 } from './photo.ts';

const L = IDEA_LIMITS;

/** A positive integer id in a path or body. */
export const idSchema = z.coerce.number().int().positive('编号不正确');

/** `/:id` path parameters. */
export const idParam = z.object({ id: idSchema });

/** The token a browser keeps in localStorage to stand for "this device"; only its hash is stored. */
export const deviceSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '设备标识不正确，请刷新页面后再试');

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

/** What a resident submits. */
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
  photo: z.string().max(MAX_PHOTO_BASE64, '照片不能超过 5 MB').optional(),
  /** From GET /api/ideas/form-token. */
  formToken: z.string().min(1).max(200),
  device: deviceSchema,
  /** Honeypot: hidden from people, so anything in it came from a script. */
  website: z.string().max(200).default(''),
});

/** A submission after validation. */
export type Submission = z.output<typeof submissionSchema>;

/** Title and summary to compare with published ideas. */
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
