import {
	exhibitorLeadsInput,
	exportLeadsInput,
	leadUpdate,
	scanLeadInput,
	shareContactsInput,
	ticketSecretInput,
	uploadLeadsInput
} from '../schemas/leads.ts';
import { exportLeads } from '../services/leads-export.ts';
import {
	exhibitorLeadList,
	scanLead,
	scannerPage,
	setShareContacts,
	updateLead,
	visitorLeads,
	type ScanLeadResult
} from '../services/leads.ts';
import { AppError } from '../errors.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import { publicProcedure, router } from '../trpc.ts';
import type { Context } from '../context.ts';

/**
 * Scans that name nobody, per staff ticket: references are short enough to guess, and a found
 * one shows a stranger's name and organisation, so a scanner that keeps missing is stopped for a
 * while. Real scans almost never miss (a camera reads signed tokens; a typo is retyped).
 */
export const LEAD_MISSES = { limit: 30, windowMs: 10 * 60_000 };
const misses = new RateLimiter(LEAD_MISSES.limit, LEAD_MISSES.windowMs);

/** One scan, refused while the staff member's misses are over the limit; a miss is counted. */
async function scanOnce(
	ctx: Context,
	secret: string,
	scan: { code: string; nonce: string; scannedAt?: number }
): Promise<ScanLeadResult> {
	const now = ctx.now();
	if (!misses.allows(secret, now.getTime())) {
		throw new AppError('TOO_MANY_REQUESTS', 'too_many_attempts', 'too many scans naming nobody');
	}
	const result = await ctx.writes.run((tx) =>
		scanLead(
			tx,
			{
				ticketSecret: secret,
				code: scan.code,
				nonce: scan.nonce,
				scannedAt: scan.scannedAt === undefined ? undefined : new Date(scan.scannedAt)
			},
			now
		)
	);
	if (result.outcome === 'refused' && result.reason === 'lead_visitor_not_found') {
		misses.take(secret, now.getTime());
	}
	return result;
}

/*
 * Lead retrieval (docs/api.md, “Leads”). Every procedure takes a personal link's secret — the
 * staff member's or visitor's ticket, or the exhibitor's page — which is the credential (128
 * random bits), as on the ticket and delegation pages: these are public procedures.
 */
export const leadsRouter = router({
	/** The staff member's scanning page: their company and the leads they scanned; or why not. */
	scanner: publicProcedure
		.input(ticketSecretInput)
		.query(({ ctx, input }) => scannerPage(ctx.db, input.secret)),

	/** One scan (camera or typed reference): added, already a lead, or refused with a reason. */
	scan: publicProcedure
		.input(scanLeadInput)
		.mutation(({ ctx, input }) => scanOnce(ctx, input.secret, input)),

	/**
	 * The offline queue's scans, stored one after the other in the order sent (oldest first); a
	 * scan already stored (same nonce) answers as it did.
	 */
	upload: publicProcedure.input(uploadLeadsInput).mutation(async ({ ctx, input }) => {
		const results: ScanLeadResult[] = [];
		for (const scan of input.scans) results.push(await scanOnce(ctx, input.secret, scan));
		return results;
	}),

	/** A lead's note and rating, by a staff member of its exhibitor. */
	update: publicProcedure
		.input(leadUpdate.extend(ticketSecretInput.shape))
		.mutation(({ ctx, input }) =>
			ctx.writes.run((tx) => updateLead(tx, { ticketSecret: input.secret }, input, ctx.now()))
		),

	/** Every lead of the exhibitor, who scanned each; filter by rating, search. */
	list: publicProcedure
		.input(exhibitorLeadsInput)
		.query(({ ctx, input }) => exhibitorLeadList(ctx.db, input.exhibitorSecret, input)),

	/** A lead's note and rating, from the exhibitor's page. */
	updateForExhibitor: publicProcedure
		.input(leadUpdate.extend({ exhibitorSecret: exhibitorLeadsInput.shape.exhibitorSecret }))
		.mutation(({ ctx, input }) =>
			ctx.writes.run((tx) =>
				updateLead(tx, { exhibitorSecret: input.exhibitorSecret }, input, ctx.now())
			)
		),

	/** The lead list as .xlsx (or .csv); contacts only of visitors who share them now. */
	export: publicProcedure
		.input(exportLeadsInput)
		.query(({ ctx, input }) =>
			exportLeads(ctx.db, input.exhibitorSecret, input, input.format, ctx.now())
		),

	/** The visitor's side: whether they share contacts, and the exhibitors that scanned them. */
	mine: publicProcedure
		.input(ticketSecretInput)
		.query(({ ctx, input }) => visitorLeads(ctx.db, input.secret)),

	/** Gives or withdraws the visitor's consent to share mobile and email with those exhibitors. */
	shareContacts: publicProcedure
		.input(shareContactsInput)
		.mutation(({ ctx, input }) =>
			ctx.writes.run((tx) => setShareContacts(tx, input.secret, input.share, ctx.now()))
		)
});
