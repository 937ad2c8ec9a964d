import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { contestExtraTimes, type ContestRow } from '../db/schema.ts';
import { contestBank } from './bank.ts';
import type { AudienceCode } from './labels.ts';
import type { Selection } from './settings.ts';
import { questionsOf, statusOf, teamsOf, type ContestQuestion, type ContestStatus } from './store.ts';

/** A contest in the organiser's list. */
export interface ContestSummary {
  id: number;
  code: string;
  title: string;
  unitName: string;
  opensAt: number;
  closesAt: number;
  status: ContestStatus;
  joined: number;
  finished: number;
  /** Put away by the organiser after it closed. */
  archived: boolean;
}

/** Participation counts of many contests at once. */
export async function countsByContest(database: Database): Promise<Map<number, { joined: number; finished: number }>> {
  const rows = await database.db.all<{ id: number; joined: number; finished: number }>(sql`
    SELECT contest_id AS id, count(DISTINCT participant_key) AS joined,
      count(DISTINCT CASE WHEN submitted_at IS NOT NULL THEN participant_key END) AS finished
    FROM contest_attempts GROUP BY contest_id`);
  return new Map(rows.map((r) => [Number(r.id), { joined: Number(r.joined), finished: Number(r.finished) }]));
}

/** Everything the organiser sees about one contest, including the answer key (the organiser is not a participant). */
export interface ContestDetail extends Omit<ContestRow, 'teams' | 'selection' | 'audience'> {
  status: ContestStatus;
  audience: AudienceCode;
  teams: string[];
  selection: Selection;
  joinUrl: string;
  questions: ContestQuestion[];
  /** How many of its questions 练一练 publishes with their answers. */
  openQuestions: number;
  /** Contest-only questions whose answer and explanation are withheld until the contest starts. */
  keysWithheld: number;
  extraTimes: Array<{ nameKey: string; extraMs: number; grantedAt: number }>;
}

/** The organiser's view of a contest. */
export async function contestDetail(database: Database, c: ContestRow, now: number, siteUrl: string): Promise<ContestDetail> {
  const extraTimes = await database.db
    .select({ nameKey: contestExtraTimes.nameKey, extraMs: contestExtraTimes.extraMs, grantedAt: contestExtraTimes.grantedAt })
    .from(contestExtraTimes)
    .where(eq(contestExtraTimes.contestId, c.id));
  const questions = await questionsOf(database, c.id);
  const reservedIds = reservedQuestionIds();
  // Contest-only answers reach the organiser only once the contest has started (and can no longer be
  // deleted): otherwise creating and deleting contests would read the reserved bank out.
  const withhold = statusOf(c, now) === 'scheduled';
  const shown = questions.map((q) => (withhold && reservedIds.has(q.questionId) ? { ...q, answer: [], explanation: '' } : q));
  return {
    ...c,
    status: statusOf(c, now),
    teams: teamsOf(c),
    joinUrl: joinUrlOf(siteUrl, c.code),
    questions: shown,
    openQuestions: questions.filter((q) => !reservedIds.has(q.questionId)).length,
    keysWithheld: withhold ? questions.filter((q) => reservedIds.has(q.questionId)).length : 0,
    extraTimes,
  };
}

/** Ids of the contest-only questions of the bank. */
export function reservedQuestionIds(): Set<string> {
  return new Set(contestBank().flatMap((q) => (q.reserved ? [q.id] : [])));
}

/** The link printed on the poster and encoded in its QR code. */
export function joinUrlOf(siteUrl: string, code: string): string {
  return `${siteUrl.replace(/\/$/, '')}/contest/join/?code=${code}`;
}
