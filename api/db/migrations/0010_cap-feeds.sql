CREATE TABLE `cap_feed_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`feed_id` integer NOT NULL,
	`ref` text NOT NULL,
	`outcome` text NOT NULL,
	`warning_id` integer,
	`detail` text,
	`xml` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cap_feed_items_ref` ON `cap_feed_items` (`feed_id`,`ref`);--> statement-breakpoint
CREATE INDEX `cap_feed_items_at` ON `cap_feed_items` (`at`);--> statement-breakpoint
CREATE TABLE `cap_feeds` (
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
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cap_feeds_url_unique` ON `cap_feeds` (`url`);--> statement-breakpoint
CREATE TABLE `cap_trusted_senders` (
	`sender` text PRIMARY KEY NOT NULL,
	`exempt_two_person` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL
);
