import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { and, eq, inArray, ne, or, type SQL } from 'drizzle-orm';
import { isUniqueViolation, tables, type Db, type DbOrTx, type schema } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { enqueueMessages } from '../mail/outbox.ts';
import type { MemberInput } from '../schemas/delegations.ts';
import { delegationMembers, membersHoldingPlaces } from './delegations.ts';
import {
	admissionStatus,
	capacityLock,
	insertRegistrations,
	newTicketSecret,
	seatsLeft,
	type NewRegistration
} from './registrations.ts';

/*
 * The delegation leader's side: behind the page's secret they see their delegation, add members
 * (one by one or a spreadsheet at a time) and cancel them. A submission is all or none: every
 * member gets a registration, or nothing is stored and the leader is told why.
 */

/** A member with where they came from: the spreadsheet row (or the form's position), to name it. */
export interface NumberedMember extends MemberInput {
	row: number;
}

/** The delegation behind a leader's secret, or null (the same for unknown and malformed). */
export async function delegationBySecret(db: DbOrTx, secret: string) {
	if (!/^[A-Za-z0-9_-]{22}$/.test(secret)) return null;
	const { delegations } = tables(db);
	const [row] = await db.select().from(delegations).where(eq(delegations.secret, secret));
	return row ?? null;
}

async function requireDelegation(db: DbOrTx, secret: string) {
	const d = await delegationBySecret(db, secret);
	if (!d) throw new AppError('NOT_FOUND', 'delegation_not_found', 'no such delegation');
	return d;
}

/** The lock a leader's submission or cancellation runs under: the edition's seats. */
export async function memberLocks(db: Db, secret: string): Promise<string[]> {
	return [capacityLock((await requireDelegation(db, secret)).conferenceId)];
}

/** Places still open in a delegation: its quota, and its category's seats if fewer. */
async function placesLeft(
	tx: DbOrTx,
	d: { id: number; quota: number; conferenceId: string; category: schema.AttendeeCategory }
) {
	const quota = d.quota - (await membersHoldingPlaces(tx, d.id));
	const seats = (await seatsLeft(tx, d.conferenceId))[d.category] ?? null;
	return { quota: Math.max(0, quota), seats };
}

/** `same contact twice in one submission`: the first row that repeats an earlier one. */
function repeatedContact(members: NumberedMember[]) {
	const seen = new Map<string, number>();
	for (const m of members) {
		for (const key of [m.mobile && `m:${m.mobile}`, m.email && `e:${m.email}`]) {
			if (!key) continue;
			const earlier = seen.get(key);
			if (earlier !== undefined) return { row: m.row, otherRow: earlier };
			seen.set(key, m.row);
		}
	}
	return null;
}

/** The first member already registered for the edition (same mobile or email), by row. */
export async function alreadyRegistered(
	tx: DbOrTx,
	conferenceId: string,
	members: NumberedMember[]
) {
	const { registrations } = tables(tx);
	const mobiles = members.flatMap((m) => (m.mobile ? [m.mobile] : []));
	const emails = members.flatMap((m) => (m.email ? [m.email] : []));
	const contact: SQL[] = [];
	if (mobiles.length) contact.push(inArray(registrations.mobile, mobiles));
	if (emails.length) contact.push(inArray(registrations.email, emails));
	const found = await tx
		.select({ mobile: registrations.mobile, email: registrations.email })
		.from(registrations)
		.where(
			and(
				eq(registrations.conferenceId, conferenceId),
				ne(registrations.status, 'cancelled'),
				or(...contact)
			)
		);
	const taken = new Set(found.flatMap((r) => [r.mobile, r.email]).filter((c) => c !== null));
	return (
		members.find((m) => (m.mobile && taken.has(m.mobile)) || (m.email && taken.has(m.email))) ??
		null
	);
}

/**
 * Checks a submission against everything but the members' own fields (already parsed): the
 * delegation is open, the places are there, nobody is in twice or already registered. Throws
 * the first refusal; the dry run and the submission both call it.
 */
