import { error, fail } from '@sveltejs/kit';
import { AppError, hasAnyRole } from '@huizhan/api';
import { actionFailure, formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const DRAFT_FIELDS = [
	'projectName',
	'investor',
	'investorOrigin',
	'chainId',
	'unitId',
	'agreementType',
	'totalInvestment',
	'foreignCurrency',
	'foreignAmount',
	'exchangeRate',
	'notes'
] as const;

const sessionIdOf = (event: Pick<RequestEvent, 'params'>): number => {
	const id = Number(event.params.sessionId);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'no such ceremony');
	return id;
};

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const sessionId = sessionIdOf(event);
	let view;
	try {
		view = await locals.api.ceremony.get({ sessionId });
	} catch (e) {
		if (e instanceof AppError && e.reason === 'ceremony_not_found') error(404, e.message);
		throw e;
	}
	const canRun = hasAnyRole(locals.user, ['recorder', 'admin']);
	const q = url.searchParams.get('q')?.trim().slice(0, 100) ?? null;
	const editId = Number(url.searchParams.get('edit'));
	return {
		view,
		canRun,
		podium: canRun && url.searchParams.has('podium'),
		options: await locals.api.reference.dealOptions(),
		q,
		found:
			canRun && q !== null ? await locals.api.ceremony.searchDeals({ sessionId, text: q }) : [],
		editing: view.lines.find((l) => l.id === editId && l.draft && !l.confirmedAt) ?? null
	};
};

/** The draft's fields as the deal form submits them. */
function draftOf(form: FormData) {
	const values = formValues(form, DRAFT_FIELDS);
	const optional = (name: string) => (values[name]?.trim() ? values[name] : null);
	return {
		values,
		draft: {
			projectName: values.projectName,
			investor: values.investor,
			investorOrigin: values.investorOrigin as never,
			chainId: Number(values.chainId),
			unitId: Number(values.unitId),
			agreementType: values.agreementType as never,
			totalInvestment: values.totalInvestment,
			foreignCurrency: optional('foreignCurrency'),
			foreignAmount: optional('foreignAmount') === null ? null : Number(values.foreignAmount),
			exchangeRate: optional('exchangeRate'),
			notes: values.notes
		}
	};
}

/** A draft refused for probable duplicates: the form shows them and asks to acknowledge. */
function duplicatesFailure(e: unknown, values: Record<string, string>, action: string) {
	if (e instanceof AppError && e.reason === 'probable_duplicate') {
		return fail(409, {
			action,
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
	return null;
}

/** A refused call as the form named `action` shows it (the page has several forms). */
function refused(action: string, e: unknown, values: Record<string, string> = {}) {
	const failure = actionFailure(e, values);
	return fail(failure.status, { ...failure.data, action });
}

const itemIdOf = (form: FormData) => Number(form.get('itemId'));

export const actions: Actions = {
	addDeal: async (event) => {
		const sessionId = sessionIdOf(event);
		const form = await event.request.formData();
		try {
			await event.locals.api.ceremony.addDeal({
				sessionId,
				dealId: String(form.get('dealId') ?? '')
			});
		} catch (e) {
			return refused('addDeal', e);
		}
		return { action: 'addDeal', done: true };
	},
	addDraft: async (event) => {
		const sessionId = sessionIdOf(event);
		const form = await event.request.formData();
		const { values, draft } = draftOf(form);
		try {
			await event.locals.api.ceremony.addDraft({
				sessionId,
				draft,
				acknowledgeDuplicates: form.get('acknowledgeDuplicates') === 'on'
			});
		} catch (e) {
			return duplicatesFailure(e, values, 'addDraft') ?? refused('addDraft', e, values);
		}
		return { action: 'addDraft', done: true };
	},
	updateDraft: async (event) => {
		const sessionId = sessionIdOf(event);
		const form = await event.request.formData();
		const { values, draft } = draftOf(form);
		try {
			await event.locals.api.ceremony.updateDraft({
				sessionId,
				itemId: itemIdOf(form),
				draft,
				acknowledgeDuplicates: form.get('acknowledgeDuplicates') === 'on'
			});
		} catch (e) {
			return duplicatesFailure(e, values, 'updateDraft') ?? refused('updateDraft', e, values);
		}
		return { action: 'updateDraft', done: true };
	},
	remove: async (event) => {
		const sessionId = sessionIdOf(event);
		const form = await event.request.formData();
		try {
			await event.locals.api.ceremony.remove({ sessionId, itemId: itemIdOf(form) });
		} catch (e) {
			return refused('order', e);
		}
		return { action: 'order', done: true };
	},
	/** Moves one line up or down a place: the order without JavaScript, one press at a time. */
	move: async (event) => {
		const sessionId = sessionIdOf(event);
		const form = await event.request.formData();
		const itemId = itemIdOf(form);
		const step = form.get('direction') === 'up' ? -1 : 1;
		try {
			const { lines } = await event.locals.api.ceremony.get({ sessionId });
			const ids = lines.map((l) => l.id);
			const at = ids.indexOf(itemId);
			const to = at + step;
			if (at >= 0 && to >= 0 && to < ids.length) {
				[ids[at], ids[to]] = [ids[to]!, ids[at]!];
				await event.locals.api.ceremony.reorder({ sessionId, itemIds: ids });
			}
		} catch (e) {
			return refused('order', e);
		}
		return { action: 'order', done: true };
	},
	open: async (event) => {
		try {
			await event.locals.api.ceremony.open({ sessionId: sessionIdOf(event) });
		} catch (e) {
			return refused('state', e);
		}
		return { action: 'state', done: true };
	},
	close: async (event) => {
		try {
			await event.locals.api.ceremony.close({ sessionId: sessionIdOf(event) });
		} catch (e) {
			return refused('state', e);
		}
		return { action: 'state', done: true };
	},
	/** The press without JavaScript; the podium sends it itself, keeping it through a dropped network. */
	confirm: async (event) => {
		const form = await event.request.formData();
		try {
			const pressed = await event.locals.api.ceremony.confirm({
				sessionId: sessionIdOf(event),
				itemId: itemIdOf(form)
			});
			return { action: 'confirm', done: true, pressed };
		} catch (e) {
			return refused('confirm', e);
		}
	}
};
