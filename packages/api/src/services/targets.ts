import { asc } from 'drizzle-orm';
import type { Db } from '@huizhan/db';
import { schema } from '@huizhan/db';
import type { TargetMetric, TargetScope } from '@huizhan/ledger';

const { conferences, targets } = schema;

export interface TargetView {
	id: number;
	scope: TargetScope;
	metric: TargetMetric;
	/** 元 for amount metrics, projects for count metrics. */
	value: number;
	periodStart: string;
	periodEnd: string;
}

export interface TargetGroup {
	/** Null for the whole-year group. */
	conference: { id: string; nameZh: string; nameEn: string; themeColor: string } | null;
	targets: TargetView[];
}

/** Every target, grouped: each conference in date order, then the whole year. */
export function listTargetsByScope(db: Db): TargetGroup[] {
	const allConferences = db.select().from(conferences).orderBy(asc(conferences.startsOn)).all();
	const allTargets = db
		.select()
		.from(targets)
		.orderBy(asc(targets.periodStart), asc(targets.metric))
		.all();
	const view = (row: (typeof allTargets)[number]): TargetView => ({
		id: row.id,
		scope: row.scope,
		metric: row.metric,
		value: row.value,
		periodStart: row.periodStart,
		periodEnd: row.periodEnd
	});
	const groups: TargetGroup[] = allConferences.map((c) => ({
		conference: { id: c.id, nameZh: c.nameZh, nameEn: c.nameEn, themeColor: c.themeColor },
		targets: allTargets.filter((t) => t.conferenceId === c.id).map(view)
	}));
	groups.push({
		conference: null,
		targets: allTargets.filter((t) => t.scope === 'year').map(view)
	});
	return groups;
}
