import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { auditInsertWhen, type AuditInput } from '../audit.ts';
import type { Database } from '../db/client.ts';
import { ideaReports, ideas } from '../db/schema.ts';
import type { ModerationAction } from './contract.ts';
import { ACTION_FROM as FROM, type IdeaStatus } from './labels.ts';
import { supportFigures } from './support-count.ts';

/** Details of one action. */
interface ActionInput {
  action: ModerationAction;
  /** Shown to the submitter for reject and hide. */
  reason?: string | undefined;
  /** For duplicate: the published idea this one repeats. */
  duplicateOf?: number | undefined;
  now: number;
}

const TO: Record<ModerationAction, IdeaStatus> = { publish: 'published', reject: 'rejected', hide: 'hidden', duplicate: 'duplicate' };

/**
 * Applies one action to idea `id` in one batch: the guarded status change, then (only when that
 * change happened in this batch) the open reports are marked dealt with and, for a duplicate, its
 * supports are merged into the original without counting any device twice. Returns whether it applied.
 */
export async function moderateIdea(database: Database, id: number, input: ActionInput, audit?: AuditInput): Promise<boolean> {
  const { action, now } = input;
  const target = action === 'duplicate' ? (input.duplicateOf ?? 0) : null;
  const note = action === 'reject' || action === 'hide' ? (input.reason ?? null) : null;
  const applied = sql`EXISTS (SELECT 1 FROM ideas WHERE id = ${id} AND status = ${TO[action]} AND updated_at = ${now})`;
  const changed = await database.write((db) => {
    const change = db
      .update(ideas)
      .set({
        status: TO[action],
        hiddenByReports: false,
        moderationNote: action === 'publish' ? null : note,
        updatedAt: now,
        ...(action === 'publish' ? { publishedAt: sql`coalesce(${ideas.publishedAt}, ${now})` } : {}),
        ...(target !== null ? { duplicateOfId: target } : {}),
      })
      .where(and(eq(ideas.id, id), inArray(ideas.status, FROM[action])))
      .returning({ id: ideas.id });
    const resolve = db
      .update(ideaReports)
      .set({ resolvedAt: now })
      .where(and(eq(ideaReports.ideaId, id), isNull(ideaReports.resolvedAt), applied));
    // The audit entry commits with the change, and only when the change applied.
    const audited = audit ? [auditInsertWhen(db, audit, applied)] : [];
    if (target === null) return db.batch([change, resolve, ...audited]).then(([rows]) => rows);
    return db
      .batch([
        change,
        resolve,
        db.run(sql`INSERT OR IGNORE INTO idea_supports (idea_id, device_hash, ip_hash, created_at)
        SELECT ${target}, device_hash, ip_hash, created_at FROM idea_supports WHERE idea_id = ${id} AND ${applied}`),
        db.update(ideas).set(supportFigures(target)).where(eq(ideas.id, target)),
        ...audited,
      ])
      .then(([rows]) => rows);
  });
  return changed.length > 0;
}