export async function checkSubmission(
	tx: DbOrTx,
	d: {
		id: number;
		quota: number;
		conferenceId: string;
		category: schema.AttendeeCategory;
		closedAt: Date | null;
	},
	members: NumberedMember[]
): Promise<void> {
	if (d.closedAt !== null) {
		throw new AppError('CONFLICT', 'delegation_closed', `delegation ${d.id} is closed`);
	}
	const { conferences } = tables(tx);
	const [conference] = await tx
		.select({ status: conferences.status })
		.from(conferences)
		.where(eq(conferences.id, d.conferenceId));
	// Tickets exist for an open edition only: a draft's may still change, a closed one is over.
	if (conference?.status !== 'open') {
		throw new AppError('CONFLICT', 'registration_closed', `${d.conferenceId} is not open`);
	}
	const repeated = repeatedContact(members);
	if (repeated) {
		throw new AppError('CONFLICT', 'member_repeated', `row ${repeated.row} repeats a contact`, {
			...repeated
		});
	}
	const left = await placesLeft(tx, d);
	if (members.length > left.quota) {
		throw new AppError(
			'CONFLICT',
			'delegation_quota_exceeded',
			`${members.length} members, ${left.quota} places left`,
			{ placesLeft: left.quota, submitted: members.length }
		);
	}
	if (left.seats !== null && members.length > left.seats) {
		throw new AppError(
			'CONFLICT',
			'category_full',
			`${members.length} members, ${left.seats} seats left in ${d.category}`,
			{ placesLeft: left.seats, submitted: members.length }
		);
	}
	const registered = await alreadyRegistered(tx, d.conferenceId, members);
	if (registered) {
		throw new AppError(
			'CONFLICT',
			'member_already_registered',
			`row ${registered.row} is already registered`,
			{ row: registered.row }
		);
	}
}

export interface AddedMember {
	registrationId: number;
	reference: string;
	status: ReturnType<typeof admissionStatus>;
}

/**
 * Adds a submission's members, all or none. Run it under the edition's capacity lock
 * (`memberLocks`): the places are counted and taken with it held, so two submissions (or a
 * submission and the open form) never share the last place.
 */
export async function addMembers(
	db: DbOrTx,
	secret: string,
	members: NumberedMember[],
	now: Date
): Promise<AddedMember[]> {
	return db.transaction(async (tx) => {
		const d = await requireDelegation(tx, secret);
		await checkSubmission(tx, d, members);
		const { conferenceCategories, conferences } = tables(tx);
		const [conference] = await tx
			.select({ refPrefix: conferences.refPrefix })
			.from(conferences)
			.where(eq(conferences.id, d.conferenceId));
		const [category] = await tx
			.select()
			.from(conferenceCategories)
			.where(
				and(
					eq(conferenceCategories.conferenceId, d.conferenceId),
					eq(conferenceCategories.category, d.category)
				)
			);
		if (!conference || !category) throw new Error(`delegation ${d.id} lost its category`);
		const status = admissionStatus(category, 'delegation');
		const values = members.map((member): NewRegistration => ({
			conferenceId: d.conferenceId,
			category: d.category,
			name: member.name,
			organisation: member.organisation || d.organisation,
			title: member.title,
			mobile: member.mobile,
			email: member.email,
			country: countryOf(member.mobile),
			// Added by their leader, who uses the Chinese page; messages go out in Chinese.
			language: 'zh-CN',
			consentAt: now,
			status,
			ticketSecret: newTicketSecret(),
			createdAt: now,
			delegationId: d.id
		}));
		const added: AddedMember[] = [];
		for (let i = 0; i < values.length; i += INSERT_CHUNK) {
			const chunk = values.slice(i, i + INSERT_CHUNK);
			const stored = await insertMembers(tx, chunk, conference.refPrefix, async () => {
				const registered = await alreadyRegistered(tx, d.conferenceId, members);
				return registered?.row ?? members[i]!.row;
			});
			await enqueueMessages(
				tx,
				stored.map((row, k) => ({
					subject: {
						kind: status === 'confirmed' ? 'registration_confirmed' : 'registration_received',
						registrationId: row.id
					},
					recipient: { email: chunk[k]!.email ?? null, mobile: chunk[k]!.mobile ?? null }
				})),
				now
			);
			for (const row of stored) {
				added.push({ registrationId: row.id, reference: row.reference, status });
			}
		}
		return added;
	});
}

