import { and, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { requireRole } from '../accounts/guard.ts';
import { auditInsert, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import { capFeedItems, capFeeds, capTrustedSenders } from '../db/schema-cap.ts';
import { apiError, isConstraintError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { draftView } from '../warnings/drafts.ts';
import type { WarningInput } from '../warnings/schema.ts';
import {
  capFeedIdParamSchema as idParam,
  capFeedPatchSchema as feedPatchSchema,
  capFeedSchema as feedSchema,
  capImportSchema as importSchema,
  trustedSenderSchema as trustSchema,
} from './contract.ts';
import { feedUrlAllowed } from './feed-poll.ts';
import { importCap } from './import.ts';
import { CapRefusal } from './xml-tree.ts';

/** `/api/admin/cap`: importing CAP documents (publishers) and the source feeds they come from (admins configure). */
export const adminCap = new Hono<AppEnv>()
  .post('/import', requireRole('publisher'), jsonBody(importSchema), async (c) => {
    const { xml, overrides, feedItem } = c.req.valid('json');
    const who = {
      by: c.var.session?.account.id ?? null,
      audit: auditOf(c, 'warning.import'),
      source: feedItem ? `feed-item:${feedItem}` : 'upload',
    };
    let r;
    try {
      r = await importCap(c.var.database, xml, c.var.now, who, overrides as Partial<WarningInput>);
    } catch (err) {
      if (err instanceof CapRefusal) throw apiError(err.status, err.code, err.message);
      throw err;
    }
    const settle = async (warningId: number) => {
      if (!feedItem) return;
      await c.var.database.write((db) =>
        db
          .update(capFeedItems)
          .set({ outcome: 'draft', warningId, xml: null, detail: null })
          .where(and(eq(capFeedItems.id, feedItem), eq(capFeedItems.outcome, 'review'))),
      );
    };
    if (r.kind === 'duplicate') {
      await settle(r.warning.id);
      const url = `/warnings/${r.warning.id}/`;
      const state = r.warning.state === 'draft' ? '草稿' : '已发布的预警';
      return c.json({
        result: 'duplicate' as const,
        message: `这条消息已经导入过（${state}，编号 ${r.warning.identifier}），未重复导入。`,
        warning: { id: r.warning.id, url },
      });
    }
    if (r.kind === 'unmapped') {
      const count = Object.keys(r.problems).length;
      return c.json(
        {
          error: {
            code: 'needs_review',
            message: `有 ${count} 项无法从消息中确定，请逐项核对选择后再导入。`,
            fields: r.problems as Record<string, string>,
          },
          mapped: r.fields,
          notes: r.notes,
          msgType: r.msgType,
          identifier: r.identifier,
        },
        422,
      );
    }
    await settle(r.draft.id);
    return c.json({ result: 'created' as const, warning: await draftView(c.var.database, r.draft, c.var.now), notes: r.notes }, 201);
  })
  .get('/feeds', requireRole('publisher'), async (c) => {
    const db = c.var.database.db;
    const feeds = await db.select().from(capFeeds).orderBy(capFeeds.id);
    const items = await db
      .select({
        id: capFeedItems.id,
        feedId: capFeedItems.feedId,
        ref: capFeedItems.ref,
        outcome: capFeedItems.outcome,
        warningId: capFeedItems.warningId,
        detail: capFeedItems.detail,
        xml: capFeedItems.xml,
        at: capFeedItems.at,
      })
      .from(capFeedItems)
      .orderBy(desc(capFeedItems.at), desc(capFeedItems.id))
      .limit(50);
    const trusted = await db.select().from(capTrustedSenders).orderBy(capTrustedSenders.sender);
    return c.json({
      allowlist: c.var.env.capFeedAllowlist,
      feeds: feeds.map(({ etag: _e, lastModified: _l, ...f }) => f),
      items,
      trusted: trusted.map((t) => ({ sender: t.sender, exemptTwoPerson: t.exemptTwoPerson })),
    });
  })
  .post('/feeds', requireRole('admin'), jsonBody(feedSchema), async (c) => {
    const { url, name } = c.req.valid('json');
    if (!feedUrlAllowed(url, c.var.env.capFeedAllowlist))
      throw apiError(
        400,
        'origin_not_allowed',
        `${new URL(url).origin} 不在允许的来源中。请让运维人员把它加入 CAP_FEED_ALLOWLIST 后再添加。`,
        { url: '来源不在允许列表中' },
      );
    try {
      const [rows] = await c.var.database.write((db) =>
        db.batch([
          db
            .insert(capFeeds)
            .values({ url, name, createdBy: c.var.session?.account.id ?? null, createdAt: c.var.now })
            .returning(),
          auditInsert(db, auditOf(c, 'cap.feed.add', url, { name })),
        ]),
      );
      return c.json({ feed: rows[0] }, 201);
    } catch (err) {
      if (isConstraintError(err)) throw apiError(409, 'feed_exists', '这个订阅源已经添加过。');
      throw err;
    }
  })
  .put('/feeds/:id', requireRole('admin'), paramsOf(idParam), jsonBody(feedPatchSchema), async (c) => {
    const { id } = c.req.valid('param');
    const { enabled } = c.req.valid('json');
    const [rows] = await c.var.database.write((db) =>
      db.batch([
        db.update(capFeeds).set({ enabled, nextPollAt: 0, failures: 0 }).where(eq(capFeeds.id, id)).returning(),
        auditInsert(db, auditOf(c, enabled ? 'cap.feed.enable' : 'cap.feed.disable', `cap-feed:${id}`)),
      ]),
    );
    if (!rows[0]) throw apiError(404, 'not_found', '没有这个订阅源。');
    return c.json({ feed: rows[0] });
  })
  .delete('/feeds/:id', requireRole('admin'), paramsOf(idParam), async (c) => {
    const { id } = c.req.valid('param');
    const [rows] = await c.var.database.write((db) =>
      db.batch([
        db.delete(capFeeds).where(eq(capFeeds.id, id)).returning(),
        db.delete(capFeedItems).where(eq(capFeedItems.feedId, id)),
        auditInsert(db, auditOf(c, 'cap.feed.remove', `cap-feed:${id}`)),
      ]),
    );
    if (!rows[0]) throw apiError(404, 'not_found', '没有这个订阅源。');
    return c.json({ removed: id });
  })
  .put('/trusted-senders', requireRole('admin'), jsonBody(trustSchema), async (c) => {
    const { sender, trusted, exemptTwoPerson } = c.req.valid('json');
    const action = !trusted ? 'cap.sender.untrust' : exemptTwoPerson ? 'cap.sender.trust.exempt' : 'cap.sender.trust';
    await c.var.database.write((db) =>
      db.batch([
        trusted
          ? db
              .insert(capTrustedSenders)
              .values({ sender, exemptTwoPerson, createdBy: c.var.session?.account.id ?? null, createdAt: c.var.now })
              .onConflictDoUpdate({ target: capTrustedSenders.sender, set: { exemptTwoPerson } })
          : db.delete(capTrustedSenders).where(eq(capTrustedSenders.sender, sender)),
        auditInsert(db, auditOf(c, action, `cap-sender:${sender}`)),
      ]),
    );
    return c.json({ sender, trusted, exemptTwoPerson: trusted && exemptTwoPerson });
  });
