DROP INDEX `delivery_items_state`;--> statement-breakpoint
ALTER TABLE `delivery_items` ADD `origin` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `delivery_items_claim` ON `delivery_items` (`delivery_id`,`origin`,`state`,`not_before`);--> statement-breakpoint
-- Items still to send get their origin (the endpoint up to the first '/' after '//', as splitEndpoint in api/push/sender.ts).
UPDATE `delivery_items` SET `origin` = coalesce((
  SELECT CASE WHEN instr(substr(s.endpoint, instr(s.endpoint, '//') + 2), '/') = 0 THEN s.endpoint
    ELSE substr(s.endpoint, 1, instr(s.endpoint, '//') + instr(substr(s.endpoint, instr(s.endpoint, '//') + 2), '/')) END
  FROM `push_subscriptions` s WHERE s.id = `delivery_items`.`subscription_id`), '')
WHERE `state` IN ('pending', 'sending');
