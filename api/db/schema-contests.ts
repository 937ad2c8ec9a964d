// Tables of the contests feature; re-exported by api/db/schema.ts so drizzle-kit and the client see them.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { AUDIENCE_CODES, CATEGORY_CODES, CERTIFICATE_RULES, TYPE_CODES } from '../contests/labels.ts';
import type { Selection } from '../contests/contract.ts';
import { accounts } from './schema-accounts.ts';
import { flag, json, refersTo, rowId, timestamps } from './columns.ts';

/** 应急知识竞赛: one contest run by a school or community, with its settings fixed at creation. */
export const contests = sqliteTable(
  'contests',
  {
    id: rowId(),
    /** Six-character join code without look-alike characters. */
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The organiser's unit (school or community); organisers see only their unit's contests. */
    unitName: text('unit_name').notNull(),
    /** District of the unit (GB/T 2260). */
    unitDistrict: text('unit_district'),
    /** Account that created it. */
    createdBy: refersTo('created_by', () => accounts.id),
    /** Unix ms: participants may join from here… */
    opensAt: integer('opens_at').notNull(),
    /** …until here; closing early or extending moves it. */
    closesAt: integer('closes_at').notNull(),
    /** 小学, 中学 or 成人. */
    audience: text('audience', { enum: AUDIENCE_CODES }).notNull(),
    /** JSON of how the questions were chosen (counts by category, type, difficulty, or hand-picked). */
    selection: json<Selection>('selection'),
    /** Total time for one attempt. */
    timeLimitMs: integer('time_limit_ms').notNull(),
    /**
     * More time a participant may take once, when the countdown warns that time is nearly up (0: not
     * offered). For contests older residents take part in: the 适老化 rules and WCAG 2.2.1 ask that a
     * time limit can be extended.
     */
    moreTimeMs: integer('more_time_ms').notNull().default(0),
    attemptsAllowed: integer('attempts_allowed').notNull().default(1),
    shuffleQuestions: flag('shuffle_questions', true),
    shuffleOptions: flag('shuffle_options', true),
    /** `submit`: right answers shown after submitting; `close`: only once the contest has closed. */
    revealAnswers: text('reveal_answers', { enum: ['submit', 'close'] })
      .notNull()
      .default('submit'),
    /** `list` (choose from `teams`), `free` (type a team) or `none`. */
    teamMode: text('team_mode', { enum: ['list', 'free', 'none'] })
      .notNull()
      .default('list'),
    /** JSON array of team names (classes or communities). */
    teams: json<string[]>('teams').default([]),
    askClass: flag('ask_class', false),
    askStudentNo: flag('ask_student_no', false),
    /** Whether several people may take part from one device (a computer room). */
    sharedDevices: flag('shared_devices', false),
    /** `masked` (张*明, the default: many participants are minors), `hidden` or `full` on the public leaderboard. */
    nameDisplay: text('name_display', { enum: ['masked', 'hidden', 'full'] })
      .notNull()
      .default('masked'),
    /** Team ranking: `average` of members or `best` (sum of the best `teamBestN`). */
    teamScoring: text('team_scoring', { enum: ['average', 'best'] })
      .notNull()
      .default('average'),
    teamBestN: integer('team_best_n').notNull().default(5),
    /** Ranks 1..honourTop (with at least `passScore`) get a 荣誉证书 once the contest has closed. */
    honourTop: integer('honour_top').notNull().default(3),
    /**
     * Which certificates the contest gives beyond the 参与证明 everyone gets: `top` (荣誉证书 for
     * places), `score` (合格证书 for a score of at least `passScore`) or `both`. Contests made before
     * the rule existed gave places only, so the column's default keeps them as they were.
     */
    certificateRule: text('certificate_rule', { enum: CERTIFICATE_RULES }).notNull().default('top'),
    /** Score out of 100 needed for a 合格证书, and for a place to earn a 荣誉证书 (0 in older contests). */
    passScore: integer('pass_score').notNull().default(0),
    /** Unix ms when the organiser put this finished contest away; its board and certificates stay public. */
    archivedAt: integer('archived_at'),
    ...timestamps(),
  },
  (t) => [index('contests_unit').on(t.unitName, t.unitDistrict)],
);

