import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { schema, tables, type Db, type DbOrTx } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { enqueueMessage } from '../mail/outbox.ts';
import type { CreateDelegationInput } from '../schemas/delegations.ts';
import { recordAudit } from './audit.ts';
import { capacityLock } from './registrations.ts';

/*
 * Delegations (代表团, 交易团) as the organisers run them: create one for a leader, watch it fill,
 * change its quota, close it, send the leader their link again. What the leader does on their
 * own page is in delegation-members.ts.
 */

export interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

export const newDelegationSecret = (): string => randomBytes(16).toString('base64url');

/** Members that hold a place: cancelled and rejected ones gave theirs back. */
export const holdsPlace = (db: DbOrTx) =>
	inArray(tables(db).registrations.status, schema.SEAT_HOLDING_STATUSES);

/** Places taken in a delegation, with the write lock held when called inside one. */
export async function membersHoldingPlaces(db: DbOrTx, delegationId: number): Promise<number> {
	const { registrations } = tables(db);
	const [row] = await db
		.select({ n: count() })
		.from(registrations)
		.where(and(eq(registrations.delegationId, delegationId), holdsPlace(db)));
	return row?.n ?? 0;
}

async function delegationById(db: DbOrTx, id: number) {
	const { delegations } = tables(db);
	const [row] = await db.select().from(delegations).where(eq(delegations.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'delegation_not_found', `no delegation ${id}`);
	return row;
}

/** The leader's contact, for the link message. */
const leaderContact = (d: { leaderEmail: string | null; leaderMobile: string | null }) => ({
	email: d.leaderEmail,
	mobile: d.leaderMobile
});

/** Creates a delegation and queues the leader's link; audited. */
export async function createDelegation(
	db: Db,
	input: CreateDelegationInput,
	actor: Actor
): Promise<{ id: number; secret: string }> {
	return db.transaction(async (tx) => {
		const { conferenceCategories, conferences, delegations } = tables(tx);
		const [conference] = await tx
			.select({ status: conferences.status })
			.from(conferences)
			.where(eq(conferences.id, input.conferenceId));
		if (!conference) {
			throw new AppError(
				'NOT_FOUND',
				'conference_not_found',
				`no conference ${input.conferenceId}`,
				{
					field: 'conferenceId'
				}
			);
		}
		if (conference.status === 'closed' || conference.status === 'archived') {
			throw new AppError('CONFLICT', 'edition_closed', `${input.conferenceId} is over`, {
				field: 'conferenceId'
			});
		}
		const [category] = await tx
			.select({ category: conferenceCategories.category })
			.from(conferenceCategories)
			.where(
				and(
					eq(conferenceCategories.conferenceId, input.conferenceId),
					eq(conferenceCategories.category, input.category)
				)
			);
		if (!category) {
			throw new AppError(
				'BAD_REQUEST',
				'category_not_offered',
				`${input.conferenceId} has no ${input.category} category`,
				{ field: 'category' }
			);
		}
		const secret = newDelegationSecret();
		const [row] = await tx
			.insert(delegations)
			.values({ ...input, secret, createdBy: actor.user.id, createdAt: actor.now })
			.returning({ id: delegations.id });
		if (!row) throw new Error('the delegation was not stored');
		await enqueueMessage(
			tx,
			{ kind: 'delegation_link', delegationId: row.id },
			leaderContact(input),
			actor.now
		);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'delegation_created',
				subjectType: 'delegation',
				subjectId: row.id,
				detail: { conferenceId: input.conferenceId, name: input.name, quota: input.quota }
			},
			actor.now
		);
		return { id: row.id, secret };
	});
}

export interface DelegationSummary {
	id: number;
	conferenceId: string;
	category: schema.AttendeeCategory;
	name: string;
	organisation: string;
	leaderName: string;
	quota: number;
	/** Members holding a place (pending vetting, pending or confirmed). */
	members: number;
	closed: boolean;
	createdAt: string;
}

/** Every delegation (of one edition, if given) with its fill, newest first. */
export async function listDelegations(
	db: Db,
	filters: { conferenceId?: string | undefined }
): Promise<DelegationSummary[]> {
	const { delegations, registrations } = tables(db);
	const members = db
		.select({ delegationId: registrations.delegationId, n: count().as('n') })
		.from(registrations)
		.where(holdsPlace(db))
		.groupBy(registrations.delegationId)
		.as('members');
	const found = await db
		.select({ d: delegations, n: members.n })
		.from(delegations)
		.leftJoin(members, eq(members.delegationId, delegations.id))
		.where(filters.conferenceId ? eq(delegations.conferenceId, filters.conferenceId) : undefined)
		.orderBy(desc(delegations.createdAt), desc(delegations.id));
	return found.map(({ d, n }) => ({
		id: d.id,
		conferenceId: d.conferenceId,
		category: d.category,
		name: d.name,
		organisation: d.organisation,
		leaderName: d.leaderName,
		quota: d.quota,
		members: Number(n ?? 0),
		closed: d.closedAt !== null,
		createdAt: d.createdAt.toISOString()
	}));
}

