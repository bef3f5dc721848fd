/*
 * The first-run checklist: what a new installation still lacks before an edition can take
 * registrations, scan them at the door and score its signings. Pure, from counts, so the rule
 * of "what is missing" is tested apart from the queries that count.
 */

/** The items in the order an organiser sets them up. */
export const SETUP_ITEMS = [
	'edition',
	'categories',
	'gates',
	'targets',
	'devices',
	'staff',
	'mail'
] as const;
export type SetupItem = (typeof SETUP_ITEMS)[number];

export interface OpenEditionCounts {
	id: string;
	/** Categories taking registrations. */
	openCategories: number;
	/** Gates (checkpoints) that are active. */
	activeGates: number;
	/** Scanner devices not revoked. */
	activeDevices: number;
}

export interface SetupCounts {
	/** Every edition that is open, with what it has. */
	openEditions: OpenEditionCounts[];
	/** Targets whose period has not ended. */
	currentTargets: number;
	/** Active staff accounts holding each role. */
	staffWithRole: { admin: number; recorder: number; door: number; leader: number };
	/** Whether attendee mail is configured (`SMTP_URL`). */
	mailConfigured: boolean;
}

export interface SetupCheck {
	item: SetupItem;
	done: boolean;
	/** The open editions this item is still missing for (empty when none is open or all have it). */
	editions: string[];
	/** For `staff`: the roles nobody active holds yet. */
	missingRoles: ('recorder' | 'door')[];
}

export interface SetupChecklist {
	checks: SetupCheck[];
	/** Everything is done: the console stops showing the checklist. */
	complete: boolean;
	/** An edition that is open, else the newest draft, for links that need one. */
	firstEdition: string | null;
}

/**
 * An item that belongs to an edition is done when every open edition has it; with no open
 * edition at all it is not done (there is nothing set up to register into).
 */
function perEdition(
	item: SetupItem,
	open: OpenEditionCounts[],
	has: (e: OpenEditionCounts) => boolean
): SetupCheck {
	const lacking = open.filter((e) => !has(e)).map((e) => e.id);
	return {
		item,
		done: open.length > 0 && lacking.length === 0,
		editions: lacking,
		missingRoles: []
	};
}

export function setupChecklist(counts: SetupCounts, firstEdition: string | null): SetupChecklist {
	const open = counts.openEditions;
	const missingRoles = (['recorder', 'door'] as const).filter(
		(role) => counts.staffWithRole[role] === 0
	);
	const checks: SetupCheck[] = [
		{ item: 'edition', done: open.length > 0, editions: [], missingRoles: [] },
		perEdition('categories', open, (e) => e.openCategories > 0),
		perEdition('gates', open, (e) => e.activeGates > 0),
		{ item: 'targets', done: counts.currentTargets > 0, editions: [], missingRoles: [] },
		perEdition('devices', open, (e) => e.activeDevices > 0),
		{ item: 'staff', done: missingRoles.length === 0, editions: [], missingRoles },
		{ item: 'mail', done: counts.mailConfigured, editions: [], missingRoles: [] }
	];
	return { checks, complete: checks.every((c) => c.done), firstEdition };
}
