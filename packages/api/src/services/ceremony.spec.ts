import { eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { beforeEach, describe, expect, test } from 'vitest';
import { ledgerStore, tables, verifyLedger, type DbHandle } from '@huizhan/db';
import { createTestDb } from '@huizhan/db/testing';
import { seedDemo } from '@huizhan/db/seed';
import { AppError } from '../errors.ts';
import { manualClock, signedInCaller } from '../test-support.ts';

let handle: DbHandle;
const clock = manualClock(new Date('2024-11-03T10:00:00+08:00'));
type Api = Awaited<ReturnType<typeof signedInCaller>>['api'];
let recorder: Api;
let ceremonyId: number;

const draft = (overrides: Record<string, unknown> = {}) => ({
	projectName: '柔性压力传感器产业园',
	investor: '鹏城感知科技有限公司',
	investorOrigin: 'out_of_province' as const,
	chainId: 1,
	unitId: 1,
	agreementType: 'contract' as const,
	totalInvestment: '20亿',
	...overrides
});

async function ceremonySession(conferenceId = 'wsc-2024', kind = 'signing_ceremony' as const) {
	const [session] = await handle.db
		.insert(tables(handle.db).agendaSessions)
		.values({
			conferenceId,
			kind,
			titleZh: '重大项目签约仪式',
			titleEn: 'Signing ceremony',
			startsAt: new Date('2024-11-03T10:00:00+08:00'),
			endsAt: new Date('2024-11-03T11:30:00+08:00'),
			hallZh: '主会场',
			hallEn: 'Main hall',
			language: 'zh'
		})
		.returning();
	return session!.id;
}

async function reason(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'none';
	} catch (error) {
		if (error instanceof AppError) return error.reason;
		if (error instanceof TRPCError) return error.code;
		throw error;
	}
}

const headSeq = async () => (await ledgerStore.readHead(handle.db)).seq;

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db);
	recorder = (await signedInCaller(handle, 'lina', ['recorder'], { now: clock.now })).api;
	ceremonyId = await ceremonySession();
});

