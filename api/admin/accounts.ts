import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  accountCreateSchema as createSchema,
  accountEditSchema as editSchema,
  accountIdParamSchema as idParam,
  resetPasswordSchema as resetSchema,
} from './contract.ts';
import { requireRole } from '../accounts/guard.ts';
import { passwordProblem } from '../accounts/passwords.ts';
import { revokeSessions } from '../accounts/sessions.ts';
import { createAccount, findById, setPassword, toPublic } from '../accounts/store.ts';
import { auditInsert, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { accounts, sessions } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';

/** Organisers run contests for one unit, so they need one. */
function checkUnit(roles: readonly string[], unitName: string | null | undefined, unitDistrict: string | null | undefined): void {
  if (roles.includes('organizer') && (!unitName || !unitDistrict))
    throw apiError(400, 'unit_required', '竞赛组织者需要填写所属单位和所在县（市、区）。', { unitName: '请填写单位名称' });
}

/** `/api/admin/accounts`: account management, for admins only. */
export const adminAccounts = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => {
    const rows = await c.var.database.db.select().from(accounts).orderBy(asc(accounts.username));
    return c.json({ accounts: rows.map(toPublic) });
  })
  .post('/', jsonBody(createSchema), async (c) => {
    const input = c.req.valid('json');
    const problem = passwordProblem(input.password, input.username);
    if (problem) throw apiError(400, 'weak_password', problem, { password: problem });
    checkUnit(input.roles, input.unitName, input.unitDistrict);
    const audit = auditOf(c, 'account.create', null, { username: input.username, roles: input.roles });
    const account = await createAccount(c.var.database, input, c.var.now, audit);
    if (!account) throw apiError(409, 'username_taken', '这个用户名已被使用，请换一个。', { username: '用户名已被使用' });
    return c.json({ account }, 201);
  })
  .put('/:id', paramsOf(idParam), jsonBody(editSchema), async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const row = await findById(c.var.database, id);
    if (!row) throw apiError(404, 'not_found', '没有这个账号。');
    const me = c.var.session?.account;
    const before = toPublic(row);
    const roles = input.roles ?? before.roles;
    if (me?.id === id && (input.disabled === true || !roles.includes('admin')))
      throw apiError(400, 'self_lockout', '不能停用自己的账号或去掉自己的管理员角色，请让另一位管理员操作。');
    const unitName = input.unitName === undefined ? before.unitName : input.unitName;
    const unitDistrict = input.unitDistrict === undefined ? before.unitDistrict : input.unitDistrict;
    checkUnit(roles, unitName, unitDistrict);
    const disabled = input.disabled ?? before.disabled;
    const audit = auditOf(c, 'account.update', `account:${id}`, {
      before: { roles: before.roles, disabled: before.disabled, unitName: before.unitName },
      after: { roles, disabled, unitName },
    });
    // The change, the end of a disabled account's sessions and the audit entry commit together.
    await c.var.database.write((db) =>
      db.batch([
        db
          .update(accounts)
          .set({
            displayName: input.displayName ?? before.displayName,
            roles,
            unitName,
            unitDistrict,
            disabled,
            updatedAt: c.var.now,
          })
          .where(eq(accounts.id, id)),
        ...(disabled && !before.disabled ? [db.update(sessions).set({ revokedAt: c.var.now }).where(eq(sessions.accountId, id))] : []),
        auditInsert(db, audit),
      ]),
    );
    const after = toPublic((await findById(c.var.database, id)) ?? row);
    return c.json({ account: after });
  })
  .post('/:id/reset-password', paramsOf(idParam), jsonBody(resetSchema), async (c) => {
    const { id } = c.req.valid('param');
    const row = await findById(c.var.database, id);
    if (!row) throw apiError(404, 'not_found', '没有这个账号。');
    const { password } = c.req.valid('json');
    const problem = passwordProblem(password, row.username);
    if (problem) throw apiError(400, 'weak_password', problem, { password: problem });
    await setPassword(c.var.database, id, password, c.var.now, auditOf(c, 'account.password.reset', `account:${id}`));
    return c.json({ ok: true });
  })
  .post('/:id/revoke-sessions', paramsOf(idParam), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await findById(c.var.database, id))) throw apiError(404, 'not_found', '没有这个账号。');
    await revokeSessions(c.var.database, id, c.var.now, auditOf(c, 'account.sessions.revoke', `account:${id}`));
    return c.json({ ok: true });
  });
