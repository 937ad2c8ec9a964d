import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '#api/db/client.ts';
import { claimItems } from '#api/push/delivery-store.ts';
import { databaseBefore } from '../fixtures/migrations.ts';

// A delivery running while the server is upgraded to claims by origin: its items still to send must
// get their push service's origin, or the new worker would never claim them.
const ROWS = `
INSERT INTO accounts (id, username, display_name, password_hash, roles, created_at, updated_at)
  VALUES (1, 'chief', '王主任', 'x', '["publisher"]', 1, 1);
INSERT INTO warnings (id, state, identifier, sender, sender_name, sent, status, msg_type, hazard, level, urgency, certainty,
  response_type, effective, expires, headline, description, instruction, actions, areas, created_by, published_by, created_at, updated_at)
  VALUES (1, 'published', 'ID-1', 'qxt', '扬州市气象台', 1, 'Actual', 'Alert', 'rainstorm', 'orange', 'Immediate', 'Likely',
  'Prepare', 1, 9, '暴雨橙色预警', '说明说明说明', '指引指引', '["远离低洼处"]', '["321002"]', 1, 1, 1, 1);
INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, districts, hazards, min_rank, exercises, token_hash, created_at, updated_at)
  VALUES (1, 'https://push.example:8443/a/1', 'p', 'a', '["321002"]', NULL, 1, 0, 't1', 1, 1),
         (2, 'https://web.push.apple.com/b', 'p', 'a', '["321002"]', NULL, 1, 0, 't2', 1, 1),
         (3, 'https://push.example:8443/a/3', 'p', 'a', '["321002"]', NULL, 1, 0, 't3', 1, 1);
INSERT INTO deliveries (id, warning_id, state, created_at) VALUES (1, 1, 'running', 1);
INSERT INTO delivery_items (id, delivery_id, subscription_id, state) VALUES
  (1, 1, 1, 'pending'), (2, 1, 2, 'sending'), (3, 1, 3, 'sent'), (4, 1, 77, 'pending');
`;

describe('the claim-by-origin migration on a database with a running delivery', () => {
  let database: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const old = await databaseBefore('push-claim-origin', ROWS);
    ({ database, cleanup } = old);
    await old.upgrade();
  });
  afterAll(() => cleanup());

  test('the items still to send are claimed by their push service, each once; the item of a removed subscription too', async () => {
    const claim = async (origin: string) => (await claimItems(database, 1, [{ origin, limit: 10 }], 60_000)).map((i) => [i.id, i.origin]);
    expect(await claim('https://push.example:8443')).toEqual([[1, 'https://push.example:8443']]);
    // Already claimed under its new lease: not again.
    expect(await claim('https://push.example:8443')).toEqual([]);
    // A `sending` item whose lease has run out (not_before 0) is claimable, by its origin.
    expect(await claim('https://web.push.apple.com')).toEqual([[2, 'https://web.push.apple.com']]);
    // Its subscription is gone: it is claimed (and then recorded as failed) under no origin.
    expect(await claim('')).toEqual([[4, '']]);
  });
});
