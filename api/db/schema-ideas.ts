// Tables of the ideas feature; re-exported by api/db/schema.ts so drizzle-kit and the client see them.
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AwardLevel, Criterion, CriterionScores } from '../ideas/campaign-contract.ts';
import { IDEA_STATUSES } from '../ideas/labels.ts';
import { accounts } from './schema-accounts.ts';
import { flag, json, refersTo, rowId, timestamps } from './columns.ts';

/** 金点子征集活动: one call for ideas with its themes, phases, awards and judging criteria. */
export const ideaCampaigns = sqliteTable('idea_campaigns', {
  id: rowId(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  /** JSON array of theme names, e.g. ["应急预案", "物资保障"]. */
  themes: json<string[]>('themes'),
  /** 征集 opens (unix ms). */
  collectStartsAt: integer('collect_starts_at').notNull(),
  /** 征集 closes and 评审 begins (unix ms). */
  collectEndsAt: integer('collect_ends_at').notNull(),
  /** When results are expected (unix ms); informational, announcing is an explicit step. */
  judgingEndsAt: integer('judging_ends_at').notNull(),
  /** JSON array of `{code, name, count}` in rank order (一等奖 first). */
  awards: json<AwardLevel[]>('awards'),
  /** JSON array of `{key, name, weight}`; weights sum to 100. */
  criteria: json<Criterion[]>('criteria'),
  /** Days after the announcement when submitters' contacts are erased. */
  contactRetentionDays: integer('contact_retention_days').notNull().default(30),
  /** When the results were announced (公布); null until then. */
  announcedAt: integer('announced_at'),
  ...timestamps(),
});

/** One resident's idea. */
export const ideas = sqliteTable(
  'ideas',
  {
    id: rowId(),
    campaignId: refersTo('campaign_id', () => ideaCampaigns.id),
    /** Keyed hash of the receipt code the submitter follows the idea with; the code itself is never stored. */
    receiptHash: text('receipt_hash').notNull().unique(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    theme: text('theme').notNull(),
    /** GB/T 2260 district code. */
    district: text('district').notNull(),
    /** Name shown publicly; null for anonymous. */
    displayName: text('display_name'),
    /** Phone or e-mail for the organisers only; erased after the retention period. */
    contact: text('contact'),
    contactErasedAt: integer('contact_erased_at'),
    /** Keyed hash of the normalised contact, to find a submitter's ideas for receipt recovery; erased with the contact. */
    contactKey: text('contact_key'),
    /** scrypt hash of the optional recovery passphrase (same format as passwords); erased with the contact. */
    recoveryHash: text('recovery_hash'),
    /** When the submitter agreed to the privacy notice. */
    consentAt: integer('consent_at').notNull(),
    /** pending | published | hidden | rejected | duplicate. */
    status: text('status', { enum: IDEA_STATUSES }).notNull().default('pending'),
    /** Sent to moderation flagged (word list). */
    flagged: flag('flagged', false),
    /** JSON array of reasons for the flag. */
    flagReasons: text('flag_reasons', { mode: 'json' }).$type<string[]>(),
    /** The moderator's note the submitter sees (reason for rejecting or hiding). */
    moderationNote: text('moderation_note'),
    /** The judging panel's public feedback. */
    panelFeedback: text('panel_feedback'),
    /** For status duplicate: the idea this one duplicates. */
    duplicateOfId: integer('duplicate_of_id').references((): AnySQLiteColumn => ideas.id),
    /**
     * 支持数 as shown and ranked: each address counts for at most `SUPPORTS_PER_ADDRESS` devices
     * (see api/ideas/support-count.ts and the README).
     */
    supportCount: integer('support_count').notNull().default(0),
    /** Every device's support, uncapped; for staff, beside `supportAddresses`. */
    supportRaw: integer('support_raw').notNull().default(0),
    /** Distinct client addresses (salted hashes) among the supports; for staff. */
    supportAddresses: integer('support_addresses').notNull().default(0),
    /** Hidden by three residents' reports (not by a moderator). */
    hiddenByReports: flag('hidden_by_reports', false),
    /** 入围: chosen for judging. */
    shortlisted: flag('shortlisted', false),
    /** Award code from the campaign's awards; public only once the campaign is announced. */
    award: text('award'),
    /** Why the award departs from the ranking (internal). */
    awardReason: text('award_reason'),
    hasPhoto: flag('has_photo', false),
    /** Salted hash of the submitter's address. */
    submitterHash: text('submitter_hash').notNull(),
    /** Keyed hash of the submitter's device token. */
    deviceHash: text('device_hash').notNull(),
    ...timestamps(),
    publishedAt: integer('published_at'),
  },
  (t) => [
    index('ideas_campaign_status').on(t.campaignId, t.status),
    index('ideas_status_created').on(t.status, t.createdAt),
    index('ideas_contact_key').on(t.contactKey),
  ],
);

/** Re-encoded photos (metadata stripped), kept in the database so every server process can serve them. */
export const ideaPhotos = sqliteTable('idea_photos', {
  ideaId: integer('idea_id')
    .primaryKey()
    .references(() => ideas.id),
  /** image/jpeg, image/png or image/webp. */
  contentType: text('content_type').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
});

/** A resident's reaction to an idea (支持 or 举报): which idea, from which device and address (keyed hashes). */
const reactionTo = () => ({
  ideaId: refersTo('idea_id', () => ideas.id),
  deviceHash: text('device_hash').notNull(),
  ipHash: text('ip_hash').notNull(),
});

/** 支持: one per idea and device. */
export const ideaSupports = sqliteTable(
  'idea_supports',
  {
    ...reactionTo(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.deviceHash] })],
);

