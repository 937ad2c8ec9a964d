import { z } from 'zod';

/** Staff roles. `admin` may do everything. */
export const ROLES = {
  admin: '管理员',
  publisher: '预警发布员',
  moderator: '金点子审核员',
  judge: '金点子评委',
  organizer: '竞赛组织者',
} as const;

/** A role code. */
export type Role = keyof typeof ROLES;

/** Zod enum of role codes. */
export const roleSchema = z.enum(Object.keys(ROLES) as [Role, ...Role[]], { error: '未知的角色' });

/** Whether an account with `roles` may act as `needed` (admins may act as anyone). */
export function hasRole(roles: readonly Role[], needed: readonly Role[]): boolean {
  return roles.includes('admin') || needed.some((r) => roles.includes(r));
}