describe('preparing the running order', () => {
	test('adds deals of the edition and drafts in order, each deal once', async () => {
		const { deal } = await recorder.deals.record({
			requestId: 'req-ceremony-1',
			facts: {
				...draft({ projectName: '智能网关', investor: '甲公司' }),
				signingEvent: 'wsc-2024',
				signedOn: '2024-11-01'
			}
		});
		const found = await recorder.ceremony.searchDeals({ sessionId: ceremonyId, text: '智能网关' });
		expect(found.map((d) => d.id)).toEqual([deal.id]);
		await recorder.ceremony.addDeal({ sessionId: ceremonyId, dealId: deal.id });
		const lines = await recorder.ceremony.addDraft({ sessionId: ceremonyId, draft: draft() });
		expect(lines.map((l) => [l.position, l.origin, l.projectName])).toEqual([
			[1, 'deal', '智能网关'],
			[2, 'draft', '柔性压力传感器产业园']
		]);
		expect(lines[1]!.amount).toBe(2_000_000_000);
		expect(
			await reason(recorder.ceremony.addDeal({ sessionId: ceremonyId, dealId: deal.id }))
		).toBe('already_in_running_order');
		const again = await recorder.ceremony.searchDeals({ sessionId: ceremonyId, text: '甲公司' });
		expect(again[0]!.inRunningOrder).toBe(true);
		// As the deal list searches: Latin letters in any case, wildcards taken literally.
		const { deal: latin } = await recorder.deals.record({
			requestId: 'req-ceremony-7',
			facts: {
				...draft({ projectName: 'MEMS 100% 产线', investor: 'ACME Sensors Ltd' }),
				signingEvent: 'wsc-2024',
				signedOn: '2024-11-01'
			}
		});
		const byCase = await recorder.ceremony.searchDeals({ sessionId: ceremonyId, text: 'acme' });
		expect(byCase.map((d) => d.id)).toEqual([latin.id]);
		const byPercent = await recorder.ceremony.searchDeals({ sessionId: ceremonyId, text: '0%' });
		expect(byPercent.map((d) => d.id)).toEqual([latin.id]);
		expect(await recorder.ceremony.searchDeals({ sessionId: ceremonyId, text: 'M_MS' })).toEqual(
			[]
		);
	});

	test('refuses a deal of another edition, and any session that is not a signing ceremony', async () => {
		const { deal } = await recorder.deals.record({
			requestId: 'req-ceremony-2',
			facts: {
				...draft({ investor: '乙公司' }),
				signingEvent: 'diamond-2024',
				signedOn: '2024-11-01'
			}
		});
		expect(
			await reason(recorder.ceremony.addDeal({ sessionId: ceremonyId, dealId: deal.id }))
		).toBe('deal_of_another_edition');
		expect(await recorder.ceremony.searchDeals({ sessionId: ceremonyId, text: '乙公司' })).toEqual(
			[]
		);
		const forum = await ceremonySession('wsc-2024', 'sub_forum' as never);
		expect(await reason(recorder.ceremony.get({ sessionId: forum }))).toBe('ceremony_not_found');
		expect((await recorder.ceremony.get({ sessionId: ceremonyId })).lines).toEqual([]);
	});

	test('checks a draft as recording the deal does, and warns of probable duplicates', async () => {
		expect(
			await reason(
				recorder.ceremony.addDraft({
					sessionId: ceremonyId,
					draft: draft({ totalInvestment: '0' })
				})
			)
		).toBe('BAD_REQUEST');
		expect(
			await reason(
				recorder.ceremony.addDraft({ sessionId: ceremonyId, draft: draft({ chainId: 9999 }) })
			)
		).toBe('unknown_chain');
		expect(
			await reason(
				recorder.ceremony.addDraft({
					sessionId: ceremonyId,
					draft: draft({ foreignCurrency: 'USD', foreignAmount: null, exchangeRate: null })
				})
			)
		).toBe('invalid_facts');
		await recorder.deals.record({
			requestId: 'req-ceremony-3',
			facts: { ...draft(), signingEvent: 'everyday', signedOn: '2024-10-01' }
		});
		expect(
			await reason(recorder.ceremony.addDraft({ sessionId: ceremonyId, draft: draft() }))
		).toBe('probable_duplicate');
		expect((await recorder.ceremony.get({ sessionId: ceremonyId })).lines).toEqual([]);
		const lines = await recorder.ceremony.addDraft({
			sessionId: ceremonyId,
			draft: draft(),
			acknowledgeDuplicates: true
		});
		expect(lines).toHaveLength(1);
	});

	test('reorders, edits and removes unconfirmed lines; a stale order is refused', async () => {
		for (const name of ['一号项目', '二号项目', '三号项目'])
			await recorder.ceremony.addDraft({
				sessionId: ceremonyId,
				draft: draft({ projectName: name, investor: `${name}公司` })
			});
		const [a, b, c] = (await recorder.ceremony.get({ sessionId: ceremonyId })).lines;
		const reordered = await recorder.ceremony.reorder({
			sessionId: ceremonyId,
			itemIds: [c!.id, a!.id, b!.id]
		});
		expect(reordered.map((l) => l.projectName)).toEqual(['三号项目', '一号项目', '二号项目']);
		expect(
			await reason(recorder.ceremony.reorder({ sessionId: ceremonyId, itemIds: [a!.id, b!.id] }))
		).toBe('running_order_changed');
		const edited = await recorder.ceremony.updateDraft({
			sessionId: ceremonyId,
			itemId: a!.id,
			draft: draft({ projectName: '一号项目（二期）', investor: '一号项目公司' })
		});
		expect(edited.find((l) => l.id === a!.id)!.projectName).toBe('一号项目（二期）');
		const removed = await recorder.ceremony.remove({ sessionId: ceremonyId, itemId: b!.id });
		expect(removed.map((l) => l.id)).toEqual([c!.id, a!.id]);

		await recorder.ceremony.open({ sessionId: ceremonyId });
		await recorder.ceremony.confirm({ sessionId: ceremonyId, itemId: c!.id });
		expect(await reason(recorder.ceremony.remove({ sessionId: ceremonyId, itemId: c!.id }))).toBe(
			'ceremony_item_confirmed'
		);
	});
});

describe('opening and closing', () => {
	test('the press waits for the opening, and the order is frozen once closed', async () => {
		const [line] = await recorder.ceremony.addDraft({ sessionId: ceremonyId, draft: draft() });
		expect((await recorder.ceremony.get({ sessionId: ceremonyId })).state).toBe('preparing');
		expect(
			await reason(recorder.ceremony.confirm({ sessionId: ceremonyId, itemId: line!.id }))
		).toBe('ceremony_not_open');
		expect(await reason(recorder.ceremony.close({ sessionId: ceremonyId }))).toBe(
			'ceremony_not_open'
		);
		const opened = await recorder.ceremony.open({ sessionId: ceremonyId });
		expect(opened.state).toBe('open');
		expect(opened.nextId).toBe(line!.id);
		expect((await recorder.ceremony.list({ conferenceId: 'wsc-2024' }))[0]!.state).toBe('open');
		const closed = await recorder.ceremony.close({ sessionId: ceremonyId });
		expect(closed.state).toBe('closed');
		expect(
			await reason(recorder.ceremony.addDraft({ sessionId: ceremonyId, draft: draft() }))
		).toBe('ceremony_closed');
		expect(
			await reason(recorder.ceremony.confirm({ sessionId: ceremonyId, itemId: line!.id }))
		).toBe('ceremony_not_open');
		expect((await recorder.ceremony.open({ sessionId: ceremonyId })).state).toBe('open');
		const audit = await handle.db.select().from(tables(handle.db).auditLog);
		expect(audit.map((a) => a.action).filter((a) => a.startsWith('ceremony_'))).toEqual([
			'ceremony_item_added',
			'ceremony_opened',
			'ceremony_closed',
			'ceremony_opened'
		]);
	});
});

