PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_conferences` (
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
	CONSTRAINT "conferences_id_slug" CHECK("__new_conferences"."id" GLOB '[a-z0-9]*' AND "__new_conferences"."id" NOT GLOB '*[^a-z0-9-]*'),
	CONSTRAINT "conferences_status" CHECK(status IN ('draft', 'open', 'closed', 'archived')),
	CONSTRAINT "conferences_starts_on" CHECK(starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "conferences_ends_on" CHECK(ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "conferences_dates_order" CHECK("__new_conferences"."starts_on" <= "__new_conferences"."ends_on"),
	CONSTRAINT "conferences_registration_order" CHECK("__new_conferences"."registration_opens_at" < "__new_conferences"."registration_closes_at"),
	CONSTRAINT "conferences_theme_color" CHECK(theme_color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
	CONSTRAINT "conferences_ref_prefix" CHECK("__new_conferences"."ref_prefix" GLOB '[A-Z]*' AND length("__new_conferences"."ref_prefix") BETWEEN 2 AND 8 AND "__new_conferences"."ref_prefix" NOT GLOB '*[^A-Z0-9]*')
);
--> statement-breakpoint
INSERT INTO `__new_conferences`("id", "name_zh", "name_en", "ref_prefix", "starts_on", "ends_on", "venue_zh", "venue_en", "registration_opens_at", "registration_closes_at", "status", "theme_color", "created_at", "updated_at") SELECT "id", "name_zh", "name_en", "ref_prefix", "starts_on", "ends_on", "venue_zh", "venue_en", "registration_opens_at", "registration_closes_at", "status", "theme_color", "created_at", "updated_at" FROM `conferences`;--> statement-breakpoint
DROP TABLE `conferences`;--> statement-breakpoint
ALTER TABLE `__new_conferences` RENAME TO `conferences`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `conferences_refPrefix_unique` ON `conferences` (`ref_prefix`);--> statement-breakpoint
ALTER TABLE `conference_categories` ADD `name_zh` text;--> statement-breakpoint
ALTER TABLE `conference_categories` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `conference_categories` ADD `description_zh` text;--> statement-breakpoint
ALTER TABLE `conference_categories` ADD `description_en` text;--> statement-breakpoint
ALTER TABLE `conference_categories` ADD `open` integer DEFAULT true NOT NULL;