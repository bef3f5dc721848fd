import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminRouter, attendeeRouter } from './root.ts';
import { createCallerFactory } from './trpc.ts';
import type { Meta } from './trpc.ts';
import { STAFF_ROLES, type StaffRole } from './auth/roles.ts';
import { createContextInner } from './context.ts';
import { seededContext, staff } from './test-support.ts';

type Access = Meta['access'];

/**
 * Who may call each admin procedure. Adding a procedure without adding it here fails the test,
 * so every new procedure gets an explicit, reviewed access rule.
 */
const EXPECTED_ADMIN: Record<string, Access> = {
	'auth.signIn': 'public',
	'conferences.list': 'public',
	'editions.list': ['admin'],
	'editions.get': ['admin'],
	'editions.copyDraft': ['admin'],
	'editions.create': ['admin'],
	'editions.update': ['admin'],
	'editions.setStatus': ['admin'],
	'editions.updateCategory': ['admin'],
	'previews.grant': ['admin'],
	'setup.checklist': ['admin'],
	'auth.signOut': ['admin', 'recorder', 'door', 'leader'],
	'auth.me': ['admin', 'recorder', 'door', 'leader'],
	'account.changePassword': ['admin', 'recorder', 'door', 'leader'],
	'users.list': ['admin'],
	'users.create': ['admin'],
	'users.setRoles': ['admin'],
	'users.setDisabled': ['admin'],
	'users.resetPassword': ['admin'],
	'audit.list': ['admin'],
	'targets.byScope': ['admin', 'recorder', 'leader'],
	'targets.unitRanking': ['admin', 'recorder', 'leader'],
	'targets.list': ['admin'],
	'targets.create': ['admin'],
	'targets.update': ['admin'],
	'targets.retire': ['admin'],
	'targets.restore': ['admin'],
	'organisation.list': ['admin'],
	'organisation.create': ['admin'],
	'organisation.rename': ['admin'],
	'organisation.move': ['admin'],
	'organisation.setActive': ['admin'],
	'organisation.delete': ['admin'],
	'deals.record': ['recorder', 'admin'],
	'deals.amend': ['recorder', 'admin'],
	'deals.upgrade': ['recorder', 'admin'],
	'deals.increase': ['recorder', 'admin'],
	'deals.advance': ['recorder', 'admin'],
	'deals.void': ['recorder', 'admin'],
	'deals.duplicates': ['recorder', 'admin'],
	'deals.list': ['recorder', 'admin', 'leader'],
	'deals.get': ['recorder', 'admin', 'leader'],
	'deals.totals': ['recorder', 'admin', 'leader'],
	'deals.head': ['recorder', 'admin', 'leader'],
	'deals.targets': ['recorder', 'admin', 'leader'],
	'reference.dealOptions': ['recorder', 'admin', 'leader'],
	'registrations.list': ['admin', 'door'],
	'registrations.decide': ['admin'],
	'registrations.export': ['admin'],
	'questions.list': ['admin'],
	'questions.create': ['admin'],
	'questions.update': ['admin'],
	'questions.remove': ['admin'],
	'agenda.list': ['admin'],
	'agenda.get': ['admin'],
	'agenda.create': ['admin'],
	'agenda.update': ['admin'],
	'agenda.delete': ['admin'],
	'agenda.setSpeakers': ['admin'],
	'vetting.export': ['admin'],
	'vetting.preview': ['admin'],
	'vetting.commit': ['admin'],
	'mail.outbox': ['admin'],
	'mail.retry': ['admin'],
	'notices.options': ['admin'],
	'notices.preview': ['admin'],
	'notices.send': ['admin'],
	'notices.list': ['admin'],
	'dealSheets.preview': ['recorder', 'admin'],
	'dealSheets.get': ['recorder', 'admin'],
	'dealSheets.commit': ['recorder', 'admin'],
	'dealSheets.template': ['recorder', 'admin'],
	'dealSheets.exportDeals': ['recorder', 'admin', 'leader'],
	'dealSheets.exportLedger': ['recorder', 'admin', 'leader'],
	'checkin.scan': ['door', 'admin'],
	'checkin.uploadOffline': ['door', 'admin'],
	'checkin.undo': ['door', 'admin'],
	'checkin.snapshot': ['door', 'admin'],
	'checkin.counts': ['door', 'admin'],
	'checkin.recent': ['door', 'admin'],
	'checkin.search': ['door', 'admin'],
	'checkin.badge': ['door', 'admin'],
	'checkin.conflicts': ['admin'],
	'checkin.resolveConflict': ['admin'],
	'checkpoints.list': ['door', 'admin'],
	'checkpoints.sessions': ['admin'],
	'checkpoints.create': ['admin'],
	'checkpoints.update': ['admin'],
	'scannerDevices.list': ['admin'],
	'scannerDevices.issue': ['admin'],
	'scannerDevices.revoke': ['admin'],
	'live.snapshot': ['leader', 'admin', 'recorder'],
	'live.targets': ['leader', 'admin', 'recorder'],
	'screens.list': ['admin'],
	'screens.create': ['admin'],
	'screens.revoke': ['admin'],
	'screens.open': 'public',
	'invitations.list': ['admin'],
	'invitations.create': ['admin'],
	'invitations.previewImport': ['admin'],
	'invitations.commitImport': ['admin'],
	'invitations.template': ['admin'],
	'invitations.resend': ['admin'],
	'invitations.revoke': ['admin'],
	'delegations.list': ['admin'],
	'delegations.get': ['admin'],
	'delegations.create': ['admin'],
	'delegations.setQuota': ['admin'],
	'delegations.close': ['admin'],
	'delegations.resendLink': ['admin'],
	'badges.sheet': ['admin'],
	'sessionSignups.list': ['admin'],
	'sessionSignups.export': ['admin'],
	'ceremony.list': ['recorder', 'admin', 'leader'],
	'ceremony.get': ['recorder', 'admin', 'leader'],
	'ceremony.searchDeals': ['recorder', 'admin'],
	'ceremony.addDeal': ['recorder', 'admin'],
	'ceremony.addDraft': ['recorder', 'admin'],
	'ceremony.updateDraft': ['recorder', 'admin'],
	'ceremony.remove': ['recorder', 'admin'],
	'ceremony.reorder': ['recorder', 'admin'],
	'ceremony.open': ['recorder', 'admin'],
	'ceremony.close': ['recorder', 'admin'],
	'ceremony.confirm': ['recorder', 'admin'],
	'exhibitors.list': ['admin'],
	'exhibitors.get': ['admin'],
	'exhibitors.approve': ['admin'],
	'exhibitors.reject': ['admin'],
	'exhibitors.requestChanges': ['admin'],
	'booths.overview': ['admin'],
	'booths.plan': ['admin'],
	'booths.createHall': ['admin'],
	'booths.updateHall': ['admin'],
	'booths.deleteHall': ['admin'],
	'booths.createBooth': ['admin'],
	'booths.updateBooth': ['admin'],
	'booths.deleteBooth': ['admin'],
	'booths.exhibitors': ['admin'],
	'booths.hold': ['admin'],
	'booths.confirm': ['admin'],
	'booths.release': ['admin'],
	'booths.previewImport': ['admin'],
	'booths.commitImport': ['admin'],
	'booths.template': ['admin'],
	'booths.export': ['admin'],
	'exhibitionRules.get': ['admin'],
	'exhibitionRules.update': ['admin']
};

