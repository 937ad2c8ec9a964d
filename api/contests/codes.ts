import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Characters of join and certificate codes: no 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B or U/V, which
 * look alike on a projector, a poster or in a child's handwriting.
 */
export const CODE_ALPHABET = 'ACDEFHJKMNPRTWXY3479';

/** Length of a join code. */
export const JOIN_CODE_LENGTH = 6;

function randomCode(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** A fresh six-character join code. */
export function newJoinCode(): string {
  return randomCode(JOIN_CODE_LENGTH);
}

/** A certificate verification code, `XXXX-XXXX-XXXX` (about 52 bits). */
export function newCertificateCode(): string {
  const s = randomCode(12);
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** A typed code in canonical form: upper case, without spaces or dashes. */
export function normaliseCode(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}

/** A typed certificate code in its stored `XXXX-XXXX-XXXX` form, or null when it cannot be one. */
export function normaliseCertificateCode(typed: string): string | null {
  const s = normaliseCode(typed);
  if (s.length !== 12) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

const mac = (secret: string, label: string, value: string) => createHmac('sha256', secret).update(`${label}:${value}`).digest('base64url');

/**
 * The attempt token kept in the participant's browser: the attempt id and a keyed MAC of it. The
 * server checks it without a database read and can hand the same token back to the same device.
 */
export function attemptToken(attemptId: number, secret: string): string {
  return `${attemptId}.${mac(secret, 'contest-attempt', String(attemptId)).slice(0, 32)}`;
}

/** Tokens checked lately (every answer carries one): checking costs an HMAC, remembering a lookup. */
const checkedTokens = new Map<string, number>();
const MAX_CHECKED_TOKENS = 20_000;

/** The attempt id a token names, or null when the token is not one this server issued. */
export function attemptIdFromToken(token: string, secret: string): number | null {
  const key = `${secret}\n${token}`;
  const known = checkedTokens.get(key);
  if (known !== undefined) return known;
  const id = checkToken(token, secret);
  if (id === null) return null;
  // A Map keeps insertion order: the oldest entry goes first. Only valid tokens are kept, so guesses cannot flush it.
  if (checkedTokens.size >= MAX_CHECKED_TOKENS) checkedTokens.delete(checkedTokens.keys().next().value as string);
  checkedTokens.set(key, id);
  return id;
}

/** The id in a token whose MAC is right, compared in constant time. */
function checkToken(token: string, secret: string): number | null {
  const m = /^(\d{1,12})\.([\w-]{32})$/.exec(token);
  if (!m?.[1] || !m[2]) return null;
  const id = Number(m[1]);
  const expected = Buffer.from(attemptToken(id, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** Keyed hash of the browser's device token; the token itself is never stored. */
export function deviceHash(deviceToken: string, secret: string): string {
  return mac(secret, 'contest-device', deviceToken).slice(0, 32);
}
