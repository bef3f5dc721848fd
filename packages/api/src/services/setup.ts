import { and, count, desc, eq, gte, isNull } from 'drizzle-orm';
import { installationMode, readTransaction, tables, type Db } from '@huizhan/db';
import { setupChecklist, type SetupChecklist, type SetupCounts } from '../setup/checklist.ts';
import { beijingDate } from './deals.ts';

/** What the first-run checklist is computed from: a handful of counts, read in one snapshot. */
export async function setupCounts(
	db: Db,
	now: Date,
	mailConfigured: boolean
): Promise<SetupCounts> {
	return readTransaction(db, async (tx) => {
		const {
			checkpoints,
			conferenceCategories,
			conferences,
			scannerDevices,
			staffUserRoles,
			staffUsers,
			targets
		} = tables(tx);
		const open = await tx
			.select({ id: conferences.id })
			.from(conferences)
			.where(eq(conferences.status, 'open'))
			.orderBy(conferences.startsOn);
		const openEditions: SetupCounts['openEditions'] = [];
		for (const { id } of open) {
			const [categories] = await tx
				.select({ n: count() })
				.from(conferenceCategories)
				.where(and(eq(conferenceCategories.conferenceId, id), eq(conferenceCategories.open, true)));
			const [gates] = await tx
				.select({ n: count() })
				.from(checkpoints)
				.where(and(eq(checkpoints.conferenceId, id), eq(checkpoints.active, true)));
			const [devices] = await tx
				.select({ n: count() })
				.from(scannerDevices)
				.where(and(eq(scannerDevices.conferenceId, id), isNull(scannerDevices.revokedAt)));
			openEditions.push({
				id,
				openCategories: categories?.n ?? 0,
				activeGates: gates?.n ?? 0,
				activeDevices: devices?.n ?? 0
			});
		}
		const [current] = await tx
			.select({ n: count() })
			.from(targets)
			.where(and(gte(targets.periodEnd, beijingDate(now)), isNull(targets.retiredAt)));
		const currentTargets = current?.n ?? 0;
		const roles = await tx
			.select({ role: staffUserRoles.role, n: count() })
			.from(staffUserRoles)
			.innerJoin(staffUsers, eq(staffUsers.id, staffUserRoles.userId))
			.where(isNull(staffUsers.disabledAt))
			.groupBy(staffUserRoles.role);
		const staffWithRole = { admin: 0, recorder: 0, door: 0, leader: 0 };
		for (const { role, n } of roles) staffWithRole[role] = n;
		return { openEditions, currentTargets, staffWithRole, mailConfigured };
	});
}

/**
 * The checklist the console shows admins until nothing is missing (`shown`). A demo database
 * never shows it: it is there to be looked at, not set up, and has no mail to configure.
 */
export async function setupStatus(
	db: Db,
	now: Date,
	mailConfigured: boolean
): Promise<SetupChecklist & { shown: boolean }> {
	const { conferences } = tables(db);
	const counts = await setupCounts(db, now, mailConfigured);
	let first = counts.openEditions[0]?.id ?? null;
	if (first === null) {
		const [draft] = await db
			.select({ id: conferences.id })
			.from(conferences)
			.where(eq(conferences.status, 'draft'))
			.orderBy(desc(conferences.createdAt))
			.limit(1);
		first = draft?.id ?? null;
	}
	const checklist = setupChecklist(counts, first);
	return { ...checklist, shown: !checklist.complete && (await installationMode(db)) !== 'demo' };
}
