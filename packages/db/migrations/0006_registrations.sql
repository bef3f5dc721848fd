CREATE TABLE `registrations` (
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
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "registrations_status" CHECK(status IN ('pending', 'confirmed', 'rejected', 'cancelled')),
	CONSTRAINT "registrations_category" CHECK(category IN ('visitor', 'delegate', 'exhibitor', 'media', 'vip')),
	CONSTRAINT "registrations_contact" CHECK("registrations"."mobile" IS NOT NULL OR "registrations"."email" IS NOT NULL),
	CONSTRAINT "registrations_mobile_e164" CHECK("registrations"."mobile" IS NULL OR "registrations"."mobile" GLOB '+[1-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_reference_unique` ON `registrations` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_ticketSecret_unique` ON `registrations` (`ticket_secret`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_mobile_once` ON `registrations` (`conference_id`,`mobile`) WHERE "registrations"."mobile" IS NOT NULL AND "registrations"."status" != 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_email_once` ON `registrations` (`conference_id`,`email`) WHERE "registrations"."email" IS NOT NULL AND "registrations"."status" != 'cancelled';--> statement-breakpoint
CREATE INDEX `registrations_conference_category` ON `registrations` (`conference_id`,`category`,`status`);--> statement-breakpoint
CREATE TABLE `ticket_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`conference_id` text NOT NULL,
	`public_key` text NOT NULL,
	`private_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action
);
