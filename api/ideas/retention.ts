import { and, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { ideas } from '../db/schema.ts';
import { logError } from '../log.ts';

const DAY = 86_400_000;

/**
 * Erases the contacts of every idea whose campaign was announced more than its retention period
 * ago. One guarded UPDATE, so several server processes may run it at once. Returns how many.
 */
export async function eraseExpiredContacts(database: Database, now: number): Promise<number> {
  const [rows] = await database.write((db) =>
    db.batch([
      db
        .update(ideas)
        .set({ contact: null, contactKey: null, recoveryHash: null, contactErasedAt: now })
        .where(
          and(
            isNotNull(ideas.contact),
            sql`${ideas.campaignId} IN (SELECT c.id FROM idea_campaigns c
            WHERE c.announced_at IS NOT NULL AND c.announced_at + c.contact_retention_days * ${DAY} <= ${now})`,
          ),
        )
        .returning({ id: ideas.id }),
      // Audited in the same batch, naming the ideas this very update erased.
      db.run(sql`INSERT INTO audit_log (at, action, target, detail)
        SELECT ${now}, 'idea.contacts.erase', 'ideas',
          json_object('ideas', (SELECT json_group_array(id) FROM (SELECT id FROM ideas WHERE contact_erased_at = ${now} ORDER BY id)))
        WHERE changes() > 0`),
    ]),
  );
  return rows.length;
}

/** How often the server looks for contacts to erase. */
const ERASE_EVERY_MS = 3600_000;

/** Runs the erasure now and then every hour; returns a function that stops it. */
export function scheduleContactErasure(database: Database, clock: () => number = Date.now, everyMs = ERASE_EVERY_MS): () => void {
  const run = () =>
    eraseExpiredContacts(database, clock()).catch((err: unknown) => logError('[ideas] erasing expired contacts failed', err));
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
