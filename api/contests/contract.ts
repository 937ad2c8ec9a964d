// The wire contract of the knowledge contests (/api/contests and /api/admin/contests): every request
// and response body, as zod schemas and the types read from them. No routes, storage or I/O: the
// routes validate with these, the islands import them for their types and to check a form before
// sending it. Longer than most files because it is the one place these shapes are written.
import { z } from 'zod';
import '../zod-messages.ts';
import {
  AUDIENCE_CODES,
  CATEGORY_CODES,
  CERTIFICATE_RULES,
  CERTIFICATE_TYPES,
  DIFFICULTY_CODES,
  NAME_DISPLAY_CODES,
  TYPE_CODES,
} from './labels.ts';

// ---- Requests ----

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
const revealSchema = z.enum(['submit', 'close']);
const teamModeSchema = z.enum(['list', 'free', 'none']);
const teamScoringSchema = z.enum(['average', 'best']);

/** Fields that may still change after participants have joined (no defaults, so a patch changes only what it names). */
const editable = {
  /** Contest title, e.g. 梅岭小学 2027 年防灾减灾日应急知识竞赛. */
  title: z.string().trim().min(4, '标题至少 4 个字').max(60, '标题最多 60 个字'),
  /** What the contest is about, shown before joining. */
  description: z.string().trim().max(500, '说明最多 500 个字'),
  /** When answers are shown. */
  revealAnswers: revealSchema,
  /** Names on the public leaderboard. */
  nameDisplay: z.enum(NAME_DISPLAY_CODES),
  /** Team ranking rule. */
  teamScoring: teamScoringSchema,
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

/** A new contest, as the organiser's form sends it; every display setting has its default. */
export const contestInputSchema = z
  .object({
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
    /** Opens, unix ms. */
    opensAt: z.number({ error: '请填写开始时间' }).int(),
    /** Closes, unix ms. */
    closesAt: z.number({ error: '请填写结束时间' }).int(),
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
    teamMode: teamModeSchema.default('list'),
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
/** A new contest's settings, as sent (defaults may be left out). */
export type ContestInput = z.input<typeof contestInputSchema>;

/** Changes to a contest's display settings. */
export const contestPatchSchema = z.object(editable).partial();
/** A change to a contest. */
export type ContestPatch = z.input<typeof contestPatchSchema>;

/** A new closing time (unix ms), to close later or reopen. */
export const extendSchema = z.object({ closesAt: z.number({ error: '请填写新的结束时间' }).int() });
/** Putting a closed contest away, or back. */
export const archiveSchema = z.object({ archived: z.boolean({ error: 'archived 应为 true 或 false' }) });
/** Extra answering time for one named participant (WCAG 2.2.1). */
export const extraTimeSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(20),
  team: z.string().trim().max(30).default(''),
  minutes: z.number().int().min(0, '不能为负数').max(180, '最多加 180 分钟'),
});
/** The question bank, optionally for one audience. */
export const bankQuerySchema = z.object({ audience: z.enum(AUDIENCE_CODES).optional() });

/** `:id` of a contest. */
export const idParamSchema = z.object({ id: z.coerce.number().int().positive('竞赛编号不正确') });
/** `:code` of a contest (its join code, as typed). */
export const codeParamSchema = z.object({ code: z.string().max(20) });
/** `:code` of a certificate, as typed. */
export const certificateParamSchema = z.object({ code: z.string().max(40) });
/** `:token` of an attempt. */
export const tokenParamSchema = z.object({ token: z.string().max(80) });
/** `:token` and `:n`, the shown place of one question. */
export const answerParamSchema = tokenParamSchema.extend({ n: z.coerce.number().int().min(0).max(99) });

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
/** A join request, as sent. */
export type JoinInput = z.input<typeof joinSchema>;
/** A join request, as checked (trimmed, blanks for what was left out). */
export type JoinOutput = z.output<typeof joinSchema>;

/** One saved answer: option places as displayed, and the client's time of the choice. */
export const answerSchema = z.object({
  choice: z
    .array(z.number().int().min(0).max(4))
    .max(5)
    .refine((c) => new Set(c).size === c.length, '选项重复'),
  rev: z.number().int().min(0),
});
/** One answer, as sent. */
export type AnswerInput = z.input<typeof answerSchema>;

// ---- Responses: participants and the public ----

/** scheduled (not yet open), open, or closed. */
export const contestStatusSchema = z.enum(['scheduled', 'open', 'closed']);
/** Where a contest stands. */
export type ContestStatus = z.output<typeof contestStatusSchema>;

/** What anyone with the join code sees before joining. */
export const contestPublicSchema = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string(),
  unitName: z.string(),
  opensAt: z.number(),
  closesAt: z.number(),
  status: contestStatusSchema,
  questionCount: z.number(),
  timeLimitMs: z.number(),
  /** More time a participant may take once near the end (0: not offered). */
  moreTimeMs: z.number(),
  attemptsAllowed: z.number(),
  revealAnswers: revealSchema,
  teamMode: teamModeSchema,
  teams: z.array(z.string()),
  askClass: z.boolean(),
  askStudentNo: z.boolean(),
  /** How names appear on the public leaderboard, so participants know before they join. */
  nameDisplay: z.enum(NAME_DISPLAY_CODES),
  /** Server time of this answer, so the page can show times relative to the server's clock. */
  now: z.number(),
});
/** The public face of a contest. */
export type ContestPublic = z.output<typeof contestPublicSchema>;

