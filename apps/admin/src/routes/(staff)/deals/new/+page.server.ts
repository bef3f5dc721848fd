import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { AppError } from '@huizhan/api';
import { actionFailure, formValues } from '@huizhan/web/actions';
import { todayInBeijing } from '$lib/deal-form';
import { DEAL_FACT_FIELDS } from '@huizhan/ledger';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	options: await locals.api.reference.dealOptions(),
	// Most deals are recorded the day they are signed; the recorder changes it for the others.
	today: todayInBeijing(new Date()),
	// One id per form shown: submitting it twice (a double tap, a retry) records one deal.
	requestId: randomUUID()
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		const values = formValues(form, [...DEAL_FACT_FIELDS, 'requestId']);
		const optional = (name: string) => (values[name]?.trim() ? values[name] : null);
		const input = {
			requestId: values.requestId ?? '',
			acknowledgeDuplicates: form.get('acknowledgeDuplicates') === 'on',
			facts: {
				projectName: values.projectName ?? '',
				investor: values.investor ?? '',
				investorOrigin: values.investorOrigin as never,
				chainId: Number(values.chainId),
				unitId: Number(values.unitId),
				signingEvent: values.signingEvent ?? '',
				signedOn: values.signedOn ?? '',
				agreementType: values.agreementType as never,
				totalInvestment: values.totalInvestment ?? '',
				foreignCurrency: optional('foreignCurrency'),
				foreignAmount: optional('foreignAmount') === null ? null : Number(values.foreignAmount),
				exchangeRate: optional('exchangeRate'),
				notes: values.notes ?? ''
			}
		};
		let result;
		try {
			result = await locals.api.deals.record(input);
		} catch (e) {
			if (e instanceof AppError && e.reason === 'probable_duplicate') {
				return fail(409, {
					values,
					reason: null,
					fieldErrors: {},
					duplicates: (e.details.duplicates ?? []) as {
						id: string;
						projectName: string;
						investor: string;
						signingEvent: string;
						signedOn: string;
						countedAmount: number;
					}[]
				});
			}
			return actionFailure(e, values);
		}
		redirect(303, `/deals/${result.deal.id}?recorded`);
	}
};
