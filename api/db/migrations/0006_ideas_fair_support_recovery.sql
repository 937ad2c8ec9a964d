ALTER TABLE `ideas` ADD `contact_key` text;--> statement-breakpoint
ALTER TABLE `ideas` ADD `recovery_hash` text;--> statement-breakpoint
ALTER TABLE `ideas` ADD `support_raw` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `ideas` ADD `support_addresses` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `ideas_contact_key` ON `ideas` (`contact_key`);--> statement-breakpoint
UPDATE `ideas` SET
  `support_raw` = (SELECT count(*) FROM `idea_supports` s WHERE s.`idea_id` = `ideas`.`id`),
  `support_addresses` = (SELECT count(DISTINCT s.`ip_hash`) FROM `idea_supports` s WHERE s.`idea_id` = `ideas`.`id`),
  `support_count` = (SELECT coalesce(sum(min(n, 5)), 0) FROM (SELECT count(*) AS n FROM `idea_supports` s WHERE s.`idea_id` = `ideas`.`id` GROUP BY s.`ip_hash`));
