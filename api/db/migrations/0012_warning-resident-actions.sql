ALTER TABLE `warnings` ADD `actions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `warnings` ADD `change_note` text;--> statement-breakpoint
ALTER TABLE `warnings` ADD `ending` text;--> statement-breakpoint
ALTER TABLE `warnings` ADD `ended_by` integer;