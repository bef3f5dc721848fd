import { readdirSync, readFileSync } from 'node:fs';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { signTicket } from '@huizhan/api/tickets';
import { admittedKeys, entryKey, judgeOffline, type Snapshot } from './local-rules.ts';
import { readTicket, verifySignature, _useLibraryOnly } from './ticket-token.ts';

/*
 * The scanner's offline rules against tokens signed exactly as the server signs them: the same
 * reason codes in the same order as the scan service.
 */

let wscKey: KeyObject;
let diamondKey: KeyObject;
let snapshot: Snapshot;
const token = (registrationNumber: number, category: 'visitor' | 'vip' = 'visitor', key = wscKey) =>
	signTicket(
		{ keyId: key === wscKey ? '0a0b0c0d' : 'dddddddd', registrationNumber, category },
		key
	);
const MORNING = new Date('2024-11-03T09:00:00+08:00');

/**
 * One character of the signature changed. Not the last ones: base32's last character may carry
 * unused bits, so a token ending in other letters can decode to the very same signature (the
 * random key made that happen about one run in a few hundred).
 */
const tampered = (code: string) => {
	const at = code.length - 10;
	return code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
};

beforeAll(() => {
	const pair = generateKeyPairSync('ed25519');
	wscKey = pair.privateKey;
	const rawOf = (key: KeyObject) =>
		Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
	const raw = rawOf(pair.publicKey);
	const diamond = generateKeyPairSync('ed25519');
	diamondKey = diamond.privateKey;
	snapshot = {
		conferenceId: 'wsc-2024',
		generatedAt: MORNING.toISOString(),
		keys: [
			{ keyId: '0a0b0c0d', publicKey: raw },
			{ keyId: 'dddddddd', publicKey: rawOf(diamond.publicKey) }
		],
		keyConferences: { '0a0b0c0d': 'wsc-2024', dddddddd: 'diamond-2024' },
		revoked: [4],
		checkpoints: [
			{
				id: 1,
				conferenceId: 'wsc-2024',
				nameZh: '南门主入口',
				nameEn: 'South Gate',
				allowedCategories: ['visitor', 'vip', 'exhibitor'],
				entryRule: 'once_per_day',
				printBadge: false,
				active: true,
				sessionId: null,
				session: null
			},
			{
				id: 2,
				conferenceId: 'wsc-2024',
				nameZh: '嘉宾通道',
				nameEn: 'Guest entrance',
				allowedCategories: ['vip'],
				entryRule: 'once_per_conference',
				printBadge: true,
				active: true,
				sessionId: null,
				session: null
			}
		],
		tickets: [
			[1, '王伟', '郑州大学', 'visitor', 'confirmed'],
			[2, '李娜', '汉威科技', 'vip', 'confirmed'],
			[3, '张敏', '河南日报社', 'vip', 'pending'],
			[4, '刘洋', '博世中国', 'visitor', 'cancelled'],
			[5, '陈静', '清华大学', 'visitor', 'rejected'],
			[7, '赵磊', '汉威科技', 'exhibitor', 'confirmed'],
			[8, '孙丽', '汉威科技', 'exhibitor', 'confirmed']
		],
		admissions: [[1, 2, '2024-11-03']],
		sessions: [],
		setupDays: { startsOn: '2024-11-01', endsOn: '2024-11-02' },
		setupPasses: [8],
		categoryColors: {}
	};
});

describe('verifying a ticket in the browser', () => {
	test('reads the claims and verifies the signature with WebCrypto', async () => {
		const claims = readTicket(token(7))!;
		expect(claims).toMatchObject({ keyId: '0a0b0c0d', registrationNumber: 7, category: 'visitor' });
		expect(await verifySignature(claims, snapshot.keys[0]!.publicKey)).toBe(true);
		const forged = readTicket(tampered(token(8)))!;
		expect(await verifySignature(forged, snapshot.keys[0]!.publicKey)).toBe(false);
	});

	test('verifies the same with @noble/ed25519 where WebCrypto has no Ed25519', async () => {
		_useLibraryOnly();
		const claims = readTicket(token(9))!;
		expect(await verifySignature(claims, snapshot.keys[0]!.publicKey)).toBe(true);
		const other = readTicket(token(10))!;
		expect(
			await verifySignature({ ...other, body: claims.body }, snapshot.keys[0]!.publicKey)
		).toBe(false);
	});

	test('refuses what is not a token', () => {
		expect(readTicket('WSC-7K3Q9M')).toBeNull();
		expect(readTicket('HZ1ABC')).toBeNull();
		expect(readTicket(`${token(1)}1`)).toBeNull();
	});
});

