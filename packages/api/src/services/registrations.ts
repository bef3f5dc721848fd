import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '@huizhan/db';
import { schema } from '@huizhan/db';
import { AppError } from '../errors.ts';
import type { RegisterInput } from '../schemas/registrations.ts';

const { conferenceCategories, conferences, registrations } = schema;

/** Letters and digits a person reads off a screen without confusing them (no 0/O, 1/I/L). */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `WSC-7K3Q9M`: the conference's prefix and six characters from ~900 million combinations. */
export function newReference(prefix: string): string {
	let code = '';
	for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
	return `${prefix}-${code}`;
}

export const newTicketSecret = (): string => randomBytes(16).toString('base64url');

export type RegistrationOutcome =
	| {
			outcome: 'registered';
			status: 'confirmed' | 'pending';
			ticketSecret: string;
			reference: string;
			registrationId: number;
	  }
	/** The same mobile or email is already registered: nothing is created, nothing is revealed. */
	| { outcome: 'already_registered' };

/** Seats still free per category (null = no limit), counting pending and confirmed. */
export function seatsLeft(db: Db, conferenceId: string): Record<string, number | null> {
	const taken = db
		.select({ category: registrations.category, n: sql<number>`count(*)`.mapWith(Number) })
		.from(registrations)
		.where(
			and(
				eq(registrations.conferenceId, conferenceId),
				inArray(registrations.status, ['pending', 'confirmed'])
			)
		)
		.groupBy(registrations.category)
		.all();
	const byCategory = new Map(taken.map((t) => [t.category, t.n]));
	const categories = db
		.select()
		.from(conferenceCategories)
		.where(eq(conferenceCategories.conferenceId, conferenceId))
		.all();
	return Object.fromEntries(
		categories.map((c) => [
			c.category,
			c.capacity === null ? null : Math.max(0, c.capacity - (byCategory.get(c.category) ?? 0))
		])
	);
}

/**
 * Registers one person. Everything happens in one IMMEDIATE transaction: the seat count is read
 * with the write lock held, so concurrent submissions queue and no category is ever oversold;
 * the unique indexes refuse a second registration with the same mobile or email.
 */
export function register(db: Db, input: RegisterInput, now: Date): RegistrationOutcome {
	return db.transaction(
		(tx) => {
			const conference = tx
				.select()
				.from(conferences)
				.where(eq(conferences.id, input.conferenceId))
				.get();
			if (!conference || conference.status === 'draft') {
				throw new AppError(
					'NOT_FOUND',
					'conference_not_found',
					`no conference ${input.conferenceId}`
				);
			}
			if (
				conference.status !== 'open' ||
				now < conference.registrationOpensAt ||
				now > conference.registrationClosesAt
			) {
				throw new AppError(
					'BAD_REQUEST',
					'registration_closed',
					`registration for ${conference.id} is not open`
				);
			}
			const category = tx
				.select()
				.from(conferenceCategories)
				.where(
					and(
						eq(conferenceCategories.conferenceId, conference.id),
						eq(conferenceCategories.category, input.category)
					)
				)
				.get();
			if (!category) {
				throw new AppError(
					'BAD_REQUEST',
					'category_not_offered',
					`${conference.id} has no ${input.category} category`,
					{ field: 'category' }
				);
			}

			const contact = [
				input.mobile ? eq(registrations.mobile, input.mobile) : undefined,
				input.email ? eq(registrations.email, input.email) : undefined
			].filter((c) => c !== undefined);
			const existing = tx
				.select({ id: registrations.id })
				.from(registrations)
				.where(
					and(
						eq(registrations.conferenceId, conference.id),
						ne(registrations.status, 'cancelled'),
						or(...contact)
					)
				)
				.get();
			if (existing) return { outcome: 'already_registered' as const };

			if (category.capacity !== null) {
				const taken =
					tx
						.select({ n: sql<number>`count(*)`.mapWith(Number) })
						.from(registrations)
						.where(
							and(
								eq(registrations.conferenceId, conference.id),
								eq(registrations.category, input.category),
								inArray(registrations.status, ['pending', 'confirmed'])
							)
						)
						.get()?.n ?? 0;
				if (taken >= category.capacity) {
					throw new AppError(
						'CONFLICT',
						'category_full',
						`${input.category} at ${conference.id} is full`,
						{ field: 'category' }
					);
				}
			}

			const status = category.needsApproval ? ('pending' as const) : ('confirmed' as const);
			const ticketSecret = newTicketSecret();
			// A reference collision is one in hundreds of millions; try again rather than fail.
			for (let attempt = 0; ; attempt++) {
				const reference = newReference(conference.refPrefix);
				try {
					const row = tx
						.insert(registrations)
						.values({
							conferenceId: conference.id,
							category: input.category,
							name: input.name,
							organisation: input.organisation,
							title: input.title,
							mobile: input.mobile,
							email: input.email,
							country: input.country,
							language: input.language,
							consentAt: now,
							status,
							reference,
							ticketSecret,
							createdAt: now
						})
						.returning({ id: registrations.id })
						.get();
					return {
						outcome: 'registered' as const,
						status,
						ticketSecret,
						reference,
						registrationId: row.id
					};
				} catch (error) {
					if (
						attempt < 5 &&
						/UNIQUE constraint failed: registrations\.reference/.test(String(error))
					)
						continue;
					throw error;
				}
			}
		},
		{ behavior: 'immediate' }
	);
}
