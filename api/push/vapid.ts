import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { serverState } from '../db/schema.ts';

/** The server's VAPID key pair (RFC 8292): public key as the browser needs it, private key for signing. */
export interface VapidKeys {
  /** Uncompressed P-256 point, base64url (the `applicationServerKey`). */
  publicKey: string;
  privateKey: KeyObject;
}

const STATE_KEY = 'vapid';

/**
 * Loads the VAPID keys, generating them on first start. They live in the database so every server
 * process shares them, and are never regenerated: new keys would orphan every subscription.
 */
export async function loadVapidKeys(database: Database, now: number): Promise<VapidKeys> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const candidate = JSON.stringify(privateKey.export({ format: 'jwk' }));
  await database.write((db) => db.insert(serverState).values({ key: STATE_KEY, value: candidate, updatedAt: now }).onConflictDoNothing());
  const row = await database.db.query.serverState.findFirst({ where: eq(serverState.key, STATE_KEY) });
  // server_state is a key/value store of text: each key's value has its own shape (here a JWK written just above).
  const jwk = JSON.parse(row?.value ?? candidate) as { x: string; y: string; d: string; kty: 'EC'; crv: 'P-256' };
  const raw = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return { publicKey: raw.toString('base64url'), privateKey: createPrivateKey({ key: jwk, format: 'jwk' }) };
}

/** Contact for push services, required in the VAPID `sub` claim. */
export const VAPID_SUBJECT = 'mailto:yjj@yangzhou-ready.cn';

/** `Authorization` header value for one push-service origin: `vapid t=<ES256 JWT>, k=<public key>`. */
export function vapidAuthorization(keys: VapidKeys, audience: string, expiresAtSec: number): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${b64({ typ: 'JWT', alg: 'ES256' })}.${b64({ aud: audience, exp: expiresAtSec, sub: VAPID_SUBJECT })}`;
  const signature = sign('sha256', Buffer.from(unsigned), { key: keys.privateKey, dsaEncoding: 'ieee-p1363' });
  return `vapid t=${unsigned}.${signature.toString('base64url')}, k=${keys.publicKey}`;
}

/**
 * VAPID headers signed once per push-service origin and reused until an hour before they expire
 * (the stock `web-push` package signs again for every message, most of its cost).
 */
export function vapidCache(keys: VapidKeys, clock: () => number = Date.now) {
  const cache = new Map<string, { header: string; until: number }>();
  return (origin: string): string => {
    const now = clock();
    const hit = cache.get(origin);
    if (hit && hit.until > now) return hit.header;
    const exp = Math.floor(now / 1000) + 12 * 3600;
    const header = vapidAuthorization(keys, origin, exp);
    cache.set(origin, { header, until: (exp - 3600) * 1000 });
    return header;
  };
}
