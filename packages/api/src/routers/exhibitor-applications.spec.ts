import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { creditCodeCheckCharacter } from '@huizhan/ledger';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo, seedDemoRegistrations } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { AppError } from '../errors.ts';
import { createAttendeeCaller } from '../root.ts';
import { refusingSecondApplication } from '../services/exhibitor-applications.ts';
import { signedInCaller } from '../test-support.ts';

let handle: DbHandle;
const now = () => new Date('2026-11-26T10:00:00+08:00');
const EDITION = currentDemoEdition(now(), 'wsc');
let company: ReturnType<typeof createAttendeeCaller>;
let admin: Awaited<ReturnType<typeof signedInCaller>>['api'];
let adminId: number;

/** A valid credit code: 17 characters completed with their check character. */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const HANWEI = code('91410100MA0000001');
const OTHER = code('91410100MA0000002');

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	company = createAttendeeCaller(createContextInner({ ...handle, source: '203.0.113.7', now }));
	({ api: admin, id: adminId } = await signedInCaller(handle, 'expo-admin', ['admin'], { now }));
	await handle.db
		.insert(tables(handle.db).exhibitionRules)
		.values({ conferenceId: EDITION.id, applicationsOpen: true });
});
afterEach(() => handle.close());

const application = (overrides: Record<string, unknown> = {}) => ({
	conferenceId: EDITION.id,
	companyZh: '汉威科技集团股份有限公司',
	companyEn: 'Hanwei Electronics Group',
	creditCode: HANWEI,
	contactName: '王五',
	mobile: '137 0013 7000',
	email: 'Expo@Hanwei.example',
	productsZh: '气体传感器',
	productsEn: 'Gas sensors',
	wantedBoothType: 'standard' as const,
	wantedSquareMetres: 18,
	consent: true as const,
	...overrides
});

/** The reason code of a refusal: an AppError's reason, or each zod issue's message by field. */
async function refusal(call: Promise<unknown>): Promise<string> {
	try {
		await call;
	} catch (e) {
		if (e instanceof AppError) return e.reason;
		if (e instanceof TRPCError && e.cause && 'issues' in e.cause) {
			const issues = (e.cause as { issues: { path: unknown[]; message: string }[] }).issues;
			return issues.map((i) => `${i.path.join('.')}:${i.message}`).join(' ');
		}
		throw e;
	}
	throw new Error('the call was not refused');
}

const stored = async () => handle.db.select().from(tables(handle.db).exhibitors);

/** The id of the one application stored. */
async function onlyId(): Promise<number> {
	const rows = await stored();
	expect(rows).toHaveLength(1);
	return rows[0]!.id;
}

test('an application is stored pending, normalised, and its page shows what happens next', async () => {
	const typed = `${HANWEI.slice(0, 6).toLowerCase()} ${HANWEI.slice(6, 12)}-${HANWEI.slice(12)}`;
	const { secret } = await company.exhibitorApplication.submit(application({ creditCode: typed }));
	const [row] = await stored();
	expect(row).toMatchObject({
		creditCode: HANWEI,
		contactMobile: '+8613700137000',
		contactEmail: 'expo@hanwei.example',
		status: 'pending',
		secret
	});
	const view = await company.exhibitorApplication.view({ secret });
	expect(view).toMatchObject({ status: 'pending', canWithdraw: true, canResubmit: false });
	expect(await company.exhibitorApplication.view({ secret: 'x'.repeat(22) })).toBeNull();
});

test('each credit code problem is refused with its own code, and nothing is stored', async () => {
	const wrongCheck = HANWEI.slice(0, 17) + (HANWEI[17] === '0' ? '1' : '0');
	const cases: [string, string][] = [
		['', 'creditCode:required'],
		['9141010', 'creditCode:credit_code_length'],
		[HANWEI.slice(0, 17) + 'I', 'creditCode:credit_code_characters'],
		['91' + 'A1B2C3' + HANWEI.slice(8), 'creditCode:credit_code_division'],
		[wrongCheck, 'creditCode:credit_code_check_digit']
	];
	for (const [typed, expected] of cases) {
		expect(
			await refusal(company.exhibitorApplication.submit(application({ creditCode: typed })))
		).toBe(expected);
	}
	expect(await stored()).toHaveLength(0);
});

