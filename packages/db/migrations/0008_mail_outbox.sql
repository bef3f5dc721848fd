CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`registration_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mail_outbox_kind" CHECK(kind IN ('registration_received', 'registration_confirmed')),
	CONSTRAINT "mail_outbox_status" CHECK(status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
	CONSTRAINT "mail_outbox_attempts" CHECK("mail_outbox"."attempts" >= 0)
);
--> statement-breakpoint
CREATE INDEX `mail_outbox_due` ON `mail_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `mail_outbox_registration` ON `mail_outbox` (`registration_id`);