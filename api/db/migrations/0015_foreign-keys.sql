PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`warning_id` integer NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`warning_id`) REFERENCES `warnings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_deliveries`("id", "warning_id", "state", "created_at", "finished_at") SELECT "id", "warning_id", "state", "created_at", "finished_at" FROM `deliveries`;--> statement-breakpoint
DROP TABLE `deliveries`;--> statement-breakpoint
ALTER TABLE `__new_deliveries` RENAME TO `deliveries`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_warning_id_unique` ON `deliveries` (`warning_id`);--> statement-breakpoint
CREATE TABLE `__new_delivery_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` integer NOT NULL,
	`subscription_id` integer NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` integer DEFAULT 0 NOT NULL,
	`last_status` integer,
	`claim` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_delivery_items`("id", "delivery_id", "subscription_id", "state", "attempts", "not_before", "last_status", "claim") SELECT "id", "delivery_id", "subscription_id", "state", "attempts", "not_before", "last_status", "claim" FROM `delivery_items`;--> statement-breakpoint
DROP TABLE `delivery_items`;--> statement-breakpoint
ALTER TABLE `__new_delivery_items` RENAME TO `delivery_items`;--> statement-breakpoint
CREATE UNIQUE INDEX `delivery_items_pair` ON `delivery_items` (`delivery_id`,`subscription_id`);--> statement-breakpoint
CREATE INDEX `delivery_items_state` ON `delivery_items` (`delivery_id`,`state`,`not_before`);--> statement-breakpoint
CREATE TABLE `__new_warning_templates` (
	`hazard` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`instruction` text NOT NULL,
	`response_type` text NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_warning_templates`("hazard", "title", "description", "instruction", "response_type", "updated_by", "updated_at") SELECT "hazard", "title", "description", "instruction", "response_type", "updated_by", "updated_at" FROM `warning_templates`;--> statement-breakpoint
