import { formValues } from '@huizhan/web/actions';
import { getLocale } from '$lib/paraglide/runtime';

/** The application form's text fields, as the procedures name them. */
const FIELDS = [
	'companyZh',
	'companyEn',
	'creditCode',
	'contactName',
	'country',
	'mobile',
	'email',
	'industryChainId',
	'productsZh',
	'productsEn',
	'wantedBoothType',
	'wantedSquareMetres'
] as const;

/**
 * A submitted application form: the values to show again if it is refused, and the fields the
 * procedure takes. The procedure's schema checks every field and says which is wrong.
 */
export function applicationOf(form: FormData) {
	const values = formValues(form, FIELDS);
	const consent = form.get('consent') === 'on';
	return {
		values: { ...values, consent },
		fields: {
			...values,
			wantedBoothType: values.wantedBoothType as 'standard',
			consent: consent as true,
			language: getLocale()
		}
	};
}
