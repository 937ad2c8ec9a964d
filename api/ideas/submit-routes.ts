import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditInsertWhen } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { ideaPhotos, ideas } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { countHit, rateLimit, type Limit } from '../rate-limit.ts';
import { jsonBody } from '../validate.ts';
import { campaignOr404, requirePhase } from './campaign.ts';
import { cleanPhoto, type CleanPhoto } from './photo.ts';
import { contactKey, recoveryHash } from './recovery-hash.ts';
import { similarSchema, submissionSchema } from './contract.ts';
import { checkLinks, loadFlagWords, matchWords } from './screening.ts';
import { mostSimilar } from './similarity.ts';
import { checkFormToken, deviceHash, issueFormToken, newReceiptCode, receiptHash } from './tokens.ts';

const HOUR = 3600_000;
/** Submissions accepted per address (a school or office may share one). */
const PER_ADDRESS: Limit = { bucket: 'idea-submit-addr', limit: 10, windowMs: HOUR };
/** Submissions accepted per device. */
const PER_DEVICE: Limit = { bucket: 'idea-submit-device', limit: 5, windowMs: HOUR };

/** `/api/ideas` routes for submitting: the form token, similar ideas and the submission itself. */
export const submitIdeas = new Hono<AppEnv>()
  .get('/form-token', (c) => c.json({ token: issueFormToken(c.var.env.secret, c.var.now) }, 200))
  .post('/similar', rateLimit({ bucket: 'idea-similar', limit: 60, windowMs: 60_000 }), jsonBody(similarSchema), async (c) => {
    const q = c.req.valid('json');
    const text = `${q.title} ${q.summary}`.trim();
    if ([...text].length < 4) return c.json({ similar: [] }, 200);
    const where = q.campaignId ? and(eq(ideas.status, 'published'), eq(ideas.campaignId, q.campaignId)) : eq(ideas.status, 'published');
    const pool = await c.var.database.db
      .select({ id: ideas.id, title: ideas.title, summary: ideas.summary, supportCount: ideas.supportCount })
      .from(ideas)
      .where(where);
    const similar = mostSimilar(text, pool).map((r) => ({ ...r.item, similarity: Math.round(r.score * 100) / 100 }));
    return c.json({ similar }, 200);
  })
  .post('/submissions', jsonBody(submissionSchema), async (c) => {
    const input = c.req.valid('json');
    const { database, env, now, clientHash } = c.var;
    if (input.website) throw apiError(400, 'rejected', '提交未通过校验。请刷新页面后重试；你填写的内容会保留。');
    checkFormToken(env.secret, input.formToken, now);
    const campaign = await campaignOr404(database, input.campaignId, now);
    requirePhase(campaign, 'collecting', '提交金点子');
    if (!campaign.themes.includes(input.theme))
      throw apiError(400, 'invalid_input', '请从列表中选择主题。', { theme: '请从列表中选择主题' });
    checkLinks(input.title, input.summary, input.body, input.displayName);
    const device = deviceHash(env.secret, input.device);
    // Counted only for submissions that passed the checks above, so correcting a mistake costs nothing.
    for (const [rule, subject] of [
      [PER_ADDRESS, clientHash],
      [PER_DEVICE, device],
    ] as const) {
      if ((await countHit(database, rule, subject, now)) > rule.limit)
        throw apiError(429, 'rate_limited', '提交太频繁了，请一小时后再试。你填写的内容会保留在本页。', undefined, {
          'retry-after': '3600',
        });
    }
    const photo: CleanPhoto | null = input.photo ? await cleanPhoto(input.photo) : null;
    const key = contactKey(env.secret, input.contact);
    const recovery = input.passphrase ? await recoveryHash(env.secret, key, input.passphrase) : null;
    const hits = matchWords(await loadFlagWords(database), input.title, input.summary, input.body, input.displayName);
    const receipt = newReceiptCode();
    const hash = receiptHash(env.secret, receipt);
    const displayName = input.anonymous || !input.displayName ? null : input.displayName;
    const [inserted] = await database.write(async (db) => {
      const insertIdea = db
        .insert(ideas)
        .values({
          campaignId: campaign.id,
          receiptHash: hash,
          title: input.title,
          summary: input.summary,
          body: input.body,
          theme: input.theme,
          district: input.district,
          displayName,
          contact: input.contact,
          contactKey: key,
          recoveryHash: recovery,
          consentAt: now,
          flagged: hits.length > 0,
          flagReasons: hits.length ? hits.map((w) => `含词语“${w}”`) : null,
          hasPhoto: photo !== null,
          submitterHash: clientHash,
          deviceHash: device,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: ideas.id });
      // The idea, its photo and its audit entry commit together: a resident is never told of a
      // failure for an idea that was in fact stored.
      const audit = auditInsertWhen(db, {
        at: now,
        action: 'idea.submit',
        target: sql`'idea:' || (SELECT id FROM ideas WHERE receipt_hash = ${hash})`,
        ipHash: clientHash,
      });
      if (!photo) {
        const [rows] = await db.batch([insertIdea, audit]);
        return rows;
      }
      const [rows] = await db.batch([
        insertIdea,
        db.insert(ideaPhotos).values({
          ideaId: sql`(SELECT id FROM ideas WHERE receipt_hash = ${hash})`,
          contentType: photo.contentType,
          data: photo.data,
          width: photo.width,
          height: photo.height,
        }),
        audit,
      ]);
      return rows;
    });
    if (!inserted) throw new Error('idea insert returned no row');
    return c.json({ id: inserted.id, receipt, status: 'pending' as const }, 201);
  });
