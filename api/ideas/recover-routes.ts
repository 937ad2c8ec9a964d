import { and, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { recordAudit } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { ideas } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { countHit, rateLimit, type Limit } from '../rate-limit.ts';
import { jsonBody } from '../validate.ts';
import { STATUS_LABELS } from './labels.ts';
import { contactKey, recoveryHash } from './recovery-hash.ts';
import { recoverSchema, type RecoveredIdea } from './contract.ts';
import { newReceiptCode, receiptHash } from './tokens.ts';

const HOUR = 3600_000;
/** Tries on one contact, from anywhere: guessing one person's passphrase from many addresses stays slow. */
const PER_CONTACT: Limit = { bucket: 'idea-recover-contact', limit: 5, windowMs: HOUR };

/**
 * `/api/ideas/recover`: a new receipt code for each idea submitted with this contact and passphrase.
 * The old code stops working (only its hash was ever stored, so it cannot be shown again). A wrong
 * passphrase, an unknown contact and an idea without a passphrase get the same answer after the
 * same work: one scrypt hash.
 */
export const recoverIdeas = new Hono<AppEnv>().post(
  '/recover',
  rateLimit({ bucket: 'idea-recover', limit: 10, windowMs: HOUR }),
  jsonBody(recoverSchema),
  async (c) => {
    const { database, env, now, clientHash } = c.var;
    const input = c.req.valid('json');
    const key = contactKey(env.secret, input.contact);
    if ((await countHit(database, PER_CONTACT, key, now)) > PER_CONTACT.limit)
      throw apiError(429, 'rate_limited', '尝试次数太多，请一小时后再试。', undefined, { 'retry-after': '3600' });
    const hash = await recoveryHash(env.secret, key, input.passphrase);
    const found = await database.db
      .select({ id: ideas.id, title: ideas.title, status: ideas.status, createdAt: ideas.createdAt })
      .from(ideas)
      .where(and(eq(ideas.contactKey, key), eq(ideas.recoveryHash, hash)))
      .orderBy(desc(ideas.id))
      .limit(50);
    if (!found.length)
      throw apiError(
        404,
        'recovery_failed',
        '没有找到可以找回的金点子。请核对联系方式和找回口令；提交时没有设置找回口令的金点子无法用这种方式找回。',
      );
    const codes = found.map(() => newReceiptCode());
    // All new codes in one batch: either every lost code is replaced or none is.
    await database.write((db) => {
      const [first, ...rest] = found.map((row, i) =>
        db
          .update(ideas)
          .set({ receiptHash: receiptHash(env.secret, codes[i] ?? ''), updatedAt: now })
          .where(eq(ideas.id, row.id)),
      );
      if (!first) throw new Error('nothing to update');
      return db.batch([first, ...rest]);
    });
    for (const row of found)
      await recordAudit(database, { at: now, action: 'idea.receipt.recover', target: `idea:${row.id}`, ipHash: clientHash });
    const recovered: RecoveredIdea[] = found.map((row, i) => ({
      id: row.id,
      title: row.title,
      statusText: STATUS_LABELS[row.status],
      submittedAt: row.createdAt,
      receipt: codes[i] ?? '',
    }));
    return c.json({ ideas: recovered }, 200);
  },
);
