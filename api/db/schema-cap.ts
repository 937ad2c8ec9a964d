import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './schema-accounts.ts';
import { warnings } from './schema-warnings.ts';
import { flag, refersTo, rowId } from './columns.ts';

/** Source feeds of CAP messages (the provincial release system): Atom/RSS of CAP, or a directory of CAP files. */
export const capFeeds = sqliteTable('cap_feeds', {
  id: rowId(),
  /** The feed's https address; its origin must be in CAP_FEED_ALLOWLIST. */
  url: text('url').notNull().unique(),
  /** What the admin calls it, e.g. 江苏省突发事件预警信息发布中心. */
  name: text('name').notNull(),
  enabled: flag('enabled', true),
  /** Validators of the last answer, sent back as If-None-Match / If-Modified-Since. */
  etag: text('etag'),
  lastModified: text('last_modified'),
  /** Unix ms of the last poll, of the last answer that worked, and of the last new message. */
  lastPollAt: integer('last_poll_at'),
  lastOkAt: integer('last_ok_at'),
  lastMessageAt: integer('last_message_at'),
  /** The last problem in plain Chinese, or null when the last poll worked. */
  lastError: text('last_error'),
  /** Failed polls in a row (backoff doubles with each). */
  failures: integer('failures').notNull().default(0),
  /** Not polled before this time (ms). */
  nextPollAt: integer('next_poll_at').notNull().default(0),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: integer('created_at').notNull(),
});

/** Every document a feed listed, taken once: what became of it. */
export const capFeedItems = sqliteTable(
  'cap_feed_items',
  {
    id: rowId(),
    /** A feed's record of what it brought goes with the feed (as the route removing a feed always did). */
    feedId: refersTo('feed_id', () => capFeeds.id, { onDelete: 'cascade' }),
    /** The document's address (or the feed entry's id for inline CAP). */
    ref: text('ref').notNull(),
    /** draft, published, duplicate, refused, or review (fields the publisher must decide before it can be a draft). */
    outcome: text('outcome', { enum: ['draft', 'published', 'duplicate', 'refused', 'review'] }).notNull(),
    /** Null once the draft it made is discarded (a follow-up draft that lost a race is deleted). */
    warningId: integer('warning_id').references(() => warnings.id, { onDelete: 'set null' }),
    /** Why it was refused or kept as a draft, in plain Chinese. */
    detail: text('detail'),
    /** The document itself while it waits for a publisher's review (outcome review). */
    xml: text('xml'),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('cap_feed_items_ref').on(t.feedId, t.ref), index('cap_feed_items_at').on(t.at)],
);

/** CAP senders whose messages are published without a publisher's hand (set by an admin, audited). */
export const capTrustedSenders = sqliteTable('cap_trusted_senders', {
  /** The CAP `sender` exactly as issued. */
  sender: text('sender').primaryKey(),
  /** Red and whole-city messages from this sender skip the second publisher (四眼原则) too. */
  exemptTwoPerson: flag('exempt_two_person', false),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: integer('created_at').notNull(),
});

/** A source feed. */
export type CapFeedRow = typeof capFeeds.$inferSelect;
