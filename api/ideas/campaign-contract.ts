// The wire contract of 金点子 campaigns and their judging (/api/admin/campaigns, the campaign and
// results reads of /api/ideas): zod schemas and their types only, no routes, storage or I/O.
import { z } from 'zod';
import '../zod-messages.ts';
import { PHASES } from './labels.ts';

const unique = <T>(list: T[], key: (t: T) => string) => new Set(list.map(key)).size === list.length;

/** A positive integer id in a path or body. */
export const idSchema = z.coerce.number().int().positive('编号不正确');

/** `/:id` path parameters. */
export const idParam = z.object({ id: idSchema });

/** A campaign's phase. */
export const phaseSchema = z.enum(PHASES);

/** One award level of a campaign. */
const awardLevelSchema = z.object({
  /** Stable code stored on awarded ideas. */
  code: z.string().regex(/^[a-z0-9-]{1,20}$/, '奖项代码为小写字母、数字或 -'),
  /** 一等奖 etc. */
  name: z.string().trim().min(1, '请填写奖项名称').max(10, '奖项名称最多 10 个字'),
  /** How many ideas may receive it. */
  count: z.number().int().min(0, '名额不能为负数').max(100, '名额最多 100 个'),
});

/** One award level of a campaign. */
export type AwardLevel = z.output<typeof awardLevelSchema>;

/** One weighted judging criterion. */
const criterionSchema = z.object({
  /** Stable key used in stored scores. */
  key: z.string().regex(/^[a-z0-9-]{1,20}$/, '标准代码为小写字母、数字或 -'),
  /** 创新性 etc. */
  name: z.string().trim().min(1, '请填写标准名称').max(12, '标准名称最多 12 个字'),
  /** Weight in percent; a campaign's weights sum to 100. */
  weight: z.number().int().min(1, '权重至少 1%').max(100, '权重最多 100%'),
});

/** One weighted judging criterion. */
export type Criterion = z.output<typeof criterionSchema>;

/** A campaign as an admin creates or edits it. Times are unix milliseconds. */
export const campaignInputSchema = z
  .object({
    title: z.string().trim().min(2, '标题至少 2 个字').max(60, '标题最多 60 个字'),
    description: z.string().trim().min(10, '说明至少 10 个字').max(2000, '说明最多 2000 个字'),
    themes: z
      .array(z.string().trim().min(1).max(12, '每个主题最多 12 个字'))
      .min(1, '至少设置 1 个主题')
      .max(12, '最多 12 个主题')
      .refine((t) => unique(t, (x) => x), '主题不能重复'),
    collectStartsAt: z.number().int(),
    collectEndsAt: z.number().int(),
    judgingEndsAt: z.number().int(),
    awards: z
      .array(awardLevelSchema)
      .min(1, '至少设置 1 个奖项')
      .max(8)
      .refine((a) => unique(a, (x) => x.code), '奖项代码不能重复')
      .refine((a) => a.some((x) => x.count > 0), '至少有一个奖项名额大于 0'),
    criteria: z
      .array(criterionSchema)
      .min(1, '至少设置 1 项评审标准')
      .max(8)
      .refine((c) => unique(c, (x) => x.key), '评审标准代码不能重复')
      .refine((c) => c.reduce((s, x) => s + x.weight, 0) === 100, '各项评审标准的权重之和必须是 100%'),
    /** Days after the announcement when contacts are erased. */
    contactRetentionDays: z.number().int().min(1, '至少 1 天').max(365, '最多 365 天').default(30),
  })
  .refine((v) => v.collectEndsAt > v.collectStartsAt, { message: '征集截止时间必须晚于开始时间', path: ['collectEndsAt'] })
  .refine((v) => v.judgingEndsAt >= v.collectEndsAt, { message: '评审结束时间不能早于征集截止时间', path: ['judgingEndsAt'] });

/** A validated campaign input. */
export type CampaignInput = z.output<typeof campaignInputSchema>;

/** A campaign as the API shows it to everyone. */
export const campaignSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  themes: z.array(z.string()),
  phase: phaseSchema,
  collectStartsAt: z.number(),
  collectEndsAt: z.number(),
  judgingEndsAt: z.number(),
  announcedAt: z.number().nullable(),
  awards: z.array(awardLevelSchema),
  criteria: z.array(criterionSchema),
  contactRetentionDays: z.number(),
});

