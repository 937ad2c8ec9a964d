import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context.ts';
import { auditInsert, type AuditInput } from '../audit.ts';
import type { Database } from '../db/client.ts';
import { accounts, sessions } from '../db/schema.ts';
import { toPublic, type PublicAccount } from './store.ts';

/** A session ends after this long without a request. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** A session ends this long after login, however active. */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Activity is written back at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60 * 1000;

/** The cookie name: `__Host-` prefixed when the site is served over https. */
export function cookieName(secure: boolean): string {
  return secure ? '__Host-yz_session' : 'yz_session';
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Starts a session for `accountId` and sets its cookie. */
export async function startSession(
  c: Context,
  database: Database,
  accountId: number,
  now: number,
  ipHash: string,
  secure: boolean,
  viaRecovery = false,
  audit?: AuditInput,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await database.write((db) =>
    db.batch([
      db.insert(sessions).values({
        id: tokenHash(token),
        accountId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + ABSOLUTE_LIFETIME_MS,
        ipHash,
        viaRecovery,
      }),
      ...(audit ? [auditInsert(db, audit)] : []),
    ]),
  );
  setCookie(c, cookieName(secure), token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: ABSOLUTE_LIFETIME_MS / 1000 });
}

/** The signed-in account and its session id, when the cookie names a live session. */
export interface CurrentSession {
  sessionId: string;
  account: PublicAccount;
  /** Started with a recovery code (see `sessions.viaRecovery`). */
  viaRecovery: boolean;
}

/** Looks up the session named by the cookie; expired, revoked or disabled means none. */
export async function currentSession(c: Context, database: Database, now: number, secure: boolean): Promise<CurrentSession | null> {
  const token = getCookie(c, cookieName(secure));
  if (!token || token.length > 100) return null;
  const id = tokenHash(token);
  const rows = await database.db
    .select({ s: sessions, a: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .limit(1);
  const row = rows[0];
  if (!row || row.a.disabled || now >= row.s.expiresAt || now - row.s.lastSeenAt >= IDLE_TIMEOUT_MS) return null;
  if (now - row.s.lastSeenAt >= TOUCH_EVERY_MS) {
    await database.write((db) => db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)));
  }
  return { sessionId: id, account: toPublic(row.a), viaRecovery: row.s.viaRecovery };
}

/** Ends one session (if any) and clears the cookie in the browser, under the same name it was set with. */
export async function endSession(
  c: Context<AppEnv>,
  database: Database,
  sessionId: string | null,
  now: number,
  audit?: AuditInput,
): Promise<void> {
  if (sessionId)
    await database.write((db) =>
      db.batch([db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId)), ...(audit ? [auditInsert(db, audit)] : [])]),
    );
  const secure = c.var.env.secure;
  // The name already carries `__Host-`: hono's `prefix` option would add it a second time.
  deleteCookie(c, cookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
}

/** Ends every session of an account. */
export async function revokeSessions(database: Database, accountId: number, now: number, audit?: AuditInput): Promise<void> {
  await database.write((db) =>
    db.batch([
      db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt))),
      ...(audit ? [auditInsert(db, audit)] : []),
    ]),
  );
}

/** Sessions that ended this long ago are deleted; until then they show which addresses an account uses. */
export const SESSION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Deletes sessions that expired or were revoked more than {@link SESSION_RETENTION_MS} ago. */
export async function pruneSessions(database: Database, now: number): Promise<void> {
  const before = now - SESSION_RETENTION_MS;
  await database.write((db) => db.delete(sessions).where(or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before))));
}