test('the contact is checked as the registration form checks it: one of mobile or email', async () => {
	expect(
		await refusal(company.exhibitorApplication.submit(application({ mobile: '', email: '' })))
	).toBe('mobile:contact_required');
	expect(
		await refusal(company.exhibitorApplication.submit(application({ mobile: '12345', email: '' })))
	).toBe('mobile:mobile_invalid');
	expect(
		await refusal(company.exhibitorApplication.submit(application({ wantedSquareMetres: 9.5 })))
	).toBe('wantedSquareMetres:area_invalid');
	expect(await refusal(company.exhibitorApplication.submit(application({ consent: false })))).toBe(
		'consent:consent_required'
	);
});

test('applications are refused while the edition has not opened them', async () => {
	await handle.db
		.update(tables(handle.db).exhibitionRules)
		.set({ applicationsOpen: false })
		.where(eq(tables(handle.db).exhibitionRules.conferenceId, EDITION.id));
	expect(await company.exhibitorApplication.form({ conferenceId: EDITION.id })).toEqual({
		open: false,
		chains: []
	});
	expect(await refusal(company.exhibitorApplication.submit(application()))).toBe(
		'exhibitor_applications_closed'
	);
	expect(await stored()).toHaveLength(0);
});

test('a chain must be one of the active chains offered on the form', async () => {
	const { chains } = await company.exhibitorApplication.form({ conferenceId: EDITION.id });
	expect(chains.length).toBeGreaterThan(0);
	await company.exhibitorApplication.submit(application({ industryChainId: chains[0]!.id }));
	expect(
		await refusal(
			company.exhibitorApplication.submit(application({ creditCode: OTHER, industryChainId: 9999 }))
		)
	).toBe('industry_chain_unknown');
});

test('a second application with the same code is refused while the first stands, and allowed after it is withdrawn', async () => {
	const { secret } = await company.exhibitorApplication.submit(application());
	expect(
		await refusal(company.exhibitorApplication.submit(application({ companyZh: '另一个名字' })))
	).toBe('exhibitor_already_applied');
	await company.exhibitorApplication.withdraw({ secret });
	await company.exhibitorApplication.submit(application());
	expect((await stored()).map((e) => e.status)).toEqual(['withdrawn', 'pending']);
});

test('two applications with the same code at once: the database keeps one', async () => {
	const results = await Promise.allSettled([
		company.exhibitorApplication.submit(application()),
		company.exhibitorApplication.submit(application({ contactName: '李四' }))
	]);
	expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
	const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
	expect(refused.reason).toBeInstanceOf(AppError);
	expect((refused.reason as AppError).reason).toBe('exhibitor_already_applied');
	expect(await stored()).toHaveLength(1);
});

test('the unique index is the final word: its refusal reads as the company having applied', async () => {
	await company.exhibitorApplication.submit(application());
	const [first] = await stored();
	const { id: _id, secret: _secret, ...copy } = first!;
	const second = refusingSecondApplication(() =>
		handle.db.insert(tables(handle.db).exhibitors).values({ ...copy, secret: 'y'.repeat(22) })
	);
	expect(await refusal(second)).toBe('exhibitor_already_applied');
	expect(await stored()).toHaveLength(1);
});

test('the same company name under another code is accepted and flagged as a probable duplicate', async () => {
	await company.exhibitorApplication.submit(application());
	await company.exhibitorApplication.submit(
		application({ creditCode: OTHER, companyZh: '汉威科技集团有限公司', companyEn: '' })
	);
	await company.exhibitorApplication.submit(
		application({ creditCode: code('91410100MA0000003'), companyZh: '中原传感', companyEn: 'ZY' })
	);
	const { rows, counts } = await admin.exhibitors.list({ conferenceId: EDITION.id });
	expect(counts.pending).toBe(3);
	expect(rows.map((r) => r.probableDuplicates.map((d) => d.creditCode))).toEqual([
		[OTHER],
		[HANWEI],
		[]
	]);
	const detail = await admin.exhibitors.get({ exhibitorId: rows[0]!.id });
	expect(detail.probableDuplicates).toMatchObject([{ id: rows[1]!.id, creditCode: OTHER }]);
	expect((await admin.exhibitors.list({ conferenceId: EDITION.id, q: '中原' })).rows).toHaveLength(
		1
	);
	expect(
		(await admin.exhibitors.list({ conferenceId: EDITION.id, q: OTHER.toLowerCase() })).rows
	).toHaveLength(1);
});

