CREATE TABLE `deal_tranches` (
	`deal_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`signing_event` text NOT NULL,
	`signed_on` text NOT NULL,
	`amount` integer NOT NULL,
	PRIMARY KEY(`deal_id`, `seq`),
	FOREIGN KEY (`deal_id`) REFERENCES `deals`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "deal_tranches_amount" CHECK("deal_tranches"."amount" > 0)
);
--> statement-breakpoint
CREATE INDEX `deal_tranches_event` ON `deal_tranches` (`signing_event`);--> statement-breakpoint
CREATE TABLE `deals` (
	`id` text PRIMARY KEY NOT NULL,
	`project_name` text NOT NULL,
	`investor` text NOT NULL,
	`investor_key` text NOT NULL,
	`investor_origin` text NOT NULL,
	`chain_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`signing_event` text NOT NULL,
	`signed_on` text NOT NULL,
	`agreement_type` text NOT NULL,
	`total_investment` integer NOT NULL,
	`counted_amount` integer NOT NULL,
	`foreign_currency` text,
	`foreign_amount` integer,
	`exchange_rate` text,
	`notes` text NOT NULL,
	`stage` text NOT NULL,
	`landed_on` text,
	`started_on` text,
	`in_production_on` text,
	`upgraded_on` text,
	`voided` integer NOT NULL,
	`void_reason` text,
	`version` integer NOT NULL,
	`first_seq` integer NOT NULL,
	`last_seq` integer NOT NULL,
	`last_recorded_at` text NOT NULL,
	`last_recorded_by` text NOT NULL,
	FOREIGN KEY (`chain_id`) REFERENCES `industry_chains`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `responsible_units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deals_agreement_type" CHECK(agreement_type IN ('contract', 'framework', 'intent')),
	CONSTRAINT "deals_stage" CHECK(stage IN ('signed', 'landed', 'started', 'in_production')),
	CONSTRAINT "deals_investor_origin" CHECK(investor_origin IN ('in_province', 'out_of_province', 'overseas')),
	CONSTRAINT "deals_amounts" CHECK("deals"."total_investment" > 0 AND "deals"."counted_amount" >= "deals"."total_investment")
);
--> statement-breakpoint
CREATE INDEX `deals_signing_event` ON `deals` (`signing_event`);--> statement-breakpoint
CREATE INDEX `deals_investor_key` ON `deals` (`investor_key`);--> statement-breakpoint
CREATE INDEX `deals_signed_on` ON `deals` (`signed_on`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`seq` integer PRIMARY KEY NOT NULL,
	`deal_id` text NOT NULL,
	`type` text NOT NULL,
	`event` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	`occurred_on` text NOT NULL,
	`delta_contract` integer NOT NULL,
	`delta_framework` integer NOT NULL,
	`delta_intent` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`request_id` text NOT NULL,
	CONSTRAINT "ledger_entries_type" CHECK(type IN ('signed', 'amended', 'upgraded', 'increased', 'advanced', 'voided')),
	CONSTRAINT "ledger_entries_occurred_on" CHECK(occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "ledger_entries_hashes" CHECK(length("ledger_entries"."hash") = 64 AND length("ledger_entries"."prev_hash") = 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_hash_unique` ON `ledger_entries` (`hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_requestId_unique` ON `ledger_entries` (`request_id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_deal` ON `ledger_entries` (`deal_id`,`seq`);--> statement-breakpoint
CREATE INDEX `ledger_entries_recorded_at` ON `ledger_entries` (`recorded_at`);