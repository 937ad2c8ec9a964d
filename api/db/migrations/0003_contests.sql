CREATE TABLE `contest_answers` (
	`attempt_id` integer NOT NULL,
	`position` integer NOT NULL,
	`choice` text NOT NULL,
	`correct` integer NOT NULL,
	`rev` integer NOT NULL,
	`saved_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `position`)
);
--> statement-breakpoint
CREATE TABLE `contest_attempts` (
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
	`submitted_at` integer,
	`finished_by` text,
	`correct` integer,
	`question_order` text NOT NULL,
	`option_orders` text NOT NULL,
	`certificate_code` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contest_attempts_certificate_code_unique` ON `contest_attempts` (`certificate_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `contest_attempts_participant` ON `contest_attempts` (`contest_id`,`participant_key`,`attempt_no`);--> statement-breakpoint
CREATE INDEX `contest_attempts_device` ON `contest_attempts` (`contest_id`,`device_hash`);--> statement-breakpoint
CREATE INDEX `contest_attempts_name` ON `contest_attempts` (`contest_id`,`name_key`);--> statement-breakpoint
CREATE TABLE `contest_extra_times` (
	`contest_id` integer NOT NULL,
	`name_key` text NOT NULL,
	`extra_ms` integer NOT NULL,
	`granted_by` integer NOT NULL,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `name_key`)
);
--> statement-breakpoint
CREATE TABLE `contest_questions` (
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
	PRIMARY KEY(`contest_id`, `position`)
);
--> statement-breakpoint
CREATE TABLE `contests` (
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
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contests_code_unique` ON `contests` (`code`);--> statement-breakpoint
CREATE INDEX `contests_unit` ON `contests` (`unit_name`,`unit_district`);