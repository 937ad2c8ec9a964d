import { and, eq, inArray, sql } from 'drizzle-orm';
import { auditInsertWhen, type AuditInput } from '../audit.ts';
import type { Database } from '../db/client.ts';
import { warnings, type WarningRow } from '../db/schema-warnings.ts';
import { HAZARDS } from '../domain/hazards.ts';
import { isConstraintError } from '../errors.ts';
import { asInput } from '../warnings/drafts.ts';
import { timesProblem, warningInputSchema, type WarningInput } from '../warnings/schema.ts';
import { chineseInfo, mapInfo, type Mapping, type Problems } from './map.ts';
import { readCap, type CapMessage } from './message.ts';
import { CapRefusal } from './xml-tree.ts';

/** What importing one CAP document came to. */
export type ImportResult =
  | { kind: 'created'; draft: WarningRow; notes: string[] }
  | { kind: 'duplicate'; warning: WarningRow }
  | { kind: 'unmapped'; fields: Partial<WarningInput>; problems: Problems; notes: string[]; msgType: string; identifier: string };

/** Who imports: a publisher (account id) or a feed (null), and the audit entry's context. */
export interface Importer {
  by: number | null;
  audit: Omit<AuditInput, 'action' | 'target' | 'detail'>;
  /** Where the document came from, for the audit log: `upload` or the feed's address. */
  source: string;
}

/** The held message an Update or Cancel refers to (the live one of its chain), or null when the site holds none. */
async function referenced(database: Database, m: CapMessage): Promise<WarningRow | null> {
  if (m.references.length === 0) return null;
  const held = await database.db
    .select()
    .from(warnings)
    .where(
      and(
        eq(warnings.state, 'published'),
        inArray(
          warnings.identifier,
          m.references.map((r) => r.identifier),
        ),
      ),
    );
  const mine = held.filter((w) => m.references.some((r) => r.identifier === w.identifier && r.sender === w.sender));
  if (mine.length === 0) return null;
  const live = mine.find((w) => w.supersededBy === null);
  if (!live) throw new CapRefusal('superseded', '它引用的预警已经被更新或解除过，这条消息已过时，不予导入。', 409);
  return live;
}

/** The content of a Cancel: what the message says, the rest from the message it cancels (told to the publisher). */
function cancelFields(m: CapMessage, previous: WarningRow, mapped: Mapping | null, now: number): Mapping {
  const base = asInput(previous);
  const hazard = HAZARDS[previous.hazard]?.name ?? previous.hazard;
  const fields: Partial<WarningInput> = {
    ...base,
    ...mapped?.fields,
    responseType: 'AllClear',
    urgency: 'Past',
    effective: mapped?.fields.effective ?? m.sent,
    expires: Math.max(now + 24 * 3600_000, previous.expires),
  };
  if (!mapped?.fields.headline) fields.headline = `${hazard}预警解除`;
  if (!mapped?.fields.description) fields.description = m.note ?? '发布单位已解除此前发布的预警。';
  if (!mapped?.fields.instruction) fields.instruction = '危险已经过去，可以恢复正常活动；仍请留意积水、倒伏树木等后续隐患。';
  const notes = [...(mapped?.notes ?? []), '解除消息中没有写明的内容取自被解除的预警，请核对。'];
  return { fields, problems: {}, notes };
}

/** Validates the mapped fields with the publisher's overrides, as a hand-written draft is validated. */
function validate(mapping: Mapping, overrides: Partial<WarningInput>, now: number): { input: WarningInput } | { problems: Problems } {
  const problems: Problems = { ...mapping.problems };
  for (const key of Object.keys(overrides) as Array<keyof WarningInput>) delete problems[key];
  const parsed = warningInputSchema.safeParse({ ...mapping.fields, ...overrides });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'headline') as keyof WarningInput;
      problems[key] ??= issue.message;
    }
  if (Object.keys(problems).length || !parsed.success) return { problems };
  const late = timesProblem(parsed.data, now);
  if (late) return { problems: { [late[0]]: late[1] } };
  return { input: parsed.data };
}

