import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { auditInsertWhen, type AuditInput } from '../audit.ts';
import type { Database } from '../db/client.ts';
import { endpointOrigin } from '../push/delivery-store.ts';
import { warnings, type WarningRow } from '../db/schema-warnings.ts';
import { CITY_CODE } from '../domain/areas.ts';
import { LEVELS } from '../domain/hazards.ts';
import { changeNote } from './changes.ts';
import { capSender, officeFor } from './offices.ts';
import type { WarningInput } from './schema.ts';
import { compactTime, toCapTime } from './time.ts';

/** An audit entry whose target the store fills in (the row it wrote). */
export type PendingAudit = Omit<AuditInput, 'target'>;

/** Columns of a warning that come from the publisher's input. */
function contentColumns(input: WarningInput) {
  const office = officeFor(input.hazard);
  return {
    ...input,
    areas: input.areas,
    actions: input.actions,
    sender: capSender(office),
    senderName: office.name,
  };
}

/**
 * Saves a new draft (an Alert, or the Update/Cancel of `previous`) and its audit entry in one batch.
 */
export async function createDraft(
  database: Database,
  input: WarningInput,
  by: number,
  now: number,
  audit?: PendingAudit,
  follow?: { previous: WarningRow; msgType: 'Update' | 'Cancel' },
): Promise<WarningRow> {
  const link = follow
    ? {
        msgType: follow.msgType,
        references: `${follow.previous.sender},${follow.previous.identifier},${toCapTime(follow.previous.sent ?? now)}`,
        replaces: follow.previous.id,
      }
    : { msgType: 'Alert' as const };
  const [rows] = await database.write((db) =>
    db.batch([
      db
        .insert(warnings)
        .values({ ...contentColumns(input), ...link, state: 'draft', createdBy: by, editedBy: by, createdAt: now, updatedAt: now })
        .returning(),
      ...(audit ? [auditInsertWhen(db, { ...audit, target: sql`'warning:' || last_insert_rowid()` }, sql`changes() > 0`)] : []),
    ]),
  );
  return rows[0] as WarningRow;
}

/** Replaces a draft's content (a new revision, any approval void); null if it is not (or no longer) a draft. */
export async function editDraft(
  database: Database,
  id: number,
  input: WarningInput,
  by: number,
  now: number,
  audit: PendingAudit,
): Promise<WarningRow | null> {
  const own = contentColumns(input);
  const importedSender = {
    sender: sql`CASE WHEN ${warnings.identifier} IS NULL THEN ${own.sender} ELSE ${warnings.sender} END`,
    senderName: sql`CASE WHEN ${warnings.identifier} IS NULL THEN ${own.senderName} ELSE ${warnings.senderName} END`,
  };
  const [rows] = await database.write((db) =>
    db.batch([
      db
        .update(warnings)
        .set({
          ...own,
          // An imported draft keeps the sender it was issued by.
          ...importedSender,
          editedBy: by,
          revision: sql`${warnings.revision} + 1`,
          approvedBy: null,
          approvedAt: null,
          updatedAt: now,
        })
        .where(and(eq(warnings.id, id), eq(warnings.state, 'draft')))
        .returning(),
      auditInsertWhen(db, { ...audit, target: `warning:${id}` }, sql`changes() > 0`),
    ]),
  );
  return rows[0] ?? null;
}

/** A warning by row id. */
export async function findWarning(database: Database, id: number): Promise<WarningRow | undefined> {
  return database.db.query.warnings.findFirst({ where: eq(warnings.id, id) });
}

