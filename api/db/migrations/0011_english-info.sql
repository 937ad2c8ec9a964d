ALTER TABLE `warnings` ADD `headline_en` text;--> statement-breakpoint
ALTER TABLE `warnings` ADD `description_en` text;--> statement-breakpoint
ALTER TABLE `warnings` ADD `instruction_en` text;