/**
 * Imports a CAP 1.2 document as a draft: identifier, sender and sent kept as issued; an Update or
 * Cancel of a held message linked to it; a document already held ignored. Throws a CapRefusal for a
 * document that is refused; returns `unmapped` when the publisher must decide some fields first.
 */
export async function importCap(
  database: Database,
  xml: string,
  now: number,
  who: Importer,
  overrides: Partial<WarningInput> = {},
): Promise<ImportResult> {
  const m = readCap(xml);
  if (m.msgType !== 'Alert' && m.msgType !== 'Update' && m.msgType !== 'Cancel')
    throw new CapRefusal('unsupported_type', `这是 ${m.msgType} 消息（回执或差错报告），不是预警，不予导入。`);
  if (m.status !== 'Actual' && m.status !== 'Exercise' && m.status !== 'Test')
    throw new CapRefusal('unsupported_status', `这条消息的状态是 ${m.status}（系统消息或草稿），不面向公众，不予导入。`);
  if (m.scope !== 'Public') throw new CapRefusal('not_public', `这条消息的范围是 ${m.scope}，不面向公众，不予导入。`);
  const same = await database.db.query.warnings.findFirst({ where: eq(warnings.identifier, m.identifier) });
  if (same?.sender === m.sender) return { kind: 'duplicate', warning: same };
  if (same) throw new CapRefusal('identifier_taken', `编号 ${m.identifier} 已被另一发布单位的消息使用，请核对来源。`, 409);

  const previous = m.msgType === 'Alert' ? null : await referenced(database, m);
  if (m.msgType === 'Cancel' && !previous) throw new CapRefusal('unknown_reference', '本站没有这条消息要解除的预警，无需导入。');
  const info = chineseInfo(m);
  if (!info && !(m.msgType === 'Cancel' && previous)) throw new CapRefusal('no_info', '消息中没有预警内容（info），无法导入。');
  const mapped = info ? mapInfo(m, info, now) : null;
  const mapping = m.msgType === 'Cancel' && previous ? cancelFields(m, previous, mapped, now) : (mapped as Mapping);
  if (m.msgType === 'Update' && !previous) mapping.notes.push('它要更新的预警本站没有收到，将作为一条新预警处理。');
  const checked = validate(mapping, overrides, now);
  if ('problems' in checked)
    return {
      kind: 'unmapped',
      fields: mapping.fields,
      problems: checked.problems,
      notes: mapping.notes,
      msgType: m.msgType,
      identifier: m.identifier,
    };

  const input = checked.input;
  const detail = {
    identifier: m.identifier,
    sender: m.sender,
    msgType: m.msgType,
    source: who.source,
    hazard: input.hazard,
    level: input.level,
  };
  try {
    const [rows] = await database.write((db) =>
      db.batch([
        db
          .insert(warnings)
          .values({
            ...input,
            areas: input.areas,
            actions: input.actions,
            state: 'draft',
            identifier: m.identifier,
            sender: m.sender,
            senderName: info?.senderName ?? previous?.senderName ?? m.sender,
            sent: m.sent,
            msgType: m.msgType as 'Alert' | 'Update' | 'Cancel',
            references: m.references.length ? m.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ') : null,
            replaces: previous?.id ?? null,
            createdBy: who.by,
            editedBy: who.by,
            createdAt: now,
            updatedAt: now,
          })
          .returning(),
        auditInsertWhen(
          db,
          { ...who.audit, action: 'warning.import', target: sql`'warning:' || last_insert_rowid()`, detail },
          sql`changes() > 0`,
        ),
      ]),
    );
    return { kind: 'created', draft: rows[0] as WarningRow, notes: mapping.notes };
  } catch (err) {
    // The same message imported at the same moment by another request or process.
    if (!isConstraintError(err)) throw err;
    const held = await database.db.query.warnings.findFirst({ where: eq(warnings.identifier, m.identifier) });
    if (held) return { kind: 'duplicate', warning: held };
    throw err;
  }
}
