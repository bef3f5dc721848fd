CREATE TABLE `delegations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`organisation` text NOT NULL,
	`leader_name` text NOT NULL,
	`leader_mobile` text,
	`leader_email` text,
	`quota` integer NOT NULL,
	`secret` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "delegations_category" CHECK(category IN ('visitor', 'delegate', 'exhibitor', 'media', 'vip')),
	CONSTRAINT "delegations_quota" CHECK("delegations"."quota" BETWEEN 1 AND 10000),
	CONSTRAINT "delegations_leader_contact" CHECK("delegations"."leader_mobile" IS NOT NULL OR "delegations"."leader_email" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `delegations_secret_unique` ON `delegations` (`secret`);--> statement-breakpoint
CREATE INDEX `delegations_conference` ON `delegations` (`conference_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`organisation` text NOT NULL,
	`title` text NOT NULL,
	`mobile` text,
	`email` text,
	`country` text NOT NULL,
	`language` text NOT NULL,
	`status` text DEFAULT 'sent' NOT NULL,
	`secret` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer NOT NULL,
	`send_count` integer DEFAULT 1 NOT NULL,
	`opened_at` integer,
	`answered_at` integer,
	`registration_id` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invitations_status" CHECK(status IN ('sent', 'opened', 'accepted', 'declined', 'revoked')),
	CONSTRAINT "invitations_category" CHECK(category IN ('visitor', 'delegate', 'exhibitor', 'media', 'vip')),
	CONSTRAINT "invitations_contact" CHECK("invitations"."mobile" IS NOT NULL OR "invitations"."email" IS NOT NULL),
	CONSTRAINT "invitations_accepted" CHECK(("invitations"."status" = 'accepted') = ("invitations"."registration_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_secret_unique` ON `invitations` (`secret`);--> statement-breakpoint
CREATE INDEX `invitations_conference_status` ON `invitations` (`conference_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_mobile_once` ON `invitations` (`conference_id`,`mobile`) WHERE "invitations"."mobile" IS NOT NULL AND "invitations"."status" IN ('sent', 'opened');--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_email_once` ON `invitations` (`conference_id`,`email`) WHERE "invitations"."email" IS NOT NULL AND "invitations"."status" IN ('sent', 'opened');--> statement-breakpoint
CREATE TABLE `registration_answers` (
	`registration_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`registration_id`, `question_id`),
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `registration_questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `registration_answers_question` ON `registration_answers` (`question_id`,`value`);--> statement-breakpoint
CREATE TABLE `registration_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`category` text NOT NULL,
	`kind` text NOT NULL,
	`label_zh` text NOT NULL,
	`label_en` text NOT NULL,
	`options` text,
	`required` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "registration_questions_kind" CHECK(kind IN ('text', 'single', 'multiple', 'yes_no', 'date')),
	CONSTRAINT "registration_questions_category" CHECK(category IN ('visitor', 'delegate', 'exhibitor', 'media', 'vip')),
	CONSTRAINT "registration_questions_options" CHECK(("registration_questions"."kind" IN ('single', 'multiple')) = ("registration_questions"."options" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `registration_questions_conference` ON `registration_questions` (`conference_id`,`category`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`audience` text NOT NULL,
	`body_zh` text NOT NULL,
	`body_en` text NOT NULL,
	`recipient_count` integer NOT NULL,
	`request_id` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notices_recipient_count" CHECK("notices"."recipient_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_requestId_unique` ON `notices` (`request_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`registration_id` integer,
	`invitation_id` integer,
	`delegation_id` integer,
	`notice_id` integer,
	`once_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`delegation_id`) REFERENCES `delegations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_channel" CHECK(channel IN ('mail', 'sms')),
	CONSTRAINT "outbox_kind" CHECK(kind IN ('registration_received', 'registration_confirmed', 'registration_declined', 'registration_reminder', 'invitation', 'delegation_link', 'notice')),
	CONSTRAINT "outbox_status" CHECK(status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
	CONSTRAINT "outbox_attempts" CHECK("outbox"."attempts" >= 0),
	CONSTRAINT "outbox_subject" CHECK(("outbox"."registration_id" IS NOT NULL) + ("outbox"."invitation_id" IS NOT NULL) + ("outbox"."delegation_id" IS NOT NULL) = 1),
	CONSTRAINT "outbox_notice" CHECK(("outbox"."kind" = 'notice') = ("outbox"."notice_id" IS NOT NULL AND "outbox"."registration_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_onceKey_unique` ON `outbox` (`once_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`channel`,`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_registration` ON `outbox` (`registration_id`);--> statement-breakpoint
CREATE INDEX `outbox_invitation` ON `outbox` (`invitation_id`);--> statement-breakpoint
CREATE INDEX `outbox_notice` ON `outbox` (`notice_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`category` text NOT NULL,
	`name` text NOT NULL,
	`organisation` text NOT NULL,
	`title` text NOT NULL,
	`mobile` text,
	`email` text,
	`country` text NOT NULL,
	`language` text NOT NULL,
	`consent_at` integer NOT NULL,
	`status` text NOT NULL,
	`reference` text NOT NULL,
	`ticket_secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` integer,
	`cancelled_at` integer,
	`delegation_id` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`delegation_id`) REFERENCES `delegations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "registrations_status" CHECK(status IN ('pending', 'pending_vetting', 'confirmed', 'rejected', 'cancelled')),
	CONSTRAINT "registrations_category" CHECK(category IN ('visitor', 'delegate', 'exhibitor', 'media', 'vip')),
	CONSTRAINT "registrations_contact" CHECK("__new_registrations"."mobile" IS NOT NULL OR "__new_registrations"."email" IS NOT NULL),
	CONSTRAINT "registrations_mobile_e164" CHECK("__new_registrations"."mobile" IS NULL OR "__new_registrations"."mobile" GLOB '+[1-9]*')
);
--> statement-breakpoint
INSERT INTO `__new_registrations`("id", "conference_id", "category", "name", "organisation", "title", "mobile", "email", "country", "language", "consent_at", "status", "reference", "ticket_secret", "created_at", "decided_at", "decided_by", "cancelled_at") SELECT "id", "conference_id", "category", "name", "organisation", "title", "mobile", "email", "country", "language", "consent_at", "status", "reference", "ticket_secret", "created_at", "decided_at", "decided_by", "cancelled_at" FROM `registrations`;--> statement-breakpoint
DROP TABLE `registrations`;--> statement-breakpoint
ALTER TABLE `__new_registrations` RENAME TO `registrations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_reference_unique` ON `registrations` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_ticketSecret_unique` ON `registrations` (`ticket_secret`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_mobile_once` ON `registrations` (`conference_id`,`mobile`) WHERE "registrations"."mobile" IS NOT NULL AND "registrations"."status" != 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_email_once` ON `registrations` (`conference_id`,`email`) WHERE "registrations"."email" IS NOT NULL AND "registrations"."status" != 'cancelled';--> statement-breakpoint
CREATE INDEX `registrations_conference_category` ON `registrations` (`conference_id`,`category`,`status`);--> statement-breakpoint
CREATE INDEX `registrations_delegation` ON `registrations` (`delegation_id`);--> statement-breakpoint
ALTER TABLE `conference_categories` ADD `by_invitation` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `conference_categories` ADD `needs_vetting` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Mail was the only channel: its queue moves into the outbox of every channel, ids kept.
INSERT INTO `outbox` (`id`, `channel`, `kind`, `registration_id`, `status`, `attempts`, `next_attempt_at`, `last_error`, `created_at`, `sent_at`) SELECT `id`, 'mail', `kind`, `registration_id`, `status`, `attempts`, `next_attempt_at`, `last_error`, `created_at`, `sent_at` FROM `mail_outbox`;
