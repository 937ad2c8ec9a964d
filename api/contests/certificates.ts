import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { localDay } from '../domain/clock.ts';
import { contestAttempts, contests, type AttemptRow, type ContestRow } from '../db/schema.ts';
import { closeDue } from './attempts.ts';
import type { Certificate, Verification } from './contract.ts';
import { CERTIFICATE_NAMES, scoreOf, type CertificateType } from './labels.ts';
import { placeOf, type Place } from './place.ts';
import { statusOf } from './store.ts';

/** Questions of the attempt (its order lists every contest question once). */
const questionCountOf = (a: AttemptRow): number => a.questionOrder.length;

/**
 * The certificate of a finished attempt, by the organiser's rule. A 荣誉证书 goes to the
 * participant's best attempt when it ranks within the top places and scores at least the pass mark,
 * and only once the contest has closed and ranks are final; a 合格证书 to an attempt that scores
 * at least the pass mark (known at once); a 参与证明 to everyone else who handed in.
 */
export function certificateOf(c: ContestRow, a: AttemptRow, place: Pick<Place, 'rank' | 'bestAttemptId'>, now: number): Certificate {
  const score = scoreOf(a.correct ?? 0, questionCountOf(a));
  const passes = score >= c.passScore;
  const places = c.certificateRule !== 'score' && c.honourTop > 0;
  const honour =
    places && passes && statusOf(c, now) === 'closed' && place.bestAttemptId === a.id && place.rank !== null && place.rank <= c.honourTop;
  const type: CertificateType = honour ? 'honour' : passes && c.certificateRule !== 'top' ? 'pass' : 'participation';
  return {
    code: a.certificateCode,
    type,
    typeName: CERTIFICATE_NAMES[type],
    name: a.name,
    team: a.team,
    contestTitle: c.title,
    unitName: c.unitName,
    date: localDay(honour ? c.closesAt : (a.submittedAt ?? a.deadline)),
    rank: honour ? place.rank : null,
    score,
  };
}

/** The certificate with this code, as printed; null when no finished attempt has it. */
export async function certificateByCode(database: Database, code: string, now: number): Promise<Certificate | null> {
  const rows = await database.db
    .select({ a: contestAttempts, c: contests })
    .from(contestAttempts)
    .innerJoin(contests, eq(contests.id, contestAttempts.contestId))
    .where(eq(contestAttempts.certificateCode, code))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  // The server closes attempts past their deadline first, so read the attempt again afterwards.
  await closeDue(database, row.c.id, now);
  const a = (await database.db.select().from(contestAttempts).where(eq(contestAttempts.id, row.a.id)))[0];
  if (!a || a.submittedAt === null) return null;
  return certificateOf(row.c, a, await placeOf(database, row.c.id, a.participantKey), now);
}

/** Checks a certificate code; null when no finished attempt has it. */
export async function verifyCertificate(database: Database, code: string, now: number): Promise<Verification | null> {
  const cert = await certificateByCode(database, code, now);
  if (!cert) return null;
  return {
    name: cert.name,
    contestTitle: cert.contestTitle,
    unitName: cert.unitName,
    date: cert.date,
    type: cert.type,
    typeName: cert.typeName,
  };
}
