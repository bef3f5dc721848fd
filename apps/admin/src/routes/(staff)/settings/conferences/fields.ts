import { formValues } from '$lib/server/action-errors';
import { fromBeijingField } from '$lib/beijing-time';

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
	return {
		...values,
		registrationOpensAt: fromBeijingField(values.registrationOpensAt),
		registrationClosesAt: fromBeijingField(values.registrationClosesAt)
	};
}