const participantSchema = z.object({ name: z.string(), team: z.string() });
const questionTypeSchema = z.enum(TYPE_CODES);

/** A question as a participant sees it while answering: options in their shuffled order, no answer, no explanation. */
export const shownQuestionSchema = z.object({
  /** 0-based place in this attempt. */
  n: z.number(),
  type: questionTypeSchema,
  stem: z.string(),
  options: z.array(z.string()),
});
/** A question being answered. */
export type ShownQuestion = z.output<typeof shownQuestionSchema>;

/** A running attempt: everything the answering page needs, and nothing that gives an answer away. */
export const attemptRunningSchema = z.object({
  state: z.literal('running'),
  token: z.string(),
  contest: contestPublicSchema,
  participant: participantSchema,
  /** Server's remaining time; the page counts down from it. */
  remainingMs: z.number(),
  /** Whether the participant has already taken the contest's more time. */
  moreTimeTaken: z.boolean(),
  questions: z.array(shownQuestionSchema),
  /** Saved answers by shown place, as shown option places, with the client revision that wrote them. */
  saved: z.record(z.string(), z.object({ choice: z.array(z.number()), rev: z.number() })),
});
/** A running attempt. */
export type AttemptRunning = z.output<typeof attemptRunningSchema>;

/** An attempt made in the lobby, before the contest starts: no questions yet, only how long to wait. */
export const attemptWaitingSchema = z.object({
  state: z.literal('waiting'),
  token: z.string(),
  contest: contestPublicSchema,
  participant: participantSchema,
  /** Until the organiser starts it or its opening time comes; the page asks again then. */
  startsInMs: z.number(),
});
/** An attempt waiting for the start. */
export type AttemptWaiting = z.output<typeof attemptWaitingSchema>;

/** One question after the attempt, with the right answer, in the order and option order the participant saw. */
export const reviewItemSchema = shownQuestionSchema.extend({
  /** Shown places the participant chose. */
  chosen: z.array(z.number()),
  /** Shown places of the right options. */
  answer: z.array(z.number()),
  right: z.boolean(),
  explanation: z.string(),
  guide: z.string(),
  guideTitle: z.string(),
});
/** A reviewed question. */
export type ReviewItem = z.output<typeof reviewItemSchema>;

const certificateTypeSchema = z.enum(CERTIFICATE_TYPES);

/** A certificate as printed. */
export const certificateSchema = z.object({
  /** Verification code, `XXXX-XXXX-XXXX`. */
  code: z.string(),
  type: certificateTypeSchema,
  typeName: z.string(),
  name: z.string(),
  team: z.string(),
  contestTitle: z.string(),
  unitName: z.string(),
  /** Day of the certificate, `YYYY-MM-DD` in Yangzhou time. */
  date: z.string(),
  /** Final rank for a 荣誉证书. */
  rank: z.number().nullable(),
  /** Score out of 100. */
  score: z.number(),
});
/** A certificate. */
export type Certificate = z.output<typeof certificateSchema>;

/** A finished attempt: score, time, rank, certificate, and the answers when the contest allows. */
export const attemptFinishedSchema = z.object({
  state: z.literal('finished'),
  token: z.string(),
  contest: contestPublicSchema,
  participant: participantSchema,
  finishedBy: z.enum(['submit', 'deadline']),
  correct: z.number(),
  total: z.number(),
  score: z.number(),
  timeUsedMs: z.number(),
  /** Rank of the participant's best attempt among everyone who finished. */
  rank: z.number().nullable(),
  /** How many have finished. */
  ranked: z.number(),
  /** Ranks are final once the contest has closed. */
  final: z.boolean(),
  /** Null until the answers may be shown. */
  review: z.array(reviewItemSchema).nullable(),
  /** When the answers will be shown, if not yet. */
  reviewAt: z.number().nullable(),
  certificate: certificateSchema,
  /** Whether the participant may try again now. */
  canRetry: z.boolean(),
});
/** A finished attempt. */
export type AttemptFinished = z.output<typeof attemptFinishedSchema>;

