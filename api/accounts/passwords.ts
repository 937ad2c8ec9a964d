import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** scrypt cost: N=2^15, r=8, p=1 (OWASP's minimum recommendation), 64-byte key. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LEN = 64;
const MAXMEM = 128 * PARAMS.N * PARAMS.r * 2;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, KEY_LEN, { ...opts, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hashes a password with scrypt and a per-user random salt: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [algo, n, r, p, salt, hash] = stored.split('$');
  if (algo !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password, checked when the user is unknown so that both cases take as long. */
export const DUMMY_HASH: Promise<string> = hashPassword(randomBytes(18).toString('base64url'));

/** Why a new password is refused, in words a user can act on; null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 10) return '密码至少需要 10 个字符。';
  if (password.length > 200) return '密码太长了，请不要超过 200 个字符。';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return '这个密码太常见，很容易被猜到，请换一个。';
  if (new Set(lower).size <= 2) return '密码不能只由一两个字符重复组成。';
  if (username && lower.includes(username.toLowerCase())) return '密码不能包含用户名。';
  return null;
}
