import { createTestDb } from '@huizhan/db/testing';
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { AppError } from '../errors.ts';
import { registerInput } from '../schemas/registrations.ts';
import { newReference, register, seatsLeft } from './registrations.ts';

// The real one, which a test may make draw a reference already taken.
vi.mock('node:crypto', async (original) => {
	const crypto = await original<typeof import('node:crypto')>();
	return { ...crypto, randomInt: vi.fn(crypto.randomInt) };
});

let handle: DbHandle;
const now = new Date('2026-11-26T10:00:00+08:00');
/** The demo editions open for registration on that day (wsc-2027, diamond-2027). */
const SENSOR = currentDemoEdition(now, 'wsc');
const DIAMOND = currentDemoEdition(now, 'diamond');

const form = (overrides: Record<string, unknown> = {}) =>
	registerInput.parse({
		conferenceId: SENSOR.id,
		category: 'visitor',
		name: '张伟',
		organisation: '郑州大学',
		title: '教授',
		mobile: '138 0013 8000',
		email: '',
		consent: true,
		...overrides
	});

async function reason(run: () => Promise<unknown>): Promise<string> {
	try {
		await run();
		return 'none';
	} catch (error) {
		if (error instanceof AppError) return error.reason;
		throw error;
	}
}

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now);
});

describe('the registration form', () => {
	test('accepts a mainland mobile as typed and stores it in E.164', () => {
		for (const typed of [
			'13800138000',
			'138 0013 8000',
			'+86 138-0013-8000',
			'８６１３８００１３８０００'.slice(2)
		]) {
			expect(form({ mobile: typed }).mobile).toBe('+8613800138000');
		}
	});

	test('accepts a foreign mobile with its country or a + prefix', () => {
		expect(form({ mobile: '+49 1512 3456789' }).mobile).toBe('+4915123456789');
		expect(form({ mobile: '020 7946 0018', country: 'GB' }).mobile).toBe('+442079460018');
	});

	test('refuses a bad mobile, a bad email, no contact at all, and no consent, each by field', () => {
		const issues = (input: Record<string, unknown>) =>
			registerInput
				.safeParse({
					conferenceId: SENSOR.id,
					category: 'visitor',
					name: 'x',
					organisation: 'y',
					consent: true,
					...input
				})
				.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`);
		expect(issues({ mobile: '12345' })).toEqual(['mobile:mobile_invalid']);
		expect(issues({ email: 'not-an-email' })).toEqual(['email:email_invalid']);
		expect(issues({})).toEqual(['mobile:contact_required']);
		expect(issues({ mobile: '13800138000', consent: false })).toEqual(['consent:consent_required']);
	});

	test('shows the contact problems together with every other field on the first submit', () => {
		const result = registerInput.safeParse({
			conferenceId: SENSOR.id,
			category: 'visitor',
			name: '',
			organisation: '',
			consent: true
		});
		expect(result.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort()).toEqual([
			'mobile:contact_required',
			'name:required',
			'organisation:required'
		]);
	});
});

describe('registering', () => {
	test('a visitor is confirmed at once with a reference and an unguessable ticket secret', async () => {
		const result = await register(handle.db, form(), now);
		expect(result).toMatchObject({ outcome: 'registered', status: 'confirmed' });
		if (result.outcome !== 'registered') return;
		expect(result.reference).toMatch(/^WSC27-[2-9A-HJKMNP-Z]{6}$/);
		expect(result.ticketSecret).toMatch(/^[A-Za-z0-9_-]{22}$/);
	});

	test('sharing contacts with exhibitors is a separate consent, off unless ticked', async () => {
		await register(handle.db, form(), now);
		await register(handle.db, form({ mobile: '13900139000', shareContacts: true }), now);
		const { registrations } = tables(handle.db);
		const stored = await handle.db
			.select({ mobile: registrations.mobile, shareContactsAt: registrations.shareContactsAt })
			.from(registrations)
			.where(eq(registrations.conferenceId, SENSOR.id));
		expect(stored.find((r) => r.mobile === '+8613800138000')?.shareContactsAt).toBeNull();
		expect(stored.find((r) => r.mobile === '+8613900139000')?.shareContactsAt).toEqual(now);
	});

	test('VIP and media wait for approval', async () => {
		expect(await register(handle.db, form({ category: 'vip' }), now)).toMatchObject({
			status: 'pending'
		});
		expect(
			await register(handle.db, form({ category: 'media', mobile: '13900139000' }), now)
		).toMatchObject({ status: 'pending' });
	});

	test('the same mobile or email again creates nothing and reveals nothing', async () => {
		await register(handle.db, form({ email: 'zhang@example.cn' }), now);
		expect(await register(handle.db, form({ name: '别人' }), now)).toEqual({
			outcome: 'already_registered'
		});
		expect(
			await register(handle.db, form({ mobile: '13900139000', email: 'ZHANG@example.cn' }), now)
		).toEqual({ outcome: 'already_registered' });
		expect(await handle.db.select().from(tables(handle.db).registrations)).toHaveLength(1);
		// The same person may register for the other conference.
		expect(await register(handle.db, form({ conferenceId: DIAMOND.id }), now)).toMatchObject({
			outcome: 'registered'
		});
	});

	test('a category never takes more people than its seats', async () => {
		const { conferenceCategories } = tables(handle.db);
		await handle.db
			.update(conferenceCategories)
			.set({ capacity: 3 })
			.where(eq(conferenceCategories.category, 'delegate'));
		const outcomes: string[] = [];
		for (let i = 0; i < 6; i++) {
			try {
				outcomes.push(
					(await register(handle.db, form({ category: 'delegate', mobile: `1380013800${i}` }), now))
						.outcome
				);
			} catch (error) {
				outcomes.push((error as AppError).reason);
			}
		}
		expect(outcomes).toEqual([
			'registered',
			'registered',
			'registered',
			'category_full',
			'category_full',
			'category_full'
		]);
		expect((await seatsLeft(handle.db, SENSOR.id)).delegate).toBe(0);
	});

	test('registration outside its window or for a draft conference is refused', async () => {
		expect(
			await reason(() => register(handle.db, form(), new Date('2024-07-01T00:00:00+08:00')))
		).toBe('registration_closed');
		const { conferences } = tables(handle.db);
		await handle.db
			.update(conferences)
			.set({ status: 'draft' })
			.where(eq(conferences.id, SENSOR.id));
		expect(await reason(() => register(handle.db, form(), now))).toBe('conference_not_found');
	});

	test('a reference drawn again is drawn anew, not refused', async () => {
		const drawFirst = () => {
			for (let i = 0; i < 6; i++) vi.mocked(randomInt).mockReturnValueOnce(0 as never);
		};
		drawFirst();
		const first = await register(handle.db, form(), now);
		expect(first).toMatchObject({ outcome: 'registered', reference: 'WSC27-222222' });
		drawFirst();
		const second = await register(handle.db, form({ mobile: '13900139000' }), now);
		expect(second).toMatchObject({ outcome: 'registered' });
		expect(second.outcome === 'registered' && second.reference).not.toBe('WSC27-222222');
	});

	test('references use an alphabet without look-alike characters', () => {
		for (let i = 0; i < 200; i++) expect(newReference('WDC')).toMatch(/^WDC-[^01ILO]{6}$/);
	});
});
