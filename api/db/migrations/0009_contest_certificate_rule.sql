ALTER TABLE `contests` ADD `certificate_rule` text DEFAULT 'top' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `pass_score` integer DEFAULT 0 NOT NULL;