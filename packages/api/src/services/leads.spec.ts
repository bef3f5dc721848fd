import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { createAttendeeCaller } from '../root.ts';
import { LEAD_MISSES } from '../routers/leads.ts';
import { manualClock, seededContext } from '../test-support.ts';
import { insertRegistrations, newTicketSecret, type NewRegistration } from './registrations.ts';
import { ensureTicketKeys, ticketToken } from './tickets.ts';

const SCAN_DAY = new Date('2024-11-03T10:00:00+08:00');

/** An approved exhibitor with one staff member, a set-up pass holder, and visitors. */
async function leadsWorld() {
	const clock = manualClock(SCAN_DAY);
	const seeded = await seededContext({ now: clock.now });
	const { db } = seeded;
	const t = tables(db);
	await ensureTicketKeys(db, SCAN_DAY);
	const exhibitor = async (conferenceId: string, creditCode: string, secret: string) => {
		const [row] = await db
			.insert(t.exhibitors)
			.values({
				conferenceId,
				companyZh: '汉威科技',
				companyEn: 'Hanwei',
				creditCode,
				contactName: '王五',
				contactMobile: '+8613700137000',
				wantedBoothType: 'standard',
				wantedSquareMetres: 18,
				language: 'zh-CN',
				status: 'approved',
				secret,
				consentAt: SCAN_DAY
			})
			.returning();
		return row!;
	};
	const hanwei = await exhibitor('wsc-2024', '91350100M000100Y43', 'e'.repeat(22));
	let n = 0;
	const person = async (
		values: Partial<NewRegistration> & { name: string },
		conferenceId = 'wsc-2024'
	) => {
		n += 1;
		const [conference] = await db
			.select({ refPrefix: t.conferences.refPrefix })
			.from(t.conferences)
			.where(eq(t.conferences.id, conferenceId));
		const ticketSecret = newTicketSecret();
		const [stored] = await insertRegistrations(
			db,
			[
				{
					conferenceId,
					category: 'visitor',
					organisation: '某公司',
					title: '经理',
					mobile: `+861390000${String(n).padStart(4, '0')}`,
					email: `p${n}@example.com`,
					country: 'CN',
					language: 'zh-CN',
					consentAt: SCAN_DAY,
					status: 'confirmed',
					ticketSecret,
					createdAt: SCAN_DAY,
					...values
				}
			],
			conference!.refPrefix
		);
		return { ...stored!, ticketSecret, conferenceId };
	};
	const staff = await person({
		name: '李员工',
		category: 'exhibitor',
		exhibitorId: hanwei.id,
		exhibitorPass: 'staff'
	});
	const api = createAttendeeCaller(seeded.ctx);
	let nonces = 0;
	const scan = (code: string, secret = staff.ticketSecret) =>
		api.leads.scan({ secret, code, nonce: `nonce-${String((nonces += 1)).padStart(4, '0')}` });
	return { ...seeded, t, clock, api, hanwei, exhibitor, person, staff, scan };
}

test('a scan stores a lead with name, organisation and title; contacts only of a visitor who shares them', async () => {
	const { api, person, scan } = await leadsWorld();
	const sharing = await person({ name: '张分享', shareContactsAt: SCAN_DAY });
	const private_ = await person({ name: '赵保密' });

	const first = await scan(sharing.reference);
	expect(first).toMatchObject({
		outcome: 'added',
		lead: { name: '张分享', organisation: '某公司', title: '经理', sharesContacts: true }
	});
	expect(first.outcome !== 'refused' && first.lead.mobile).toMatch(/^\+86139/);
	const second = await scan(private_.reference.replace('-', '').toLowerCase());
	expect(second).toMatchObject({
		outcome: 'added',
		lead: { name: '赵保密', mobile: null, email: null, sharesContacts: false }
	});

	// The visitor withdraws: the exhibitor's list loses the contacts at once.
	await api.leads.shareContacts({ secret: sharing.ticketSecret, share: false });
	const list = await api.leads.list({ exhibitorSecret: 'e'.repeat(22) });
	expect(list.leads.map((l) => [l.name, l.mobile, l.email, l.scannedBy])).toEqual([
		['赵保密', null, null, '李员工'],
		['张分享', null, null, '李员工']
	]);
});

