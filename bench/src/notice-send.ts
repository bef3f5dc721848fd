import { performance } from 'node:perf_hooks';
import { enqueueMessage, enqueueMessages, previewNotice, sendNotice } from '@huizhan/api';
import { createDb, tables, type Db } from '@huizhan/db';
import { currentDemoEdition } from '@huizhan/db/seed';
import { PostgresMissing } from './lib/pg-cluster.ts';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchDatabase, createScratchPostgres, type DatabaseAt } from './lib/scratch.ts';
import type { BenchSettings } from './settings.ts';

/** A whole edition's confirmed registrants; one in three gave an email too (mail and SMS). */
const RECIPIENTS = 5_000;

/**
 * A notice to 5,000 people: the admin's press of 发送 (`sendNotice`, which queues every message
 * in one transaction), on SQLite and on PostgreSQL. Beside it, the same 6,667 messages queued
 * one insert each (`enqueueMessage` in a loop) against 500 rows to an insert
 * (`enqueueMessages`), in the same run: on SQLite the transaction holds the only write lock, so
 * its length is how long registrations and scans wait behind a notice.
 */
export async function noticeSend(settings: BenchSettings): Promise<Figure[]> {
	const figures: Figure[] = [];
	const sqlite = await createScratchDatabase();
	try {
		figures.push(...(await measure('sqlite', { path: sqlite.databasePath })));
	} finally {
		await sqlite.remove();
	}
	settings.signal.throwIfAborted();
	let pg;
	try {
		pg = await createScratchPostgres();
	} catch (error) {
		// Without PostgreSQL the SQLite figures still count.
		if (!(error instanceof PostgresMissing)) throw error;
		progress(error.message);
		return figures;
	}
	try {
		figures.push(...(await measure('pg', { url: pg.url })));
	} finally {
		await pg.remove();
	}
	return figures;
}

async function measure(dialect: 'sqlite' | 'pg', at: DatabaseAt): Promise<Figure[]> {
	const handle = await createDb({ ...at, migrate: false });
	try {
		const { db } = handle;
		const now = new Date();
		const edition = currentDemoEdition(now, 'wsc');
		const ids = await addRecipients(db, edition.id, now);
		const [admin] = await db
			.insert(tables(db).staffUsers)
			.values({ login: 'bench-notices', displayName: 'bench', passwordHash: '$argon2id$bench' })
			.returning();
		const audience = {
			conferenceId: edition.id,
			categories: ['visitor' as const],
			delegationIds: [],
			checkedIn: 'any' as const,
			bodyZh: '开幕式明早九点开始，请提前入场。',
			bodyEn: 'The opening ceremony starts at 9:00 tomorrow.'
		};
		const preview = await previewNotice(db, audience);
		let started = performance.now();
		const sent = await sendNotice(
			db,
			{ ...audience, requestId: preview.requestId, expectedRecipients: preview.recipients },
			{
				user: { id: admin!.id, login: 'bench', displayName: 'bench', roles: ['admin'] },
				source: 'bench',
				now
			}
		);
		const sendMs = performance.now() - started;
		progress(
			`${dialect}: a notice to ${sent.notice.recipientCount} people queued ${sent.queued} messages in ${sendMs.toFixed(0)} ms`
		);

		// The same messages again under other once-keys: one insert each, then batched.
		const messages = (run: string) =>
			ids.map((r) => ({
				subject: { kind: 'registration_reminder' as const, registrationId: r.id },
				recipient: r,
				onceKey: `bench-${run}:${r.id}`
			}));
		started = performance.now();
		await db.transaction(async (tx) => {
			for (const m of messages('single'))
				await enqueueMessage(tx, m.subject, m.recipient, now, { onceKey: m.onceKey });
		});
		const singleMs = performance.now() - started;
		started = performance.now();
		await db.transaction((tx) => enqueueMessages(tx, messages('batched'), now));
		const batchedMs = performance.now() - started;
		return [
			{
				bench: `notice_send_${RECIPIENTS}_${dialect}`,
				value: round(sendMs, 1),
				unit: 'ms',
				baseline: null
			},
			{
				bench: `outbox_queue_${sent.queued}_${dialect}`,
				value: round(batchedMs, 1),
				unit: 'ms (500 rows an insert; baseline: one insert a message)',
				baseline: round(singleMs, 1)
			}
		];
	} finally {
		await handle.close();
	}
}

async function addRecipients(db: Db, conferenceId: string, now: Date) {
	const { registrations } = tables(db);
	const added: { id: number; email: string | null; mobile: string | null }[] = [];
	for (let start = 0; start < RECIPIENTS; start += 500) {
		const rows = await db
			.insert(registrations)
			.values(
				Array.from({ length: Math.min(500, RECIPIENTS - start) }, (_, k) => {
					const i = start + k;
					return {
						conferenceId,
						category: 'visitor' as const,
						name: `观众${i}`,
						organisation: '郑州高新区',
						title: '',
						mobile: `+86139${String(i).padStart(8, '0')}`,
						email: i % 3 === 0 ? `visitor${i}@example.cn` : null,
						country: 'CN',
						language: 'zh-CN' as const,
						consentAt: now,
						status: 'confirmed' as const,
						reference: `BENCH-${i}`,
						ticketSecret: `bench-notice-${String(i).padStart(10, '0')}`,
						createdAt: now
					};
				})
			)
			.returning({
				id: registrations.id,
				email: registrations.email,
				mobile: registrations.mobile
			});
		added.push(...rows);
	}
	return added;
}
