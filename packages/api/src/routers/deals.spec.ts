import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeEach, describe, expect, test } from 'vitest';
import { LEDGER_CEILING_YUAN, MAX_DEAL_YUAN, YI } from '@huizhan/ledger';
import { ledgerStore, tables, verifyLedger, type DbHandle } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { createAdminCaller } from '../root.ts';
import { AppError } from '../errors.ts';
import { manualClock, staff } from '../test-support.ts';

let handle: DbHandle;
const clock = manualClock(new Date('2024-11-03T10:00:00+08:00'));
const t = () => tables(handle.db);
/** A caller signed in as a real staff row (the audit log refers to it). */
async function as(login: string, roles: Parameters<typeof staff>[0]) {
	const existing = (await handle.db.select().from(t().staffUsers)).find((u) => u.login === login);
	const id =
		existing?.id ??
		(
			await handle.db
				.insert(t().staffUsers)
				.values({ login, displayName: login, passwordHash: '$argon2id$not-used-here' })
				.returning()
		)[0]!.id;
	return createAdminCaller(
		createContextInner({
			...handle,
			user: { ...staff(roles, id), login },
			source: '10.0.0.5',
			now: clock.now
		})
	);
}

const facts = (overrides: Record<string, unknown> = {}) => ({
	projectName: 'MEMS传感器晶圆制造基地',
	investor: '华芯微感科技股份有限公司',
	investorOrigin: 'out_of_province' as const,
	chainId: 1,
	unitId: 1,
	signingEvent: 'wsc-2024',
	signedOn: '2024-11-03',
	agreementType: 'contract' as const,
	totalInvestment: '12.5亿',
	...overrides
});

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

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db);
});

describe('recording a deal', () => {
	test('parses the amount as typed and raises the conference total by exactly that much', async () => {
		const recorder = await as('lina', ['recorder']);
		const before = await recorder.deals.totals({ signingEvent: 'wsc-2024' });
		const { deal, entry } = await recorder.deals.record({ requestId: 'req-0001', facts: facts() });
		expect(deal.facts.totalInvestment).toBe(1_250_000_000);
		expect(entry).toMatchObject({
			seq: 1,
			recordedBy: 'lina',
			delta: { contract: 1_250_000_000, framework: 0, intent: 0 }
		});
		const after = await recorder.deals.totals({ signingEvent: 'wsc-2024' });
		expect(after.contract - before.contract).toBe(1_250_000_000);
		expect((await verifyLedger(handle.db)).ok).toBe(true);
	});

	test('a retried request (same request id) records nothing twice', async () => {
		const recorder = await as('lina', ['recorder']);
		const first = await recorder.deals.record({ requestId: 'req-0002', facts: facts() });
		const again = await recorder.deals.record({ requestId: 'req-0002', facts: facts() });
		expect(again.replayed).toBe(true);
		expect(again.entry.seq).toBe(first.entry.seq);
		expect(await handle.db.select().from(t().ledgerEntries)).toHaveLength(1);
		expect((await recorder.deals.totals({})).deals).toBe(1);
	});

	test('bad amounts are refused with a reason and nothing is stored', async () => {
		const recorder = await as('lina', ['recorder']);
		for (const [amount, code] of [
			['-5亿', 'amount_negative'],
			['1.234567891亿', 'amount_too_precise'],
			['两亿', 'amount_not_a_number'],
			['20000亿', 'amount_too_large'],
			['', 'amount_empty']
		] as const) {
			const error = await recorder.deals
				.record({ requestId: `req-${code}`, facts: facts({ totalInvestment: amount }) })
				.catch((e) => e);
			expect(error).toBeInstanceOf(TRPCError);
			expect(JSON.stringify((error as TRPCError).cause)).toContain(code);
		}
		expect(await handle.db.select().from(t().ledgerEntries)).toHaveLength(0);
	});

	test('a probable duplicate is refused until the recorder says it is a different project', async () => {
		const recorder = await as('lina', ['recorder']);
		const first = await recorder.deals.record({ requestId: 'req-0003', facts: facts() });
		const again = {
			requestId: 'req-0004',
			facts: facts({
				investor: '华芯微感科技有限公司',
				projectName: 'MEMS传感器晶圆制造基地二期',
				signingEvent: 'diamond-2024'
			})
		};
		const refused = await recorder.deals.record(again).catch((e: AppError) => e);
		expect(refused).toBeInstanceOf(AppError);
		expect((refused as AppError).reason).toBe('probable_duplicate');
		expect((refused as AppError).details.duplicates).toEqual([
			expect.objectContaining({ id: first.deal.id, signingEvent: 'wsc-2024' })
		]);
		const accepted = await recorder.deals.record({ ...again, acknowledgeDuplicates: true });
		expect(accepted.deal.id).not.toBe(first.deal.id);
	});

	test('references to unknown events, chains and units are refused by field', async () => {
		const recorder = await as('lina', ['recorder']);
		expect(
			await reason(
				recorder.deals.record({
					requestId: 'req-0005',
					facts: facts({ signingEvent: 'nowhere-2024' })
				})
			)
		).toBe('unknown_signing_event');
		expect(
			await reason(recorder.deals.record({ requestId: 'req-0006', facts: facts({ chainId: 999 }) }))
		).toBe('unknown_chain');
	});
});

