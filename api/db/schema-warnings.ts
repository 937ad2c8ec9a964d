import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { HAZARD_CODES, type HazardCode } from '../domain/hazards.ts';
import { RESPONSE_TYPES } from '../warnings/schema.ts';
import { accounts } from './schema-accounts.ts';
import { json, refersTo, rowId, timestamps } from './columns.ts';

/**
 * Warnings as CAP 1.2 messages. A draft has no identifier yet; publishing gives it one. An Update
 * or Cancel is a new row whose `references` names the message it replaces, which is then marked
 * `supersededBy`, so one event is one chain of rows and only its newest message is ever active.
 */
export const warnings = sqliteTable(
  'warnings',
  {
    id: rowId(),
    /** draft or published. */
    state: text('state', { enum: ['draft', 'published'] }).notNull(),
    /** GB/T 35965.1 identifier, set at publish time. */
    identifier: text('identifier').unique(),
    /** CAP sender (the office's address). */
    sender: text('sender').notNull(),
    /** The issuing office, e.g. 扬州市气象台. */
    senderName: text('sender_name').notNull(),
    /** Unix ms when published. */
    sent: integer('sent'),
    status: text('status', { enum: ['Actual', 'Exercise', 'Test'] }).notNull(),
    msgType: text('msg_type', { enum: ['Alert', 'Update', 'Cancel'] }).notNull(),
    /** CAP `references`: "sender,identifier,sent" of the message this one updates or cancels. */
    references: text('references'),
    /** Row id of the message this one updates or cancels. */
    replaces: integer('replaces').references((): AnySQLiteColumn => warnings.id),
    /** Row id of the newer message that replaced this one. */
    supersededBy: integer('superseded_by').references((): AnySQLiteColumn => warnings.id),
    hazard: text('hazard', { enum: HAZARD_CODES }).notNull(),
    level: text('level', { enum: ['blue', 'yellow', 'orange', 'red'] }).notNull(),
    urgency: text('urgency', { enum: ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] }).notNull(),
    certainty: text('certainty', { enum: ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] }).notNull(),
    responseType: text('response_type', { enum: RESPONSE_TYPES }).notNull(),
    effective: integer('effective').notNull(),
    onset: integer('onset'),
    expires: integer('expires').notNull(),
    headline: text('headline').notNull(),
    description: text('description').notNull(),
    instruction: text('instruction').notNull(),
    /** English headline for a second CAP `info` (en-US); null when the publisher wrote none. */
    headlineEn: text('headline_en'),
    /** English description, with `headlineEn`. */
    descriptionEn: text('description_en'),
    /** English instruction, with `headlineEn`. */
    instructionEn: text('instruction_en'),
    /** JSON array of residents' actions (你现在应该做什么), shown before the official guidance. */
    actions: json<string[]>('actions').default([]),
    /** An Update: what changed from the message it replaces, in one line (level, area, time, text). */
    changeNote: text('change_note'),
    /** Set on every message of an event once it is over: allclear (解除, the danger has passed) or cancel (取消, issued in error). */
    ending: text('ending', { enum: ['allclear', 'cancel'] }),
    /** Row id of the Cancel message that ended this event. */
    endedBy: integer('ended_by').references((): AnySQLiteColumn => warnings.id),
    /** JSON array of GB/T 2260 codes. */
    areas: json<string[]>('areas'),
    /** CAP polygon "lat,lng lat,lng …", optional. */
    polygon: text('polygon'),
    // No foreign keys on who wrote, approved or published: 0 stands for the CAP feed
    // (api/cap/auto-publish.ts FEED_PUBLISHER), and like the audit log these record who acted.
    createdBy: integer('created_by'),
    /** Who last wrote the content (the author, or a colleague who edited the draft). */
    editedBy: integer('edited_by'),
    /** Goes up by one at every edit, so an approval names the exact content that was checked. */
    revision: integer('revision').notNull().default(1),
    /** The second publisher who approved this content (四眼原则), when the rule applied. */
    approvedBy: integer('approved_by'),
    /** Unix ms of the approval. */
    approvedAt: integer('approved_at'),
    publishedBy: integer('published_by'),
    ...timestamps(),
  },
  (t) => [
    index('warnings_state_expires').on(t.state, t.expires),
    // One event, one live message: at most one published message replaces a given one, whichever
    // process publishes it, so of two concurrent updates or cancels the database lets one through.
    uniqueIndex('warnings_one_successor')
      .on(t.replaces)
      .where(sql`state = 'published'`),
  ],
);

/** The office's own templates for non-meteorological warnings, editable by admins. */
export const warningTemplates = sqliteTable('warning_templates', {
  hazard: text('hazard', { enum: HAZARD_CODES }).primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  instruction: text('instruction').notNull(),
  responseType: text('response_type', { enum: RESPONSE_TYPES }).notNull(),
  updatedBy: integer('updated_by').references(() => accounts.id),
  updatedAt: integer('updated_at').notNull(),
});

/** Browser push subscriptions, with what each resident asked to receive. */
export const pushSubscriptions = sqliteTable('push_subscriptions', {
  id: rowId(),
  endpoint: text('endpoint').notNull().unique(),
  p256dh: text('p256dh').notNull(),
  auth: text('auth').notNull(),
  /** JSON array of district codes. */
  districts: json<string[]>('districts'),
  /** JSON array of hazard codes, or null for all. */
  hazards: text('hazards', { mode: 'json' }).$type<HazardCode[]>(),
  /** Lowest level wanted: 1 blue … 4 red. */
  minRank: integer('min_rank').notNull(),
  /** Receive 演练/测试 messages too. */
  exercises: integer('exercises', { mode: 'boolean' }).notNull(),
  /** SHA-256 of the management token given to the browser. */
  tokenHash: text('token_hash').notNull(),
  ...timestamps(),
});

/** One delivery job per published message. */
export const deliveries = sqliteTable('deliveries', {
  id: rowId(),
  warningId: integer('warning_id')
    .notNull()
    .unique()
    .references(() => warnings.id),
  state: text('state', { enum: ['running', 'done'] }).notNull(),
  createdAt: integer('created_at').notNull(),
  finishedAt: integer('finished_at'),
});

/** One row per matched subscription of a delivery: what survives a restart. */
export const deliveryItems = sqliteTable(
  'delivery_items',
  {
    id: rowId(),
    deliveryId: refersTo('delivery_id', () => deliveries.id),
    // No foreign key: an item outlives its subscription (a resident unsubscribes, a push service says it
    // is gone) as the record of what this delivery did.
    subscriptionId: integer('subscription_id').notNull(),
    /** pending → sending → sent | failed | removed, or skipped when the message expired or was superseded first. */
    state: text('state', { enum: ['pending', 'sending', 'sent', 'failed', 'removed', 'skipped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Not before this time (ms): backoff and Retry-After. */
    notBefore: integer('not_before').notNull().default(0),
    lastStatus: integer('last_status'),
    /**
     * Fencing token: raised by one at every claim. A process records a result, renews a lease or
     * gives an item back only while the item still carries the token it claimed it with.
     */
    claim: integer('claim').notNull().default(0),
    /**
     * The push service origin of the subscription's endpoint, copied at publish: claims go by origin
     * through the index, so items of a resting or full origin are never read past.
     */
    origin: text('origin').notNull().default(''),
  },
  (t) => [
    uniqueIndex('delivery_items_pair').on(t.deliveryId, t.subscriptionId),
    index('delivery_items_claim').on(t.deliveryId, t.origin, t.state, t.notBefore),
  ],
);

/** A warning row. */
export type WarningRow = typeof warnings.$inferSelect;
