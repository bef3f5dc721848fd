import { expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { createTestDb } from '@huizhan/db/testing';
import { seedDemo } from '@huizhan/db/seed';
import { manualClock, signedInCaller } from '../test-support.ts';
import { LIVE_PROBES, liveSnapshot } from './index.ts';
import { versionReader } from './watcher.ts';

test('the snapshot carries an open ceremony, and opening, each press and closing change its version', async () => {
	const handle = await createTestDb();
	try {
		await seedDemo(handle.db);
		const clock = manualClock(new Date('2024-11-03T10:00:00+08:00'));
		const { api } = await signedInCaller(handle, 'lina', ['recorder'], { now: clock.now });
		const [session] = await handle.db
			.insert(tables(handle.db).agendaSessions)
			.values({
				conferenceId: 'wsc-2024',
				kind: 'signing_ceremony',
				titleZh: '重大项目签约仪式',
				titleEn: 'Signing ceremony',
				startsAt: new Date('2024-11-03T10:00:00+08:00'),
				endsAt: new Date('2024-11-03T11:30:00+08:00'),
				hallZh: '主会场',
				hallEn: 'Main hall',
				language: 'zh'
			})
			.returning();
		const sessionId = session!.id;
		const { deal } = await api.deals.record({
			requestId: 'req-live-ceremony',
			facts: {
				projectName: '智能网关',
				investor: '甲公司',
				investorOrigin: 'out_of_province',
				chainId: 1,
				unitId: 1,
				signingEvent: 'wsc-2024',
				signedOn: '2024-11-01',
				agreementType: 'contract',
				totalInvestment: '5亿'
			}
		});
		const [line] = await api.ceremony.addDeal({ sessionId, dealId: deal.id });
		const read = versionReader(LIVE_PROBES);
		const snapshot = () => liveSnapshot(handle.db, clock.now(), { year: 2024, checkIns: null });

		const before = await read(handle.db);
		expect((await snapshot()).ceremonies).toEqual([]);
		await api.ceremony.open({ sessionId });
		const opened = await read(handle.db);
		expect(opened).not.toBe(before);
		const [live] = (await snapshot()).ceremonies;
		expect(live).toMatchObject({ sessionId, current: null, next: { id: line!.id }, confirmed: 0 });

		// Announcing a deal entered before writes no ledger entry, and must still reach the screen.
		await api.ceremony.confirm({ sessionId, itemId: line!.id });
		const pressed = await read(handle.db);
		expect(pressed).not.toBe(opened);
		const [after] = (await snapshot()).ceremonies;
		expect(after).toMatchObject({
			current: { id: line!.id, projectName: '智能网关', amount: 500_000_000 },
			next: null,
			confirmed: 1,
			ceremonyTotal: 500_000_000
		});

		await api.ceremony.close({ sessionId });
		expect(await read(handle.db)).not.toBe(pressed);
		expect((await snapshot()).ceremonies).toEqual([]);
	} finally {
		await handle.close();
	}
});
