import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { deliveries, warnings, type WarningRow } from '../db/schema-warnings.ts';
import { CITY_CODE } from '../domain/areas.ts';
import { LEVELS, type HazardCode } from '../domain/hazards.ts';
import { capSender, officeFor } from './offices.ts';
import type { WarningInput } from './schema.ts';
import { compactTime, toCapTime } from './time.ts';

/** Columns of a warning that come from the publisher's input. */
function contentColumns(input: WarningInput) {
  const office = officeFor(input.hazard);
  return { ...input, areas: JSON.stringify(input.areas), sender: capSender(office), senderName: office.name };
}

/** Saves a new draft (an Alert unless it replaces another message). */
export async function createDraft(database: Database, input: WarningInput, by: number, now: number): Promise<WarningRow> {
  const rows = await database.write((db) =>
    db
      .insert(warnings)
      .values({ ...contentColumns(input), state: 'draft', msgType: 'Alert', createdBy: by, createdAt: now, updatedAt: now })
      .returning(),
  );
  return rows[0] as WarningRow;
}

/** Replaces a draft's content; null if it is not (or no longer) a draft. */
export async function editDraft(database: Database, id: number, input: WarningInput, now: number): Promise<WarningRow | null> {
  const rows = await database.write((db) =>
    db
      .update(warnings)
      .set({ ...contentColumns(input), updatedAt: now })
      .where(and(eq(warnings.id, id), eq(warnings.state, 'draft')))
      .returning(),
  );
  return rows[0] ?? null;
}

/** A warning by row id. */
export async function findWarning(database: Database, id: number): Promise<WarningRow | undefined> {
  return database.db.query.warnings.findFirst({ where: eq(warnings.id, id) });
}

/**
 * Publishes a draft in one batch: identifier and time, the message it replaces marked superseded,
 * and the delivery job with one row per matching subscription (so a restart resumes it).
 */
export async function publishDraft(database: Database, draft: WarningRow, by: number, now: number): Promise<WarningRow> {
  const office = officeFor(draft.hazard as HazardCode);
  // GB/T 35965.1: <office prefix>_<YYYYMMDDhhmmss>_<serial>; the row id keeps the serial unique.
  const identifier = `${office.code}_${compactTime(now)}_${draft.id}`;
  const areas = JSON.parse(draft.areas) as string[];
  const wholeCity = areas.includes(CITY_CODE) ? 1 : 0;
  const rank = LEVELS[draft.level].rank;
  await database.write((db) =>
    db.batch([
      db
        .update(warnings)
        .set({ state: 'published', identifier, sent: now, publishedBy: by, updatedAt: now })
        .where(and(eq(warnings.id, draft.id), eq(warnings.state, 'draft'))),
      db
        .update(warnings)
        .set({ supersededBy: draft.id, updatedAt: now })
        .where(and(eq(warnings.id, draft.replaces ?? -1), isNull(warnings.supersededBy))),
      db.insert(deliveries).values({ warningId: draft.id, state: 'running', createdAt: now }),
      db.run(sql`
        INSERT INTO delivery_items (delivery_id, subscription_id, state)
        SELECT (SELECT id FROM deliveries WHERE warning_id = ${draft.id}), s.id, 'pending'
        FROM push_subscriptions s
        WHERE s.min_rank <= ${rank}
          AND (s.hazards IS NULL OR EXISTS (SELECT 1 FROM json_each(s.hazards) h WHERE h.value = ${draft.hazard}))
          AND (${draft.status === 'Actual' ? 1 : 0} = 1 OR s.exercises = 1)
          AND (${wholeCity} = 1 OR EXISTS (
            SELECT 1 FROM json_each(s.districts) d WHERE d.value IN (SELECT value FROM json_each(${draft.areas}))))`),
    ]),
  );
  return (await findWarning(database, draft.id)) as WarningRow;
}

/** Creates the Update or Cancel message for `previous` as a draft, ready to publish. */
export async function createFollowUp(
  database: Database,
  previous: WarningRow,
  msgType: 'Update' | 'Cancel',
  input: WarningInput,
  by: number,
  now: number,
): Promise<WarningRow> {
  const references = `${previous.sender},${previous.identifier},${toCapTime(previous.sent ?? now)}`;
  const rows = await database.write((db) =>
    db
      .insert(warnings)
      .values({
        ...contentColumns(input),
        state: 'draft',
        msgType,
        references,
        replaces: previous.id,
        createdBy: by,
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
  );
  return rows[0] as WarningRow;
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
