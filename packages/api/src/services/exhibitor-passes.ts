import { and, asc, eq, inArray } from 'drizzle-orm';
import { tables, type Db, type DbOrTx, schema } from '@huizhan/db';
import type { ExhibitorPass } from '@huizhan/ledger';
import { AppError } from '../errors.ts';
import { enqueueMessages } from '../mail/outbox.ts';
import type { AddExhibitorPassInput } from '../schemas/exhibitor-page.ts';
import { alreadyRegistered, countryOf, insertMembers } from './delegation-members.ts';
import {
	assignedArea,
	exhibitionRulesOf,
	exhibitorBySecret,
	exhibitorPassLock,
	heldBooths,
	passCounts,
	type ExhibitorRow
} from './exhibition.ts';
import { admissionStatus, capacityLock, newTicketSecret, seatsLeft } from './registrations.ts';

/*
 * An approved exhibitor's people, added and cancelled on its own page: staff badges (展商证) and
 * set-up passes (布展证), each a registration in the 展商 category bound to the company, within
 * the quota its assigned booths bring (`passCounts`). A person is registered the way a delegation
 * leader's member is (`delegation-members.ts`): the edition's seats under its capacity lock, one
 * person once per edition, a reference and a ticket secret, the ticket sent through the outbox.
 *
 * The 展商 category's flags for an exhibitor's people: the admin approved the company, so its
 * people skip the category's approval step (`needsApproval`) as a delegation's members do, and
 * its link stands for an invitation (`byInvitation` does not stop it); the security office's
 * vetting (`needsVetting`) still applies. The category's seats are taken like anyone's.
 */

/** An approved exhibitor behind a page secret, or the refusal the page shows. */
async function requireApproved(db: DbOrTx, secret: string): Promise<ExhibitorRow> {
	const exhibitor = await exhibitorBySecret(db, secret);
	if (!exhibitor) throw new AppError('NOT_FOUND', 'exhibitor_not_found', 'no such exhibitor');
	if (exhibitor.status !== 'approved') {
		throw new AppError(
			'CONFLICT',
			'exhibitor_not_approved',
			`exhibitor ${exhibitor.id} is ${exhibitor.status}`
		);
	}
	return exhibitor;
}

/**
 * The locks adding or cancelling a person runs under: the edition's seats (shared with every way
 * in) and the exhibitor's passes, so two tabs adding the last badge at once get one.
 */
export async function passLocks(db: Db, secret: string): Promise<string[]> {
	const exhibitor = await exhibitorBySecret(db, secret);
	if (!exhibitor) throw new AppError('NOT_FOUND', 'exhibitor_not_found', 'no such exhibitor');
	return [capacityLock(exhibitor.conferenceId), exhibitorPassLock(exhibitor.id)];
}

/**
 * The words of a full quota name the rule: the area of the assigned booths, one per so many ㎡,
 * at least so many, hence so many — all in the refusal's details for the page to say.
 */
async function quotaFull(tx: DbOrTx, exhibitor: ExhibitorRow, pass: ExhibitorPass) {
	const rules = await exhibitionRulesOf(tx, exhibitor.conferenceId);
	const booths = (await heldBooths(tx, [exhibitor.id])).get(exhibitor.id) ?? [];
	const rule = rules[pass];
	const area = assignedArea(booths);
	const quota = (await passCounts(tx, exhibitor))[pass].quota;
	return new AppError(
		'CONFLICT',
		area === 0 ? 'exhibitor_no_booth' : 'exhibitor_pass_quota_full',
		`exhibitor ${exhibitor.id}: ${pass} quota ${quota} reached`,
		{ pass, area, squareMetresPer: rule.squareMetresPer, minimum: rule.minimum, quota }
	);
}

export interface AddedPass {
	registrationId: number;
	reference: string;
	ticketSecret: string;
	status: ReturnType<typeof admissionStatus>;
}

/**
 * Adds one person with a pass. Run it under `passLocks`: the quota and the seats are counted and
 * taken with them held.
 */
