import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { tables, type DbOrTx } from '@huizhan/db';
import type { Yuan } from '@huizhan/ledger';
import {
	ceremonyLines,
	editionProgress,
	type CeremonyLine,
	type CeremonyTarget
} from '../services/ceremony.ts';
import { orderedList } from './watcher.ts';

/*
 * The signing ceremony on the big screen: while a ceremony of a shown edition is open, the
 * screen leaves its dashboard for the deal being signed and the running totals. The state comes
 * with the live snapshot, so the screen learns of each press as it learns of any signing.
 */

/** A deal on the ceremony screen: what the audience reads. */
export type CeremonyDeal = Pick<
	CeremonyLine,
	'id' | 'position' | 'origin' | 'projectName' | 'investor' | 'agreementType' | 'amount'
>;

export interface CeremonyLive {
	sessionId: number;
	conferenceId: string;
	titleZh: string;
	titleEn: string;
	hallZh: string;
	hallEn: string;
	openedAt: string;
	/** The deal confirmed last: the one being signed; null before the first press. */
	current: CeremonyDeal | null;
	/** The line the tablet proposes next. */
	next: CeremonyDeal | null;
	confirmed: number;
	lines: number;
	/** What the confirmed deals count for. */
	ceremonyTotal: Yuan;
	/** The edition's signed total, and its signing target. */
	editionTotal: Yuan;
	target: CeremonyTarget | null;
}

const dealOf = (line: CeremonyLine): CeremonyDeal => ({
	id: line.id,
	position: line.position,
	origin: line.origin,
	projectName: line.projectName,
	investor: line.investor,
	agreementType: line.agreementType,
	amount: line.amount
});

/** The open ceremonies of the editions given, opened first first. */
export async function openCeremonies(
	db: DbOrTx,
	conferenceIds: readonly string[]
): Promise<CeremonyLive[]> {
	if (conferenceIds.length === 0) return [];
	const { agendaSessions: s } = tables(db);
	const open = await db
		.select()
		.from(s)
		.where(
			and(
				inArray(s.conferenceId, [...conferenceIds]),
				eq(s.kind, 'signing_ceremony'),
				isNotNull(s.ceremonyOpenedAt),
				isNull(s.ceremonyClosedAt)
			)
		)
		.orderBy(asc(s.ceremonyOpenedAt), asc(s.id));
	const live: CeremonyLive[] = [];
	for (const session of open) {
		const lines = (await ceremonyLines(db, session.id)).filter((l) => !l.voided);
		const confirmed = lines
			.filter((l) => l.confirmedAt !== null)
			.sort((a, b) => a.confirmedAt!.localeCompare(b.confirmedAt!) || a.id - b.id);
		const current = confirmed.at(-1);
		const next = lines.find((l) => l.confirmedAt === null);
		live.push({
			sessionId: session.id,
			conferenceId: session.conferenceId,
			titleZh: session.titleZh,
			titleEn: session.titleEn,
			hallZh: session.hallZh,
			hallEn: session.hallEn,
			openedAt: session.ceremonyOpenedAt!.toISOString(),
			current: current ? dealOf(current) : null,
			next: next ? dealOf(next) : null,
			confirmed: confirmed.length,
			lines: lines.length,
			ceremonyTotal: confirmed.reduce((sum, l) => sum + l.amount, 0),
			...(await editionProgress(db, session.conferenceId))
		});
	}
	return live;
}

/**
 * The ceremonies' version: opening or closing one, and each press (also one that writes no
 * ledger entry: announcing a deal entered before) changes what the screen shows.
 */
export const CEREMONY_PROBE = {
	sessions: orderedList(
		"agenda_sessions WHERE kind = 'signing_ceremony'",
		['id', 'ceremony_opened_at', 'ceremony_closed_at', 'updated_at'],
		'id'
	),
	items: orderedList(
		'ceremony_items',
		['id', 'session_id', 'position', 'deal_id', 'confirmed_at'],
		'id'
	)
};