DROP TABLE `warning_templates`;--> statement-breakpoint
ALTER TABLE `__new_warning_templates` RENAME TO `warning_templates`;--> statement-breakpoint
CREATE TABLE `__new_warnings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`state` text NOT NULL,
	`identifier` text,
	`sender` text NOT NULL,
	`sender_name` text NOT NULL,
	`sent` integer,
	`status` text NOT NULL,
	`msg_type` text NOT NULL,
	`references` text,
	`replaces` integer,
	`superseded_by` integer,
	`hazard` text NOT NULL,
	`level` text NOT NULL,
	`urgency` text NOT NULL,
	`certainty` text NOT NULL,
	`response_type` text NOT NULL,
	`effective` integer NOT NULL,
	`onset` integer,
	`expires` integer NOT NULL,
	`headline` text NOT NULL,
	`description` text NOT NULL,
	`instruction` text NOT NULL,
	`headline_en` text,
	`description_en` text,
	`instruction_en` text,
	`actions` text DEFAULT '[]' NOT NULL,
	`change_note` text,
	`ending` text,
	`ended_by` integer,
	`areas` text NOT NULL,
	`polygon` text,
	`created_by` integer,
	`edited_by` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	`approved_by` integer,
	`approved_at` integer,
	`published_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`replaces`) REFERENCES `warnings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`superseded_by`) REFERENCES `warnings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by`) REFERENCES `warnings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_warnings`("id", "state", "identifier", "sender", "sender_name", "sent", "status", "msg_type", "references", "replaces", "superseded_by", "hazard", "level", "urgency", "certainty", "response_type", "effective", "onset", "expires", "headline", "description", "instruction", "headline_en", "description_en", "instruction_en", "actions", "change_note", "ending", "ended_by", "areas", "polygon", "created_by", "edited_by", "revision", "approved_by", "approved_at", "published_by", "created_at", "updated_at") SELECT "id", "state", "identifier", "sender", "sender_name", "sent", "status", "msg_type", "references", "replaces", "superseded_by", "hazard", "level", "urgency", "certainty", "response_type", "effective", "onset", "expires", "headline", "description", "instruction", "headline_en", "description_en", "instruction_en", "actions", "change_note", "ending", "ended_by", "areas", "polygon", "created_by", "edited_by", "revision", "approved_by", "approved_at", "published_by", "created_at", "updated_at" FROM `warnings`;--> statement-breakpoint
DROP TABLE `warnings`;--> statement-breakpoint
ALTER TABLE `__new_warnings` RENAME TO `warnings`;--> statement-breakpoint
CREATE UNIQUE INDEX `warnings_identifier_unique` ON `warnings` (`identifier`);--> statement-breakpoint
CREATE INDEX `warnings_state_expires` ON `warnings` (`state`,`expires`);--> statement-breakpoint
CREATE UNIQUE INDEX `warnings_one_successor` ON `warnings` (`replaces`) WHERE state = 'published';--> statement-breakpoint
CREATE TABLE `__new_contest_answers` (
	`attempt_id` integer NOT NULL,
	`position` integer NOT NULL,
	`choice` text NOT NULL,
	`correct` integer NOT NULL,
	`rev` integer NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `position`),
	FOREIGN KEY (`attempt_id`) REFERENCES `contest_attempts`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
INSERT INTO `__new_contest_answers`("attempt_id", "position", "choice", "correct", "rev", "saved_at") SELECT "attempt_id", "position", "choice", "correct", "rev", "saved_at" FROM `contest_answers`;--> statement-breakpoint
DROP TABLE `contest_answers`;--> statement-breakpoint
ALTER TABLE `__new_contest_answers` RENAME TO `contest_answers`;--> statement-breakpoint
CREATE TABLE `__new_contest_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contest_id` integer NOT NULL,
	`participant_key` text NOT NULL,
	`name_key` text NOT NULL,
	`attempt_no` integer NOT NULL,
	`name` text NOT NULL,
	`team` text DEFAULT '' NOT NULL,
	`class_name` text DEFAULT '' NOT NULL,
	`student_no` text DEFAULT '' NOT NULL,
	`device_hash` text NOT NULL,
	`ip_hash` text,
	`started_at` integer NOT NULL,
	`deadline` integer NOT NULL,
	`extra_ms` integer DEFAULT 0 NOT NULL,
	`more_time_ms` integer DEFAULT 0 NOT NULL,
	`submitted_at` integer,
	`finished_by` text,
	`correct` integer,
	`question_order` text NOT NULL,
	`option_orders` text NOT NULL,
	`certificate_code` text NOT NULL,
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
INSERT INTO `__new_contest_attempts`("id", "contest_id", "participant_key", "name_key", "attempt_no", "name", "team", "class_name", "student_no", "device_hash", "ip_hash", "started_at", "deadline", "extra_ms", "more_time_ms", "submitted_at", "finished_by", "correct", "question_order", "option_orders", "certificate_code") SELECT "id", "contest_id", "participant_key", "name_key", "attempt_no", "name", "team", "class_name", "student_no", "device_hash", "ip_hash", "started_at", "deadline", "extra_ms", "more_time_ms", "submitted_at", "finished_by", "correct", "question_order", "option_orders", "certificate_code" FROM `contest_attempts`;--> statement-breakpoint
DROP TABLE `contest_attempts`;--> statement-breakpoint
ALTER TABLE `__new_contest_attempts` RENAME TO `contest_attempts`;--> statement-breakpoint
CREATE UNIQUE INDEX `contest_attempts_certificate_code_unique` ON `contest_attempts` (`certificate_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `contest_attempts_participant` ON `contest_attempts` (`contest_id`,`participant_key`,`attempt_no`);--> statement-breakpoint
CREATE INDEX `contest_attempts_device` ON `contest_attempts` (`contest_id`,`device_hash`);--> statement-breakpoint
CREATE INDEX `contest_attempts_name` ON `contest_attempts` (`contest_id`,`name_key`);--> statement-breakpoint
CREATE TABLE `__new_contest_extra_times` (
	`contest_id` integer NOT NULL,
	`name_key` text NOT NULL,
	`extra_ms` integer NOT NULL,
	`granted_by` integer NOT NULL,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `name_key`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_contest_extra_times`("contest_id", "name_key", "extra_ms", "granted_by", "granted_at") SELECT "contest_id", "name_key", "extra_ms", "granted_by", "granted_at" FROM `contest_extra_times`;--> statement-breakpoint
DROP TABLE `contest_extra_times`;--> statement-breakpoint
ALTER TABLE `__new_contest_extra_times` RENAME TO `contest_extra_times`;--> statement-breakpoint
CREATE TABLE `__new_contest_questions` (
	`contest_id` integer NOT NULL,
	`position` integer NOT NULL,
	`question_id` text NOT NULL,
	`type` text NOT NULL,
	`stem` text NOT NULL,
	`options` text NOT NULL,
	`answer` text NOT NULL,
	`explanation` text NOT NULL,
	`guide` text NOT NULL,
	`category` text NOT NULL,
	`difficulty` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `position`),
	FOREIGN KEY (`contest_id`) REFERENCES `contests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_contest_questions`("contest_id", "position", "question_id", "type", "stem", "options", "answer", "explanation", "guide", "category", "difficulty") SELECT "contest_id", "position", "question_id", "type", "stem", "options", "answer", "explanation", "guide", "category", "difficulty" FROM `contest_questions`;--> statement-breakpoint
DROP TABLE `contest_questions`;--> statement-breakpoint
ALTER TABLE `__new_contest_questions` RENAME TO `contest_questions`;--> statement-breakpoint
CREATE TABLE `__new_contests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`unit_name` text NOT NULL,
	`unit_district` text,
	`created_by` integer NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`audience` text NOT NULL,
	`selection` text NOT NULL,
	`time_limit_ms` integer NOT NULL,
	`more_time_ms` integer DEFAULT 0 NOT NULL,
	`attempts_allowed` integer DEFAULT 1 NOT NULL,
	`shuffle_questions` integer DEFAULT true NOT NULL,
	`shuffle_options` integer DEFAULT true NOT NULL,
	`reveal_answers` text DEFAULT 'submit' NOT NULL,
	`team_mode` text DEFAULT 'list' NOT NULL,
	`teams` text DEFAULT '[]' NOT NULL,
	`ask_class` integer DEFAULT false NOT NULL,
	`ask_student_no` integer DEFAULT false NOT NULL,
	`shared_devices` integer DEFAULT false NOT NULL,
	`name_display` text DEFAULT 'masked' NOT NULL,
	`team_scoring` text DEFAULT 'average' NOT NULL,
	`team_best_n` integer DEFAULT 5 NOT NULL,
	`honour_top` integer DEFAULT 3 NOT NULL,
	`certificate_rule` text DEFAULT 'top' NOT NULL,
	`pass_score` integer DEFAULT 0 NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_contests`("id", "code", "title", "description", "unit_name", "unit_district", "created_by", "opens_at", "closes_at", "audience", "selection", "time_limit_ms", "more_time_ms", "attempts_allowed", "shuffle_questions", "shuffle_options", "reveal_answers", "team_mode", "teams", "ask_class", "ask_student_no", "shared_devices", "name_display", "team_scoring", "team_best_n", "honour_top", "certificate_rule", "pass_score", "archived_at", "created_at", "updated_at") SELECT "id", "code", "title", "description", "unit_name", "unit_district", "created_by", "opens_at", "closes_at", "audience", "selection", "time_limit_ms", "more_time_ms", "attempts_allowed", "shuffle_questions", "shuffle_options", "reveal_answers", "team_mode", "teams", "ask_class", "ask_student_no", "shared_devices", "name_display", "team_scoring", "team_best_n", "honour_top", "certificate_rule", "pass_score", "archived_at", "created_at", "updated_at" FROM `contests`;--> statement-breakpoint
DROP TABLE `contests`;--> statement-breakpoint
ALTER TABLE `__new_contests` RENAME TO `contests`;--> statement-breakpoint
CREATE UNIQUE INDEX `contests_code_unique` ON `contests` (`code`);--> statement-breakpoint
CREATE INDEX `contests_unit` ON `contests` (`unit_name`,`unit_district`);--> statement-breakpoint
CREATE TABLE `__new_ideas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`receipt_hash` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`body` text NOT NULL,
	`theme` text NOT NULL,
	`district` text NOT NULL,
	`display_name` text,
	`contact` text,
	`contact_erased_at` integer,
	`contact_key` text,
	`recovery_hash` text,
	`consent_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`flag_reasons` text,
	`moderation_note` text,
	`panel_feedback` text,
	`duplicate_of_id` integer,
	`support_count` integer DEFAULT 0 NOT NULL,
	`support_raw` integer DEFAULT 0 NOT NULL,
	`support_addresses` integer DEFAULT 0 NOT NULL,
	`hidden_by_reports` integer DEFAULT false NOT NULL,
	`shortlisted` integer DEFAULT false NOT NULL,
	`award` text,
	`award_reason` text,
	`has_photo` integer DEFAULT false NOT NULL,
	`submitter_hash` text NOT NULL,
	`device_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `idea_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`duplicate_of_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_ideas`("id", "campaign_id", "receipt_hash", "title", "summary", "body", "theme", "district", "display_name", "contact", "contact_erased_at", "contact_key", "recovery_hash", "consent_at", "status", "flagged", "flag_reasons", "moderation_note", "panel_feedback", "duplicate_of_id", "support_count", "support_raw", "support_addresses", "hidden_by_reports", "shortlisted", "award", "award_reason", "has_photo", "submitter_hash", "device_hash", "created_at", "updated_at", "published_at") SELECT "id", "campaign_id", "receipt_hash", "title", "summary", "body", "theme", "district", "display_name", "contact", "contact_erased_at", "contact_key", "recovery_hash", "consent_at", "status", "flagged", "flag_reasons", "moderation_note", "panel_feedback", "duplicate_of_id", "support_count", "support_raw", "support_addresses", "hidden_by_reports", "shortlisted", "award", "award_reason", "has_photo", "submitter_hash", "device_hash", "created_at", "updated_at", "published_at" FROM `ideas`;--> statement-breakpoint
DROP TABLE `ideas`;--> statement-breakpoint
ALTER TABLE `__new_ideas` RENAME TO `ideas`;--> statement-breakpoint
CREATE UNIQUE INDEX `ideas_receipt_hash_unique` ON `ideas` (`receipt_hash`);--> statement-breakpoint
CREATE INDEX `ideas_campaign_status` ON `ideas` (`campaign_id`,`status`);--> statement-breakpoint
CREATE INDEX `ideas_status_created` ON `ideas` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `ideas_contact_key` ON `ideas` (`contact_key`);--> statement-breakpoint
CREATE TABLE `__new_cap_feed_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`feed_id` integer NOT NULL,
	`ref` text NOT NULL,
	`outcome` text NOT NULL,
	`warning_id` integer,
	`detail` text,
	`xml` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`feed_id`) REFERENCES `cap_feeds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`warning_id`) REFERENCES `warnings`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_cap_feed_items`("id", "feed_id", "ref", "outcome", "warning_id", "detail", "xml", "at") SELECT "id", "feed_id", "ref", "outcome", "warning_id", "detail", "xml", "at" FROM `cap_feed_items`;--> statement-breakpoint