test('a camera scan checks the ticket’s signature with the edition’s keys', async () => {
	const { db, person, scan } = await leadsWorld();
	const visitor = await person({ name: '钱扫码' });
	const token = await ticketToken(db, {
		id: visitor.id,
		conferenceId: 'wsc-2024',
		category: 'visitor'
	});
	expect(await scan(token)).toMatchObject({ outcome: 'added', lead: { name: '钱扫码' } });
	// One character changed: the signature no longer holds.
	const forged = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
	expect(await scan(forged)).toEqual({ outcome: 'refused', reason: 'lead_code_invalid' });
	expect(await scan('hello')).toEqual({ outcome: 'refused', reason: 'lead_code_invalid' });
});

test('a second scan of the same visitor shows the existing lead; one lead per visitor per exhibitor', async () => {
	const { api, db, t, person, scan, hanwei } = await leadsWorld();
	const visitor = await person({ name: '孙再来' });
	const colleague = await person({
		name: '周同事',
		category: 'exhibitor',
		exhibitorId: hanwei.id,
		exhibitorPass: 'staff'
	});
	const first = await scan(visitor.reference);
	const again = await scan(visitor.reference, colleague.ticketSecret);
	expect(again).toMatchObject({ outcome: 'existing' });
	expect(first.outcome !== 'refused' && again.outcome !== 'refused' && again.lead.id).toBe(
		first.outcome !== 'refused' && first.lead.id
	);
	expect(await db.select().from(t.exhibitorLeads)).toHaveLength(1);
	expect((await api.leads.list({ exhibitorSecret: 'e'.repeat(22) })).leads).toHaveLength(1);
});

test('a retried upload with the same nonce is a no-op that answers as the first did', async () => {
	const { api, db, t, person, staff } = await leadsWorld();
	const visitor = await person({ name: '吴重传' });
	const scan = { code: visitor.reference, nonce: 'offline-0001' };
	const first = await api.leads.scan({ secret: staff.ticketSecret, ...scan });
	const retried = await api.leads.scan({ secret: staff.ticketSecret, ...scan });
	expect(first.outcome).toBe('added');
	expect(retried).toEqual(first);
	expect(await db.select().from(t.exhibitorLeads)).toHaveLength(1);
});

test('the offline queue’s upload stores its scans in order, with the device’s times', async () => {
	const { api, clock, person, staff } = await leadsWorld();
	const a = await person({ name: '甲' });
	const b = await person({ name: '乙' });
	const at = (minutes: number) => SCAN_DAY.getTime() - minutes * 60_000;
	clock.advance(60 * 60_000);
	const results = await api.leads.upload({
		secret: staff.ticketSecret,
		scans: [
			{ code: a.reference, nonce: 'queue-0001', scannedAt: at(30) },
			{ code: b.reference, nonce: 'queue-0002', scannedAt: at(20) },
			{ code: a.reference, nonce: 'queue-0003', scannedAt: at(10) },
			// A clock in the future is not believed: the server's time is stored instead.
			{ code: 'WSC-000000', nonce: 'queue-0004', scannedAt: at(-600) }
		]
	});
	expect(results.map((r) => r.outcome)).toEqual(['added', 'added', 'existing', 'refused']);
	const list = await api.leads.list({ exhibitorSecret: 'e'.repeat(22) });
	expect(list.leads.map((l) => [l.name, l.scannedAt])).toEqual([
		['乙', new Date(at(20)).toISOString()],
		['甲', new Date(at(30)).toISOString()]
	]);
	// The whole queue again (the answer was lost): nothing new, the same answers.
	const again = await api.leads.upload({
		secret: staff.ticketSecret,
		scans: [
			{ code: a.reference, nonce: 'queue-0001', scannedAt: at(30) },
			{ code: b.reference, nonce: 'queue-0002', scannedAt: at(20) }
		]
	});
	expect(again).toEqual(results.slice(0, 2));
});

