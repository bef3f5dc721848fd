import type { DealFacts, DealEvent } from '@huizhan/ledger';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as schema from './index.ts';

// One row per table, in an order the foreign keys accept, every column given: what a round trip
// through PostgreSQL must give back unchanged. The values are the awkward ones: a Date with
// milliseconds, booleans both ways, JSON with Chinese text, amounts in 元 above 2^31.

export const at = new Date('2026-11-29T08:30:15.123Z');
/** Past 2^31, where an `integer` column would overflow. */
export const big = 5_000_000_123;

const facts: DealFacts = {
	projectName: '新能源电池项目',
	investor: '某某集团有限公司',
	investorOrigin: 'overseas',
	chainId: 1,
	unitId: 1,
	signingEvent: 'wsc-2026',
	signedOn: '2026-05-20',
	agreementType: 'contract',
	totalInvestment: big,
	foreignCurrency: 'USD',
	foreignAmount: 700_000_017,
	exchangeRate: '7.1234',
	notes: '首期'
};
const event: DealEvent = { type: 'signed', facts };

type Row<T extends PgTable> = T['$inferSelect'];
const row = <T extends PgTable>(table: T, values: Row<T>) => [table, values] as [PgTable, object];

export const rows: [PgTable, object][] = [
	row(schema.industryChains, {
		id: 1,
		nameZh: '新能源汽车',
		nameEn: 'New energy vehicles',
		sortOrder: 1,
		active: false,
		createdAt: at
	}),
	row(schema.responsibleUnits, {
		id: 1,
		nameZh: '投资促进部',
		nameEn: 'Investment promotion',
		sortOrder: 2,
		active: true,
		createdAt: at
	}),
	row(schema.conferences, {
		id: 'wsc-2026',
		nameZh: '世界智能大会',
		nameEn: 'World Smart Conference',
		refPrefix: 'WSC26',
		startsOn: '2026-05-20',
		endsOn: '2026-05-22',
		venueZh: '会展中心',
		venueEn: 'Expo centre',
		registrationOpensAt: new Date('2026-03-01T00:00:00.000Z'),
		registrationClosesAt: new Date('2026-05-19T15:59:59.999Z'),
		status: 'open',
		themeColor: '#1a2b3c',
		createdAt: at,
		updatedAt: null
	}),
	row(schema.conferenceCategories, {
		id: 1,
		conferenceId: 'wsc-2026',
		category: 'vip',
		capacity: 200,
		needsApproval: true,
		color: '#ff0000',
		sortOrder: 1,
		nameZh: '贵宾',
		nameEn: 'VIP',
		descriptionZh: null,
		descriptionEn: null,
		open: false
	}),
	row(schema.targets, {
		id: 1,
		scope: 'conference',
		conferenceId: 'wsc-2026',
		responsibleUnitId: null,
		metric: 'signed_amount',
		value: 300_000_000_000,
		periodStart: '2026-01-01',
		periodEnd: '2026-12-31',
		createdAt: at,
		updatedAt: at,
		retiredAt: null
	}),
	row(schema.checkpoints, {
		id: 1,
		conferenceId: 'wsc-2026',
		nameZh: '南门',
		nameEn: 'South gate',
		allowedCategories: ['vip', 'media'],
		entryRule: 'once_per_day',
		printBadge: true,
		active: true,
		createdAt: at
	}),
	row(schema.staffUsers, {
		id: 1,
		login: 'admin',
		displayName: '管理员',
		passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
		disabledAt: null,
		passwordChangedAt: at,
		createdAt: at
	}),
	row(schema.staffUserRoles, { userId: 1, role: 'admin' }),
	row(schema.auditLog, {
		id: 1,
		at,
		actorId: 1,
		actorLabel: 'admin',
		source: '127.0.0.1',
		action: 'deal_signed',
		subjectType: 'deal',
		subjectId: 'D-1',
		detail: { amount: big, nested: { ok: true, list: [1, '二', null] } }
	}),
	row(schema.staffSessions, {
		tokenHash: 'b'.repeat(64),
		userId: 1,
		createdAt: at,
		lastSeenAt: at,
		expiresAt: new Date('2026-11-30T08:30:15.999Z'),
		source: '127.0.0.1'
	}),
	row(schema.signInThrottle, {
		key: 'login:admin',
		failures: 3,
		firstFailureAt: at,
		lastFailureAt: at,
		blockedUntil: null
	}),
	row(schema.ledgerEntries, {
		seq: 1,
		dealId: 'D-1',
		type: 'signed',
		event,
		recordedAt: '2026-11-29T08:30:15.123Z',
		recordedBy: 'admin',
		occurredOn: '2026-05-20',
		deltaContract: big,
		deltaFramework: 0,
		deltaIntent: 0,
		prevHash: '0'.repeat(64),
		hash: '1'.repeat(64),
		requestId: 'req-1'
	}),
	row(schema.deals, {
		id: 'D-1',
		projectName: facts.projectName,
		investor: facts.investor,
		investorKey: '某某集团',
		investorOrigin: 'overseas',
		chainId: 1,
		unitId: 1,
		signingEvent: 'wsc-2026',
		signedOn: '2026-05-20',
		agreementType: 'contract',
		totalInvestment: big,
		countedAmount: big + 3_000_000_000,
		foreignCurrency: 'USD',
		foreignAmount: 700_000_017,
		exchangeRate: '7.1234',
		notes: '首期',
		stage: 'signed',
		landedOn: null,
		startedOn: null,
		inProductionOn: null,
		upgradedOn: null,
		voided: false,
		voidReason: null,
		version: 1,
		firstSeq: 1,
		lastSeq: 1,
		lastRecordedAt: '2026-11-29T08:30:15.123Z',
		lastRecordedBy: 'admin'
	}),
	row(schema.dealTranches, {
		dealId: 'D-1',
		seq: 1,
		kind: 'original',
		signingEvent: 'wsc-2026',
		signedOn: '2026-05-20',
		amount: big
	}),
	row(schema.dealImports, {
		id: 'imp-1',
		createdBy: 1,
		createdAt: at,
		filename: '导入.xlsx',
		rowCount: 1,
		totalInvestment: big,
		rows: [{ row: 2, facts }],
		warnings: [{ row: 2, column: 'investor', code: 'probable_duplicate' }],
		status: 'committed',
		committedAt: at,
		firstSeq: 1,
		lastSeq: 1
	}),
	row(schema.registrations, {
		id: 1,
		conferenceId: 'wsc-2026',
		category: 'vip',
		name: '张三',
		organisation: '某公司',
		title: '总经理',
		mobile: '+8613800138000',
		email: null,
		country: 'CN',
		language: 'zh-CN',
		consentAt: at,
		status: 'confirmed',
		reference: 'WSC26-7K3Q9M',
		ticketSecret: 'c'.repeat(22),
		createdAt: at,
		decidedAt: at,
		decidedBy: 1,
		cancelledAt: null
	}),
	row(schema.ticketKeys, {
		keyId: '0a1b2c3d',
		conferenceId: 'wsc-2026',
		publicKey: 'cHVibGlj',
		privateKey: 'cHJpdmF0ZQ==',
		createdAt: at,
		retiredAt: null
	}),
	row(schema.mailOutbox, {
		id: 1,
		kind: 'registration_confirmed',
		registrationId: 1,
		status: 'sent',
		attempts: 1,
		nextAttemptAt: at,
		lastError: null,
		createdAt: at,
		sentAt: at
	}),
	row(schema.scannerDevices, {
		id: 1,
		conferenceId: 'wsc-2026',
		checkpointId: 1,
		name: 'PDA 1',
		tokenHash: 'd'.repeat(64),
		createdAt: at,
		createdBy: 1,
		revokedAt: null,
		revokedBy: null
	}),
	row(schema.scans, {
		id: 1,
		conferenceId: 'wsc-2026',
		checkpointId: 1,
		registrationId: 1,
		kind: 'scan',
		reason: 'ok',
		method: 'token',
		entryKey: '1:1:2026-05-20',
		priorScanId: null,
		undoneBy: null,
		undoes: null,
		note: null,
		deviceId: 'dev-1',
		nonce: 'n-1',
		staffId: null,
		scannerDeviceId: 1,
		offline: true,
		deviceReason: 'ok',
		scannedAt: at,
		storedAt: at,
		requestDigest: 'e'.repeat(64)
	}),
	row(schema.scanConflicts, {
		id: 1,
		conferenceId: 'wsc-2026',
		scanId: 1,
		otherScanId: null,
		registrationId: 1,
		kind: 'device_clock',
		deviceScannedAt: at,
		createdAt: at,
		resolvedAt: null,
		resolvedBy: null,
		resolution: null
	}),
	row(schema.screenLinks, {
		id: 1,
		tokenHash: 'f'.repeat(64),
		label: '主会场大屏',
		createdAt: at,
		createdBy: 1,
		revokedAt: null,
		revokedBy: null
	}),
	row(schema.installation, { id: 1, mode: 'production', decidedBy: 'created', createdAt: at })
];
