import { and, count, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { tables } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';

/** What staff did. Later issues add their own (deal recorded, ticket scanned, …). */
export const AUDIT_ACTIONS = [
	'sign_in',
	'sign_in_failed',
	'sign_in_throttled',
	'sign_out',
	'user_created',
	'user_roles_changed',
	'user_disabled',
	'user_enabled',
	'user_password_reset',
	'password_changed',
	'demo_staff_created',
	'deal_signed',
	'deal_amended',
	'deal_upgraded',
	'deal_increased',
	'deal_advanced',
	'deal_voided',
	'deals_imported',
	'deals_exported',
	'registration_approved',
	'registration_rejected',
	'registration_cancelled',
	'registrations_exported',
	'mail_retried',
	'notice_sent',
	'checkpoint_created',
	'checkpoint_updated',
	'checkin_undone',
	'scan_conflict_resolved',
	'scanner_device_issued',
	'scanner_device_revoked',
	'screen_link_created',
	'screen_link_revoked',
	'edition_created',
	'edition_updated',
	'edition_status_changed',
	'category_updated',
	'target_created',
	'target_updated',
	'target_retired',
	'target_restored',
	'organisation_created',
	'organisation_renamed',
	'organisation_reordered',
	'organisation_retired',
	'organisation_restored',
	'organisation_deleted',
	'edition_preview_granted',
	'edition_imported',
	'invitation_created',
	'invitations_imported',
	'invitation_resent',
	'invitation_revoked',
	'delegation_created',
	'delegation_quota_changed',
	'delegation_closed',
	'delegation_link_resent',
	'badges_printed',
	'question_created',
	'question_updated',
	'question_retired',
	'question_deleted',
	'vetting_exported',
	'vetting_previewed',
	'vetting_imported',
	'vetting_cleared',
	'vetting_refused',
	'session_created',
	'session_updated',
	'session_deleted',
	'session_speakers_set',
	'session_signups_exported',
	'ceremony_item_added',
	'ceremony_item_updated',
	'ceremony_item_removed',
	'ceremony_reordered',
	'ceremony_opened',
	'ceremony_closed',
	'ceremony_item_confirmed',
	'exhibitor_approved',
	'exhibitor_changes_requested',
	'exhibitor_rejected',
	'exhibitor_resubmitted',
	'exhibitor_withdrawn',
	'hall_created',
	'hall_updated',
	'hall_deleted',
	'booth_created',
	'booth_updated',
	'booth_deleted',
	'booths_imported',
	'booths_exported',
	'booth_reserved',
	'booth_assigned',
	'booth_released',
	'exhibition_rules_changed'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
	/** The signed-in user, or null for an anonymous attempt or the system. */
	actor: Pick<StaffUser, 'id' | 'login'> | null;
	/** Shown when there is no actor: the login name typed, `system`, `cli`. */
	actorLabel?: string;
	/** Client address, or `cli`. */
	source: string;
	action: AuditAction;
	subjectType?: string;
	subjectId?: string | number;
	detail?: Record<string, unknown>;
}

/**
 * Keys that must never reach the audit log: it is read by admins and kept for years, so a
 * secret or an attendee's contact detail written there is leaked for good.
 */
const FORBIDDEN_DETAIL_KEY = /pass(word)?|token|secret|mobile|phone|email|cookie/i;

function assertNoSecrets(detail: unknown, path = 'detail'): void {
	if (detail === null || typeof detail !== 'object') return;
	for (const [key, value] of Object.entries(detail)) {
		if (FORBIDDEN_DETAIL_KEY.test(key)) {
			throw new Error(
				`audit ${path}.${key}: secrets and personal contact data stay out of the log`
			);
		}
		assertNoSecrets(value, `${path}.${key}`);
	}
}

export async function recordAudit(db: DbOrTx, entry: AuditEntry, now: Date): Promise<void> {
	assertNoSecrets(entry.detail);
	await db.insert(tables(db).auditLog).values({
		at: now,
		actorId: entry.actor?.id ?? null,
		actorLabel: (entry.actor?.login ?? entry.actorLabel ?? 'system').slice(0, 64),
		source: entry.source.slice(0, 64),
		action: entry.action,
		subjectType: entry.subjectType ?? null,
		subjectId: entry.subjectId === undefined ? null : String(entry.subjectId),
		detail: entry.detail ?? null
	});
}

export interface AuditFilters {
	action?: string | undefined;
	/** Login name as recorded, prefix match. */
	actor?: string | undefined;
	from?: Date | undefined;
	/** Exclusive. */
	to?: Date | undefined;
	page: number;
	pageSize: number;
}

export interface AuditRow {
	id: number;
	at: string;
	actorLabel: string;
	source: string;
	action: string;
	subjectType: string | null;
	subjectId: string | null;
	detail: Record<string, unknown> | null;
}

/** Newest first, filtered, one page at a time. */
export async function listAudit(
	db: Db,
	filters: AuditFilters
): Promise<{ rows: AuditRow[]; total: number }> {
	const { auditLog } = tables(db);
	const where: SQL[] = [];
	if (filters.action) where.push(eq(auditLog.action, filters.action));
	if (filters.actor)
		where.push(like(auditLog.actorLabel, `${filters.actor.replace(/[%_]/g, '')}%`));
	if (filters.from) where.push(gte(auditLog.at, filters.from));
	if (filters.to) where.push(lt(auditLog.at, filters.to));
	const condition = where.length ? and(...where) : undefined;
	const [counted] = await db.select({ n: count() }).from(auditLog).where(condition);
	const total = counted?.n ?? 0;
	const rows = await db
		.select()
		.from(auditLog)
		.where(condition)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(filters.pageSize)
		.offset((filters.page - 1) * filters.pageSize);
	return {
		total,
		rows: rows.map((r) => ({
			id: r.id,
			at: r.at.toISOString(),
			actorLabel: r.actorLabel,
			source: r.source,
			action: r.action,
			subjectType: r.subjectType,
			subjectId: r.subjectId,
			detail: r.detail ?? null
		}))
	};
}
