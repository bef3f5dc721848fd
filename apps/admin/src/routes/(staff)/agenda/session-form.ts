import { fail } from '@sveltejs/kit';
import { agendaInputs, AppError } from '@huizhan/api';
import { actionFailure } from '@huizhan/web/actions';

/*
 * The session form and the speakers editor as the console's actions read them. Both work
 * without JavaScript: the speakers are rows of fields, and moving or removing one is a submit
 * button naming the row.
 */

export const SESSION_FIELDS = [
	'kind',
	'titleZh',
	'titleEn',
	'trackZh',
	'trackEn',
	'day',
	'startTime',
	'endTime',
	'hallZh',
	'hallEn',
	'capacity',
	'language',
	'descriptionZh',
	'descriptionEn'
] as const;

/** What the form sent, as it refills the form after a refusal. */
export function sessionValues(form: FormData) {
	const text = Object.fromEntries(
		SESSION_FIELDS.map((name) => [name, String(form.get(name) ?? '')])
	) as Record<(typeof SESSION_FIELDS)[number], string>;
	return {
		...text,
		audience: form.get('audience') === 'categories' ? 'categories' : 'all',
		allowedCategories: form.getAll('allowedCategories').map(String),
		signupRequired: form.get('signupRequired') === 'on'
	};
}
export type SessionFormValues = ReturnType<typeof sessionValues>;

/** The procedure's input from the form's values; its schema checks every field. */
export const sessionFieldsOf = (values: SessionFormValues) => ({
	...values,
	kind: values.kind as 'sub_forum',
	language: values.language as 'zh',
	capacity: values.capacity as unknown as number | null,
	allowedCategories:
		values.audience === 'categories' ? (values.allowedCategories as ['visitor']) : null
});

/**
 * A refused save: an overlap names the other session (the page words it); everything else as
 * the console's other forms do.
 */
export function sessionFailure<V extends Record<string, unknown>>(e: unknown, values: V) {
	if (e instanceof AppError && e.reason === 'session_overlap') {
		return fail(409, {
			values,
			reason: e.reason,
			fieldErrors: {},
			clash: e.details.clash as Clash
		});
	}
	return actionFailure(e, values);
}

export interface Clash {
	titleZh: string;
	titleEn: string;
	hallZh: string;
	hallEn: string;
	day: string;
	startTime: string;
	endTime: string;
}

const SPEAKER_FIELDS = [
	'nameZh',
	'nameEn',
	'titleZh',
	'titleEn',
	'organisationZh',
	'organisationEn'
] as const;
export type SpeakerRow = Record<(typeof SPEAKER_FIELDS)[number], string>;

/**
 * The speakers editor's rows (`speaker.0.nameZh` …) in order, a row left wholly empty dropped
 * (the blank row for adding one), then the row button pressed applied: `up:2`, `down:0`,
 * `remove:1`; `save` changes nothing.
 */
export function speakerRowsOf(form: FormData): SpeakerRow[] {
	const count = Number(form.get('rows') ?? 0);
	const rows: SpeakerRow[] = [];
	for (let i = 0; i < Math.min(count, 60); i++) {
		const row = Object.fromEntries(
			SPEAKER_FIELDS.map((f) => [f, String(form.get(`speaker.${i}.${f}`) ?? '').trim()])
		) as SpeakerRow;
		if (SPEAKER_FIELDS.some((f) => row[f] !== '')) rows.push(row);
	}
	const [op, at] = String(form.get('op') ?? 'save').split(':');
	const i = Number(at);
	if (!Number.isInteger(i) || i < 0 || i >= rows.length) return rows;
	if (op === 'remove') rows.splice(i, 1);
	if (op === 'up' && i > 0) [rows[i - 1], rows[i]] = [rows[i]!, rows[i - 1]!];
	if (op === 'down' && i < rows.length - 1) [rows[i + 1], rows[i]] = [rows[i]!, rows[i + 1]!];
	return rows;
}

/** Each bad speaker field by row: `{ '1.nameEn': ['required'] }`, or null when all are fine. */
export function speakerErrors(rows: SpeakerRow[]): Record<string, string[]> | null {
	const errors: Record<string, string[]> = {};
	rows.forEach((row, i) => {
		const checked = agendaInputs.speakerInput.safeParse(row);
		if (!checked.success) {
			for (const issue of checked.error.issues) {
				(errors[`${i}.${String(issue.path[0])}`] ??= []).push(issue.message);
			}
		}
	});
	return Object.keys(errors).length > 0 ? errors : null;
}