test('refuses another conference’s visitor, a cancelled ticket, an unknown reference and a colleague', async () => {
	const { person, scan, hanwei } = await leadsWorld();
	const elsewhere = await person({ name: '外会' }, 'diamond-2024');
	const cancelled = await person({
		name: '已取消',
		status: 'cancelled',
		cancelledAt: new Date(SCAN_DAY.getTime() - 1000)
	});
	const pending = await person({ name: '待审', status: 'pending' });
	const colleague = await person({
		name: '同事',
		category: 'exhibitor',
		exhibitorId: hanwei.id,
		exhibitorPass: 'setup'
	});
	const refused = async (code: string) => {
		const result = await scan(code);
		return result.outcome === 'refused' ? result.reason : result.outcome;
	};
	expect(await refused(elsewhere.reference)).toBe('lead_other_conference');
	expect(await refused(cancelled.reference)).toBe('lead_visitor_not_confirmed');
	expect(await refused(pending.reference)).toBe('lead_visitor_not_confirmed');
	expect(await refused('WSC-ZZZZZZ')).toBe('lead_visitor_not_found');
	expect(await refused(colleague.reference)).toBe('lead_own_colleague');
});

test('only a confirmed staff badge of an approved exhibitor may scan; others are told who may', async () => {
	const { api, db, t, person, hanwei, exhibitor } = await leadsWorld();
	const visitor = await person({ name: '访客' });
	const setup = await person({
		name: '布展',
		category: 'exhibitor',
		exhibitorId: hanwei.id,
		exhibitorPass: 'setup'
	});
	const pendingExhibitor = await exhibitor('wsc-2024', '91350100M000100Y51', 'p'.repeat(22));
	await db
		.update(t.exhibitors)
		.set({ status: 'pending' })
		.where(eq(t.exhibitors.id, pendingExhibitor.id));
	const notYet = await person({
		name: '未批',
		category: 'exhibitor',
		exhibitorId: pendingExhibitor.id,
		exhibitorPass: 'staff'
	});
	for (const secret of [visitor.ticketSecret, setup.ticketSecret, notYet.ticketSecret]) {
		expect(await api.leads.scanner({ secret })).toEqual({
			ok: false,
			reason: 'not_exhibitor_staff'
		});
		await expect(
			api.leads.scan({ secret, code: visitor.reference, nonce: 'refused-1' })
		).rejects.toMatchObject({ reason: 'lead_not_exhibitor_staff' });
	}
	expect(await api.leads.scanner({ secret: 'x'.repeat(22) })).toEqual({
		ok: false,
		reason: 'not_found'
	});
	expect(await db.select().from(t.exhibitorLeads)).toHaveLength(0);
});

