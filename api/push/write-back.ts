import type { Database } from '../db/client.ts';
import { logger } from '../log.ts';
import { noResults, renewLeases, writeResults, type Held, type Results } from './delivery-store.ts';
import type { Ready } from './lanes.ts';

/**
 * What the delivery worker holds and owes the database: the items it has claimed and not yet
 * stored (their leases renewed while it lives), and the results waiting to be written. Results
 * stay in memory until the database has them; a failed write is tried again with the next flush.
 */
export function createWriteBack(database: Database, leaseMs: number, inFlight: () => number) {
  let results = noResults();
  /**
   * Claimed and not yet stored, by id. Each knows until when (this host's monotonic clock) its
   * lease surely holds.
   */
  const held = new Map<number, Ready>();
  /** When leases were last renewed (monotonic ms). */
  let lastRenew = performance.now();
  let flushing: Promise<void> = Promise.resolve();

  /** Stores the results noted so far, keeping them if the write fails. */
  const flush = (): Promise<void> => {
    const run = flushing.then(async () => {
      const r = results;
      const count = r.sent.length + r.failed.length + r.removed.length + r.skipped.length + r.retry.length + r.release.length;
      if (!count) return;
      results = noResults();
      // The token an item holds now: the process may have claimed it again since the result was noted.
      const now = <T extends Held>(list: T[]) => list.map((x) => ({ ...x, claim: held.get(x.id)?.item.claim ?? x.claim }));
      const stored: Results = {
        sent: now(r.sent),
        failed: now(r.failed),
        removed: now(r.removed),
        skipped: now(r.skipped),
        retry: now(r.retry),
        release: now(r.release),
      };
      try {
        await writeResults(database, stored);
        // One structured line per stored batch of results.
        logger.info(
          {
            sent: r.sent.length,
            failed: r.failed.length,
            removed: r.removed.length,
            skipped: r.skipped.length,
            retried: r.retry.length,
            released: r.release.length,
            inFlight: inFlight(),
          },
          'push batch',
        );
      } catch (err) {
        // Put back in front of anything recorded meanwhile: nothing is dropped before it is stored.
        for (const k of Object.keys(r) as Array<keyof Results>) (results[k] as unknown[]).unshift(...(r[k] as unknown[]));
        throw err;
      }
      for (const list of Object.values(stored) as Held[][]) for (const x of list) held.delete(x.id);
    });
    flushing = run.catch(() => undefined);
    return run;
  };

  /** Renews the leases of held items; drops from memory (unsent) those another process has claimed since. */
  const renew = async (): Promise<void> => {
    const started = performance.now();
    const mine = [...held.values()];
    const kept = await renewLeases(
      database,
      mine.map((r) => ({ id: r.item.id, claim: r.item.claim })),
      leaseMs,
    );
    lastRenew = started;
    for (const r of mine) {
      if (kept.has(r.item.id)) r.leaseUntil = Math.max(r.leaseUntil, started + leaseMs);
      else if (held.get(r.item.id) === r) {
        // Another process holds it now: its result, if this one is still sending it, will not count.
        r.lost = true;
        held.delete(r.item.id);
      }
    }
  };

  return {
    held,
    /** Notes what became of an item, to be stored with the next flush. */
    note<K extends keyof Results>(kind: K, x: Results[K][number]): void {
      (results[kind] as Array<Results[K][number]>).push(x);
    },
    flush,
    renew,
    /** Whether a third of the lease has passed since the last renewal. */
    renewDue: () => performance.now() - lastRenew > leaseMs / 3,
  };
}

/** The write-back's type. */
export type WriteBack = ReturnType<typeof createWriteBack>;