describe('the press', () => {
	test('records a draft into the ledger once, signed today at the edition, under a double press', async () => {
		const before = await recorder.deals.totals({ signingEvent: 'wsc-2024' });
		const [line] = await recorder.ceremony.addDraft({ sessionId: ceremonyId, draft: draft() });
		await recorder.ceremony.open({ sessionId: ceremonyId });
		const head = await headSeq();
		const first = await recorder.ceremony.confirm({ sessionId: ceremonyId, itemId: line!.id });
		const second = await recorder.ceremony.confirm({ sessionId: ceremonyId, itemId: line!.id });
		expect(first).toMatchObject({ ledgerWritten: true, replayed: false });
		expect(second).toEqual({ ...first, replayed: true });
		expect(await headSeq()).toBe(head + 1);
		const entry = await ledgerStore.entryByRequestId(handle.db, `ceremony-item:${line!.id}`);
		expect(entry?.dealId).toBe(first.line.dealId);
		const deal = await ledgerStore.loadDealState(handle.db, first.line.dealId!);
		expect(deal?.facts).toMatchObject({ signingEvent: 'wsc-2024', signedOn: '2024-11-03' });
		const after = await recorder.deals.totals({ signingEvent: 'wsc-2024' });
		expect(after.includingFramework - before.includingFramework).toBe(2_000_000_000);
		const view = await recorder.ceremony.get({ sessionId: ceremonyId });
		expect(view.ceremonyTotal).toBe(2_000_000_000);
		expect(view.nextId).toBeNull();
		expect(view.lines[0]!.confirmedBy).toBe('lina');
		expect((await verifyLedger(handle.db)).ok).toBe(true);
	});

	test('two tablets pressing at once give one ledger entry and the same answer', async () => {
		const [line] = await recorder.ceremony.addDraft({ sessionId: ceremonyId, draft: draft() });
		await recorder.ceremony.open({ sessionId: ceremonyId });
		const head = await headSeq();
		const other = (await signedInCaller(handle, 'wangmin', ['admin'], { now: clock.now })).api;
		const presses = await Promise.all([
			recorder.ceremony.confirm({ sessionId: ceremonyId, itemId: line!.id }),
			other.ceremony.confirm({ sessionId: ceremonyId, itemId: line!.id }),
			recorder.ceremony.confirm({ sessionId: ceremonyId, itemId: line!.id })
		]);
		expect(presses.filter((p) => !p.replayed)).toHaveLength(1);
		expect(new Set(presses.map((p) => JSON.stringify(p.line))).size).toBe(1);
		expect(await headSeq()).toBe(head + 1);
		const confirmations = (await handle.db.select().from(tables(handle.db).auditLog)).filter(
			(a) => a.action === 'ceremony_item_confirmed'
		);
		expect(confirmations).toHaveLength(1);
	});

	test('announcing a deal entered before writes nothing to the ledger; any unconfirmed line may go next', async () => {
		const { deal } = await recorder.deals.record({
			requestId: 'req-ceremony-4',
			facts: { ...draft({ investor: '丙公司' }), signingEvent: 'wsc-2024', signedOn: '2024-11-02' }
		});
		const [drafted] = await recorder.ceremony.addDraft({
			sessionId: ceremonyId,
			draft: draft({ projectName: '先签的项目', investor: '丁公司', totalInvestment: '3亿' })
		});
		const lines = await recorder.ceremony.addDeal({ sessionId: ceremonyId, dealId: deal.id });
		await recorder.ceremony.open({ sessionId: ceremonyId });
		const head = await headSeq();
		const pressed = await recorder.ceremony.confirm({
			sessionId: ceremonyId,
			itemId: lines[1]!.id
		});
		expect(pressed).toMatchObject({ ledgerWritten: false, replayed: false });
		expect(pressed.line).toMatchObject({ dealId: deal.id, origin: 'deal' });
		expect(await headSeq()).toBe(head);
		const view = await recorder.ceremony.get({ sessionId: ceremonyId });
		expect(view.nextId).toBe(drafted!.id);
		expect(view.ceremonyTotal).toBe(2_000_000_000);
	});

	test('a deal voided since it was listed is not announced', async () => {
		const { deal } = await recorder.deals.record({
			requestId: 'req-ceremony-5',
			facts: { ...draft({ investor: '戊公司' }), signingEvent: 'wsc-2024', signedOn: '2024-11-02' }
		});
		const [line] = await recorder.ceremony.addDeal({ sessionId: ceremonyId, dealId: deal.id });
		await recorder.deals.void({
			requestId: 'req-ceremony-6',
			dealId: deal.id,
			expectedVersion: 1,
			reason: '重复录入'
		});
		await recorder.ceremony.open({ sessionId: ceremonyId });
		expect(
			await reason(recorder.ceremony.confirm({ sessionId: ceremonyId, itemId: line!.id }))
		).toBe('deal_voided');
		const [item] = await handle.db
			.select()
			.from(tables(handle.db).ceremonyItems)
			.where(eq(tables(handle.db).ceremonyItems.id, line!.id));
		expect(item!.confirmedAt).toBeNull();
	});
});
