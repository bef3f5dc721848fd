CREATE TABLE `deal_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`filename` text NOT NULL,
	`row_count` integer NOT NULL,
	`total_investment` integer NOT NULL,
	`rows` text NOT NULL,
	`warnings` text NOT NULL,
	`status` text DEFAULT 'previewed' NOT NULL,
	`committed_at` integer,
	`first_seq` integer,
	`last_seq` integer,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deal_imports_status" CHECK(status IN ('previewed', 'committed')),
	CONSTRAINT "deal_imports_row_count" CHECK("deal_imports"."row_count" > 0),
	CONSTRAINT "deal_imports_committed" CHECK(("deal_imports"."status" = 'previewed' AND "deal_imports"."committed_at" IS NULL AND "deal_imports"."first_seq" IS NULL AND "deal_imports"."last_seq" IS NULL) OR ("deal_imports"."status" = 'committed' AND "deal_imports"."committed_at" IS NOT NULL AND "deal_imports"."last_seq" - "deal_imports"."first_seq" + 1 = "deal_imports"."row_count"))
);
--> statement-breakpoint
CREATE INDEX `deal_imports_created_at` ON `deal_imports` (`created_at`);