CREATE INDEX `delegations_leader_mobile` ON `delegations` (`leader_mobile`);--> statement-breakpoint
CREATE INDEX `registrations_mobile` ON `registrations` (`mobile`);--> statement-breakpoint
CREATE INDEX `invitations_mobile` ON `invitations` (`mobile`);--> statement-breakpoint
CREATE INDEX `outbox_delegation` ON `outbox` (`delegation_id`);