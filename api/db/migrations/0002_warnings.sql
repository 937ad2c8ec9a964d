CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`warning_id` integer NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_warning_id_unique` ON `deliveries` (`warning_id`);--> statement-breakpoint
CREATE TABLE `delivery_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` integer NOT NULL,
	`subscription_id` integer NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` integer DEFAULT 0 NOT NULL,
	`last_status` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `delivery_items_pair` ON `delivery_items` (`delivery_id`,`subscription_id`);--> statement-breakpoint
CREATE INDEX `delivery_items_state` ON `delivery_items` (`delivery_id`,`state`,`not_before`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`districts` text NOT NULL,
	`hazards` text,
	`min_rank` integer NOT NULL,
	`exercises` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint_unique` ON `push_subscriptions` (`endpoint`);--> statement-breakpoint
CREATE TABLE `warning_templates` (
	`hazard` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`instruction` text NOT NULL,
	`response_type` text NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `warnings` (
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
	`areas` text NOT NULL,
	`polygon` text,
	`created_by` integer,
	`published_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warnings_identifier_unique` ON `warnings` (`identifier`);--> statement-breakpoint
CREATE INDEX `warnings_state_expires` ON `warnings` (`state`,`expires`);