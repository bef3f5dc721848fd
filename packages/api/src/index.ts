export { createContextInner } from './context.ts';
export type { Context, CreateContextOptions } from './context.ts';
export { adminRouter, attendeeRouter, createAdminCaller, createAttendeeCaller } from './root.ts';
export type { AdminRouter, AttendeeRouter } from './root.ts';
export type { Meta } from './trpc.ts';
export { AppError } from './errors.ts';
export * from './auth/index.ts';
export { AUDIT_ACTIONS } from './services/audit.ts';
export type { AuditAction, AuditRow } from './services/audit.ts';
export type { LeadView, ScanLeadResult } from './services/leads.ts';
export { createUser, DEMO_STAFF, ensureDemoStaff, hasActiveAdmin } from './services/users.ts';
export type { StaffUserView } from './services/users.ts';
export { databaseMode, startupProblem } from './services/installation.ts';
export type { ConferenceSummary } from './services/conferences.ts';
export type { TargetGroup, TargetRow, TargetView } from './services/targets.ts';
export { TARGET_REFUSALS } from './services/targets.ts';
export { CEREMONY_REFUSALS } from './services/ceremony.ts';
export { ORGANISATION_REFUSALS } from './services/organisation.ts';
export { NOTICE_LIMITS, NOTICE_REFUSALS, previewNotice, sendNotice } from './services/notices.ts';
export { enqueueMessage, enqueueMessages } from './mail/outbox.ts';
export type { NoticeHistoryRow, NoticePreview, SentNotice } from './services/notices.ts';
export * as noticeInputs from './schemas/notices.ts';
export type { OrganisationItem } from './services/organisation.ts';
export * as inputs from './schemas/staff.ts';
export { healthResponse } from './http/health.ts';
export { safeNextPath } from './http/redirect.ts';
export { sameOriginMutation } from './http/origin.ts';
export * as dealInputs from './schemas/deals.ts';
export type { AppendResult, DealView } from './services/deals.ts';
export { defaultPublicLimits } from './context.ts';
export type { PublicLimits } from './context.ts';
export { RateLimiter } from './http/rate-limit.ts';
export * as registrationInputs from './schemas/registrations.ts';
export type { TicketView } from './services/registrations.ts';
export {
	ensureTicketKeys,
	checkTicketToken,
	publicTicketKeys,
	retireTicketKey,
	rotateTicketKey,
	ticketToken
} from './services/tickets.ts';
export { verifyTicket, readTicket, publicKeyFromRaw, TOKEN_PREFIX } from './tickets/token.ts';
export type { MailHooks } from './context.ts';
export { createMessageDispatcher, smtpSender } from './mail/dispatcher.ts';
export type { MessageDispatcher, MailSender } from './mail/dispatcher.ts';
export { startMessageService } from './mail/service.ts';
export type { MessageService } from './mail/service.ts';
export { SMS_ENV_NAMES, smsSettings, SmsConfigError } from './sms/config.ts';
export type { SmsSettings } from './sms/config.ts';
// The registration itself, without tRPC or SvelteKit: the bench's bare baseline calls it.
export { register } from './services/registrations.ts';
export { CONTENT_TYPES as SHEET_CONTENT_TYPES } from './spreadsheets/export.ts';
export * as checkinInputs from './schemas/checkin.ts';
export { resolveScannerDevice, DEVICE_TOKEN_PREFIX } from './services/scanner-devices.ts';
export type { ScannerDeviceView } from './services/scanner-devices.ts';
export type { ScanAnswer, ScanReason, ScannerIdentity } from './services/checkin.ts';
export type { CheckpointView } from './services/checkpoints.ts';
export type { CheckinSnapshot, ConflictView } from './services/checkin-review.ts';
export { turnoutCounts } from './services/turnout.ts';
export type { TurnoutCounts, RecentScan } from './services/turnout.ts';
export * as live from './live/index.ts';
export { resolveScreen } from './services/screens.ts';
export type { ScreenAccess, ScreenLinkView } from './services/screens.ts';
export * as liveInputs from './schemas/live.ts';
export * as editionInputs from './schemas/editions.ts';
export type { EditionCategory, EditionDetail, EditionSummary } from './services/editions.ts';
export { registrationPhase, STATUS_TRANSITIONS } from './editions/rules.ts';
export type { RegistrationPhase } from './editions/rules.ts';
export { checkPreviewGrant, PREVIEW_GRANT_TTL_MS } from './services/preview-grants.ts';
export type { PreviewGrant } from './services/preview-grants.ts';
export type { SetupCheck, SetupChecklist, SetupItem } from './setup/checklist.ts';
export { SETUP_ITEMS } from './setup/checklist.ts';
export { EditionFileInvalid, exportEdition, importEdition } from './services/edition-transfer.ts';
export type { EditionExport, ImportProblem } from './services/edition-transfer.ts';
export * as delegationInputs from './schemas/delegations.ts';
export type { LeaderView } from './services/delegation-members.ts';
export type { DelegationSummary } from './services/delegations.ts';
export type { BadgeSheet, PrintBadge } from './services/badges.ts';
export { MEMBER_COLUMNS } from './services/delegation-sheets.ts';
export * as agendaInputs from './schemas/agenda.ts';
export { AGENDA_REFUSALS } from './services/agenda-sessions.ts';
export { APPLICANT_REFUSALS, REVIEW_REFUSALS } from './services/exhibitor-applications.ts';
export { BOOTH_REFUSALS } from './services/booths.ts';
export type { SessionView } from './services/agenda-sessions.ts';
export type { PublicSession } from './services/agenda-sessions-public.ts';
export type {
	DirectoryBooth,
	DirectoryEntry,
	DirectoryPage,
	DirectoryProfile
} from './services/exhibitor-directory.ts';
