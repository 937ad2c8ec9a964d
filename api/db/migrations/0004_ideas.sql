CREATE TABLE `idea_campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`themes` text NOT NULL,
	`collect_starts_at` integer NOT NULL,
	`collect_ends_at` integer NOT NULL,
	`judging_ends_at` integer NOT NULL,
	`awards` text NOT NULL,
	`criteria` text NOT NULL,
	`contact_retention_days` integer DEFAULT 30 NOT NULL,
	`announced_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idea_flag_words` (
	`word` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idea_judges` (
	`campaign_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`assigned_at` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `account_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `idea_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `idea_photos` (
	`idea_id` integer PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`data` blob NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `idea_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idea_id` integer NOT NULL,
	`device_hash` text NOT NULL,
	`ip_hash` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idea_reports_device` ON `idea_reports` (`idea_id`,`device_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `idea_reports_address` ON `idea_reports` (`idea_id`,`ip_hash`);--> statement-breakpoint
CREATE TABLE `idea_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`idea_id` integer NOT NULL,
	`judge_id` integer NOT NULL,
	`scores` text NOT NULL,
	`weighted` real NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `idea_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`judge_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idea_scores_idea_judge` ON `idea_scores` (`idea_id`,`judge_id`);--> statement-breakpoint
CREATE INDEX `idea_scores_campaign` ON `idea_scores` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `idea_supports` (
	`idea_id` integer NOT NULL,
	`device_hash` text NOT NULL,
	`ip_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`idea_id`, `device_hash`),
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ideas` (
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
	`consent_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`flag_reasons` text,
	`moderation_note` text,
	`panel_feedback` text,
	`duplicate_of_id` integer,
	`support_count` integer DEFAULT 0 NOT NULL,
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
	FOREIGN KEY (`campaign_id`) REFERENCES `idea_campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ideas_receipt_hash_unique` ON `ideas` (`receipt_hash`);--> statement-breakpoint
CREATE INDEX `ideas_campaign_status` ON `ideas` (`campaign_id`,`status`);--> statement-breakpoint
CREATE INDEX `ideas_status_created` ON `ideas` (`status`,`created_at`);