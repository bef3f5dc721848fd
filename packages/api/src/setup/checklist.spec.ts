import { describe, expect, test } from 'vitest';
import { SETUP_ITEMS, setupChecklist, type SetupCounts } from './checklist.ts';

const empty: SetupCounts = {
	openEditions: [],
	currentTargets: 0,
	staffWithRole: { admin: 1, recorder: 0, door: 0, leader: 0 },
	mailConfigured: false
};

const ready: SetupCounts = {
	openEditions: [{ id: 'wsc-2026', openCategories: 3, activeGates: 2, activeDevices: 1 }],
	currentTargets: 1,
	staffWithRole: { admin: 1, recorder: 1, door: 2, leader: 0 },
	mailConfigured: true
};

const done = (counts: SetupCounts) =>
	Object.fromEntries(setupChecklist(counts, null).checks.map((c) => [c.item, c.done]));

describe('the first-run checklist', () => {
	test('an installation with only its first admin lacks every item', () => {
		const list = setupChecklist(empty, null);
		expect(list.checks.map((c) => c.item)).toEqual([...SETUP_ITEMS]);
		expect(list.checks.every((c) => !c.done)).toBe(true);
		expect(list.complete).toBe(false);
		expect(list.checks.find((c) => c.item === 'staff')?.missingRoles).toEqual(['recorder', 'door']);
	});

	test('an installation with everything set up is complete', () => {
		const list = setupChecklist(ready, 'wsc-2026');
		expect(list.checks.every((c) => c.done)).toBe(true);
		expect(list.complete).toBe(true);
		expect(list.firstEdition).toBe('wsc-2026');
	});

	test('a draft edition alone does not tick the edition item nor the items that belong to one', () => {
		expect(done({ ...ready, openEditions: [] })).toMatchObject({
			edition: false,
			categories: false,
			gates: false,
			devices: false,
			targets: true
		});
	});

	test('an open edition whose categories are all closed still needs categories', () => {
		expect(
			done({ ...ready, openEditions: [{ ...ready.openEditions[0]!, openCategories: 0 }] })
		).toMatchObject({ edition: true, categories: false, gates: true });
	});

	test('names each open edition that still lacks gates, and only those', () => {
		const list = setupChecklist(
			{
				...ready,
				openEditions: [
					{ id: 'wsc-2026', openCategories: 1, activeGates: 0, activeDevices: 1 },
					{ id: 'diamond-2026', openCategories: 1, activeGates: 2, activeDevices: 1 }
				]
			},
			null
		);
		const gates = list.checks.find((c) => c.item === 'gates')!;
		expect(gates).toMatchObject({ done: false, editions: ['wsc-2026'] });
	});

	test('staff is done only once someone records deals and someone works the door', () => {
		expect(done({ ...ready, staffWithRole: { ...ready.staffWithRole, door: 0 } }).staff).toBe(
			false
		);
		expect(done({ ...ready, staffWithRole: { ...ready.staffWithRole, recorder: 0 } }).staff).toBe(
			false
		);
	});

	test('mail without SMTP configured is missing, and keeps the checklist open', () => {
		const list = setupChecklist({ ...ready, mailConfigured: false }, null);
		expect(list.complete).toBe(false);
		expect(list.checks.filter((c) => !c.done).map((c) => c.item)).toEqual(['mail']);
	});

	test('targets whose periods have all ended count as missing', () => {
		expect(done({ ...ready, currentTargets: 0 }).targets).toBe(false);
	});
});
