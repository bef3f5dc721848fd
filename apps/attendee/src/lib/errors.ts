import { m } from '$lib/paraglide/messages';

/**
 * The words for a refusal code from the API (an AppError reason or a zod field code), in the
 * house's `error_<code>` messages. Listed one by one rather than looked up as `m['error_' + code]`:
 * a dynamic lookup keeps every message of the site, in both languages, in the JavaScript of
 * every page with a form (measured: 4.6 kB gzipped more on the registration page, 6 kB on find
 * my ticket), and phones on a crowded venue network pay for each byte. An unknown code still
 * gets a sentence, never a raw code.
 */
const ERROR_MESSAGES: Record<string, (() => string) | undefined> = {
	required: m.error_required,
	too_long: m.error_too_long,
	category_required: m.error_category_required,
	country_format: m.error_country_format,
	mobile_invalid: m.error_mobile_invalid,
	email_invalid: m.error_email_invalid,
	contact_required: m.error_contact_required,
	consent_required: m.error_consent_required,
	conference_not_found: m.error_conference_not_found,
	registration_closed: m.error_registration_closed,
	category_not_offered: m.error_category_not_offered,
	category_full: m.error_category_full,
	category_closed: m.error_category_closed,
	category_by_invitation: m.error_category_by_invitation,
	invitation_not_found: m.error_invitation_not_found,
	invitation_expired: m.error_invitation_expired,
	invitation_declined: m.error_invitation_declined,
	invitation_accepted: m.error_invitation_accepted,
	too_many_attempts: m.error_too_many_attempts,
	already_registered: m.error_already_registered,
	no_ticket_match: m.error_no_ticket_match,
	preview_only: m.preview_no_registration,
	delegation_not_found: m.error_delegation_not_found,
	delegation_closed: m.error_delegation_closed,
	member_repeated: m.error_member_repeated,
	member_already_registered: m.error_member_already_registered,
	delegation_quota_exceeded: m.error_delegation_quota_exceeded,
	members_required: m.error_members_required,
	sheet_invalid: m.error_sheet_invalid,
	file_required: m.error_file_required,
	missing_column: m.error_missing_column,
	no_rows: m.error_no_rows,
	too_many_rows: m.error_too_many_rows,
	file_too_large: m.error_file_too_large,
	archive_too_large: m.error_archive_too_large,
	unsupported_file: m.error_unsupported_file,
	unreadable_file: m.error_unreadable_file,
	empty_file: m.error_empty_file,
	answer_required: m.error_answer_required,
	answer_too_long: m.error_too_long,
	answer_option_unknown: m.error_answer_option_unknown,
	answer_yes_no: m.error_answer_yes_no,
	answer_date_format: m.error_answer_date_format,
	session_full: m.error_session_full,
	session_category: m.error_session_category,
	session_over: m.error_session_over,
	session_not_found: m.error_session_not_found,
	registration_not_seated: m.error_registration_not_seated,
	credit_code_length: m.error_credit_code_length,
	credit_code_characters: m.error_credit_code_characters,
	credit_code_division: m.error_credit_code_division,
	credit_code_check_digit: m.error_credit_code_check_digit,
	area_invalid: m.error_area_invalid,
	booth_type_required: m.error_booth_type_required,
	industry_chain_unknown: m.error_industry_chain_unknown,
	exhibitor_already_applied: m.error_exhibitor_already_applied,
	exhibitor_applications_closed: m.error_exhibitor_applications_closed,
	exhibitor_not_found: m.error_exhibitor_not_found,
	exhibitor_cannot_resubmit: m.error_exhibitor_cannot_resubmit,
	exhibitor_cannot_withdraw: m.error_exhibitor_cannot_withdraw,
	withdraw_confirm_required: m.error_withdraw_confirm_required,
	exhibitor_not_approved: m.error_exhibitor_not_approved,
	website_invalid: m.error_website_invalid,
	lead_code_invalid: m.error_lead_code_invalid,
	lead_visitor_not_found: m.error_lead_visitor_not_found,
	lead_other_conference: m.error_lead_other_conference,
	lead_visitor_not_confirmed: m.error_lead_visitor_not_confirmed,
	lead_own_colleague: m.error_lead_own_colleague,
	lead_not_exhibitor_staff: m.error_lead_not_exhibitor_staff,
	lead_not_found: m.error_lead_not_found,
	ticket_not_found: m.error_ticket_not_found
};

export function errorText(code: string): string {
	return (ERROR_MESSAGES[code] ?? m.error_unexpected)();
}
