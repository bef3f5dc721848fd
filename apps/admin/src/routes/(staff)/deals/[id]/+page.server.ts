import { randomUUID } from 'node:crypto';
import { error, fail } from '@sveltejs/kit';
import { AppError, hasAnyRole } from '@huizhan/api';
import { actionFailure, formValues } from '@huizhan/web/actions';
import { todayInBeijing } from '$lib/deal-form';
import { DEAL_FACT_FIELDS } from '@huizhan/ledger';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	let found;
	try {
		found = await locals.api.deals.get({ dealId: params.id });
	} catch (e) {
		if (e instanceof AppError && e.reason === 'deal_not_found')
			error(404, { message: 'deal_not_found' });
		throw e;
	}
	return {
		...found,
		options: await locals.api.reference.dealOptions(),
		canWrite: hasAnyRole(locals.user, ['recorder', 'admin']),
		today: todayInBeijing(new Date()),
		// A fresh id per form shown, so a resubmitted action records nothing twice.
		requestId: randomUUID()
	};
};

/** Common to every action: the request id, the deal and the version the user was looking at. */
function base(form: FormData, dealId: string) {
	return {
		requestId: String(form.get('requestId') ?? ''),
		dealId,
		expectedVersion: Number(form.get('expectedVersion'))
	};
}

/** A concurrent change is reported with who made it and when; anything else as usual. */
function refused(e: unknown, action: string, values: Record<string, string>) {
	if (e instanceof AppError && e.reason === 'deal_changed') {
		return fail(409, {
			action,
			values,
			reason: 'deal_changed',
			fieldErrors: {},
			changedBy: String(e.details.by ?? ''),
			changedAt: String(e.details.at ?? '')
		});
	}
	return actionFailure(e, { ...values, action });
}

export const actions: Actions = {
	amend: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, [...DEAL_FACT_FIELDS, 'reason']);
		const { deal } = await locals.api.deals.get({ dealId: params.id });
		// Send only what differs from the deal as it is: an amendment records just its changes.
		const current: Record<string, string> = {
			...Object.fromEntries(
				Object.entries(deal.facts).map(([k, v]) => [k, v === null ? '' : String(v)])
			)
		};
		const changes: Record<string, unknown> = {};
		for (const field of DEAL_FACT_FIELDS) {
			const typed = (values[field] ?? '').trim();
			if (typed === (current[field] ?? '').trim()) continue;
			if (field === 'chainId' || field === 'unitId') changes[field] = Number(typed);
			else if (field === 'foreignAmount') changes[field] = typed ? Number(typed) : null;
			else if (field === 'foreignCurrency' || field === 'exchangeRate')
				changes[field] = typed || null;
			else changes[field] = typed;
		}
		try {
			await locals.api.deals.amend({
				...base(form, params.id),
				changes,
				reason: values.reason ?? ''
			});
		} catch (e) {
			return refused(e, 'amend', values);
		}
		return { action: 'amend', done: 'amended' };
	},
	upgrade: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, ['on']);
		try {
			await locals.api.deals.upgrade({ ...base(form, params.id), on: values.on ?? '' });
		} catch (e) {
			return refused(e, 'upgrade', values);
		}
		return { action: 'upgrade', done: 'upgraded' };
	},
	increase: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, ['amount', 'signingEvent', 'signedOn', 'note']);
		try {
			await locals.api.deals.increase({
				...base(form, params.id),
				amount: values.amount ?? '',
				signingEvent: values.signingEvent ?? '',
				signedOn: values.signedOn ?? '',
				note: values.note ?? ''
			});
		} catch (e) {
			return refused(e, 'increase', values);
		}
		return { action: 'increase', done: 'increased' };
	},
	advance: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, ['stage', 'on']);
		try {
			await locals.api.deals.advance({
				...base(form, params.id),
				stage: values.stage as never,
				on: values.on ?? ''
			});
		} catch (e) {
			return refused(e, 'advance', values);
		}
		return { action: 'advance', done: 'advanced' };
	},
	void: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, ['reason']);
		try {
			await locals.api.deals.void({ ...base(form, params.id), reason: values.reason ?? '' });
		} catch (e) {
			return refused(e, 'void', values);
		}
		return { action: 'void', done: 'voided' };
	}
};
