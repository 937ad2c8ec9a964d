import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../db/client.ts';
import { accounts, recoveryCodes, sessions, type AccountRow } from '../db/schema.ts';
import type { Role } from './roles.ts';

/** RFC 6238 as every authenticator app reads it: SHA-1, six digits, 30-second steps. */
const PERIOD_S = 30;
/** A code from the step before or after the server's is accepted too (clocks drift). */
const WINDOW = 1;
/** Recovery codes given at enrolment. */
export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits that cannot be mistaken for one another on paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Whether an account with `roles` must use a second factor under `policy` (`STAFF_TOTP`). */
export function secondFactorRequired(roles: readonly Role[], policy: 'required' | 'optional'): boolean {
  return policy === 'required' && (roles.includes('admin') || roles.includes('publisher'));
}

const keyOf = (serverSecret: string, purpose: string) =>
  Buffer.from(hkdfSync('sha256', serverSecret, 'yzready-second-factor', purpose, 32));

/** Encrypts a base32 TOTP secret with AES-256-GCM under a key derived from SERVER_SECRET: `v1.iv.tag.data`. */
export function encryptSecret(base32: string, serverSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(serverSecret, 'totp-secret-v1'), iv);
  const data = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Decrypts what {@link encryptSecret} stored; throws if it was altered or the secret changed. */
export function decryptSecret(stored: string, serverSecret: string): string {
  const [, iv = '', tag = '', data = ''] = stored.split('.');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(serverSecret, 'totp-secret-v1'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** A fresh 160-bit TOTP secret in base32 (RFC 4226 recommends 160 bits). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The TOTP generator for `base32` as an authenticator app would set it up for `username`. */
export function totpOf(base32: string, username: string): TOTP {
  return new TOTP({
    issuer: '扬州应急',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(base32),
  });
}

/**
 * Checks a six-digit code against `base32` and spends it: the account's last accepted time step
 * moves forward in one conditional update, so the same code (or an older one) never works twice,
 * even when two requests race.
 */
export async function spendTotpCode(database: Database, account: AccountRow, base32: string, code: string, now: number): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const delta = totpOf(base32, account.username).validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / PERIOD_S) + delta;
  const rows = await database.write((db) =>
    db
      .update(accounts)
      .set({ totpLastStep: step })
      .where(and(eq(accounts.id, account.id), sql`coalesce(${accounts.totpLastStep}, -1) < ${step}`))
      .returning({ id: accounts.id }),
  );
  return rows.length > 0;
}

/** Whether `code` looks like a recovery code (`abcde-23456`) rather than a six-digit one. */
export const isRecoveryCode = (code: string) => /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(code.trim());

const hashRecoveryCode = (code: string, serverSecret: string) =>
  createHmac('sha256', keyOf(serverSecret, 'recovery-code-v1')).update(code.trim().toLowerCase().replace('-', '')).digest('base64url');

/** Ten fresh recovery codes; only their keyed hashes are kept. */
export function newRecoveryCodes(): string[] {
  const part = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

/** Spends one recovery code of `accountId`, atomically; false if it is unknown or already used. */
export async function spendRecoveryCode(database: Database, accountId: number, code: string, serverSecret: string, now: number) {
  const rows = await database.write((db) =>
    db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.accountId, accountId),
          eq(recoveryCodes.codeHash, hashRecoveryCode(code, serverSecret)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id }),
  );
  return rows.length > 0;
}

/** Makes `base32` the account's second factor and replaces its recovery codes with `codes`, in one batch. */
export async function enrolSecondFactor(
  database: Database,
  accountId: number,
  base32: string,
  codes: readonly string[],
  serverSecret: string,
  now: number,
  lastStep: number | null = null,
): Promise<void> {
  await database.write((db) =>
    db.batch([
      db
        .update(accounts)
        .set({ totpSecret: encryptSecret(base32, serverSecret), totpPending: null, totpLastStep: lastStep, updatedAt: now })
        .where(eq(accounts.id, accountId)),
      db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId)),
      ...codes.map((c) => db.insert(recoveryCodes).values({ accountId, codeHash: hashRecoveryCode(c, serverSecret) })),
    ]),
  );
}

/** Removes the account's second factor and recovery codes; with `endSessions`, signs it out everywhere. */
export async function resetSecondFactor(database: Database, accountId: number, now: number, endSessions: boolean): Promise<void> {
  await database.write((db) =>
    db.batch([
      db.update(accounts).set({ totpSecret: null, totpPending: null, updatedAt: now }).where(eq(accounts.id, accountId)),
      db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId)),
      ...(endSessions
        ? [
            db
              .update(sessions)
              .set({ revokedAt: now })
              .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt))),
          ]
        : []),
    ]),
  );
}

/** Keeps a secret being enrolled until its first code is confirmed. */
export async function setPendingSecret(database: Database, accountId: number, base32: string, serverSecret: string): Promise<void> {
  await database.write((db) =>
    db
      .update(accounts)
      .set({ totpPending: encryptSecret(base32, serverSecret) })
      .where(eq(accounts.id, accountId)),
  );
}
