CREATE TABLE `installation` (
	`id` integer PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`decided_by` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "installation_one_row" CHECK(id = 1),
	CONSTRAINT "installation_mode" CHECK(mode IN ('demo', 'production')),
	CONSTRAINT "installation_decided_by" CHECK(decided_by IN ('created', 'classified'))
);
--> statement-breakpoint
CREATE TRIGGER `installation_no_update` BEFORE UPDATE ON `installation`
BEGIN
	SELECT RAISE(ABORT, 'the installation mode is fixed when the database is created');
END;
--> statement-breakpoint
CREATE TRIGGER `installation_no_delete` BEFORE DELETE ON `installation`
BEGIN
	SELECT RAISE(ABORT, 'the installation mode is fixed when the database is created');
END;
--> statement-breakpoint
-- A database created before the mode existed is classified from what it holds. It is a demo
-- database only if it has staff accounts and every one of them was made by the demo set-up (the
-- audit log's `demo_staff_created`); any other account, or data without any account (a
-- production start before its first administrator), makes it production. An empty database gets
-- no row here: whoever creates it decides.
INSERT INTO `installation` (`id`, `mode`, `decided_by`, `created_at`)
SELECT 1,
	CASE
		WHEN EXISTS (SELECT 1 FROM `staff_users`)
			AND NOT EXISTS (
				SELECT 1 FROM `staff_users` WHERE `login` NOT IN (
					SELECT j.value FROM `audit_log`, json_each(`audit_log`.`detail`, '$.logins') AS j
					WHERE `audit_log`.`action` = 'demo_staff_created' AND `audit_log`.`source` = 'demo'
				)
			)
		THEN 'demo'
		ELSE 'production'
	END,
	'classified',
	CAST(unixepoch('subsec') * 1000 AS INTEGER)
WHERE EXISTS (SELECT 1 FROM `staff_users`)
	OR EXISTS (SELECT 1 FROM `conferences`)
	OR EXISTS (SELECT 1 FROM `industry_chains`)
	OR EXISTS (SELECT 1 FROM `ledger_entries`)
	OR EXISTS (SELECT 1 FROM `registrations`);
