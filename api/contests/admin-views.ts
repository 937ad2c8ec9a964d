import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { contestExtraTimes, type ContestRow } from '../db/schema.ts';
import { contestBank } from './bank.ts';
import type { ContestDetail } from './contract.ts';
import { questionsOf, statusOf, teamsOf } from './store.ts';

/** Participation counts of many contests at once. */
export async function countsByContest(database: Database): Promise<Map<number, { joined: number; finished: number }>> {
  const rows = await database.db.all<{ id: number; joined: number; finished: number }>(sql`
    SELECT contest_id AS id, count(DISTINCT participant_key) AS joined,
      count(DISTINCT CASE WHEN submitted_at IS NOT NULL THEN participant_key END) AS finished
    FROM contest_attempts GROUP BY contest_id`);
  return new Map(rows.map((r) => [Number(r.id), { joined: Number(r.joined), finished: Number(r.finished) }]));
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
  const shown = questions.map((q) => ({
    ...q,
    ...(withhold && reservedIds.has(q.questionId) ? { answer: [], explanation: '' } : {}),
  }));
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