/** The procedures a scanner device (bearer token, no staff session) may call. */
const OPEN_TO_DEVICES = [
	'checkin.counts',
	'checkin.scan',
	'checkin.snapshot',
	'checkin.undo',
	'checkin.uploadOffline'
];

type AnyProcedure = { _def: { meta?: Meta; type: 'query' | 'mutation' | 'subscription' } };
const proceduresOf = (r: { _def: { procedures: object } }) =>
	r._def.procedures as Record<string, AnyProcedure>;

describe('every procedure declares who may call it', () => {
	test('the attendee router holds public procedures only', () => {
		const procedures = proceduresOf(attendeeRouter);
		expect(Object.keys(procedures).length).toBeGreaterThan(0);
		for (const [path, procedure] of Object.entries(procedures)) {
			expect(procedure._def.meta?.access, path).toBe('public');
		}
	});

	test('lead retrieval is public and reached only by personal links: exactly these procedures', () => {
		const leads = Object.keys(proceduresOf(attendeeRouter))
			.filter((path) => path.startsWith('leads.'))
			.sort();
		expect(leads).toEqual(
			[
				'leads.export',
				'leads.list',
				'leads.mine',
				'leads.scan',
				'leads.scanner',
				'leads.shareContacts',
				'leads.update',
				'leads.updateForExhibitor',
				'leads.upload'
			].sort()
		);
	});

	test('each admin procedure has exactly the access rule listed here', () => {
		const procedures = proceduresOf(adminRouter);
		expect(Object.keys(procedures).sort()).toEqual(Object.keys(EXPECTED_ADMIN).sort());
		for (const [path, procedure] of Object.entries(procedures)) {
			const access = procedure._def.meta?.access;
			expect(access, `${path} declares no access`).toBeDefined();
			expect(access, path).toEqual(EXPECTED_ADMIN[path]);
		}
	});

	test('scanner devices reach exactly the scanning procedures', () => {
		const procedures = proceduresOf(adminRouter);
		const forDevices = Object.entries(procedures)
			.filter(([, procedure]) => procedure._def.meta?.devices === true)
			.map(([path]) => path)
			.sort();
		expect(forDevices).toEqual(OPEN_TO_DEVICES);
	});
});

/** Calls a procedure by its dotted path with no input; returns the error code, or 'OK'. */
async function outcome(caller: unknown, path: string): Promise<string> {
	const fn = path
		.split('.')
		.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
	try {
		await (fn as (input?: unknown) => Promise<unknown>)(undefined);
		return 'OK';
	} catch (error) {
		return error instanceof TRPCError ? error.code : 'THREW';
	}
}

describe('the access matrix: every admin procedure × every role × anonymous', () => {
	const createCaller = createCallerFactory(adminRouter);
	let seeded: Awaited<ReturnType<typeof seededContext>>;
	beforeAll(async () => {
		seeded = await seededContext();
	});
	afterAll(() => seeded.close());
	const callers: [string, StaffRole | null][] = [
		['anonymous', null],
		...STAFF_ROLES.map((r) => [r, r] as [string, StaffRole])
	];

	for (const [path, access] of Object.entries(EXPECTED_ADMIN)) {
		for (const [who, role] of callers) {
			const allowed = access === 'public' || (role !== null && access.includes(role));
			const expected = allowed ? 'allowed' : role === null ? 'UNAUTHORIZED' : 'FORBIDDEN';
			test(`${path} as ${who}: ${expected}`, async () => {
				const user = role ? staff([role], 1) : null;
				const code = await outcome(
					createCaller(
						createContextInner({ db: seeded.db, writes: seeded.writes, user, source: 'test' })
					),
					path
				);
				if (allowed) {
					// Reached the procedure: it may still refuse the (missing) input, but not the caller.
					expect(['UNAUTHORIZED', 'FORBIDDEN']).not.toContain(code);
				} else {
					expect(code).toBe(expected);
				}
			});
		}
	}
});