/**
 * Members stored per statement: one round trip for many rows (a thousand members took 13.7 s
 * one by one on PostgreSQL), under both databases' limits on bound parameters (15 per row).
 */
const INSERT_CHUNK = 500;

/** The country of a member's mobile; mainland China when only an email was given. */
export const countryOf = (mobile: string | null) =>
	(mobile ? parsePhoneNumberFromString(mobile)?.country : undefined) ?? 'CN';

/**
 * Stores rows in one statement, in their order (`insertRegistrations`). A contact someone
 * registered by a path that skipped the lock refuses the submission like a member found
 * registered, naming the row `registeredRow` finds.
 */
export async function insertMembers(
	tx: DbOrTx,
	values: NewRegistration[],
	prefix: string,
	registeredRow: () => Promise<number>
) {
	try {
		return await insertRegistrations(tx, values, prefix);
	} catch (error) {
		if (
			isUniqueViolation(error, 'registrations', 'mobile') ||
			isUniqueViolation(error, 'registrations', 'email') ||
			isUniqueViolation(error, 'registrations', 'conference_id')
		) {
			const row = await registeredRow();
			throw new AppError('CONFLICT', 'member_already_registered', `row ${row} is registered`, {
				row
			});
		}
		throw error;
	}
}

/** Cancels one member from the leader's page: the place and the seat are free again. */
export async function cancelMember(
	db: DbOrTx,
	input: { secret: string; reference: string },
	now: Date
): Promise<{ cancelled: boolean }> {
	return db.transaction(async (tx) => {
		const d = await requireDelegation(tx, input.secret);
		const { registrations } = tables(tx);
		const cancelled = await tx
			.update(registrations)
			.set({ status: 'cancelled', cancelledAt: now })
			.where(
				and(
					eq(registrations.delegationId, d.id),
					eq(registrations.reference, input.reference.toUpperCase()),
					inArray(registrations.status, ['pending', 'pending_vetting', 'confirmed'])
				)
			)
			.returning({ id: registrations.id });
		return { cancelled: cancelled.length === 1 };
	});
}

/** What the leader's page shows: the delegation, places left, every member with status and link. */
export async function leaderView(db: Db, secret: string) {
	const d = await delegationBySecret(db, secret);
	if (!d) return null;
	const { conferences } = tables(db);
	const [conference] = await db
		.select({
			id: conferences.id,
			nameZh: conferences.nameZh,
			nameEn: conferences.nameEn,
			startsOn: conferences.startsOn,
			endsOn: conferences.endsOn,
			themeColor: conferences.themeColor,
			status: conferences.status
		})
		.from(conferences)
		.where(eq(conferences.id, d.conferenceId));
	if (!conference) return null;
	const members = await delegationMembers(db, d.id);
	const left = await placesLeft(db, d);
	return {
		name: d.name,
		organisation: d.organisation,
		leaderName: d.leaderName,
		category: d.category,
		quota: d.quota,
		closed: d.closedAt !== null,
		open: d.closedAt === null && conference.status === 'open',
		placesLeft: left.seats === null ? left.quota : Math.min(left.quota, left.seats),
		conference,
		// No contacts: the page does not need them, and a forwarded link would show them.
		members: members.map((m) => ({
			name: m.name,
			organisation: m.organisation,
			title: m.title,
			status: m.status,
			reference: m.reference,
			ticketSecret: m.ticketSecret
		}))
	};
}
export type LeaderView = NonNullable<Awaited<ReturnType<typeof leaderView>>>;
