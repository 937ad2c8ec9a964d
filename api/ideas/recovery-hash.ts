import { createHmac, scrypt as scryptCb } from 'node:crypto';

/** scrypt cost, as for staff passwords (api/accounts/passwords.ts): N=2^15, r=8, p=1, 64-byte key. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LEN = 64;
const MAXMEM = 128 * PARAMS.N * PARAMS.r * 2;

/** A contact as typed, in one canonical form: `139 1234-5678` and `13912345678` are the same person. */
function normalizeContact(contact: string): string {
  return contact
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s()（）-]/g, '');
}

/** Keyed hash of the normalised contact: finds a submitter's ideas without an index over contacts in clear. */
export function contactKey(secret: string, contact: string): string {
  return createHmac('sha256', secret)
    .update(`contact:${normalizeContact(contact)}`)
    .digest('base64url')
    .slice(0, 32);
}

/**
 * scrypt hash of a recovery passphrase, `scrypt$N$r$p$salt$hash` like staff passwords. The salt is
 * derived from the contact (keyed with the server secret) rather than random, so one contact's
 * ideas share it and a recovery costs exactly one scrypt, whether or not the contact exists: the
 * time taken says nothing about who has submitted.
 */
export function recoveryHash(secret: string, key: string, passphrase: string): Promise<string> {
  const salt = createHmac('sha256', secret).update(`recovery-salt:${key}`).digest().subarray(0, 16);
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFKC'), salt, KEY_LEN, { ...PARAMS, maxmem: MAXMEM }, (err, hash) =>
      err
        ? reject(err)
        : resolve(['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$')),
    ),
  );
}
