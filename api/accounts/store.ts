import { eq, sql } from 'drizzle-orm';
import { auditInsert, auditInsertWhen, type AuditInput } from '../audit.ts';
import type { Database } from '../db/client.ts';
import { accounts, sessions, type AccountRow } from '../db/schema.ts';
import { hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';

/** An account as the API shows it: never the password hash. */
export interface PublicAccount {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unitName: string | null;
  unitDistrict: string | null;
  disabled: boolean;
  createdAt: number;
  /** Whether the account has a second factor (TOTP) enrolled. */
  totp: boolean;
}

export { usernameSchema } from './contract.ts';

/** Strips the secret parts of an account row. */
export function toPublic(row: AccountRow): PublicAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles,
    unitName: row.unitName,
    unitDistrict: row.unitDistrict,
    disabled: row.disabled,
    createdAt: row.createdAt,
    totp: row.totpSecret !== null,
  };
}

/** Fields for a new account. */
export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  unitName?: string | null | undefined;
  unitDistrict?: string | null | undefined;
}

/** Creates an account; the caller has checked the password policy. Returns null if the name is taken. */
export async function createAccount(database: Database, input: NewAccount, now: number, audit?: AuditInput): Promise<PublicAccount | null> {
  const passwordHash = await hashPassword(input.password);
  const [rows] = await database.write((db) =>
    db.batch([
      db
        .insert(accounts)
        .values({
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          roles: input.roles,
          unitName: input.unitName ?? null,
          unitDistrict: input.unitDistrict ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning(),
      // Audited in the same batch, only when the account was created.
      ...(audit ? [auditInsertWhen(db, { ...audit, target: sql`'account:' || last_insert_rowid()` }, sql`changes() > 0`)] : []),
    ]),
  );
  return rows[0] ? toPublic(rows[0]) : null;
}

/** The account row by login name. */
export async function findByUsername(database: Database, username: string): Promise<AccountRow | undefined> {
  return database.db.query.accounts.findFirst({ where: eq(accounts.username, username.toLowerCase()) });
}

/** The account row by id. */
export async function findById(database: Database, id: number): Promise<AccountRow | undefined> {
  return database.db.query.accounts.findFirst({ where: eq(accounts.id, id) });
}

/** Sets a new password and ends every session of the account, in one batch. */
export async function setPassword(database: Database, id: number, password: string, now: number, audit?: AuditInput): Promise<void> {
  const passwordHash = await hashPassword(password);
  await database.write((db) =>
    db.batch([
      db.update(accounts).set({ passwordHash, updatedAt: now }).where(eq(accounts.id, id)),
      db.update(sessions).set({ revokedAt: now }).where(eq(sessions.accountId, id)),
      ...(audit ? [auditInsert(db, audit)] : []),
    ]),
  );
}

/** Disables (or re-enables) an account; disabling ends its sessions at once. */
export async function setDisabled(database: Database, id: number, disabled: boolean, now: number, audit?: AuditInput): Promise<void> {
  await database.write((db) =>
    db.batch([
      db.update(accounts).set({ disabled, updatedAt: now }).where(eq(accounts.id, id)),
      ...(disabled ? [db.update(sessions).set({ revokedAt: now }).where(eq(sessions.accountId, id))] : []),
      ...(audit ? [auditInsert(db, audit)] : []),
    ]),
  );
}
