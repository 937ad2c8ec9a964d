// Words and defaults of the 金点子 feature, shared by the API and the islands (no dependencies, so islands stay small).
import { codesOf } from '../domain/label-table.ts';
import type { AwardLevel, Criterion } from './campaign-contract.ts';

/** Default themes of a new campaign (from the city's 2012 work plan: 预案、队伍、物资、避难场所、预警、宣传). */
export const DEFAULT_THEMES = ['应急预案', '队伍建设', '物资保障', '避难场所', '预警信息', '宣传教育', '其他'] as const;

/** Default award levels, best first. */
export const DEFAULT_AWARDS: AwardLevel[] = [
  { code: 'first', name: '一等奖', count: 1 },
  { code: 'second', name: '二等奖', count: 2 },
  { code: 'third', name: '三等奖', count: 3 },
  { code: 'merit', name: '优秀奖', count: 10 },
];

/** Default judging criteria. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'innovation', name: '创新性', weight: 30 },
  { key: 'feasibility', name: '可行性', weight: 40 },
  { key: 'benefit', name: '实用效益', weight: 30 },
];

/** A campaign's phases in order, with their names as residents read them. */
export const PHASE_LABELS = {
  upcoming: '即将开始',
  collecting: '征集中',
  judging: '评审中',
  announced: '已公布结果',
} as const;

/** A campaign's phase. */
export type Phase = keyof typeof PHASE_LABELS;

/** A campaign's phases, in order. */
export const PHASES = codesOf(PHASE_LABELS);

/** Status names for submitters (receipt page) and staff, by an idea's moderation status. */
export const STATUS_LABELS = {
  pending: '等待审核',
  published: '已公开',
  hidden: '已隐藏',
  rejected: '未通过审核',
  duplicate: '与已有金点子重复，已合并',
} as const;

/** An idea's moderation status. */
export type IdeaStatus = keyof typeof STATUS_LABELS;

/** An idea's moderation statuses. */
export const IDEA_STATUSES = codesOf(STATUS_LABELS);

/** What a moderator can do to an idea. */
export const MODERATION_ACTIONS = ['publish', 'reject', 'hide', 'duplicate'] as const;

/** The statuses each moderation action may start from (anything else is refused, never half-done). */
export const ACTION_FROM: Record<(typeof MODERATION_ACTIONS)[number], readonly IdeaStatus[]> = {
  publish: ['pending', 'hidden', 'rejected'],
  reject: ['pending', 'published', 'hidden'],
  hide: ['published', 'hidden'],
  duplicate: ['pending', 'published', 'hidden'],
};

const PHOTO_BYTES = 5 * 1024 * 1024;

/** Limits shared by the form and the API. */
export const IDEA_LIMITS = {
  titleMin: 5,
  titleMax: 60,
  summaryMin: 10,
  summaryMax: 200,
  bodyMin: 20,
  bodyMax: 3000,
  nameMax: 20,
  /** At most this many web addresses in one idea. */
  maxLinks: 2,
  /** Largest photo accepted, in bytes. */
  photoBytes: PHOTO_BYTES,
  /** Longest base64 text that can decode to at most `photoBytes`; checked before decoding. */
  photoBase64: Math.ceil(PHOTO_BYTES / 3) * 4,
  /** Supports counted per client address and idea (api/ideas/support-count.ts). */
  supportsPerAddress: 5,
  /** Length of the optional receipt-recovery passphrase, in characters. */
  passphraseMin: 6,
  passphraseMax: 64,
  /** Seconds a person needs at least to fill the form. */
  minFillSeconds: 5,
} as const;
