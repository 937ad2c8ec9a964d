import { asc } from 'drizzle-orm';
import { auditInsert, type AuditInput } from '../audit.ts';
import type { Database } from '../db/client.ts';
import { ideaFlagWords } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { IDEA_LIMITS } from './labels.ts';

/** Web addresses in `text`: http(s) links and bare www. names. */
export function countLinks(text: string): number {
  return (text.match(/https?:\/\/|www\./gi) ?? []).length;
}

/** Refuses an idea with more web addresses than the limit (spam carries links). */
export function checkLinks(...texts: string[]): void {
  if (countLinks(texts.join('\n')) > IDEA_LIMITS.maxLinks)
    throw apiError(400, 'too_many_links', `内容里的网址太多了（最多 ${IDEA_LIMITS.maxLinks} 个），请删去一些后再提交。`, {
      body: `最多 ${IDEA_LIMITS.maxLinks} 个网址`,
    });
}

/** Words from the list that occur in `texts` (case-insensitive, ignoring width differences). */
export function matchWords(words: readonly string[], ...texts: string[]): string[] {
  const hay = texts.join('\n').normalize('NFKC').toLowerCase();
  return words.filter((w) => w && hay.includes(w.normalize('NFKC').toLowerCase()));
}

/** The admin-edited word list. */
export async function loadFlagWords(database: Database): Promise<string[]> {
  const rows = await database.db.select({ word: ideaFlagWords.word }).from(ideaFlagWords).orderBy(asc(ideaFlagWords.word));
  return rows.map((r) => r.word);
}

/** Replaces the word list in one batch. */
export async function saveFlagWords(database: Database, words: readonly string[], now: number, audit?: AuditInput): Promise<void> {
  await database.write((db) =>
    db.batch([
      db.delete(ideaFlagWords),
      ...(words.length ? [db.insert(ideaFlagWords).values(words.map((word) => ({ word, createdAt: now })))] : []),
      ...(audit ? [auditInsert(db, audit)] : []),
    ]),
  );
}