export interface MemberRow {
	id: number;
	name: string;
	organisation: string;
	title: string;
	mobile: string | null;
	email: string | null;
	status: schema.RegistrationStatus;
	reference: string;
}

/** A delegation's members, every status, in the order they were added. */
export async function delegationMembers(db: DbOrTx, delegationId: number) {
	const { registrations } = tables(db);
	return db
		.select({
			id: registrations.id,
			name: registrations.name,
			organisation: registrations.organisation,
			title: registrations.title,
			mobile: registrations.mobile,
			email: registrations.email,
			status: registrations.status,
			reference: registrations.reference,
			ticketSecret: registrations.ticketSecret
		})
		.from(registrations)
		.where(eq(registrations.delegationId, delegationId))
		.orderBy(asc(registrations.id));
}

/** One delegation for the console: its facts, fill and members (contacts in full: admins only). */
export async function delegationDetail(db: Db, delegationId: number) {
	const d = await delegationById(db, delegationId);
	const members = await delegationMembers(db, delegationId);
	return {
		id: d.id,
		conferenceId: d.conferenceId,
		category: d.category,
		name: d.name,
		organisation: d.organisation,
		leaderName: d.leaderName,
		leaderMobile: d.leaderMobile,
		leaderEmail: d.leaderEmail,
		quota: d.quota,
		closed: d.closedAt !== null,
		createdAt: d.createdAt.toISOString(),
		members: members.filter((m) => isHolding(m.status)).length,
		/** The leader's page, for the admin to read out or send by hand. */
		secret: d.secret,
		rows: members.map(({ ticketSecret: _unused, ...m }): MemberRow => m)
	};
}

const isHolding = (status: schema.RegistrationStatus) =>
	(schema.SEAT_HOLDING_STATUSES as readonly string[]).includes(status);

/**
 * Changes the quota; never below the members holding a place. Under the edition's capacity
 * lock, so a leader's submission cannot slip in between the count and the change.
 */
export async function setDelegationQuota(
	tx: DbOrTx,
	input: { delegationId: number; quota: number },
	actor: Actor
): Promise<{ quota: number; members: number }> {
	const { delegations } = tables(tx);
	const d = await delegationById(tx, input.delegationId);
	const members = await membersHoldingPlaces(tx, d.id);
	if (input.quota < members) {
		throw new AppError(
			'CONFLICT',
			'quota_below_members',
			`delegation ${d.id} has ${members} members`,
			{ field: 'quota', members }
		);
	}
	await tx.update(delegations).set({ quota: input.quota }).where(eq(delegations.id, d.id));
	await recordAudit(
		tx,
		{
			actor: actor.user,
			source: actor.source,
			action: 'delegation_quota_changed',
			subjectType: 'delegation',
			subjectId: d.id,
			detail: { before: d.quota, after: input.quota }
		},
		actor.now
	);
	return { quota: input.quota, members };
}

/** The lock `setDelegationQuota` runs under: the edition's seats, as every member's add does. */
export async function quotaLocks(db: Db, delegationId: number): Promise<string[]> {
	const d = await delegationById(db, delegationId);
	return [capacityLock(d.conferenceId)];
}

/** Closes a delegation: its page takes no more members; members keep their tickets. */
export async function closeDelegation(
	db: Db,
	input: { delegationId: number },
	actor: Actor
): Promise<{ closed: true }> {
	return db.transaction(async (tx) => {
		const { delegations } = tables(tx);
		const d = await delegationById(tx, input.delegationId);
		if (d.closedAt !== null) return { closed: true as const };
		await tx.update(delegations).set({ closedAt: actor.now }).where(eq(delegations.id, d.id));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'delegation_closed',
				subjectType: 'delegation',
				subjectId: d.id
			},
			actor.now
		);
		return { closed: true as const };
	});
}

/** Queues the leader's link again (a lost message, a new phone); audited. */
export async function resendDelegationLink(
	db: Db,
	input: { delegationId: number },
	actor: Actor
): Promise<{ queued: number }> {
	return db.transaction(async (tx) => {
		const d = await delegationById(tx, input.delegationId);
		if (d.closedAt !== null) {
			throw new AppError('CONFLICT', 'delegation_closed', `delegation ${d.id} is closed`);
		}
		const queued = await enqueueMessage(
			tx,
			{ kind: 'delegation_link', delegationId: d.id },
			leaderContact(d),
			actor.now
		);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'delegation_link_resent',
				subjectType: 'delegation',
				subjectId: d.id,
				detail: { queued }
			},
			actor.now
		);
		return { queued };
	});
}
