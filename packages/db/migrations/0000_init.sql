CREATE TABLE `conference_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`category` text NOT NULL,
	`capacity` integer,
	`needs_approval` integer DEFAULT false NOT NULL,
	`color` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "conference_categories_category" CHECK(category IN ('visitor', 'delegate', 'exhibitor', 'media', 'vip')),
	CONSTRAINT "conference_categories_capacity" CHECK("conference_categories"."capacity" IS NULL OR "conference_categories"."capacity" >= 0),
	CONSTRAINT "conference_categories_color" CHECK(color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conference_categories_once` ON `conference_categories` (`conference_id`,`category`);--> statement-breakpoint
CREATE TABLE `conferences` (
	`id` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`ref_prefix` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`venue_zh` text NOT NULL,
	`venue_en` text NOT NULL,
	`registration_opens_at` integer NOT NULL,
	`registration_closes_at` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`theme_color` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	CONSTRAINT "conferences_id_slug" CHECK("conferences"."id" GLOB '[a-z0-9]*' AND "conferences"."id" NOT GLOB '*[^a-z0-9-]*'),
	CONSTRAINT "conferences_status" CHECK(status IN ('draft', 'open', 'closed')),
	CONSTRAINT "conferences_starts_on" CHECK(starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "conferences_ends_on" CHECK(ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "conferences_dates_order" CHECK("conferences"."starts_on" <= "conferences"."ends_on"),
	CONSTRAINT "conferences_registration_order" CHECK("conferences"."registration_opens_at" < "conferences"."registration_closes_at"),
	CONSTRAINT "conferences_theme_color" CHECK(theme_color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
	CONSTRAINT "conferences_ref_prefix" CHECK("conferences"."ref_prefix" GLOB '[A-Z]*' AND length("conferences"."ref_prefix") BETWEEN 2 AND 5 AND "conferences"."ref_prefix" NOT GLOB '*[^A-Z]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conferences_refPrefix_unique` ON `conferences` (`ref_prefix`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`conference_id` text,
	`metric` text NOT NULL,
	`value` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "targets_scope" CHECK(scope IN ('conference', 'year')),
	CONSTRAINT "targets_metric" CHECK(metric IN ('signed_amount', 'formal_signing_count', 'landed_100yi_count', 'landed_amount')),
	CONSTRAINT "targets_scope_conference" CHECK(("targets"."scope" = 'conference') = ("targets"."conference_id" IS NOT NULL)),
	CONSTRAINT "targets_value" CHECK("targets"."value" > 0),
	CONSTRAINT "targets_period_start" CHECK(period_start GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "targets_period_end" CHECK(period_end GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "targets_period_order" CHECK("targets"."period_start" <= "targets"."period_end")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_conference_once` ON `targets` (`conference_id`,`metric`,`period_start`,`period_end`) WHERE "targets"."conference_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `targets_year_once` ON `targets` (`scope`,`metric`,`period_start`,`period_end`) WHERE "targets"."conference_id" IS NULL;--> statement-breakpoint
CREATE TABLE `industry_chains` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `industry_chains_nameZh_unique` ON `industry_chains` (`name_zh`);--> statement-breakpoint
CREATE TABLE `responsible_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responsible_units_nameZh_unique` ON `responsible_units` (`name_zh`);--> statement-breakpoint
CREATE TABLE `checkpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`allowed_categories` text NOT NULL,
	`entry_rule` text NOT NULL,
	`print_badge` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "checkpoints_entry_rule" CHECK(entry_rule IN ('once_per_conference', 'once_per_day')),
	CONSTRAINT "checkpoints_allowed_categories" CHECK(json_valid("checkpoints"."allowed_categories") AND json_type("checkpoints"."allowed_categories") = 'array')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkpoints_name_once` ON `checkpoints` (`conference_id`,`name_zh`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`source` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text,
	`subject_id` text,
	`detail` text,
	FOREIGN KEY (`actor_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_at` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `staff_user_roles` (
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`user_id`, `role`),
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "staff_user_roles_role" CHECK(role IN ('admin', 'recorder', 'door', 'leader'))
);
--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled_at` integer,
	`password_changed_at` integer,
	`created_at` integer NOT NULL,
	CONSTRAINT "staff_users_login" CHECK("staff_users"."login" = lower("staff_users"."login") AND length("staff_users"."login") BETWEEN 2 AND 64),
	CONSTRAINT "staff_users_password_hash" CHECK("staff_users"."password_hash" LIKE '$argon2id$%')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_login_unique` ON `staff_users` (`login`);