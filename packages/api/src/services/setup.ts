import { and, count, desc, eq, gte, isNull } from 'drizzle-orm';
import { installationMode, schema, type Db } from '@huizhan/db';
import { setupChecklist, type SetupChecklist, type SetupCounts } from '../setup/checklist.ts';
import { beijingDate } from './deals.ts';

const {
	checkpoints,
	conferenceCategories,
	conferences,
	scannerDevices,
	staffUserRoles,
	staffUsers,
	targets
} = schema;

/** What the first-run checklist is computed from: a handful of counts, read in one snapshot. */
export function setupCounts(db: Db, now: Date, mailConfigured: boolean): SetupCounts {
	return db.transaction((tx) => {
		const open = tx
			.select({ id: conferences.id })
			.from(conferences)
			.where(eq(conferences.status, 'open'))
			.orderBy(conferences.startsOn)
			.all();
		const openEditions = open.map(({ id }) => ({
			id,
			openCategories:
				tx
					.select({ n: count() })
					.from(conferenceCategories)
					.where(
						and(eq(conferenceCategories.conferenceId, id), eq(conferenceCategories.open, true))
					)
					.get()?.n ?? 0,
			activeGates:
				tx
					.select({ n: count() })
					.from(checkpoints)
					.where(and(eq(checkpoints.conferenceId, id), eq(checkpoints.active, true)))
					.get()?.n ?? 0,
			activeDevices:
				tx
					.select({ n: count() })
					.from(scannerDevices)
					.where(and(eq(scannerDevices.conferenceId, id), isNull(scannerDevices.revokedAt)))
					.get()?.n ?? 0
		}));
		const currentTargets =
			tx
				.select({ n: count() })
				.from(targets)
				.where(and(gte(targets.periodEnd, beijingDate(now)), isNull(targets.retiredAt)))
				.get()?.n ?? 0;
		const roles = tx
			.select({ role: staffUserRoles.role, n: count() })
			.from(staffUserRoles)
			.innerJoin(staffUsers, eq(staffUsers.id, staffUserRoles.userId))
			.where(isNull(staffUsers.disabledAt))
			.groupBy(staffUserRoles.role)
			.all();
		const staffWithRole = { admin: 0, recorder: 0, door: 0, leader: 0 };
		for (const { role, n } of roles) staffWithRole[role] = n;
		return { openEditions, currentTargets, staffWithRole, mailConfigured };
	});
}

/**
 * The checklist the console shows admins until nothing is missing (`shown`). A demo database
 * never shows it: it is there to be looked at, not set up, and has no mail to configure.
 */
export function setupStatus(
	db: Db,
	now: Date,
	mailConfigured: boolean
): SetupChecklist & { shown: boolean } {
	const counts = setupCounts(db, now, mailConfigured);
	const first =
		counts.openEditions[0]?.id ??
		db
			.select({ id: conferences.id })
			.from(conferences)
			.where(eq(conferences.status, 'draft'))
			.orderBy(desc(conferences.createdAt))
			.get()?.id ??
		null;
	const checklist = setupChecklist(counts, first);
	return { ...checklist, shown: !checklist.complete && installationMode(db) !== 'demo' };
}
