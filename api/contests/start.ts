import type { Database } from '../db/client.ts';
import type { AttemptRow, ContestRow } from '../db/schema.ts';
import { windowStartOf, type Limit } from '../rate-limit.ts';
import { rememberShape, type NewAttempt } from './attempts.ts';
import { newCertificateCode } from './codes.ts';
import { groupWriteAll } from './group-commit.ts';
import { LOBBY_MS } from './labels.ts';
import type { AttemptOrder } from './shuffle.ts';

/** Joins per address: generous, as a whole school often shares one public address. */
export const JOINS: Limit = { bucket: 'contest-join', limit: 1000, windowMs: 10 * 60_000 };

/** Counts the join and reads the address's wrong join codes, in one statement. */
const COUNT_JOIN = `
  INSERT INTO rate_limits (key, window_start, count) VALUES (:jkey, :jwin, 1)
  ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
  RETURNING count, coalesce((SELECT count FROM rate_limits WHERE key = :mkey AND window_start = :mwin), 0) AS misses`;

/**
 * Starts an attempt in one statement, so two tabs or two server processes cannot both start one
 * beyond what the contest allows: it inserts nothing when the address is over a limit, the contest
 * (as stored, not as this process remembers it) is not open for joining, the participant has used
 * every attempt or still has one running, or (without shared devices) the device belongs to someone
 * else. Start and deadline come from the stored contest too. OR IGNORE turns a lost race on the
 * unique index into "nothing inserted".
 */
const INSERT_ATTEMPT = `
  INSERT OR IGNORE INTO contest_attempts (contest_id, participant_key, name_key, attempt_no, name, team, class_name, student_no,
    device_hash, ip_hash, started_at, deadline, extra_ms, question_order, option_orders, certificate_code)
  SELECT c.id, :pkey, :nkey, (SELECT count(*) + 1 FROM contest_attempts WHERE contest_id = c.id AND participant_key = :pkey),
    :name, :team, :class, :no, :device, :ip, c.start, min(c.start + c.time_limit_ms, c.closes_at) + extra.ms, extra.ms,
    :qorder, :oorders, :cert
  FROM (SELECT id, max(:now, opens_at) AS start, time_limit_ms, closes_at, opens_at, attempts_allowed, shared_devices
        FROM contests WHERE id = :contest) AS c,
    (SELECT coalesce((SELECT extra_ms FROM contest_extra_times WHERE contest_id = :contest AND name_key = :nkey), 0) AS ms) AS extra
  WHERE :now < c.closes_at AND c.opens_at - :now <= :lobby
    AND (SELECT count FROM rate_limits WHERE key = :jkey AND window_start = :jwin) <= :jlimit
    AND coalesce((SELECT count FROM rate_limits WHERE key = :mkey AND window_start = :mwin), 0) < :mlimit
    AND (SELECT count(*) FROM contest_attempts WHERE contest_id = c.id AND participant_key = :pkey) < c.attempts_allowed
    AND NOT EXISTS (SELECT 1 FROM contest_attempts WHERE contest_id = c.id AND participant_key = :pkey AND submitted_at IS NULL AND deadline > c.start)
    AND (c.shared_devices OR NOT EXISTS (SELECT 1 FROM contest_attempts WHERE contest_id = c.id AND device_hash = :device AND participant_key <> :pkey))
  RETURNING id, attempt_no, started_at, deadline, extra_ms`;

/** What starting an attempt came to. */
export interface Started {
  /** The new attempt; undefined when none was started (see the counts, then look at why). */
  attempt: AttemptRow | undefined;
  /** Joins from this address in the window, this one included. */
  joins: number;
  /** Wrong join codes from this address in the window. */
  misses: number;
}

/** The rate-limit keys a join is counted under. */
export interface JoinLimits {
  clientHash: string;
  /** The wrong-code limit, checked (not counted) by a join. */
  misses: Limit;
}

/**
 * Counts the join and starts the attempt, both in the next group commit: the join wave at the start
 * of a contest costs no transaction (and no read) per participant. Resolves once committed.
 */
export async function startAttempt(
  database: Database,
  c: ContestRow,
  p: NewAttempt,
  order: AttemptOrder,
  now: number,
  limits: JoinLimits,
): Promise<Started> {
  const keys = {
    jkey: `${JOINS.bucket}:${limits.clientHash}`,
    jwin: windowStartOf(JOINS, now),
    mkey: `${limits.misses.bucket}:${limits.clientHash}`,
    mwin: windowStartOf(limits.misses, now),
  };
  const cert = newCertificateCode();
  const [counted, inserted] = await groupWriteAll(database, [
    { sql: COUNT_JOIN, args: keys },
    {
      sql: INSERT_ATTEMPT,
      args: {
        ...keys,
        jlimit: JOINS.limit,
        mlimit: limits.misses.limit,
        contest: c.id,
        pkey: p.participantKey,
        nkey: p.nameKey,
        name: p.name,
        team: p.team,
        class: p.className,
        no: p.studentNo,
        device: p.deviceHash,
        ip: p.ipHash,
        now,
        lobby: LOBBY_MS,
        // A raw statement (one group-committed write): JSON columns are written as their text.
        qorder: JSON.stringify(order.questionOrder),
        oorders: JSON.stringify(order.optionOrders),
        cert,
      },
    },
  ]);
  const row = inserted?.[0];
  // Only what the database decided comes back (a wide RETURNING costs more than the insert); the rest is what was sent.
  const attempt: AttemptRow | undefined = row && {
    id: Number(row['id']),
    contestId: c.id,
    participantKey: p.participantKey,
    nameKey: p.nameKey,
    attemptNo: Number(row['attempt_no']),
    name: p.name,
    team: p.team,
    className: p.className,
    studentNo: p.studentNo,
    deviceHash: p.deviceHash,
    ipHash: p.ipHash,
    startedAt: Number(row['started_at']),
    deadline: Number(row['deadline']),
    extraMs: Number(row['extra_ms']),
    moreTimeMs: 0,
    submittedAt: null,
    finishedBy: null,
    correct: null,
    questionOrder: order.questionOrder,
    optionOrders: order.optionOrders,
    certificateCode: cert,
  };
  if (attempt)
    rememberShape(database, { id: attempt.id, contestId: c.id, questionOrder: order.questionOrder, optionOrders: order.optionOrders });
  return {
    attempt,
    joins: Number(counted?.[0]?.['count'] ?? 0),
    misses: Number(counted?.[0]?.['misses'] ?? 0),
  };
}