/** The contest's questions, copied from the bank at creation so later edits to the bank change nothing. */
export const contestQuestions = sqliteTable(
  'contest_questions',
  {
    /** The contest's own copy of its questions goes with it (a contest nobody joined may be deleted). */
    contestId: refersTo('contest_id', () => contests.id, { onDelete: 'cascade' }),
    /** 0-based position in the contest's own order. */
    position: integer('position').notNull(),
    /** Bank id, e.g. rainstorm-003. */
    questionId: text('question_id').notNull(),
    type: text('type', { enum: TYPE_CODES }).notNull(),
    stem: text('stem').notNull(),
    /** JSON array of options in the bank's order. */
    options: json<string[]>('options'),
    /** JSON array of correct option indexes (bank order). Never sent before the attempt is submitted. */
    answer: json<number[]>('answer'),
    explanation: text('explanation').notNull(),
    /** Guide slug that teaches it. */
    guide: text('guide').notNull(),
    category: text('category', { enum: CATEGORY_CODES }).notNull(),
    difficulty: integer('difficulty').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.position] })],
);

/** One participant's attempt, with its own deadline and shuffled order. */
export const contestAttempts = sqliteTable(
  'contest_attempts',
  {
    id: rowId(),
    /** Restrict: an attempt carries a certificate people verify, so a contest with attempts is never deleted. */
    contestId: refersTo('contest_id', () => contests.id, { onDelete: 'restrict' }),
    /** Normalised name|team|class|student number: who the participant is. */
    participantKey: text('participant_key').notNull(),
    /** Normalised name|team: what extra time is granted to. */
    nameKey: text('name_key').notNull(),
    /** 1 for the first attempt of this participant. */
    attemptNo: integer('attempt_no').notNull(),
    name: text('name').notNull(),
    team: text('team').notNull().default(''),
    className: text('class_name').notNull().default(''),
    studentNo: text('student_no').notNull().default(''),
    /** Keyed hash of the browser's device token. */
    deviceHash: text('device_hash').notNull(),
    ipHash: text('ip_hash'),
    startedAt: integer('started_at').notNull(),
    /** Unix ms after which no answer is accepted: min(start + limit, closes) + extra. */
    deadline: integer('deadline').notNull(),
    /** Extra time granted by the organiser (WCAG 2.2.1). */
    extraMs: integer('extra_ms').notNull().default(0),
    /** More time the participant took themselves (the contest's `moreTimeMs`, once), already in `deadline`. */
    moreTimeMs: integer('more_time_ms').notNull().default(0),
    /** Set when submitted, or at the deadline once the server closes it. */
    submittedAt: integer('submitted_at'),
    /** `submit` or `deadline`. */
    finishedBy: text('finished_by', { enum: ['submit', 'deadline'] }),
    /** Number of questions answered right (all-or-nothing for 多选). */
    correct: integer('correct'),
    /** JSON: contest positions in the order this participant sees them. */
    questionOrder: json<number[]>('question_order'),
    /** JSON: per displayed question, the bank option index shown at each displayed place. */
    optionOrders: json<number[][]>('option_orders'),
    /** Certificate verification code, shown only once the attempt is submitted. */
    certificateCode: text('certificate_code').notNull().unique(),
  },
  (t) => [
    uniqueIndex('contest_attempts_participant').on(t.contestId, t.participantKey, t.attemptNo),
    index('contest_attempts_device').on(t.contestId, t.deviceHash),
    index('contest_attempts_name').on(t.contestId, t.nameKey),
  ],
);

/** Answers as given, one row per attempt and question; a later answer replaces an earlier one. */
export const contestAnswers = sqliteTable(
  'contest_answers',
  {
    attemptId: refersTo('attempt_id', () => contestAttempts.id, { onDelete: 'restrict' }),
    /** Contest position of the question. */
    position: integer('position').notNull(),
    /** JSON array of chosen option indexes (bank order). */
    choice: json<number[]>('choice'),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    /** Client's time of the choice; an older retry never overwrites a newer answer. */
    rev: integer('rev').notNull(),
    savedAt: integer('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.position] })],
);

/** Extra time the organiser granted to a named participant, applied when they join or at once if they have. */
export const contestExtraTimes = sqliteTable(
  'contest_extra_times',
  {
    contestId: refersTo('contest_id', () => contests.id, { onDelete: 'cascade' }),
    /** Normalised name|team. */
    nameKey: text('name_key').notNull(),
    extraMs: integer('extra_ms').notNull(),
    grantedBy: refersTo('granted_by', () => accounts.id),
    grantedAt: integer('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.nameKey] })],
);

/** A contest row. */
export type ContestRow = typeof contests.$inferSelect;
/** A contest question row. */
export type ContestQuestionRow = typeof contestQuestions.$inferSelect;
/** An attempt row. */
export type AttemptRow = typeof contestAttempts.$inferSelect;