/** 举报: one per idea from each device and from each address. */
export const ideaReports = sqliteTable(
  'idea_reports',
  {
    id: rowId(),
    ...reactionTo(),
    reason: text('reason').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set when a moderator has dealt with the report. */
    resolvedAt: integer('resolved_at'),
  },
  (t) => [uniqueIndex('idea_reports_device').on(t.ideaId, t.deviceHash), uniqueIndex('idea_reports_address').on(t.ideaId, t.ipHash)],
);

/** Judges assigned to a campaign. */
export const ideaJudges = sqliteTable(
  'idea_judges',
  {
    campaignId: refersTo('campaign_id', () => ideaCampaigns.id),
    accountId: refersTo('account_id', () => accounts.id),
    assignedAt: integer('assigned_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.accountId] })],
);

/** One judge's scores for one shortlisted idea; final once submitted. */
export const ideaScores = sqliteTable(
  'idea_scores',
  {
    id: rowId(),
    campaignId: refersTo('campaign_id', () => ideaCampaigns.id),
    ideaId: refersTo('idea_id', () => ideas.id),
    judgeId: refersTo('judge_id', () => accounts.id),
    /** JSON object criterion key → score 1–10. */
    scores: json<CriterionScores>('scores'),
    /** Weighted mean on the 1–10 scale, kept for sorting and export. */
    weighted: real('weighted').notNull(),
    /** Private comment, for admins only. */
    comment: text('comment').notNull().default(''),
    submittedAt: integer('submitted_at').notNull(),
  },
  (t) => [uniqueIndex('idea_scores_idea_judge').on(t.ideaId, t.judgeId), index('idea_scores_campaign').on(t.campaignId)],
);

/** Words that send a submission to moderation flagged; edited by admins. */
export const ideaFlagWords = sqliteTable('idea_flag_words', {
  word: text('word').primaryKey(),
  createdAt: integer('created_at').notNull(),
});

/** A campaign row. */
export type IdeaCampaignRow = typeof ideaCampaigns.$inferSelect;
/** An idea row. */
export type IdeaRow = typeof ideas.$inferSelect;
