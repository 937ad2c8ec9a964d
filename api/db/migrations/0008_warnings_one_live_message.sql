ALTER TABLE `warnings` ADD `edited_by` integer;--> statement-breakpoint
ALTER TABLE `warnings` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `warnings` ADD `approved_by` integer;--> statement-breakpoint
ALTER TABLE `warnings` ADD `approved_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `warnings_one_successor` ON `warnings` (`replaces`) WHERE state = 'published';