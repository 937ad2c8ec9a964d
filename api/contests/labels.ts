// Names and codes of the contest feature, free of server imports so islands can use them too.
import { codesOf } from '../domain/label-table.ts';
import type { TypeCode } from '../domain/question-kinds.ts';

export { AUDIENCES as AUDIENCE_CODES, CATEGORY_CODES, CATEGORY_NAMES, TYPE_CODES } from '../domain/question-kinds.ts';
export type { AudienceCode, CategoryCode, TypeCode } from '../domain/question-kinds.ts';

/** Question type names. */
export const TYPE_NAMES: Record<TypeCode, string> = { single: '单选题', multiple: '多选题', truefalse: '判断题' };

/** Difficulty names, by level from 1 easy to 3 hard. */
export const DIFFICULTY_NAMES = { '1': '容易', '2': '中等', '3': '较难' } as const;
/** A difficulty level as a string key. */
export type DifficultyCode = keyof typeof DIFFICULTY_NAMES;
/** Difficulty levels, 1 easy to 3 hard. */
export const DIFFICULTY_CODES = codesOf(DIFFICULTY_NAMES);

/** When the right answers are shown. */
export const REVEAL_NAMES = { submit: '交卷后立即显示', close: '竞赛结束后显示' } as const;
/** How participants give their team. */
export const TEAM_MODE_NAMES = { list: '从名单中选择（班级或社区）', free: '自己填写', none: '不分队伍' } as const;
/** How names appear on the public leaderboard, by code. */
export const NAME_DISPLAY_NAMES = {
  masked: '部分隐藏（如 张*明），保护未成年人',
  hidden: '完全不显示，只显示名次、队伍和成绩',
  full: '显示全名',
} as const;
/** How names may appear on the public leaderboard. */
export const NAME_DISPLAY_CODES = codesOf(NAME_DISPLAY_NAMES);

/** How names appear on a public leaderboard. */
export type NameDisplay = keyof typeof NAME_DISPLAY_NAMES;

/** How teams are ranked. */
export const TEAM_SCORING_NAMES = { average: '全队平均分', best: '最好的 N 人总分' } as const;
/** Certificate names, by kind: 荣誉证书 for a place, 合格证书 for a pass mark, 参与证明 for everyone else who handed in. */
export const CERTIFICATE_NAMES = {
  honour: '荣誉证书',
  pass: '合格证书',
  participation: '参与证明',
} as const;
/** Certificate kinds. */
export const CERTIFICATE_TYPES = codesOf(CERTIFICATE_NAMES);
/** Certificate rules in words, for the organiser's form: which certificates a contest gives beyond the 参与证明. */
export const CERTIFICATE_RULE_NAMES = {
  both: '名次和分数：前 N 名发荣誉证书，其余达到合格分的发合格证书',
  top: '只按名次：前 N 名（且达到合格分）发荣誉证书',
  score: '只按分数：达到合格分的都发合格证书',
} as const;
/** Which certificates a contest gives beyond the 参与证明. */
export const CERTIFICATE_RULES = codesOf(CERTIFICATE_RULE_NAMES);
/** A certificate rule. */
export type CertificateRule = keyof typeof CERTIFICATE_RULE_NAMES;
/** A certificate kind. */
export type CertificateType = keyof typeof CERTIFICATE_NAMES;

/** How early participants may join and wait for the start (the projector lists them meanwhile). */
export const LOBBY_MS = 30 * 60_000;

/** A contest's status in the organiser's words. */
export const STATUS_NAMES = { scheduled: '未开始', open: '进行中', closed: '已结束' } as const;

/** Letters shown before options: A, B, C… */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

/** Score out of 100 for `correct` of `total`, to one decimal. */
export function scoreOf(correct: number, total: number): number {
  return total > 0 ? Math.round((correct * 1000) / total) / 10 : 0;
}

/** `12分05秒` (or `45秒`) for a duration in ms. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}分${String(s % 60).padStart(2, '0')}秒` : `${s}秒`;
}
