// The wire contract of the admins' account list and the audit log (/api/admin/accounts, /api/admin/audit).
// Schemas and types only, no I/O: site/islands/admin/Accounts.tsx and AuditLog.tsx import this.
import { z } from 'zod';
import '../zod-messages.ts';
import { usernameSchema } from '../accounts/contract.ts';
import { roleSchema } from '../accounts/roles.ts';
import { districtCodes } from '../domain/areas.ts';

const unitFields = {
  /** For organisers: school or community name. */
  unitName: z.string().trim().min(2, '单位名称至少 2 个字').max(60).nullable().optional(),
  /** For organisers: the unit's district. */
  unitDistrict: z.enum(districtCodes, { error: '请选择所在县（市、区）' }).nullable().optional(),
};

/** `POST /api/admin/accounts`. */
export const accountCreateSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(2, '姓名至少 2 个字').max(40),
  password: z.string().max(200),
  roles: z.array(roleSchema).max(5),
  ...unitFields,
});

/** `PUT /api/admin/accounts/:id`: only what is given changes. */
export const accountEditSchema = z.object({
  displayName: z.string().trim().min(2, '姓名至少 2 个字').max(40).optional(),
  roles: z.array(roleSchema).max(5).optional(),
  disabled: z.boolean().optional(),
  ...unitFields,
});

/** `/api/admin/accounts/:id…`. */
export const accountIdParamSchema = z.object({ id: z.coerce.number().int().positive('账号编号不正确') });

/** `POST /api/admin/accounts/:id/reset-password`. */
export const resetPasswordSchema = z.object({ password: z.string().max(200) });

/** `GET /api/admin/audit` and its CSV export: the filter. */
export const auditFilterSchema = z.object({
  /** Action code or its prefix, e.g. `auth.` or `warning.publish`. */
  action: z.string().trim().max(60).optional(),
  /** Username of the actor. */
  actor: z.string().trim().max(40).optional(),
  /** From this time (ms), inclusive. */
  from: z.coerce.number().int().optional(),
  /** Until this time (ms), inclusive. */
  to: z.coerce.number().int().optional(),
  page: z.coerce.number().int().min(1).default(1),
});

/** An audit filter as the API reads it. */
export type AuditFilter = z.output<typeof auditFilterSchema>;
