import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Database } from '../db/client.ts';
import { contests, type ContestRow } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { tooManyFor, windowStartOf, type Limit } from '../rate-limit.ts';
import { CODE_ALPHABET, JOIN_CODE_LENGTH, normaliseCode } from './codes.ts';
import { groupWrite } from './group-commit.ts';
import { cachedContest, oneAtATime, rememberContest } from './contest-cache.ts';
import { findContest } from './store.ts';

/**
 * Wrong join codes per address. Only misses count, so a whole school behind one address can join
 * while guessing codes stays slow (20^6 codes, 60 guesses per 10 minutes).
 */
export const CODE_MISSES: Limit = { bucket: 'contest-code-miss', limit: 60, windowMs: 10 * 60_000 };

/** 429 once an address has typed too many wrong join codes. */
export const tooManyCodes = (now: number) =>
  tooManyFor(CODE_MISSES, now, (s) => `输错竞赛码的次数太多，请 ${Math.ceil(s / 60)} 分钟后再试。`);

const codePattern = new RegExp(`^[${CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/**
 * The contest with the typed join code; 404 (counted) when there is none, 429 after too many misses.
 *
 * The lookup and the count are one statement in the group commit, so they are serialised with every
 * other guess from the same address: a burst of concurrent guesses cannot all read "0 misses so far"
 * before any of them is counted (as a read followed by a separate write would let them). A right code
 * counts nothing, so a whole school behind one address can join; once the misses reach the limit,
 * even a right code is refused until the window ends.
 */
export async function contestByCode(c: Context<AppEnv>, typed: string): Promise<ContestRow> {
  const [database, now, clientHash] = [c.get('database'), c.get('now'), c.get('clientHash')];
  const code = normaliseCode(typed);
  const guess = codePattern.test(code) ? code : '';
  const windowStart = windowStartOf(CODE_MISSES, now);
  const rows = await groupWrite(
    database,
    `INSERT INTO rate_limits (key, window_start, count)
     VALUES (?1, ?2, CASE WHEN EXISTS (SELECT 1 FROM contests WHERE code = ?3) THEN 0 ELSE 1 END)
     ON CONFLICT (key, window_start) DO UPDATE SET count = count + excluded.count
     RETURNING count, EXISTS (SELECT 1 FROM contests WHERE code = ?3) AS hit`,
    [`${CODE_MISSES.bucket}:${clientHash}`, windowStart, guess],
  );
  const misses = Number(rows[0]?.['count'] ?? 0);
  const hit = Number(rows[0]?.['hit'] ?? 0) === 1;
  // A miss counts itself (the limit-th miss still hears 404); a hit is refused once misses reach the limit.
  if (hit ? misses >= CODE_MISSES.limit : misses > CODE_MISSES.limit) throw tooManyCodes(now);
  const found = hit ? (cachedContest(database, guess) ?? (await readOnce(database, guess, () => readContest(database, guess)))) : undefined;
  if (!found)
    throw apiError(
      404,
      'contest_not_found',
      '没有找到这个竞赛码，请核对后重新输入。竞赛码是 6 位字母和数字，不含 0、1、O、I、L 等易混字符。',
    );
  return found;
}

/** Reads of a contest by join code under way, shared (everyone who scans the poster at once). */
const readOnce = oneAtATime<ContestRow | undefined>();

/** The contest with this join code, read and remembered. */
async function readContest(database: Database, code: string): Promise<ContestRow | undefined> {
  const found = await findContest(database, eq(contests.code, code));
  if (found) rememberContest(database, found);
  return found;
}

/** Joins' lookups of a join code under way, shared; one that failed is not (see `oneAtATime`). */
const lookupOnce = oneAtATime<ContestRow>();

/**
 * The contest to join: from this process's memory when it was read in the last second (the join
 * wave of a hall asks for the same contest hundreds of times a second), else as `contestByCode`,
 * one lookup shared by every join that asks while it is under way. A remembered or shared contest
 * counts nothing here: starting the attempt checks the wrong-code limit and counts the join in the
 * same statement.
 */
export async function contestForJoin(c: Context<AppEnv>, typed: string): Promise<ContestRow> {
  const [database, code] = [c.get('database'), normaliseCode(typed)];
  return cachedContest(database, code) ?? lookupOnce(database, code, () => contestByCode(c, typed));
}

/** A contest the signed-in staff member may manage: organisers only their own unit's, admins every one. */
export async function contestForStaff(c: Context<AppEnv>, id: number): Promise<ContestRow> {
  const me = c.var.session?.account;
  const row = await findContest(c.var.database, eq(contests.id, id));
  const mine = !!me && (me.roles.includes('admin') || (row?.unitName === me.unitName && (row?.unitDistrict ?? null) === me.unitDistrict));
  // Another unit's contest answers as if it did not exist.
  if (!row || !mine) throw apiError(404, 'not_found', '没有这个竞赛，或它不属于你的单位。');
  return row;
}

/** The unit an organiser works for, or null for an admin (who sees every unit). */
export function staffUnit(c: Context<AppEnv>): { unitName: string; unitDistrict: string | null } | null {
  const me = c.var.session?.account;
  if (!me || me.roles.includes('admin')) return null;
  if (!me.unitName) throw apiError(403, 'no_unit', '你的账号还没有所属单位（学校或社区），请联系管理员设置后再组织竞赛。');
  return { unitName: me.unitName, unitDistrict: me.unitDistrict };
}