describe('the ledger ceiling', () => {
	/** Everything a refused write could have touched. */
	const snapshot = async () => ({
		entries: await ledgerStore.loadEntries(handle.db),
		deals: await handle.db.select().from(t().deals),
		tranches: await handle.db.select().from(t().dealTranches),
		audit: await handle.db.select().from(t().auditLog),
		total: await ledgerStore.readTotal(handle.db)
	});

	test('a write that would push the total past 1000万亿元 is refused and changes nothing', async () => {
		const recorder = await as('lina', ['recorder']);
		const { deal } = await recorder.deals.record({
			requestId: 'req-ceiling-1',
			facts: facts({ totalInvestment: '9000亿' })
		});
		expect(await ledgerStore.readTotal(handle.db)).toBe(9000 * YI);
		// Stands for 999 more deals of 1万亿 already recorded, 1 亿 short of the ceiling.
		await handle.db.update(t().ledgerTotal).set({ amount: LEDGER_CEILING_YUAN - YI });
		const before = await snapshot();

		expect(
			await reason(
				recorder.deals.record({
					requestId: 'req-ceiling-2',
					facts: facts({
						projectName: '另一个项目',
						investor: '另一家公司',
						totalInvestment: '2亿'
					})
				})
			)
		).toBe('ledger_ceiling');
		expect(
			await reason(
				recorder.deals.amend({
					requestId: 'req-ceiling-3',
					dealId: deal.id,
					expectedVersion: 1,
					changes: { totalInvestment: MAX_DEAL_YUAN },
					reason: '更正'
				})
			)
		).toBe('ledger_ceiling');
		expect(
			await reason(
				recorder.deals.increase({
					requestId: 'req-ceiling-4',
					dealId: deal.id,
					expectedVersion: 1,
					amount: YI + 1,
					signingEvent: 'wsc-2024',
					signedOn: '2024-11-04'
				})
			)
		).toBe('ledger_ceiling');
		expect(await snapshot()).toEqual(before);

		// Right up to the ceiling is fine, and a void still lowers a full ledger.
		await recorder.deals.record({
			requestId: 'req-ceiling-5',
			facts: facts({ projectName: '另一个项目', investor: '另一家公司', totalInvestment: '1亿' })
		});
		expect(await ledgerStore.readTotal(handle.db)).toBe(LEDGER_CEILING_YUAN);
		await recorder.deals.void({
			requestId: 'req-ceiling-6',
			dealId: deal.id,
			expectedVersion: 1,
			reason: '重复录入'
		});
		expect(await ledgerStore.readTotal(handle.db)).toBe(LEDGER_CEILING_YUAN - 9000 * YI);
	});
});