export async function addPass(
	db: DbOrTx,
	input: AddExhibitorPassInput,
	now: Date
): Promise<AddedPass> {
	return db.transaction(async (tx) => {
		const exhibitor = await requireApproved(tx, input.secret);
		const { conferenceCategories, conferences } = tables(tx);
		const [conference] = await tx
			.select({ status: conferences.status, refPrefix: conferences.refPrefix })
			.from(conferences)
			.where(eq(conferences.id, exhibitor.conferenceId));
		// Tickets exist for an open edition only: a draft's may still change, a closed one is over.
		if (conference?.status !== 'open') {
			throw new AppError(
				'CONFLICT',
				'registration_closed',
				`${exhibitor.conferenceId} is not open`
			);
		}
		const counts = await passCounts(tx, exhibitor);
		if (counts[input.pass].used >= counts[input.pass].quota) {
			throw await quotaFull(tx, exhibitor, input.pass);
		}
		const seats = (await seatsLeft(tx, exhibitor.conferenceId)).exhibitor ?? null;
		if (seats !== null && seats < 1) {
			throw new AppError('CONFLICT', 'category_full', 'no exhibitor seats left', {
				placesLeft: 0,
				submitted: 1
			});
		}
		const member = { ...input.person, row: 1 };
		if (await alreadyRegistered(tx, exhibitor.conferenceId, [member])) {
			throw new AppError('CONFLICT', 'member_already_registered', 'already registered', {
				row: 1
			});
		}
		const [category] = await tx
			.select()
			.from(conferenceCategories)
			.where(
				and(
					eq(conferenceCategories.conferenceId, exhibitor.conferenceId),
					eq(conferenceCategories.category, 'exhibitor')
				)
			);
		if (!category) {
			throw new AppError('CONFLICT', 'category_closed', `${exhibitor.conferenceId} has no 展商`);
		}
		// The company was approved: its people skip the category's approval, never its vetting.
		const status = admissionStatus(category, 'delegation');
		const ticketSecret = newTicketSecret();
		const [stored] = await insertMembers(
			tx,
			[
				{
					conferenceId: exhibitor.conferenceId,
					category: 'exhibitor',
					name: input.person.name,
					organisation: exhibitor.companyZh,
					title: input.person.title,
					mobile: input.person.mobile,
					email: input.person.email,
					country: countryOf(input.person.mobile),
					language: input.language,
					consentAt: now,
					status,
					ticketSecret,
					createdAt: now,
					exhibitorId: exhibitor.id,
					exhibitorPass: input.pass
				}
			],
			conference.refPrefix,
			async () => 1
		);
		await enqueueMessages(
			tx,
			[
				{
					subject: {
						kind: status === 'confirmed' ? 'registration_confirmed' : 'registration_received',
						registrationId: stored!.id
					},
					recipient: { email: input.person.email, mobile: input.person.mobile }
				}
			],
			now
		);
		return { registrationId: stored!.id, reference: stored!.reference, ticketSecret, status };
	});
}

/** Cancels one of the exhibitor's people: the place and the seat are free, the ticket void. */
export async function cancelPass(
	db: DbOrTx,
	input: { secret: string; reference: string },
	now: Date
): Promise<{ cancelled: boolean }> {
	return db.transaction(async (tx) => {
		const exhibitor = await exhibitorBySecret(tx, input.secret);
		if (!exhibitor) throw new AppError('NOT_FOUND', 'exhibitor_not_found', 'no such exhibitor');
		const { registrations } = tables(tx);
		const cancelled = await tx
			.update(registrations)
			.set({ status: 'cancelled', cancelledAt: now })
			.where(
				and(
					eq(registrations.exhibitorId, exhibitor.id),
					eq(registrations.reference, input.reference.toUpperCase()),
					inArray(registrations.status, schema.SEAT_HOLDING_STATUSES)
				)
			)
			.returning({ id: registrations.id });
		return { cancelled: cancelled.length === 1 };
	});
}

/** The people an exhibitor's page lists: every person it added, cancelled ones too, oldest first. */
export async function exhibitorPeople(db: DbOrTx, exhibitorId: number) {
	const { registrations: r } = tables(db);
	return db
		.select({
			name: r.name,
			title: r.title,
			mobile: r.mobile,
			email: r.email,
			pass: r.exhibitorPass,
			status: r.status,
			reference: r.reference,
			ticketSecret: r.ticketSecret
		})
		.from(r)
		.where(eq(r.exhibitorId, exhibitorId))
		.orderBy(asc(r.id));
}