/** A participant's attempt in any state. */
export const attemptSchema = z.discriminatedUnion('state', [attemptWaitingSchema, attemptRunningSchema, attemptFinishedSchema]);
/** A participant's attempt. */
export type Attempt = z.output<typeof attemptSchema>;

/** `POST /join/:code`: the attempt started (201) or resumed on the same device (200). */
export const joinResponseSchema = z.object({
  resumed: z.boolean(),
  attempt: z.discriminatedUnion('state', [attemptWaitingSchema, attemptRunningSchema]),
});

/** `PUT /attempts/:token/answers/:n`: the answer is committed. */
export const answerSavedSchema = z.object({
  saved: z.literal(true),
  n: z.number(),
  rev: z.number(),
  /** Another tab had saved a newer answer; this one was not kept. */
  stale: z.boolean(),
  remainingMs: z.number(),
});

/** What anyone may learn by checking a certificate code: nothing more than is printed on it. */
export const verificationSchema = certificateSchema.pick({
  name: true,
  contestTitle: true,
  unitName: true,
  date: true,
  type: true,
  typeName: true,
});
/** A checked certificate. */
export type Verification = z.output<typeof verificationSchema>;

/** One team's place. */
export const rankedTeamSchema = z.object({
  rank: z.number(),
  team: z.string(),
  /** Average score, or the sum of the best N, to one decimal. */
  value: z.number(),
  /** Participants with a finished attempt. */
  members: z.number(),
});
/** A team's place. */
export type RankedTeam = z.output<typeof rankedTeamSchema>;

/** Joined and handed-in participants of each team. */
export const participationSchema = z.array(z.object({ team: z.string(), joined: z.number(), finished: z.number() }));
/** Participation by team. */
export type Participation = z.output<typeof participationSchema>;

/** The public leaderboard: names as the organiser chose (masked by default), no class or student number. */
export const publicBoardSchema = z.object({
  title: z.string(),
  unitName: z.string(),
  status: contestStatusSchema,
  closesAt: z.number(),
  /** Final once the contest has closed. */
  final: z.boolean(),
  teamScoring: teamScoringSchema,
  teamBestN: z.number(),
  total: z.number(),
  /** False when the organiser chose not to show names at all (each `name` is then empty). */
  namesShown: z.boolean(),
  individuals: z.array(
    z.object({ rank: z.number(), name: z.string(), team: z.string(), score: z.number(), correct: z.number(), timeUsedMs: z.number() }),
  ),
  teams: z.array(rankedTeamSchema),
  participation: participationSchema,
  now: z.number(),
});
/** The public leaderboard. */
export type PublicBoard = z.output<typeof publicBoardSchema>;

/** A practice question of 练一练 (/contest/practice/questions.json), with its answer: practice is not a contest. */
export const practiceItemSchema = z.object({
  id: z.string(),
  type: questionTypeSchema,
  stem: z.string(),
  options: z.array(z.string()),
  answer: z.array(z.number()),
  explanation: z.string(),
  difficulty: z.number(),
  audience: z.array(z.string()),
  category: z.enum(CATEGORY_CODES),
  guide: z.string(),
  guideTitle: z.string(),
});
/** A practice question. */
export type PracticeItem = z.output<typeof practiceItemSchema>;

/** /contest/practice/questions.json: the open part of the bank, built with the site. */
export const practiceBankSchema = z.object({ questions: z.array(practiceItemSchema) });

// ---- Responses: organisers ----

/** `/api/admin/contests/:id/close`, `/extend`: the new closing time. */
export const closingSchema = z.object({ closesAt: z.number(), status: contestStatusSchema });
/** `/api/admin/contests/:id/open`: the new opening time. */
export const openingSchema = z.object({ opensAt: z.number(), status: contestStatusSchema });

/** A contest in the organiser's list. */
export const contestSummarySchema = contestPublicSchema
  .pick({ code: true, title: true, unitName: true, opensAt: true, closesAt: true, status: true })
  .extend({
    id: z.number(),
    joined: z.number(),
    finished: z.number(),
    /** Put away by the organiser after it closed. */
    archived: z.boolean(),
  });
/** A contest in the list. */
export type ContestSummary = z.output<typeof contestSummarySchema>;

/** A bank question as the organiser's picker lists it (no answer: the organiser is shown keys only per contest). */
export const bankEntrySchema = practiceItemSchema
  .pick({ id: true, stem: true, type: true, difficulty: true, category: true, audience: true, guideTitle: true })
  .extend({
    /** Contest-only: not shown in 练一练. */
    reserved: z.boolean(),
  });
/** A bank question in the picker. */
export type BankEntry = z.output<typeof bankEntrySchema>;