describe('reading deals back', () => {
	test('the history names who recorded each entry by their display name, not their login', async () => {
		await handle.db
			.insert(t().staffUsers)
			.values({ login: 'wangmin', displayName: '王敏', passwordHash: '$argon2id$not-used-here' });
		const recorder = await as('wangmin', ['recorder']);
		const { deal } = await recorder.deals.record({ requestId: 'req-names', facts: facts() });
		const { history, names } = await recorder.deals.get({ dealId: deal.id });
		expect(history.at(-1)?.recordedBy).toBe('wangmin');
		expect(names.wangmin).toBe('王敏');
	});

	test('lists the deal recorded last first by default, even one signed long before the others', async () => {
		const recorder = await as('lina', ['recorder']);
		const { deal } = await recorder.deals.record({
			requestId: 'req-late',
			facts: facts({ projectName: '补录的旧项目', signedOn: '2023-01-05' })
		});
		const { rows } = await recorder.deals.list({});
		expect(rows[0]?.id).toBe(deal.id);
	});
});

describe('changing a deal', () => {
	test('two recorders amending the same deal at once: one wins, the other is told who and when', async () => {
		const lina = await as('lina', ['recorder']);
		const wang = await as('wang', ['recorder']);
		const { deal } = await lina.deals.record({ requestId: 'req-0010', facts: facts() });
		const results = await Promise.allSettled([
			lina.deals.amend({
				requestId: 'req-0011',
				dealId: deal.id,
				expectedVersion: deal.version,
				changes: { totalInvestment: '13亿' },
				reason: '合同金额更正'
			}),
			wang.deals.amend({
				requestId: 'req-0012',
				dealId: deal.id,
				expectedVersion: deal.version,
				changes: { unitId: 2 },
				reason: '责任单位调整'
			})
		]);
		const won = results.filter((r) => r.status === 'fulfilled');
		const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		const error = lost[0]!.reason as AppError;
		expect(error.reason).toBe('deal_changed');
		expect(error.details).toMatchObject({ by: 'lina', version: 2 });
		// Nothing lost: the loser can amend on the new version.
		const current = await wang.deals.get({ dealId: deal.id });
		await wang.deals.amend({
			requestId: 'req-0013',
			dealId: deal.id,
			expectedVersion: current.deal.version,
			changes: { unitId: 2 },
			reason: '责任单位调整'
		});
		const final = await wang.deals.get({ dealId: deal.id });
		expect(final.deal.facts).toMatchObject({ totalInvestment: 13 * YI, unitId: 2 });
		expect(final.history.map((e) => e.event.type)).toEqual(['signed', 'amended', 'amended']);
	});

	test('a retired chain or unit takes no new deal, while a deal that names it keeps it through other amendments', async () => {
		const recorder = await as('lina', ['recorder']);
		const admin = await as('chief', ['admin']);
		const { deal } = await recorder.deals.record({ requestId: 'req-0030', facts: facts() });
		await admin.organisation.setActive({ kind: 'chain', id: 1, active: false });
		await admin.organisation.setActive({ kind: 'unit', id: 3, active: false });
		const entries = async () => (await handle.db.select().from(t().ledgerEntries)).length;
		const before = await entries();

		expect(
			await reason(
				recorder.deals.record({ requestId: 'req-0031', facts: facts({ projectName: '新项目' }) })
			)
		).toBe('chain_retired');
		expect(
			await reason(
				recorder.deals.record({
					requestId: 'req-0032',
					facts: facts({ projectName: '新项目', chainId: 2, unitId: 3 })
				})
			)
		).toBe('unit_retired');
		expect(
			await reason(
				recorder.deals.amend({
					requestId: 'req-0033',
					dealId: deal.id,
					expectedVersion: deal.version,
					changes: { unitId: 3 },
					reason: '改到已停用的单位'
				})
			)
		).toBe('unit_retired');
		expect(await entries()).toBe(before);

		// The deal's own (now retired) chain is sent back unchanged with the corrected amount.
		await recorder.deals.amend({
			requestId: 'req-0034',
			dealId: deal.id,
			expectedVersion: deal.version,
			changes: { chainId: 1, totalInvestment: '13亿' },
			reason: '合同金额更正'
		});
		const amended = await recorder.deals.get({ dealId: deal.id });
		expect(amended.deal.facts).toMatchObject({ chainId: 1, totalInvestment: 13 * YI });
	});

	test('upgrade, increase, advance and void move the totals by the counting rules, and void restores them', async () => {
		const recorder = await as('lina', ['recorder']);
		const base = await recorder.deals.totals({});
		const { deal } = await recorder.deals.record({
			requestId: 'req-0020',
			facts: facts({ agreementType: 'framework', totalInvestment: '20亿' })
		});
		let totals = await recorder.deals.totals({});
		expect(totals.contract - base.contract).toBe(0);
		expect(totals.includingFramework - base.includingFramework).toBe(20 * YI);

		await recorder.deals.upgrade({
			requestId: 'req-0021',
			dealId: deal.id,
			expectedVersion: 1,
			on: '2024-12-01'
		});
		totals = await recorder.deals.totals({});
		expect(totals.contract - base.contract).toBe(20 * YI);
		expect(totals.includingFramework - base.includingFramework).toBe(20 * YI);

		await recorder.deals.increase({
			requestId: 'req-0022',
			dealId: deal.id,
			expectedVersion: 2,
			amount: '5亿',
			signingEvent: 'everyday',
			signedOn: '2025-01-10'
		});
		const byEvent = (await recorder.deals.totals({})).byEvent;
		expect(byEvent['wsc-2024']?.contract).toBe(20 * YI);
		expect(byEvent.everyday?.contract).toBe(5 * YI);

		await recorder.deals.advance({
			requestId: 'req-0023',
			dealId: deal.id,
			expectedVersion: 3,
			stage: 'landed',
			on: '2025-02-01'
		});
		expect(
			await reason(
				recorder.deals.advance({
					requestId: 'req-0024',
					dealId: deal.id,
					expectedVersion: 4,
					stage: 'landed',
					on: '2025-02-02'
				})
			)
		).toBe('stage_backwards');

		await recorder.deals.void({
			requestId: 'req-0025',
			dealId: deal.id,
			expectedVersion: 4,
			reason: '项目撤回'
		});
		expect(await recorder.deals.totals({})).toEqual(base);
		expect(
			await reason(
				recorder.deals.amend({
					requestId: 'req-0026',
					dealId: deal.id,
					expectedVersion: 5,
					changes: { notes: 'x' },
					reason: 'x'
				})
			)
		).toBe('deal_voided');
		expect((await verifyLedger(handle.db)).ok).toBe(true);
	});

	test('totals as of a past moment replay the ledger as it stood then', async () => {
		const recorder = await as('lina', ['recorder']);
		await recorder.deals.record({ requestId: 'req-0030', facts: facts() });
		const between = clock.now().toISOString();
		clock.advance(60_000);
		await recorder.deals.record({
			requestId: 'req-0031',
			facts: facts({ investor: '另一家公司', projectName: '另一个项目', totalInvestment: '3亿' })
		});
		expect((await recorder.deals.totals({ asOf: between })).includingFramework).toBe(12.5 * YI);
		expect((await recorder.deals.totals({})).includingFramework).toBe(15.5 * YI);
	});

	test('every change is in the audit log with who, from where and the reason', async () => {
		const recorder = await as('lina', ['recorder']);
		const { deal } = await recorder.deals.record({ requestId: 'req-0040', facts: facts() });
		await recorder.deals.void({
			requestId: 'req-0041',
			dealId: deal.id,
			expectedVersion: 1,
			reason: '重复录入'
		});
		const log = await handle.db.select().from(t().auditLog);
		expect(log.map((e) => [e.action, e.actorLabel, e.source, e.subjectId])).toEqual([
			['deal_signed', 'lina', '10.0.0.5', deal.id],
			['deal_voided', 'lina', '10.0.0.5', deal.id]
		]);
		expect(log[1]?.detail).toMatchObject({ reason: '重复录入' });
	});
});

test('targets show what is achieved, what remains and the pace', async () => {
	const recorder = await as('lina', ['recorder']);
	await recorder.deals.record({
		requestId: 'req-0050',
		facts: facts({ totalInvestment: '300亿' })
	});
	const groups = await (await as('boss', ['leader'])).deals.targets();
	const sensor = groups.find((g) => g.conference?.id === 'wsc-2024')?.targets[0];
	expect(sensor?.progress).toMatchObject({
		value: 500 * YI,
		achieved: 300 * YI,
		remaining: 200 * YI,
		percentBasisPoints: 6000
	});
});
