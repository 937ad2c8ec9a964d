ALTER TABLE `contest_attempts` ADD `more_time_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `more_time_ms` integer DEFAULT 0 NOT NULL;