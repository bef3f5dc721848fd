import { asc, eq } from 'drizzle-orm';
import { tables, type DbOrTx } from '@huizhan/db';
import { addDays } from '@huizhan/ledger';
import type { ExhibitionLayout } from '../schemas/booths.ts';
import { setupDaysProblem } from './exhibition-rules.ts';

/*
 * An edition's exhibition as settings (its rules, halls and booths), read for an edition copy or
 * an edition file and written into the new edition. Exhibitors, their holds and leads stay
 * behind: next year's companies apply again, and a booth starts free.
 */

export async function exhibitionLayoutOf(
	db: DbOrTx,
	conferenceId: string
): Promise<ExhibitionLayout> {
	const { booths: b, exhibitionHalls: h, exhibitionRules: x } = tables(db);
	const [rules] = await db.select().from(x).where(eq(x.conferenceId, conferenceId));
	const halls = await db
		.select()
		.from(h)
		.where(eq(h.conferenceId, conferenceId))
		.orderBy(asc(h.sortOrder), asc(h.code));
	const booths = await db
		.select()
		.from(b)
		.where(eq(b.conferenceId, conferenceId))
		.orderBy(asc(b.number));
	return {
		rules: rules
			? {
					applicationsOpen: rules.applicationsOpen,
					staffSquareMetresPer: rules.staffSquareMetresPer,
					staffMinimum: rules.staffMinimum,
					setupSquareMetresPer: rules.setupSquareMetresPer,
					setupMinimum: rules.setupMinimum,
					setupStartsOn: rules.setupStartsOn,
					setupEndsOn: rules.setupEndsOn
				}
			: null,
		halls: halls.map((hall) => ({
			code: hall.code,
			nameZh: hall.nameZh,
			nameEn: hall.nameEn,
			sortOrder: hall.sortOrder,
			booths: booths
				.filter((booth) => booth.hallId === hall.id)
				.map((booth) => ({
					number: booth.number,
					areaSquareMetres: booth.areaSquareMetres,
					type: booth.type
				}))
		}))
	};
}

/**
 * Writes a layout into a new edition. The set-up days move by `shiftDays`, as the agenda does
 * (set-up three days before the first day stays three days before it); if the moved days no
 * longer fit the new edition (a shorter one), it starts without set-up days rather than with
 * wrong ones, and the admin sets them. A copy's applications start closed: opening them is a
 * decision for the new edition.
 */
export async function insertExhibitionLayout(
	tx: DbOrTx,
	edition: { id: string; startsOn: string; endsOn: string },
	layout: ExhibitionLayout,
	shiftDays: number,
	now: Date,
	options: { keepApplicationsOpen?: boolean } = {}
): Promise<{ halls: number; booths: number }> {
	const t = tables(tx);
	if (layout.rules) {
		const { setupStartsOn, setupEndsOn, applicationsOpen, ...quotas } = layout.rules;
		let startsOn = setupStartsOn && addDays(setupStartsOn, shiftDays);
		let endsOn = setupEndsOn && addDays(setupEndsOn, shiftDays);
		if (setupDaysProblem(startsOn, endsOn, edition)) startsOn = endsOn = null;
		await tx.insert(t.exhibitionRules).values({
			conferenceId: edition.id,
			...quotas,
			applicationsOpen: options.keepApplicationsOpen ? applicationsOpen : false,
			setupStartsOn: startsOn,
			setupEndsOn: endsOn,
			updatedAt: now
		});
	}
	let booths = 0;
	for (const { booths: inHall, ...hall } of layout.halls) {
		const [stored] = await tx
			.insert(t.exhibitionHalls)
			.values({ ...hall, conferenceId: edition.id, createdAt: now })
			.returning({ id: t.exhibitionHalls.id });
		if (inHall.length > 0)
			await tx.insert(t.booths).values(
				inHall.map((booth) => ({
					...booth,
					conferenceId: edition.id,
					hallId: stored!.id,
					createdAt: now
				}))
			);
		booths += inHall.length;
	}
	return { halls: layout.halls.length, booths };
}
