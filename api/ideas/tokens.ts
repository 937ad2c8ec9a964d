import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { apiError } from '../errors.ts';
import { IDEA_LIMITS } from './labels.ts';

// Crockford base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const keyed = (secret: string, purpose: string, value: string) =>
  createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url');

/** A new receipt code, e.g. `JD7K-2M9Q-XW4P` (60 random bits). */
export function newReceiptCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** A typed-in code in canonical form: upper case, no separators, look-alike letters mapped. */
export function normalizeReceiptCode(input: string): string {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

/** Keyed hash of a receipt code, as stored: a leaked database does not reveal the codes. */
export function receiptHash(secret: string, code: string): string {
  return keyed(secret, 'receipt', normalizeReceiptCode(code));
}

/** Keyed hash of a device token the browser keeps; only the hash is stored. */
export function deviceHash(secret: string, token: string): string {
  return keyed(secret, 'device', token).slice(0, 22);
}

/** A form token: when the form was handed out, signed so the client cannot backdate it. */
export function issueFormToken(secret: string, now: number): string {
  const payload = `${now}.${randomBytes(6).toString('base64url')}`;
  return `${payload}.${keyed(secret, 'form', payload).slice(0, 22)}`;
}

/**
 * Longest a form token stays valid. The form keeps its token with the draft, so a resident who
 * comes back to a draft days later is still counted from when the form was first shown.
 */
export const FORM_TOKEN_TTL = 7 * 24 * 3600_000;

/**
 * Checks a form token: signed by us, at least the minimum fill time old (people need a few seconds;
 * scripts do not wait) and not expired.
 */
export function checkFormToken(secret: string, token: string, now: number): void {
  const [issued, nonce, mac] = token.split('.');
  const expected = Buffer.from(keyed(secret, 'form', `${issued}.${nonce}`).slice(0, 22));
  // Compared as bytes: a non-ASCII token can have as many characters as the MAC but more bytes,
  // and timingSafeEqual throws on buffers of different lengths.
  const given = Buffer.from(mac ?? '');
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  const at = Number(issued);
  if (!ok || !Number.isSafeInteger(at))
    throw apiError(400, 'form_token_invalid', '表单已失效，请刷新页面后再提交（你填写的内容会保留）。', {
      formToken: '表单已失效，请刷新页面',
    });
  if (now - at < IDEA_LIMITS.minFillSeconds * 1000)
    throw apiError(429, 'too_fast', '提交得太快了。请再检查一遍内容，几秒钟后再提交。', undefined, {
      'retry-after': String(IDEA_LIMITS.minFillSeconds),
    });
  if (now - at > FORM_TOKEN_TTL)
    throw apiError(400, 'form_token_expired', '表单打开太久已失效，请再点一次提交（你填写的内容会保留）。', {
      formToken: '表单打开太久已失效',
    });
}