/** A campaign as the API shows it to everyone. */
export type Campaign = z.output<typeof campaignSchema>;

/** A campaign for staff, with its ideas per status and the number of scores submitted (`scores`). */
export const staffCampaignSchema = campaignSchema.extend({ counts: z.record(z.string(), z.number()) });

/** A campaign for staff. */
export type StaffCampaign = z.output<typeof staffCampaignSchema>;

/** One judge's scores for one idea: criterion key → 1–10. */
const criterionScoresSchema = z.record(
  z.string(),
  z.number({ error: '请为每项标准打分' }).int('分数应为整数').min(1, '最低 1 分').max(10, '最高 10 分'),
);

/** One judge's scores for one idea. */
export type CriterionScores = z.output<typeof criterionScoresSchema>;

/** A judge's score (POST /api/admin/campaigns/:id/judging/:ideaId); final once sent. */
export const scoreSchema = z.object({
  scores: criterionScoresSchema,
  comment: z.string().trim().max(1000, '意见最多 1000 个字').default(''),
});

/** The judging panel (PUT /api/admin/campaigns/:id/judges). */
export const judgesSchema = z.object({ accountIds: z.array(idSchema).max(50, '最多 50 位评委') });

/** Ideas in or out of the shortlist (PUT /api/admin/campaigns/:id/shortlist). */
export const shortlistSchema = z.object({
  ideaIds: z.array(idSchema).min(1, '请至少选择一条').max(200),
  shortlisted: z.boolean(),
});

/** The award decisions (PUT /api/admin/campaigns/:id/awards); ideas not listed get none. */
export const awardsSchema = z.object({
  assignments: z
    .array(
      z.object({
        ideaId: idSchema,
        award: z.string().max(20).nullable(),
        /** Required where the award departs from the ranking. */
        reason: z.string().trim().max(500, '理由最多 500 个字').optional(),
      }),
    )
    .max(500),
});

/** One award decision as asked for. */
export type AwardAssignment = z.output<typeof awardsSchema>['assignments'][number];

/** A staff account that may judge, and whether it sits on this campaign's panel. */
export const judgeSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  assigned: z.boolean(),
  /** Scores this judge has submitted in this campaign. */
  scored: z.number(),
});

/** A judge of the panel list. */
export type Judge = z.output<typeof judgeSchema>;

/** A judge's own score. */
const myScoreSchema = z.object({
  scores: criterionScoresSchema,
  comment: z.string(),
  weighted: z.number(),
  submittedAt: z.number(),
});

/** An idea's support as staff see it: the public 支持数 beside what lies under it. */
export const supportFiguresSchema = z.object({
  /** 支持数 as the public sees it (capped per address). */
  supportCount: z.number(),
  /** Every device's support, uncapped. */
  supportRaw: z.number(),
  /** Distinct client addresses among the supports: many supports from few addresses deserve a second look. */
  supportAddresses: z.number(),
});

/** One shortlisted idea on a judge's sheet. */
export const sheetIdeaSchema = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  theme: z.string(),
  district: z.string(),
  displayName: z.string().nullable(),
  ...supportFiguresSchema.shape,
  hasPhoto: z.boolean(),
  mine: myScoreSchema.nullable(),
  /**
   * The other judges' scores, anonymised and without their comments; null until this judge has
   * submitted a score for the idea, so nobody is swayed by the others.
   */
  others: z.array(z.object({ label: z.string(), scores: criterionScoresSchema, weighted: z.number() })).nullable(),
});

/** One shortlisted idea on a judge's sheet. */
export type SheetIdea = z.output<typeof sheetIdeaSchema>;

/** One row of the panel's ranking as admins see it (GET /api/admin/campaigns/:id/ranking). */
export const rankedIdeaSchema = z.object({
  ideaId: z.number(),
  judgeCount: z.number(),
  /** Rounded to 2 decimals; null when nobody has scored it yet. */
  score: z.number().nullable(),
  /** 1-based; equal scores share a rank (1, 1, 3); null when unscored. */
  rank: z.number().nullable(),
  /** What following the ranking strictly would give. */
  suggestedAward: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  displayName: z.string().nullable(),
  ...supportFiguresSchema.shape,
  award: z.string().nullable(),
  awardReason: z.string().nullable(),
  panelFeedback: z.string().nullable(),
});

/** One row of the ranking as admins see it. */
export type RankedIdeaRow = z.output<typeof rankedIdeaSchema>;