test('changes requested, resubmitted, approved: each decision audited with its note', async () => {
	const { secret } = await company.exhibitorApplication.submit(application());
	const id = await onlyId();
	expect(await refusal(admin.exhibitors.requestChanges({ exhibitorId: id, note: ' ' }))).toBe(
		'note:note_required'
	);
	await admin.exhibitors.requestChanges({ exhibitorId: id, note: '请补充英文名称' });
	expect(await company.exhibitorApplication.view({ secret })).toMatchObject({
		status: 'changes_requested',
		reviewNote: '请补充英文名称',
		canResubmit: true
	});
	const { conferenceId: _c, ...fields } = application({ companyEn: 'Hanwei Ltd.' });
	await company.exhibitorApplication.resubmit({ secret, ...fields });
	await admin.exhibitors.approve({ exhibitorId: id });
	expect(await company.exhibitorApplication.view({ secret })).toMatchObject({
		status: 'approved',
		reviewNote: null,
		application: { companyEn: 'Hanwei Ltd.' }
	});
	const audit = await handle.db
		.select()
		.from(tables(handle.db).auditLog)
		.where(eq(tables(handle.db).auditLog.subjectType, 'exhibitor'));
	expect(audit.map((a) => [a.action, a.actorId])).toEqual([
		['exhibitor_changes_requested', adminId],
		['exhibitor_resubmitted', null],
		['exhibitor_approved', adminId]
	]);
	expect(JSON.stringify(audit)).not.toContain(secret);
	expect(JSON.stringify(audit)).not.toContain('13700137000');
});

test('decisions follow the status rules: no resubmitting unasked, no approving a rejection', async () => {
	const { secret } = await company.exhibitorApplication.submit(application());
	const id = await onlyId();
	const { conferenceId: _c, ...fields } = application();
	expect(await refusal(company.exhibitorApplication.resubmit({ secret, ...fields }))).toBe(
		'exhibitor_cannot_resubmit'
	);
	await admin.exhibitors.reject({ exhibitorId: id, note: '展区已满' });
	expect(await company.exhibitorApplication.view({ secret })).toMatchObject({
		status: 'rejected',
		reviewNote: '展区已满'
	});
	expect(await refusal(admin.exhibitors.approve({ exhibitorId: id }))).toBe(
		'exhibitor_decision_not_allowed'
	);
	expect(await refusal(company.exhibitorApplication.withdraw({ secret }))).toBe(
		'exhibitor_cannot_withdraw'
	);
	expect(await refusal(admin.exhibitors.approve({ exhibitorId: 99_999 }))).toBe(
		'exhibitor_not_found'
	);
});

test('an approved exhibitor holding a booth or people is not rejected until they are released', async () => {
	await company.exhibitorApplication.submit(application());
	const id = await onlyId();
	await admin.exhibitors.approve({ exhibitorId: id });
	const t = tables(handle.db);
	const [hall] = await handle.db
		.insert(t.exhibitionHalls)
		.values({ conferenceId: EDITION.id, code: 'A', nameZh: 'A馆', nameEn: 'Hall A' })
		.returning();
	const [booth] = await handle.db
		.insert(t.booths)
		.values({
			conferenceId: EDITION.id,
			hallId: hall!.id,
			number: 'A-101',
			areaSquareMetres: 18,
			type: 'standard'
		})
		.returning();
	await handle.db
		.insert(t.boothHolds)
		.values({ boothId: booth!.id, exhibitorId: id, kind: 'assigned', createdBy: adminId });
	const detail = await admin.exhibitors.get({ exhibitorId: id });
	expect(detail.booths.map((b) => b.number)).toEqual(['A-101']);
	expect(detail.passes.staff).toEqual({ quota: 6, used: 0 });
	expect(detail.decisions).toEqual(['reject']);
	expect(await refusal(admin.exhibitors.reject({ exhibitorId: id, note: '合同未签' }))).toBe(
		'exhibitor_holds_booths'
	);
	await handle.db.update(t.boothHolds).set({ releasedAt: now(), releasedBy: adminId });
	await seedDemoRegistrations(handle.db);
	const [person] = await handle.db
		.select({ id: t.registrations.id })
		.from(t.registrations)
		.where(eq(t.registrations.status, 'confirmed'))
		.limit(1);
	await handle.db
		.update(t.registrations)
		.set({ exhibitorId: id, exhibitorPass: 'staff' })
		.where(eq(t.registrations.id, person!.id));
	expect(await refusal(admin.exhibitors.reject({ exhibitorId: id, note: '合同未签' }))).toBe(
		'exhibitor_has_people'
	);
	expect((await stored())[0]!.status).toBe('approved');
});