/** The newest message of the chain `w` belongs to (itself when nothing replaced it). */
export async function newestOf(database: Database, w: WarningRow): Promise<WarningRow> {
  let current = w;
  for (let hops = 0; current.supersededBy && hops < 100; hops++) {
    const next = await findWarning(database, current.supersededBy);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * Publishes revision `draft.revision` of a draft in one batch: identifier and time, the approval
 * when there was one, the message it replaces marked superseded, the delivery job with one row per
 * matching subscription (so a restart resumes it) and the audit entries. Every statement after the
 * first is conditional on the first having published this very draft, so a draft that was published,
 * edited or replaced meanwhile changes nothing and null is returned. A concurrent publish of another
 * successor of the same message violates `warnings_one_successor` and the whole batch is undone.
 */
export async function publishDraft(
  database: Database,
  draft: WarningRow,
  by: number,
  now: number,
  audits: (identifier: string) => PendingAudit[] = () => [],
  approval?: { by: number; at: number },
): Promise<WarningRow | null> {
  const office = officeFor(draft.hazard);
  // GB/T 35965.1: <office prefix>_<YYYYMMDDhhmmss>_<serial>; the row id keeps the serial unique.
  // A message imported from its source (api/cap) keeps the identifier and time it was issued with.
  const identifier = draft.identifier ?? `${office.code}_${compactTime(now)}_${draft.id}`;
  const areas = draft.areas;
  const wholeCity = areas.includes(CITY_CODE) ? 1 : 0;
  const rank = LEVELS[draft.level].rank;
  const previous = draft.msgType === 'Update' && draft.replaces ? await findWarning(database, draft.replaces) : undefined;
  const mine = sql`EXISTS (SELECT 1 FROM warnings WHERE id = ${draft.id} AND state = 'published' AND identifier = ${identifier} AND published_by = ${by})`;
  const [published] = await database.write((db) =>
    db.batch([
      db
        .update(warnings)
        .set({
          state: 'published',
          identifier,
          sent: draft.identifier ? (draft.sent ?? now) : now,
          publishedBy: by,
          ...(previous ? { changeNote: changeNote(previous, draft) } : {}),
          ...(approval ? { approvedBy: approval.by, approvedAt: approval.at } : {}),
          updatedAt: now,
        })
        .where(and(eq(warnings.id, draft.id), eq(warnings.state, 'draft'), eq(warnings.revision, draft.revision)))
        .returning({ id: warnings.id }),
      ...audits(identifier).map((a) => auditInsertWhen(db, { ...a, target: `warning:${draft.id}` }, mine)),
      db.run(sql`UPDATE warnings SET superseded_by = ${draft.id}, updated_at = ${now}
        WHERE id = ${draft.replaces ?? -1} AND superseded_by IS NULL AND ${mine}`),
      // An event that is over says so on every one of its messages (the page of an updated one too).
      db.run(sql`WITH RECURSIVE chain(id) AS (
          SELECT ${draft.id} UNION SELECT w.replaces FROM warnings w JOIN chain ON w.id = chain.id WHERE w.replaces IS NOT NULL)
        UPDATE warnings SET ending = ${endingOf(draft)}, ended_by = ${draft.id}, updated_at = ${now}
        WHERE ${draft.msgType === 'Cancel' ? 1 : 0} = 1 AND id IN (SELECT id FROM chain) AND ${mine}`),
      db.run(sql`INSERT INTO deliveries (warning_id, state, created_at) SELECT ${draft.id}, 'running', ${now} WHERE ${mine}`),
      db.run(sql`
        INSERT INTO delivery_items (delivery_id, subscription_id, state, origin)
        SELECT (SELECT id FROM deliveries WHERE warning_id = ${draft.id}), s.id, 'pending', ${endpointOrigin(sql`s.endpoint`)}
        FROM push_subscriptions s
        WHERE ${mine} AND s.min_rank <= ${rank}
          AND (s.hazards IS NULL OR EXISTS (SELECT 1 FROM json_each(s.hazards) h WHERE h.value = ${draft.hazard}))
          AND (${draft.status === 'Actual' ? 1 : 0} = 1 OR s.exercises = 1)
          AND (${wholeCity} = 1 OR EXISTS (
            SELECT 1 FROM json_each(s.districts) d WHERE d.value IN (SELECT value FROM json_each(${JSON.stringify(draft.areas)}))))`),
    ]),
  );
  if (published.length === 0) return null;
  return (await findWarning(database, draft.id)) as WarningRow;
}

/** How a Cancel ends its event: 取消 (issued in error, responseType None) or 解除 (the danger has passed). */
export function endingOf(w: Pick<WarningRow, 'msgType' | 'responseType' | 'headline' | 'ending'>): 'allclear' | 'cancel' | null {
  if (w.msgType !== 'Cancel') return w.ending ?? null;
  // Cancels published before responseType told them apart said 预警取消 in their headline.
  return w.responseType === 'None' || w.headline.endsWith('预警取消') ? 'cancel' : 'allclear';
}

/** Removes a follow-up draft that lost the race to another update or cancel (it would only confuse). */
export async function dropDraft(database: Database, id: number): Promise<void> {
  await database.write((db) => db.delete(warnings).where(and(eq(warnings.id, id), eq(warnings.state, 'draft'))));
}

/** Published messages that are live now, newest first. */
export async function activeWarnings(database: Database, now: number): Promise<WarningRow[]> {
  return database.db
    .select()
    .from(warnings)
    .where(and(eq(warnings.state, 'published'), ne(warnings.msgType, 'Cancel'), isNull(warnings.supersededBy), gt(warnings.expires, now)))
    .orderBy(desc(warnings.sent));
}

/** Every published message, newest first, a page at a time. */
export async function warningHistory(database: Database, page: number, size: number): Promise<WarningRow[]> {
  return database.db
    .select()
    .from(warnings)
    .where(eq(warnings.state, 'published'))
    .orderBy(desc(warnings.sent), desc(warnings.id))
    .limit(size + 1)
    .offset((page - 1) * size);
}
