CREATE INDEX "delegations_leader_mobile" ON "delegations" USING btree ("leader_mobile");--> statement-breakpoint
CREATE INDEX "registrations_mobile" ON "registrations" USING btree ("mobile");--> statement-breakpoint
CREATE INDEX "invitations_mobile" ON "invitations" USING btree ("mobile");--> statement-breakpoint
CREATE INDEX "outbox_delegation" ON "outbox" USING btree ("delegation_id");