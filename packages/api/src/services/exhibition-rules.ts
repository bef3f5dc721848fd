import { addDays } from '@huizhan/ledger';
import { tables, type Db } from '@huizhan/db';
import { AppError } from '../errors.ts';
import type { ExhibitionRulesInput } from '../schemas/booths.ts';
import { recordAudit } from './audit.ts';
import { conferenceOf, type BoothActor } from './booths.ts';
import { exhibitionRulesOf, type ExhibitionRules } from './exhibition.ts';

/*
 * An edition's exhibition rules as the admin sets them (展览设置). The set-up days (布展期) are
 * the days set-up passes admit on: they may start up to `SETUP_LEAD_DAYS` before the edition's
 * first day (a big hall takes a week or two to build) and end by its last day.
 */

/** How long before the edition's first day set-up may start. */
export const SETUP_LEAD_DAYS = 30;

/** Closed and archived editions are history: their rules are read, not changed. */
const READ_ONLY = new Set(['closed', 'archived']);

export interface ExhibitionSettings {
	rules: ExhibitionRules;
	edition: { startsOn: string; endsOn: string; status: string };
	editable: boolean;
	/** The earliest first set-up day the rules accept. */
	earliestSetupDay: string;
}

export async function exhibitionSettings(
	db: Db,
	conferenceId: string
): Promise<ExhibitionSettings> {
	const conference = await conferenceOf(db, conferenceId);
	return {
		rules: await exhibitionRulesOf(db, conferenceId),
		edition: {
			startsOn: conference.startsOn,
			endsOn: conference.endsOn,
			status: conference.status
		},
		editable: !READ_ONLY.has(conference.status),
		earliestSetupDay: addDays(conference.startsOn, -SETUP_LEAD_DAYS)
	};
}

/** The problem with a pair of set-up days for an edition, or null when they are acceptable. */
export function setupDaysProblem(
	startsOn: string | null,
	endsOn: string | null,
	edition: { startsOn: string; endsOn: string }
): 'setup_days_partial' | 'setup_days_order' | 'setup_days_outside_edition' | null {
	if (startsOn === null && endsOn === null) return null;
	if (startsOn === null || endsOn === null) return 'setup_days_partial';
	if (startsOn > endsOn) return 'setup_days_order';
	if (startsOn < addDays(edition.startsOn, -SETUP_LEAD_DAYS) || endsOn > edition.endsOn)
		return 'setup_days_outside_edition';
	return null;
}

/** Sets the edition's rules; the audit entry holds what they were and what they became. */
export async function updateExhibitionRules(
	db: Db,
	input: ExhibitionRulesInput,
	actor: BoothActor
): Promise<ExhibitionRules> {
	return db.transaction(async (tx) => {
		const conference = await conferenceOf(tx, input.conferenceId);
		if (READ_ONLY.has(conference.status))
			throw new AppError(
				'FORBIDDEN',
				'edition_read_only',
				`${conference.id} is ${conference.status}`
			);
		const problem = setupDaysProblem(input.setupStartsOn, input.setupEndsOn, conference);
		if (problem) throw new AppError('BAD_REQUEST', problem, problem, { field: 'setupStartsOn' });
		const before = await exhibitionRulesOf(tx, input.conferenceId);
		const { conferenceId, ...fields } = input;
		const { exhibitionRules: x } = tables(tx);
		await tx
			.insert(x)
			.values({ ...input, updatedAt: actor.now })
			.onConflictDoUpdate({ target: x.conferenceId, set: { ...fields, updatedAt: actor.now } });
		const after = await exhibitionRulesOf(tx, conferenceId);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'exhibition_rules_changed',
				subjectType: 'conference',
				subjectId: conferenceId,
				detail: {
					before: { ...before, conferenceId: undefined },
					after: { ...after, conferenceId: undefined }
				}
			},
			actor.now
		);
		return after;
	});
}