test('notes and ratings from the staff page and the exhibitor’s page; another exhibitor’s lead reads as not found', async () => {
	const { api, person, scan, exhibitor } = await leadsWorld();
	const visitor = await person({ name: '郑评级', organisation: '深蓝传感' });
	const other = await person({ name: '冯' });
	const added = await scan(visitor.reference);
	await scan(other.reference);
	if (added.outcome === 'refused') throw new Error('the scan was refused');
	const staffSecret = (await api.leads.list({ exhibitorSecret: 'e'.repeat(22) })).leads;
	expect(staffSecret).toHaveLength(2);

	await api.leads.updateForExhibitor({
		exhibitorSecret: 'e'.repeat(22),
		leadId: added.lead.id,
		note: '要样品',
		rating: 'hot'
	});
	const hot = await api.leads.list({ exhibitorSecret: 'e'.repeat(22), rating: 'hot' });
	expect(hot.leads.map((l) => [l.name, l.note, l.rating])).toEqual([['郑评级', '要样品', 'hot']]);
	expect(
		(await api.leads.list({ exhibitorSecret: 'e'.repeat(22), rating: 'unrated' })).leads.map(
			(l) => l.name
		)
	).toEqual(['冯']);
	expect(
		(await api.leads.list({ exhibitorSecret: 'e'.repeat(22), text: '深蓝' })).leads.map(
			(l) => l.name
		)
	).toEqual(['郑评级']);
	expect(
		(await api.leads.list({ exhibitorSecret: 'e'.repeat(22), text: '样品' })).leads
	).toHaveLength(1);

	await exhibitor('wsc-2024', '91350100M000100Y51', 'o'.repeat(22));
	await expect(
		api.leads.updateForExhibitor({
			exhibitorSecret: 'o'.repeat(22),
			leadId: added.lead.id,
			note: 'mine now',
			rating: 'cold'
		})
	).rejects.toMatchObject({ reason: 'lead_not_found' });
	expect((await api.leads.list({ exhibitorSecret: 'o'.repeat(22) })).leads).toEqual([]);
	await expect(api.leads.list({ exhibitorSecret: 'n'.repeat(22) })).rejects.toMatchObject({
		reason: 'exhibitor_not_found'
	});
});

test('the export has contacts only for visitors who share them when it is made', async () => {
	const { api, person, scan } = await leadsWorld();
	const sharing = await person({ name: '张分享', shareContactsAt: SCAN_DAY });
	const withdrew = await person({ name: '王撤回', shareContactsAt: SCAN_DAY });
	const private_ = await person({ name: '赵保密' });
	for (const v of [sharing, withdrew, private_]) await scan(v.reference);
	await api.leads.shareContacts({ secret: withdrew.ticketSecret, share: false });

	const file = await api.leads.export({ exhibitorSecret: 'e'.repeat(22), format: 'xlsx' });
	expect(file.filename).toMatch(/^展商线索-\d{8}-\d{4}\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as never);
	const sheet = workbook.worksheets[0]!;
	const rows: Record<string, unknown>[] = [];
	const headers = (sheet.getRow(1).values as unknown[]).slice(1);
	sheet.eachRow((row, i) => {
		if (i === 1) return;
		const cells = (row.values as unknown[]).slice(1);
		rows.push(Object.fromEntries(headers.map((h, j) => [String(h), cells[j] ?? null])));
	});
	const byName = Object.fromEntries(rows.map((r) => [r['姓名'], r]));
	expect(String(byName['张分享']!['手机'])).toMatch(/^\+86139/);
	expect(String(byName['张分享']!['邮箱'])).toMatch(/@example\.com$/);
	for (const name of ['王撤回', '赵保密']) {
		expect(byName[name]!['手机'], name).toBeNull();
		expect(byName[name]!['邮箱'], name).toBeNull();
	}
});

