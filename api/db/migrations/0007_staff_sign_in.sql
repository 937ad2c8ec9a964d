CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_codes_account_hash` ON `recovery_codes` (`account_id`,`code_hash`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `totp_pending` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `totp_last_step` integer;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `aggregate_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_aggregate` ON `audit_log` (`aggregate_key`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `via_recovery` integer DEFAULT false NOT NULL;