/** One of a contest's questions with its answer key (withheld, as `[]` and `''`, for contest-only questions before the start). */
export const contestQuestionSchema = practiceItemSchema
  // Options and right options in the bank's order.
  .pick({ type: true, stem: true, options: true, answer: true, explanation: true, guide: true, category: true, difficulty: true })
  .extend({ contestId: z.number(), position: z.number(), questionId: z.string() });

/** Everything the organiser sees about one contest, including the answer key (the organiser is not a participant). */
export const contestDetailSchema = contestPublicSchema.omit({ questionCount: true, moreTimeMs: true, now: true }).extend({
  id: z.number(),
  unitDistrict: z.string().nullable(),
  createdBy: z.number(),
  audience: z.enum(AUDIENCE_CODES),
  selection: selectionSchema,
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  sharedDevices: z.boolean(),
  teamScoring: teamScoringSchema,
  teamBestN: z.number(),
  honourTop: z.number(),
  certificateRule: z.enum(CERTIFICATE_RULES),
  passScore: z.number(),
  archivedAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The link printed on the poster and encoded in its QR code. */
  joinUrl: z.string(),
  questions: z.array(contestQuestionSchema),
  /** How many of its questions 练一练 publishes with their answers. */
  openQuestions: z.number(),
  /** Contest-only questions whose answer and explanation are withheld until the contest starts. */
  keysWithheld: z.number(),
  extraTimes: z.array(z.object({ nameKey: z.string(), extraMs: z.number(), grantedAt: z.number() })),
});
/** The organiser's view of a contest. */
export type ContestDetail = z.output<typeof contestDetailSchema>;

/** `/api/admin/contests/:id/live`: participation while the contest runs. */
export const liveCountsSchema = z.object({
  status: contestStatusSchema,
  participation: participationSchema,
  teams: z.array(rankedTeamSchema),
  finished: z.number(),
  now: z.number(),
});

/** One attempt in the organiser's results table. */
export const resultRowSchema = z.object({
  attemptId: z.number(),
  /** Rank when this is the participant's best attempt. */
  rank: z.number().nullable(),
  name: z.string(),
  team: z.string(),
  className: z.string(),
  studentNo: z.string(),
  attemptNo: z.number(),
  startedAt: z.number(),
  submittedAt: z.number().nullable(),
  finishedBy: z.enum(['submit', 'deadline']).nullable(),
  correct: z.number().nullable(),
  score: z.number().nullable(),
  timeUsedMs: z.number().nullable(),
  extraMs: z.number(),
  certificate: certificateSchema.nullable(),
});
/** A row of the results. */
export type ResultRow = z.output<typeof resultRowSchema>;

/** How hard a question turned out: the share of finished attempts that answered it right. */
export const questionStatSchema = contestQuestionSchema
  .pick({ position: true, questionId: true, stem: true, type: true, category: true, difficulty: true })
  .extend({
    answered: z.number(),
    right: z.number(),
    finished: z.number(),
    /** right / finished (an unanswered question counts as wrong), 0..1. */
    share: z.number(),
  });
/** A question's difficulty as it turned out. */
export type QuestionStat = z.output<typeof questionStatSchema>;

/** `/api/admin/contests/:id/results`: every attempt, per-question difficulty, and the team rankings. */
export const resultsSchema = z.object({
  rows: z.array(resultRowSchema),
  questions: z.array(questionStatSchema),
  teams: z.array(rankedTeamSchema),
  participation: participationSchema,
  total: z.number(),
});
/** The organiser's results. */
export type Results = z.output<typeof resultsSchema>;

/** What the projector shows, as one server-sent event (`/api/admin/contests/:id/stream`): joins, hand-ins and the board. */
export const liveSnapshotSchema = z.object({
  status: contestStatusSchema,
  opensAt: z.number(),
  closesAt: z.number(),
  /** Server time of the snapshot, so the projector's clock can follow the server's. */
  now: z.number(),
  /** Questions in the contest. */
  total: z.number(),
  /** Participants who have started (each person once). */
  joined: z.number(),
  /** Participants who have handed in (or whose time ran out). */
  finished: z.number(),
  /** The newest joined, as the organiser's name rule shows them (empty when names are hidden). */
  names: z.array(participantSchema),
  /** False when the organiser chose not to show names at all. */
  namesShown: z.boolean(),
  /** Individual places, best first. */
  board: z.array(z.object({ rank: z.number(), name: z.string(), team: z.string(), score: z.number(), timeUsedMs: z.number() })),
  /** Team places (empty when the contest has no teams). */
  teams: z.array(rankedTeamSchema),
});
/** The projector's snapshot. */
export type LiveSnapshot = z.output<typeof liveSnapshotSchema>;
