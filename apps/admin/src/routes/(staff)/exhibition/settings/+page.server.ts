import { formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';
import { chosenEdition } from '../edition';
import { exhibitionFailure } from '../refusal';

export const load: PageServerLoad = async (event) => {
	const { editions, conferenceId } = await chosenEdition(event);
	const settings = conferenceId
		? await event.locals.api.exhibitionRules.get({ conferenceId })
		: null;
	return { editions, conferenceId, settings };
};

const FIELDS = [
	'conferenceId',
	'staffSquareMetresPer',
	'staffMinimum',
	'setupSquareMetresPer',
	'setupMinimum',
	'setupStartsOn',
	'setupEndsOn'
] as const;

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const form = await request.formData();
		const values = formValues(form, FIELDS);
		try {
			await locals.api.exhibitionRules.update({
				conferenceId: values.conferenceId,
				applicationsOpen: form.get('applicationsOpen') === 'on',
				// Coerced and checked by the command's own schema.
				staffSquareMetresPer: values.staffSquareMetresPer as unknown as number,
				staffMinimum: values.staffMinimum as unknown as number,
				setupSquareMetresPer: values.setupSquareMetresPer as unknown as number,
				setupMinimum: values.setupMinimum as unknown as number,
				setupStartsOn: values.setupStartsOn,
				setupEndsOn: values.setupEndsOn
			});
			return { saved: true };
		} catch (e) {
			return exhibitionFailure(e, values);
		}
	}
};
