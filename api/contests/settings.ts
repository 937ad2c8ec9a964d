import { z } from 'zod';
import { AUDIENCE_CODES, CATEGORY_CODES, CERTIFICATE_RULES, DIFFICULTY_CODES, TYPE_CODES } from './labels.ts';

const weight = z.number().int().min(0).max(100);
const weights = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, weight.default(0)])) as Record<K, z.ZodDefault<typeof weight>>);

/** Questions drawn from the bank by shares (份) of category, type and difficulty; all-zero shares mean "any". */
export const mixSelectionSchema = z.object({
  mode: z.literal('mix'),
  /** How many questions. */
  count: z.number().int().min(5, '至少 5 道题').max(100, '最多 100 道题'),
  /** Shares by category. */
  category: weights(CATEGORY_CODES),
  /** Shares by question type. */
  type: weights(TYPE_CODES),
  /** Shares by difficulty. */
  difficulty: weights(DIFFICULTY_CODES),
  /**
   * Where questions come from: `reserved`, the contest-only questions that 练一练 never shows (no
   * looking answers up during the contest), or `all`, the whole bank (pupils can practise every
   * question beforehand). Absent in contests made before the choice existed: those drew from all.
   */
  source: z.enum(['reserved', 'all']).default('all'),
});

/** Questions picked by hand, in this order. */
export const pickedSelectionSchema = z.object({
  mode: z.literal('picked'),
  /** Bank ids. */
  questionIds: z
    .array(z.string().max(40))
    .min(5, '至少选 5 道题')
    .max(100, '最多 100 道题')
    .refine((ids) => new Set(ids).size === ids.length, '有重复的题目'),
});

/** How a contest's questions are chosen. */
export const selectionSchema = z.discriminatedUnion('mode', [mixSelectionSchema, pickedSelectionSchema]);
/** A question selection. */
export type Selection = z.output<typeof selectionSchema>;
/** A mix selection. */
export type MixSelection = z.output<typeof mixSelectionSchema>;

const teamName = z.string().trim().min(1, '队伍名称不能为空').max(30, '队伍名称最多 30 个字');

/** Fields that may still change after participants have joined (no defaults, so a patch changes only what it names). */
const editable = {
  /** Contest title, e.g. 梅岭小学 2027 年防灾减灾日应急知识竞赛. */
  title: z.string().trim().min(4, '标题至少 4 个字').max(60, '标题最多 60 个字'),
  /** What the contest is about, shown before joining. */
  description: z.string().trim().max(500, '说明最多 500 个字'),
  /** When answers are shown. */
  revealAnswers: z.enum(['submit', 'close']),
  /** Names on the public leaderboard. */
  nameDisplay: z.enum(['masked', 'full', 'hidden']),
  /** Team ranking rule. */
  teamScoring: z.enum(['average', 'best']),
  /** N for the `best` team rule. */
  teamBestN: z.number().int().min(1).max(50),
  /** Top ranks receiving a 荣誉证书 (0: none). */
  honourTop: z.number().int().min(0).max(100),
  /** Which certificates beyond the 参与证明: places (`top`), a pass mark (`score`) or `both`. */
  certificateRule: z.enum(CERTIFICATE_RULES, { error: '请选择证书规则' }),
  /** Score out of 100 for a 合格证书, and the least a place needs for a 荣誉证书. */
  passScore: z
    .number({ error: '合格分数应为 0–100 的整数' })
    .int('合格分数应为整数')
    .min(0, '合格分数不能为负')
    .max(100, '合格分数最多 100'),
};

/** Display settings with their defaults, for a new contest. */
const contestEditableSchema = z.object({
  title: editable.title,
  description: editable.description.default(''),
  revealAnswers: editable.revealAnswers.default('submit'),
  nameDisplay: editable.nameDisplay.default('masked'),
  teamScoring: editable.teamScoring.default('average'),
  teamBestN: editable.teamBestN.default(5),
  honourTop: editable.honourTop.default(3),
  // A place alone never earns a 荣誉证书 with a low score: by default both need 60 of 100.
  certificateRule: editable.certificateRule.default('both'),
  passScore: editable.passScore.default(60),
});

/** A new contest, as the organiser's form sends it. */
export const contestInputSchema = contestEditableSchema
  .extend({
    /** Opens, unix ms. */
    opensAt: z.number().int(),
    /** Closes, unix ms. */
    closesAt: z.number().int(),
    audience: z.enum(AUDIENCE_CODES, { error: '请选择参赛对象' }),
    selection: selectionSchema,
    /** Total time for one attempt. */
    timeLimitMinutes: z.number().int().min(1, '限时至少 1 分钟').max(180, '限时最多 180 分钟'),
    /** Minutes a participant may add once when time is nearly up (长辈 and others who need it); 0: none. */
    moreTimeMinutes: z
      .number({ error: '可延长的时间应为 0–60 的整数' })
      .int('可延长的时间应为整数')
      .min(0, '可延长的时间不能为负')
      .max(60, '最多可延长 60 分钟')
      .default(0),
    attemptsAllowed: z.number().int().min(1).max(10).default(1),
    shuffleQuestions: z.boolean().default(true),
    shuffleOptions: z.boolean().default(true),
    teamMode: z.enum(['list', 'free', 'none']).default('list'),
    /** Classes or communities to choose from (teamMode `list`). */
    teams: z.array(teamName).max(200, '最多 200 个队伍').default([]),
    askClass: z.boolean().default(false),
    askStudentNo: z.boolean().default(false),
    sharedDevices: z.boolean().default(false),
    /** Admins only: the unit to run it for (organisers always use their own). */
    unitName: z.string().trim().min(2).max(60).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.closesAt <= v.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '结束时间应晚于开始时间' });
    if (v.teamMode === 'list' && v.teams.length === 0)
      ctx.addIssue({ code: 'custom', path: ['teams'], message: '请至少填写一个班级或社区，或改为“自己填写”' });
    if (new Set(v.teams).size !== v.teams.length) ctx.addIssue({ code: 'custom', path: ['teams'], message: '队伍名称有重复' });
  });
/** A new contest's settings. */
export type ContestInput = z.input<typeof contestInputSchema>;

/** Changes to a contest's display settings. */
export const contestPatchSchema = z.object(editable).partial();
/** A change to a contest. */
export type ContestPatch = z.input<typeof contestPatchSchema>;

const field = (max: number, name: string) =>
  z
    .string()
    .trim()
    .max(max, `${name}最多 ${max} 个字`)
    .transform((s) => s.replace(/\s+/g, ' '))
    .default('');

/** What a participant types to join. */
export const joinSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(20, '姓名最多 20 个字'),
  team: field(30, '队伍'),
  className: field(20, '班级'),
  studentNo: field(20, '学号'),
  /** Random token the browser keeps in localStorage. */
  deviceToken: z.string().regex(/^[\w-]{16,64}$/, '设备标识不正确，请刷新页面后重试'),
});
/** A join request. */
export type JoinInput = z.input<typeof joinSchema>;

/** One saved answer: option places as displayed, and the client's time of the choice. */
export const answerSchema = z.object({
  choice: z
    .array(z.number().int().min(0).max(4))
    .max(5)
    .refine((c) => new Set(c).size === c.length, '选项重复'),
  rev: z.number().int().min(0),
});
