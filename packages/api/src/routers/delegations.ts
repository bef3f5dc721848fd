import { z } from 'zod';
import type { StaffUser } from '../auth/roles.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import {
	addMembersInput,
	badgeSelectionInput,
	cancelMemberInput,
	createDelegationInput,
	delegationIdInput,
	leaderSecret,
	memberSheetInput,
	setQuotaInput
} from '../schemas/delegations.ts';
import { recordAudit } from '../services/audit.ts';
import { badgeSheet } from '../services/badges.ts';
import {
	addMembers,
	cancelMember,
	delegationBySecret,
	leaderView,
	memberLocks,
	type NumberedMember
} from '../services/delegation-members.ts';
import {
	memberTemplate,
	membersOfSheet,
	previewMemberSheet
} from '../services/delegation-sheets.ts';
import {
	closeDelegation,
	createDelegation,
	delegationDetail,
	listDelegations,
	quotaLocks,
	setDelegationQuota,
	resendDelegationLink,
	type Actor
} from '../services/delegations.ts';
import { SHEET_FORMATS } from '../spreadsheets/export.ts';
import { publicProcedure, router, staffProcedure } from '../trpc.ts';

const admin = staffProcedure(['admin']);

const actorOf = (ctx: Context & { user: StaffUser }): Actor => ({
	user: ctx.user,
	source: ctx.source,
	now: ctx.now()
});

/** The organisers' side: admins create and run delegations (docs/api.md, “Delegations”). */
export const delegationsRouter = router({
	/** Every delegation, of one edition if given, with members / quota. */
	list: admin
		.input(z.object({ conferenceId: z.string().trim().max(64).optional() }).default({}))
		.query(({ ctx, input }) => listDelegations(ctx.db, input)),

	/** One delegation with its members and their status; contacts in full (admins only). */
	get: admin
		.input(delegationIdInput)
		.query(({ ctx, input }) => delegationDetail(ctx.db, input.delegationId)),

	/** Creates a delegation and queues the leader's link by mail and/or SMS. */
	create: admin.input(createDelegationInput).mutation(async ({ ctx, input }) => {
		const created = await createDelegation(ctx.db, input, actorOf(ctx));
		ctx.mail.kick();
		return created;
	}),

	/** A new quota, never below the members holding a place. */
	setQuota: admin.input(setQuotaInput).mutation(async ({ ctx, input }) =>
		ctx.writes.run((tx) => setDelegationQuota(tx, input, actorOf(ctx)), {
			locks: await quotaLocks(ctx.db, input.delegationId)
		})
	),

	/** Closes the leader's page to new members; members keep their tickets. */
	close: admin
		.input(delegationIdInput)
		.mutation(({ ctx, input }) => closeDelegation(ctx.db, input, actorOf(ctx))),

	/** Queues the leader's link again. */
	resendLink: admin.input(delegationIdInput).mutation(async ({ ctx, input }) => {
		const sent = await resendDelegationLink(ctx.db, input, actorOf(ctx));
		ctx.mail.kick();
		return sent;
	})
});

/** Print-ready badges for a selection; personal data on paper, so each print is audited. */
export const badgesRouter = router({
	sheet: admin.input(badgeSelectionInput).query(async ({ ctx, input }) => {
		const sheet = await badgeSheet(ctx.db, input);
		await recordAudit(
			ctx.db,
			{
				actor: ctx.user,
				source: ctx.source,
				action: 'badges_printed',
				subjectType: input.by === 'delegation' ? 'delegation' : 'conference',
				...(input.by === 'delegation'
					? { subjectId: input.delegationId }
					: input.by === 'category'
						? { subjectId: input.conferenceId }
						: {}),
				detail: {
					by: input.by,
					...(input.by === 'category' ? { category: input.category } : {}),
					badges: sheet.badges.length
				}
			},
			ctx.now()
		);
		return sheet;
	})
});

/** Runs a leader's submission under the edition's capacity lock, all members or none. */
async function submit(ctx: Context, secret: string, members: NumberedMember[], locks?: string[]) {
	const added = await ctx.writes.run((tx) => addMembers(tx, secret, members, ctx.now()), {
		locks: locks ?? (await memberLocks(ctx.db, secret))
	});
	ctx.mail.kick();
	return { added };
}

const secretInput = z.object({ secret: leaderSecret });

/**
 * The delegation leader's page (`/d/<secret>`): the secret is the leader's credential, 128
 * random bits, so these are public procedures like the ticket page's.
 */
export const delegationRouter = router({
	/** The delegation, places left and every member with status and ticket link; null if none. */
	page: publicProcedure
		.input(secretInput)
		.query(({ ctx, input }) => leaderView(ctx.db, input.secret)),

	/** Adds members typed in the form; all or none. */
	addMembers: publicProcedure.input(addMembersInput).mutation(({ ctx, input }) =>
		submit(
			ctx,
			input.secret,
			input.members.map((m, i) => ({ ...m, row: i + 1 }))
		)
	),

	/** The dry run of a member list: each bad cell, and whether the places suffice. */
	previewSheet: publicProcedure
		.input(memberSheetInput)
		.mutation(({ ctx, input }) =>
			previewMemberSheet(ctx.db, input.secret, Buffer.from(input.contentBase64, 'base64'))
		),

	/** Adds every member of a list; a bad cell or too few places refuse the whole file. */
	submitSheet: publicProcedure
		.input(memberSheetInput.extend({ consent: z.literal(true, { error: 'consent_required' }) }))
		.mutation(async ({ ctx, input }) => {
			// The secret first: nobody without one gets a file parsed.
			const locks = await memberLocks(ctx.db, input.secret);
			const members = await membersOfSheet(Buffer.from(input.contentBase64, 'base64'));
			return submit(ctx, input.secret, members, locks);
		}),

	/** The member list template. */
	template: publicProcedure
		.input(z.object({ format: z.enum(SHEET_FORMATS).default('xlsx') }))
		.query(({ input }) => memberTemplate(input.format)),

	/** Cancels one member: their place and seat are free again, their ticket void. */
	cancelMember: publicProcedure.input(cancelMemberInput).mutation(async ({ ctx, input }) =>
		ctx.writes.run((tx) => cancelMember(tx, input, ctx.now()), {
			locks: await memberLocks(ctx.db, input.secret)
		})
	),

	/** Badges of the leader's confirmed members, to print at once. */
	badges: publicProcedure.input(secretInput).query(async ({ ctx, input }) => {
		const d = await delegationBySecret(ctx.db, input.secret);
		if (!d) throw new AppError('NOT_FOUND', 'delegation_not_found', 'no such delegation');
		return badgeSheet(ctx.db, { by: 'delegation', delegationId: d.id });
	})
});
