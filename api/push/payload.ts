import { createHash } from 'node:crypto';
import type { Database } from '../db/client.ts';
import type { WarningRow } from '../db/schema-warnings.ts';
import { LEVELS } from '../domain/hazards.ts';
import { findWarning } from '../warnings/store.ts';
import { notificationFor } from '../warnings/view.ts';
import type { PushPayload } from './contract.ts';
import type { PushOptions } from './sender.ts';

/** The identifier of the first message in a warning's chain of updates. */
async function rootIdentifier(database: Database, w: WarningRow): Promise<string> {
  let current = w;
  for (let hops = 0; current.replaces && hops < 50; hops++) {
    const previous = await findWarning(database, current.replaces);
    if (!previous) break;
    current = previous;
  }
  return current.identifier ?? `warning-${current.id}`;
}

/** The push payload and options for a published message. */
export async function payloadFor(database: Database, w: WarningRow, now: number): Promise<{ body: Buffer; options: PushOptions }> {
  const tag = await rootIdentifier(database, w);
  const payload: PushPayload = {
    v: 1,
    id: w.id,
    tag,
    ...notificationFor(w),
    level: w.level,
    rank: LEVELS[w.level].rank,
    status: w.status,
    msgType: w.msgType,
    url: `/warnings/${w.id}/`,
    expires: w.expires,
  };
  const body = Buffer.from(JSON.stringify(payload));
  const options: PushOptions = {
    ttl: Math.min(28 * 24 * 3600, Math.max(0, (w.expires - now) / 1000)),
    urgency: w.level === 'orange' || w.level === 'red' ? 'high' : 'normal',
    // RFC 8030 §5.4: at most 32 characters of the URL-safe base64 alphabet.
    topic: createHash('sha256').update(tag).digest('base64url').slice(0, 32),
  };
  return { body, options };
}
