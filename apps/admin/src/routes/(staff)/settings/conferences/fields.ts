import { formValues } from '@huizhan/web/actions';
import { fromBeijingField } from '$lib/beijing-time';
import { windowFollowingStart } from './window-shift';

export const EDITION_FIELDS = [
	'id',
	'nameZh',
	'nameEn',
	'startsOn',
	'endsOn',
	'venueZh',
	'venueEn',
	'themeColor',
	'refPrefix',
	'registrationOpensAt',
	'registrationClosesAt'
] as const;

/** An edition form's fields as the procedures take them; the schema checks them. */
export function editionFieldsOf(form: FormData) {
	const values = formValues(form, EDITION_FIELDS);
	const shown = formValues(form, ['shownStartsOn', 'shownOpensAt', 'shownClosesAt'] as const);
	const window = windowFollowingStart(values, {
		startsOn: shown.shownStartsOn,
		registrationOpensAt: shown.shownOpensAt,
		registrationClosesAt: shown.shownClosesAt
	});
	return {
		...values,
		registrationOpensAt: fromBeijingField(window.registrationOpensAt),
		registrationClosesAt: fromBeijingField(window.registrationClosesAt)
	};
}