describe('the offline rules', () => {
	const judge = (
		code: string | { registrationId: number },
		checkpointId = 1,
		admitted = admittedKeys(snapshot)
	) =>
		judgeOffline(
			snapshot,
			checkpointId,
			typeof code === 'string' ? { code } : code,
			admitted,
			MORNING.getTime()
		);

	test('gives every reason code the server gives', async () => {
		expect(await judge(token(1))).toMatchObject({
			reason: 'ok',
			attendee: { name: '王伟' },
			entryKey: '1:1:2024-11-03'
		});
		expect((await judge(token(2, 'vip'))).reason).toBe('already_checked_in');
		expect((await judge(token(2, 'vip'), 2)).reason).toBe('ok');
		expect((await judge(token(1), 2)).reason).toBe('not_allowed_here');
		expect(await judge(token(3, 'vip'))).toMatchObject({
			reason: 'not_allowed_here',
			detail: 'pending'
		});
		expect((await judge(token(4))).reason).toBe('cancelled');
		expect(await judge(token(5))).toMatchObject({ reason: 'cancelled', detail: 'rejected' });
		expect((await judge(token(6))).reason).toBe('unknown');
		expect((await judge(tampered(token(1)))).reason).toBe('invalid');
		expect((await judge('hello')).reason).toBe('invalid');
		// A reference cannot be looked up offline: the snapshot holds none.
		expect((await judge('WSC-7K3Q9M')).reason).toBe('unknown');
		expect((await judge(token(1, 'visitor', diamondKey))).reason).toBe('wrong_conference');
		// Signed by a stranger under another conference's key id: forged, not foreign.
		const stranger = generateKeyPairSync('ed25519').privateKey;
		expect((await judge(token(1, 'visitor', stranger))).reason).toBe('invalid');
		expect((await judge({ registrationId: 1 })).reason).toBe('ok');
		// A set-up pass (布展证) the day after the set-up days; a staff badge of the same company.
		expect((await judge(token(8))).reason).toBe('outside_setup_days');
		expect((await judge(token(7))).reason).toBe('ok');
	});

	test('refuses a second entry this device let in, per gate and day', async () => {
		const admitted = admittedKeys(snapshot);
		const first = await judge(token(1), 1, admitted);
		admitted.add(first.entryKey!);
		expect((await judge(token(1), 1, admitted)).reason).toBe('already_checked_in');
		expect(
			entryKey({ id: 1, entryRule: 'once_per_day' }, 1, new Date('2024-11-04T00:01:00+08:00'))
		).toBe('1:1:2024-11-04');
		expect(entryKey({ id: 2, entryRule: 'once_per_conference' }, 1, MORNING)).toBe('2:1:all');
	});
});

test('the shared check-in rules import no Node built-in and nothing but pure ledger modules, so this page can run them', () => {
	const ledger = new URL('../../../../../packages/ledger/src/', import.meta.url);
	const folder = new URL('checkin/', ledger);
	const sources = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
	expect(sources.length).toBeGreaterThan(3);
	// Every module they import, followed through: relative, inside the ledger, and pure itself
	// (the agenda's rules sit beside the folder, shared with the console and the attendee site).
	const queue = sources.map((file) => new URL(file, folder));
	const seen = new Set<string>();
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (seen.has(file.href)) continue;
		seen.add(file.href);
		const text = readFileSync(file, 'utf8');
		const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
		const name = file.href.slice(ledger.href.length);
		expect(
			imports.filter((i) => !/^\.\.?\/([a-z0-9-]+\/)*[a-z0-9-]+\.ts$/.test(i)),
			name
		).toEqual([]);
		for (const i of imports) {
			const target = new URL(i, file);
			expect(target.href.startsWith(ledger.href), `${name} imports ${i}`).toBe(true);
			queue.push(target);
		}
		expect(text, name).not.toMatch(/\b(process|Buffer|require)\b[.(]/);
	}
	expect(seen.has(new URL('agenda.ts', ledger).href)).toBe(true);
});
