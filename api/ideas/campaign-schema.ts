import { z } from 'zod';

const unique = <T>(list: T[], key: (t: T) => string) => new Set(list.map(key)).size === list.length;

/** One award level as an admin sets it. */
const awardSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{1,20}$/, '奖项代码为小写字母、数字或 -'),
  name: z.string().trim().min(1, '请填写奖项名称').max(10, '奖项名称最多 10 个字'),
  count: z.number().int().min(0, '名额不能为负数').max(100, '名额最多 100 个'),
});

/** One weighted criterion as an admin sets it. */
const criterionSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,20}$/, '标准代码为小写字母、数字或 -'),
  name: z.string().trim().min(1, '请填写标准名称').max(12, '标准名称最多 12 个字'),
  weight: z.number().int().min(1, '权重至少 1%').max(100, '权重最多 100%'),
});

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
      .array(awardSchema)
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
