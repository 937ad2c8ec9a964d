// Staff accounts and what hangs on them; re-exported by api/db/schema.ts. The other schema files import
// `accounts` from here, so no schema module imports another that imports it back.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Role } from '../accounts/roles.ts';
import { flag, json, refersTo, rowId, timestamps } from './columns.ts';

/** Staff accounts: publishers, moderators, judges, organisers and admins. */
export const accounts = sqliteTable('accounts', {
  id: rowId(),
  /** Login name, lower case, unique. */
  username: text('username').notNull().unique(),
  /** Name shown to colleagues and in the audit log, e.g. 张伟（市应急管理局）. */
  displayName: text('display_name').notNull(),
  /** `scrypt$N$r$p$salt$hash`. */
  passwordHash: text('password_hash').notNull(),
  /** JSON array of role codes. */
  roles: json<Role[]>('roles').default([]),
  /** For organisers: the school or community they run contests for. */
  unitName: text('unit_name'),
  /** For organisers: the unit's district (GB/T 2260). */
  unitDistrict: text('unit_district'),
  disabled: flag('disabled', false),
  ...timestamps(),
  /** The TOTP secret, AES-256-GCM encrypted with a key derived from SERVER_SECRET; null when not enrolled. */
  totpSecret: text('totp_secret'),
  /** A secret being enrolled, until its first code is confirmed (encrypted likewise). */
  totpPending: text('totp_pending'),
  /** The last TOTP time step accepted: a code (and any older one) is good once. */
  totpLastStep: integer('totp_last_step'),
});

/** One-time recovery codes for the second factor, stored as keyed hashes. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: rowId(),
    accountId: refersTo('account_id', () => accounts.id),
    /** HMAC-SHA256 of the normalised code, keyed from SERVER_SECRET. */
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [uniqueIndex('recovery_codes_account_hash').on(t.accountId, t.codeHash)],
);

/** Login sessions; the cookie holds a random token and only its SHA-256 is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the session token, base64url. */
    id: text('id').primaryKey(),
    accountId: refersTo('account_id', () => accounts.id),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    ipHash: text('ip_hash'),
    /** Signed in with a recovery code: this session may bind a new authenticator in place of the lost one. */
    viaRecovery: flag('via_recovery', false),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

/** Password-check counters: per account name and client address, and per account name alone (see accounts/throttle.ts). */
export const loginThrottle = sqliteTable('login_throttle', {
  /** `pair:<name>:<address hash>` or `account:<name>`. */
  key: text('key').primaryKey(),
  /** Attempts counted in the current window (counted before the password is checked). */
  failures: integer('failures').notNull().default(0),
  /** When the current window began. */
  firstFailureAt: integer('first_failure_at').notNull(),
  /** No further attempt from this key before this time (the growing delay). */
  lockedUntil: integer('locked_until'),
});

/** An account row. */
export type AccountRow = typeof accounts.$inferSelect;
