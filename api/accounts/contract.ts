// The wire contract of staff sign-in: signing in, the second factor, changing one's password.
// Schemas and types only, no I/O: the console's islands import this (and pre-validate with it).
import { z } from 'zod';
import '../zod-messages.ts';

/** A username: 3–32 lower-case letters, digits, `.`, `_` or `-` (case is folded). */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, '用户名为 3–32 位小写字母、数字或 . _ -');

/** `POST /api/auth/login`. */
export const loginSchema = z.object({
  username: z.string().trim().min(1, '请填写用户名').max(64),
  password: z.string().min(1, '请填写密码').max(200),
  /** The six-digit code of the authenticator app, or a recovery code; empty when the account has none. */
  code: z.string().trim().max(20, '验证码太长了').optional(),
});

/** `POST /api/auth/password`. */
export const changePasswordSchema = z.object({
  current: z.string().min(1, '请填写当前密码').max(200),
  next: z.string().min(1, '请填写新密码').max(200),
});

/** `POST /api/auth/second-factor/confirm`. */
export const secondFactorConfirmSchema = z.object({
  /** The six digits the authenticator app shows for the new secret. */
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请输入验证器 App 显示的 6 位数字'),
});
