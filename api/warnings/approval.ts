import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireRole } from '../accounts/guard.ts';
import { auditInsert, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import type { Database } from '../db/client.ts';
import { accounts, serverState } from '../db/schema.ts';
import type { WarningRow } from '../db/schema-warnings.ts';
import { CITY_CODE, DISTRICTS } from '../domain/areas.ts';
import { jsonBody } from '../validate.ts';
import { warningSettingsSchema } from './contract.ts';

const RULE_KEY = 'warnings.two_person_rule';

/** A red warning, or one for the whole city (every district counts as the whole city). */
export function isGrave(w: { level: string; areas: readonly string[] }): boolean {
  return w.level === 'red' || w.areas.includes(CITY_CODE) || DISTRICTS.every((d) => w.areas.includes(d.code));
}

/** Whether the city requires a second publisher's approval for grave messages (四眼原则); on unless an admin switched it off. */
export async function twoPersonRuleOn(database: Database): Promise<boolean> {
  const row = await database.db.query.serverState.findFirst({ where: eq(serverState.key, RULE_KEY) });
  return row?.value !== 'off';
}

/** Whether this draft may only be published after a second publisher approves it. */
export async function needsApproval(database: Database, w: WarningRow): Promise<boolean> {
  return isGrave({ level: w.level, areas: w.areas }) && (await twoPersonRuleOn(database));
}

/** Whether `accountId` wrote (or last edited) the draft, and so may not approve it. */
export const isAuthor = (w: WarningRow, accountId: number) => w.createdBy === accountId || w.editedBy === accountId;

/** Active publishers (and admins) other than the draft's authors: who can approve it. */
export async function approversFor(database: Database, w: WarningRow): Promise<Array<{ id: number; name: string }>> {
  const rows = await database.db
    .select({ id: accounts.id, name: accounts.displayName, roles: accounts.roles })
    .from(accounts)
    .where(eq(accounts.disabled, false));
  return rows
    .filter((r) => !isAuthor(w, r.id))
    .filter((r) => {
      const roles = r.roles;
      return roles.includes('publisher') || roles.includes('admin');
    })
    .map(({ id, name }) => ({ id, name }));
}

/** The display name of an account, for reports. */
export async function accountName(database: Database, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const row = await database.db.query.accounts.findFirst({ where: eq(accounts.id, id), columns: { displayName: true, username: true } });
  return row ? `${row.displayName}（${row.username}）` : `账号 ${id}`;
}

/** `/api/admin/warning-settings`: the city's two-person rule, read by publishers, switched by admins (audited). */
export const warningSettings = new Hono<AppEnv>()
  .get('/', requireRole('publisher'), async (c) => c.json({ twoPersonRule: await twoPersonRuleOn(c.var.database) }))
  .put('/', requireRole('admin'), jsonBody(warningSettingsSchema), async (c) => {
    const on = c.req.valid('json').twoPersonRule;
    const value = on ? 'on' : 'off';
    await c.var.database.write((db) =>
      db.batch([
        db
          .insert(serverState)
          .values({ key: RULE_KEY, value, updatedAt: c.var.now })
          .onConflictDoUpdate({ target: serverState.key, set: { value, updatedAt: c.var.now } }),
        auditInsert(db, auditOf(c, on ? 'warning.rule.two_person.on' : 'warning.rule.two_person.off', 'warnings')),
      ]),
    );
    return c.json({ twoPersonRule: on });
  });