test('the visitor gives and withdraws the consent, and sees which exhibitors scanned them', async () => {
	const { api, db, t, person, scan, hanwei, staff } = await leadsWorld();
	const [hall] = await db
		.insert(t.exhibitionHalls)
		.values({ conferenceId: 'wsc-2024', code: 'A', nameZh: 'A馆', nameEn: 'Hall A' })
		.returning();
	const [booth] = await db
		.insert(t.booths)
		.values({
			conferenceId: 'wsc-2024',
			hallId: hall!.id,
			number: 'A-101',
			areaSquareMetres: 18,
			type: 'standard'
		})
		.returning();
	const [admin] = await db
		.insert(t.staffUsers)
		.values({ login: 'expo-admin', displayName: '展务', passwordHash: '$argon2id$not-used-here' })
		.returning();
	await db
		.insert(t.boothHolds)
		.values({ boothId: booth!.id, exhibitorId: hanwei.id, kind: 'assigned', createdBy: admin!.id });
	const visitor = await person({ name: '访客' });
	expect(await api.leads.mine({ secret: visitor.ticketSecret })).toEqual({
		sharesContacts: false,
		scansLeads: false,
		scannedBy: []
	});
	expect(await api.leads.mine({ secret: staff.ticketSecret })).toMatchObject({ scansLeads: true });
	expect(await api.leads.shareContacts({ secret: visitor.ticketSecret, share: true })).toEqual({
		sharesContacts: true
	});
	await scan(visitor.reference);
	expect(await api.leads.mine({ secret: visitor.ticketSecret })).toEqual({
		sharesContacts: true,
		scansLeads: false,
		scannedBy: [
			{
				companyZh: '汉威科技',
				companyEn: 'Hanwei',
				booths: ['A-101'],
				scannedAt: SCAN_DAY.toISOString()
			}
		]
	});
	expect(await api.leads.shareContacts({ secret: visitor.ticketSecret, share: false })).toEqual({
		sharesContacts: false
	});
	const [stored] = await db
		.select({ at: t.registrations.shareContactsAt })
		.from(t.registrations)
		.where(eq(t.registrations.id, visitor.id));
	expect(stored!.at).toBeNull();
	expect(await api.leads.mine({ secret: 'x'.repeat(22) })).toBeNull();
	await expect(
		api.leads.shareContacts({ secret: 'x'.repeat(22), share: true })
	).rejects.toMatchObject({ reason: 'ticket_not_found' });
});

test('two staff members scanning the same visitor at once make one lead', async () => {
	const { api, db, t, person, hanwei, staff } = await leadsWorld();
	const visitor = await person({ name: '同时' });
	const colleague = await person({
		name: '并发同事',
		category: 'exhibitor',
		exhibitorId: hanwei.id,
		exhibitorPass: 'staff'
	});
	const results = await Promise.all(
		[staff, colleague].map((s, i) =>
			api.leads.scan({ secret: s.ticketSecret, code: visitor.reference, nonce: `together-${i}0` })
		)
	);
	expect(results.map((r) => r.outcome).sort()).toEqual(['added', 'existing']);
	expect(await db.select().from(t.exhibitorLeads)).toHaveLength(1);
});

test('a staff member rates and notes a lead of their exhibitor from the scanning page', async () => {
	const { api, person, scan, staff } = await leadsWorld();
	const visitor = await person({ name: '陈' });
	const added = await scan(visitor.reference);
	if (added.outcome === 'refused') throw new Error('the scan was refused');
	expect(
		await api.leads.update({
			secret: staff.ticketSecret,
			leadId: added.lead.id,
			note: '下周回访',
			rating: 'warm'
		})
	).toMatchObject({ note: '下周回访', rating: 'warm' });
	const page = await api.leads.scanner({ secret: staff.ticketSecret });
	expect(page.ok && page.leads.map((l) => [l.name, l.rating, l.note])).toEqual([
		['陈', 'warm', '下周回访']
	]);
	const visitorTicket = visitor.ticketSecret;
	await expect(
		api.leads.update({ secret: visitorTicket, leadId: added.lead.id, note: '', rating: null })
	).rejects.toMatchObject({ reason: 'lead_not_exhibitor_staff' });
});

test('a scanner that keeps naming nobody is stopped for a while; its leads stay reachable', async () => {
	const { api, person, scan, staff } = await leadsWorld();
	const visitor = await person({ name: '猜不到' });
	for (let i = 0; i < LEAD_MISSES.limit; i++) {
		expect(await scan(`WSC-ZZZZ${String(i).padStart(2, '2').replace(/[01]/g, 'Q')}`)).toEqual({
			outcome: 'refused',
			reason: 'lead_visitor_not_found'
		});
	}
	await expect(scan(visitor.reference)).rejects.toMatchObject({ reason: 'too_many_attempts' });
	expect((await api.leads.scanner({ secret: staff.ticketSecret })).ok).toBe(true);
});
