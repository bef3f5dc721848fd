PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`conference_id` text,
	`responsible_unit_id` integer,
	`metric` text NOT NULL,
	`value` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`retired_at` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`responsible_unit_id`) REFERENCES `responsible_units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "targets_scope" CHECK(scope IN ('conference', 'year', 'unit')),
	CONSTRAINT "targets_metric" CHECK(metric IN ('signed_amount', 'formal_signing_count', 'landed_100yi_count', 'landed_amount')),
	CONSTRAINT "targets_scope_conference" CHECK(("__new_targets"."scope" = 'conference') = ("__new_targets"."conference_id" IS NOT NULL)),
	CONSTRAINT "targets_scope_unit" CHECK(("__new_targets"."scope" = 'unit') = ("__new_targets"."responsible_unit_id" IS NOT NULL)),
	CONSTRAINT "targets_value" CHECK("__new_targets"."value" > 0),
	CONSTRAINT "targets_period_start" CHECK(period_start GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "targets_period_end" CHECK(period_end GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "targets_period_order" CHECK("__new_targets"."period_start" <= "__new_targets"."period_end")
);
--> statement-breakpoint
INSERT INTO `__new_targets`("id", "scope", "conference_id", "responsible_unit_id", "metric", "value", "period_start", "period_end", "created_at", "updated_at", "retired_at") SELECT "id", "scope", "conference_id", NULL, "metric", "value", "period_start", "period_end", "created_at", "updated_at", NULL FROM `targets`;--> statement-breakpoint
DROP TABLE `targets`;--> statement-breakpoint
ALTER TABLE `__new_targets` RENAME TO `targets`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `targets_conference_once` ON `targets` (`conference_id`,`metric`,`period_start`,`period_end`) WHERE "targets"."conference_id" IS NOT NULL AND "targets"."retired_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `targets_year_once` ON `targets` (`scope`,`metric`,`period_start`,`period_end`) WHERE "targets"."scope" = 'year' AND "targets"."retired_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `targets_unit_once` ON `targets` (`responsible_unit_id`,`metric`,`period_start`,`period_end`) WHERE "targets"."responsible_unit_id" IS NOT NULL AND "targets"."retired_at" IS NULL;