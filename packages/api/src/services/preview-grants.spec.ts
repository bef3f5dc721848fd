import { createTestDb } from '@huizhan/db/testing';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { createContextInner } from '../context.ts';
import { createAttendeeCaller } from '../root.ts';
import { signedInCaller } from '../test-support.ts';
import { checkPreviewGrant, PREVIEW_GRANT_TTL_MS } from './preview-grants.ts';
import { retireTicketKey, rotateTicketKey } from './tickets.ts';

const now = new Date('2026-03-01T10:00:00+08:00');
let handle: DbHandle;
let admin: Awaited<ReturnType<typeof signedInCaller>>['api'];

const edition = (id: string, refPrefix: string) => ({
	id,
	nameZh: '2026世界传感器大会',
	nameEn: '2026 World Sensor Conference',
	startsOn: '2026-11-03',
	endsOn: '2026-11-05',
	venueZh: '郑州国际会展中心',
	venueEn: 'Zhengzhou International Convention and Exhibition Centre',
	themeColor: '#0b5cad',
	refPrefix,
	registrationOpensAt: '2026-02-01T00:00:00+08:00',
	registrationClosesAt: '2026-11-05T18:00:00+08:00'
});

beforeEach(async () => {
	handle = await createTestDb();
	({ api: admin } = await signedInCaller(handle, 'chief', ['admin'], {
		now: () => now,
		source: '10.0.0.1'
	}));
	await admin.editions.create(edition('wsc-2026', 'WSC26'));
	await admin.editions.create(edition('diamond-2026', 'DIA26'));
});

const visitor = (at = now) =>
	createAttendeeCaller(createContextInner({ ...handle, now: () => at, source: '10.0.0.9' }));

const notFound = async (run: () => Promise<unknown>) => {
	try {
		await run();
		return 'shown';
	} catch (e) {
		return (e as { code?: string }).code;
	}
};

describe('previewing a draft edition', () => {
	test('an anonymous visitor gets not found for a draft, on its page and on the home list', async () => {
		expect(
			await notFound(() => visitor().registration.conference({ conferenceId: 'wsc-2026' }))
		).toBe('NOT_FOUND');
		expect(await visitor().conferences.list()).toEqual([]);
	});

	test('the holder of a grant sees the draft page and home card, marked as a preview', async () => {
		const grant = await admin.previews.grant({ id: 'wsc-2026' });
		const page = await visitor().registration.conference({
			conferenceId: 'wsc-2026',
			preview: grant.token
		});
		expect(page).toMatchObject({ id: 'wsc-2026', status: 'draft', preview: true });
		expect(page.registrationOpen).toBe(false);
		const home = await visitor().conferences.list({ preview: grant.token });
		expect(home.map((c) => [c.id, c.preview])).toEqual([['wsc-2026', true]]);
	});

	test('a grant opens only its own edition', async () => {
		const grant = await admin.previews.grant({ id: 'wsc-2026' });
		expect(
			await notFound(() =>
				visitor().registration.conference({ conferenceId: 'diamond-2026', preview: grant.token })
			)
		).toBe('NOT_FOUND');
	});

	test('a grant expires two hours after it was made', async () => {
		const { token } = await admin.previews.grant({ id: 'wsc-2026' });
		expect(
			await checkPreviewGrant(handle.db, token, new Date(now.getTime() + PREVIEW_GRANT_TTL_MS - 1))
		).not.toBeNull();
		expect(
			await checkPreviewGrant(handle.db, token, new Date(now.getTime() + PREVIEW_GRANT_TTL_MS))
		).toBeNull();
	});

	test('a tampered grant, another shape or an empty one opens nothing', async () => {
		const { token } = await admin.previews.grant({ id: 'wsc-2026' });
		const [payload, mac] = token.split('.') as [string, string];
		const forged = Buffer.from(
			JSON.stringify({
				...JSON.parse(Buffer.from(payload, 'base64url').toString()),
				e: 'diamond-2026'
			})
		).toString('base64url');
		for (const bad of [
			`${forged}.${mac}`,
			// A character inside the MAC: base64url's last one may carry unused bits.
			`${payload}.${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`,
			`${token}.x`,
			'',
			'x',
			null
		]) {
			expect(await checkPreviewGrant(handle.db, bad, now), String(bad)).toBeNull();
		}
	});

	test('retiring the ticket key it was made with ends the grant', async () => {
		const { token } = await admin.previews.grant({ id: 'wsc-2026' });
		const { ticketKeys } = tables(handle.db);
		const [old] = await handle.db
			.select()
			.from(ticketKeys)
			.where(eq(ticketKeys.conferenceId, 'wsc-2026'))
			.limit(1);
		await rotateTicketKey(handle.db, 'wsc-2026', now);
		expect(await checkPreviewGrant(handle.db, token, now)).not.toBeNull();
		await retireTicketKey(handle.db, old!.keyId, now);
		expect(await checkPreviewGrant(handle.db, token, now)).toBeNull();
	});

	test('nobody can register into a previewed draft', async () => {
		await visitor().conferences.list({
			preview: (await admin.previews.grant({ id: 'wsc-2026' })).token
		});
		const attempt = await notFound(() =>
			visitor().registration.register({
				conferenceId: 'wsc-2026',
				category: 'visitor',
				name: '张三',
				organisation: '郑州传感科技有限公司',
				title: '',
				mobile: '13800138000',
				email: '',
				country: 'CN',
				consent: true,
				language: 'zh-CN'
			})
		);
		expect(attempt).toBe('NOT_FOUND');
		expect(await handle.db.select().from(tables(handle.db).registrations)).toEqual([]);
	});

	test('each grant is audited with its edition and expiry, never the token', async () => {
		const { token, expiresAt } = await admin.previews.grant({ id: 'wsc-2026' });
		const { auditLog } = tables(handle.db);
		const [entry] = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'edition_preview_granted'))
			.limit(1);
		expect(entry).toMatchObject({ actorLabel: 'chief', subjectId: 'wsc-2026' });
		expect(entry!.detail).toEqual({ status: 'draft', expiresAt });
		expect(JSON.stringify(entry)).not.toContain(token.split('.')[1]);
	});

	test('an unknown edition gets no grant', async () => {
		expect(await notFound(() => admin.previews.grant({ id: 'nope-2026' }))).toBe('NOT_FOUND');
	});
});