DROP TABLE `cap_feed_items`;--> statement-breakpoint
ALTER TABLE `__new_cap_feed_items` RENAME TO `cap_feed_items`;--> statement-breakpoint
CREATE UNIQUE INDEX `cap_feed_items_ref` ON `cap_feed_items` (`feed_id`,`ref`);--> statement-breakpoint
CREATE INDEX `cap_feed_items_at` ON `cap_feed_items` (`at`);--> statement-breakpoint
CREATE TABLE `__new_cap_feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`name` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`etag` text,
	`last_modified` text,
	`last_poll_at` integer,
	`last_ok_at` integer,
	`last_message_at` integer,
	`last_error` text,
	`failures` integer DEFAULT 0 NOT NULL,
	`next_poll_at` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_cap_feeds`("id", "url", "name", "enabled", "etag", "last_modified", "last_poll_at", "last_ok_at", "last_message_at", "last_error", "failures", "next_poll_at", "created_by", "created_at") SELECT "id", "url", "name", "enabled", "etag", "last_modified", "last_poll_at", "last_ok_at", "last_message_at", "last_error", "failures", "next_poll_at", "created_by", "created_at" FROM `cap_feeds`;--> statement-breakpoint
DROP TABLE `cap_feeds`;--> statement-breakpoint
ALTER TABLE `__new_cap_feeds` RENAME TO `cap_feeds`;--> statement-breakpoint
CREATE UNIQUE INDEX `cap_feeds_url_unique` ON `cap_feeds` (`url`);--> statement-breakpoint
CREATE TABLE `__new_cap_trusted_senders` (
	`sender` text PRIMARY KEY NOT NULL,
	`exempt_two_person` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_cap_trusted_senders`("sender", "exempt_two_person", "created_by", "created_at") SELECT "sender", "exempt_two_person", "created_by", "created_at" FROM `cap_trusted_senders`;--> statement-breakpoint
DROP TABLE `cap_trusted_senders`;--> statement-breakpoint
ALTER TABLE `__new_cap_trusted_senders` RENAME TO `cap_trusted_senders`;--> statement-breakpoint
UPDATE `cap_feed_items` SET `warning_id` = NULL WHERE `warning_id` IS NOT NULL AND `warning_id` NOT IN (SELECT `id` FROM `warnings`);