import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { contestAttempts, type ContestRow } from '../db/schema.ts';
import { standings, type Standings } from './board.ts';
import { certificateOf } from './certificates.ts';
import type { QuestionStat, ResultRow } from './contract.ts';
import { scoreOf, type CategoryCode, type TypeCode } from './labels.ts';
import { questionsOf } from './store.ts';

/** The organiser's results: every attempt, per-question difficulty, and the rankings. */
export async function organiserResults(
  database: Database,
  c: ContestRow,
  now: number,
): Promise<{ rows: ResultRow[]; questions: QuestionStat[]; standings: Standings }> {
  const s = await standings(database, c, now);
  const attempts = await database.db.select().from(contestAttempts).where(eq(contestAttempts.contestId, c.id)).orderBy(contestAttempts.id);
  const rankOf = new Map(s.individuals.map((p) => [p.attemptId, p.rank]));
  const bestOf = new Map(s.individuals.map((p) => [p.participantKey, { rank: p.rank, bestAttemptId: p.attemptId }]));
  const rows: ResultRow[] = attempts.map((a) => ({
    attemptId: a.id,
    rank: rankOf.get(a.id) ?? null,
    name: a.name,
    team: a.team,
    className: a.className,
    studentNo: a.studentNo,
    attemptNo: a.attemptNo,
    startedAt: a.startedAt,
    submittedAt: a.submittedAt,
    finishedBy: a.finishedBy === 'submit' || a.finishedBy === 'deadline' ? a.finishedBy : null,
    correct: a.correct,
    score: a.correct === null ? null : scoreOf(a.correct, s.total),
    timeUsedMs: a.submittedAt === null ? null : a.submittedAt - a.startedAt,
    extraMs: a.extraMs,
    certificate:
      a.submittedAt === null ? null : certificateOf(c, a, bestOf.get(a.participantKey) ?? { rank: null, bestAttemptId: null }, now),
  }));
  rows.sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || x.attemptId - y.attemptId);
  const counts = await database.db.all<{ position: number; answered: number; right: number }>(sql`
    SELECT ans.position AS position, count(*) AS answered, sum(ans.correct) AS right
    FROM contest_answers ans JOIN contest_attempts a ON a.id = ans.attempt_id
    WHERE a.contest_id = ${c.id} AND a.submitted_at IS NOT NULL GROUP BY ans.position`);
  const byPosition = new Map(counts.map((r) => [Number(r.position), r]));
  const finished = attempts.filter((a) => a.submittedAt !== null).length;
  const questions = (await questionsOf(database, c.id)).map((q) => {
    const n = byPosition.get(q.position);
    const right = Number(n?.right ?? 0);
    return {
      position: q.position,
      questionId: q.questionId,
      stem: q.stem,
      type: q.type as TypeCode,
      category: q.category as CategoryCode,
      difficulty: q.difficulty,
      answered: Number(n?.answered ?? 0),
      right,
      finished,
      share: finished > 0 ? right / finished : 0,
    };
  });
  return { rows, questions, standings: s };
}
