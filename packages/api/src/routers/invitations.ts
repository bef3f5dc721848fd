import { z } from 'zod';
import type { StaffUser } from '../auth/roles.ts';
import type { Context } from '../context.ts';
import {
	acceptInvitationInput,
	invitationFilterInput,
	invitationImportInput,
	invitationSecret,
	inviteInput
} from '../schemas/invitations.ts';
import { AppError } from '../errors.ts';
import {
	commitInvitationImport,
	invitationTemplate,
	previewInvitationImport,
	uploadBytes
} from '../services/invitations-import.ts';
import {
	acceptInvitation,
	declineInvitation,
	invitationCategories,
	invitationConference,
	invite,
	listInvitations,
	openInvitation,
	resendInvitation,
	revokeInvitation,
	type InvitationActor
} from '../services/invitations.ts';
import { capacityLock } from '../services/registrations.ts';
import { MAX_SHEET_BYTES } from '../spreadsheets/columns.ts';
import { publicProcedure, router, staffProcedure } from '../trpc.ts';

/*
 * Admins only, the list included: it names invited VIPs and their organisations before they
 * have answered, often before security vetting, and nobody else's work needs it — the door
 * works from registrations, where an accepted invitation shows up like any other.
 */
const admin = staffProcedure(['admin']);

const actorOf = (ctx: Context & { user: StaffUser }): InvitationActor => ({
	user: ctx.user,
	source: ctx.source,
	now: ctx.now()
});

/** Base64 of at most `MAX_SHEET_BYTES`: four characters per three bytes. */
const MAX_BASE64 = Math.ceil(MAX_SHEET_BYTES / 3) * 4;
const importInput = invitationImportInput.extend({
	contentBase64: z.string().max(MAX_BASE64, { error: 'file_too_large' })
});
const idInput = z.object({ id: z.number().int().positive() });

export const invitationsRouter = router({
	/** An edition's invitations with counts per state; contacts masked. */
	list: admin.input(invitationFilterInput).query(async ({ ctx, input }) => ({
		...(await listInvitations(ctx.db, input, ctx.now())),
		categories: await invitationCategories(ctx.db, input.conferenceId)
	})),

	/** Invites one person; the invitation message is queued. */
	create: admin
		.input(inviteInput)
		.mutation(({ ctx, input }) => invite(ctx.db, input, actorOf(ctx))),

	/** Checks a list of invitees (.xlsx/.csv): every bad cell by row and column; nothing stored. */
	previewImport: admin
		.input(importInput)
		.mutation(({ ctx, input }) =>
			previewInvitationImport(
				ctx.db,
				{ ...input, bytes: uploadBytes(input.contentBase64) },
				ctx.now()
			)
		),

	/** Invites every row of the same file, all or none. */
	commitImport: admin
		.input(importInput)
		.mutation(({ ctx, input }) =>
			commitInvitationImport(
				ctx.db,
				{ ...input, bytes: uploadBytes(input.contentBase64) },
				actorOf(ctx)
			)
		),

	/** The .xlsx template of the invitee list. */
	template: admin.query(() => invitationTemplate()),

	/** Queues the invitation message again; only while it waits for an answer. */
	resend: admin
		.input(idInput)
		.mutation(({ ctx, input }) => resendInvitation(ctx.db, input.id, actorOf(ctx))),

	/** Kills the link. */
	revoke: admin.input(idInput).mutation(async ({ ctx, input }) => {
		await revokeInvitation(ctx.db, input.id, actorOf(ctx));
		return { revoked: true };
	})
});

const secretInput = z.object({ secret: invitationSecret });

/** The invitee's side, behind their personal link (`/i/<secret>`). */
export const invitationRouter = router({
	/** The invitation behind a link, marked opened; null for unknown and revoked alike. */
	open: publicProcedure
		.input(z.object({ secret: z.string().max(64) }))
		.mutation(({ ctx, input }) => openInvitation(ctx.db, input.secret, ctx.now())),

	/**
	 * Accepts: one registration, confirmed unless the category needs vetting. The seat is taken
	 * under the edition's capacity lock, like the open form's; accepting twice answers the same.
	 */
	accept: publicProcedure.input(acceptInvitationInput).mutation(async ({ ctx, input }) => {
		const conferenceId = await invitationConference(ctx.db, input.secret);
		if (!conferenceId) {
			throw new AppError('NOT_FOUND', 'invitation_not_found', 'no invitation behind this link');
		}
		const accepted = await ctx.writes.run((tx) => acceptInvitation(tx, input, ctx.now()), {
			locks: [capacityLock(conferenceId)]
		});
		ctx.mail.kick();
		return accepted;
	}),

	decline: publicProcedure.input(secretInput).mutation(async ({ ctx, input }) => {
		await declineInvitation(ctx.db, input.secret, ctx.now());
		return { declined: true };
	})
});
