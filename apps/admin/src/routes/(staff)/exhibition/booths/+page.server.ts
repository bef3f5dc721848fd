import { BOOTH_TYPES, type BoothStatus } from '@huizhan/ledger';
import { formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';
import { chosenEdition } from '../edition';
import { exhibitionFailure } from '../refusal';

const STATUSES: readonly BoothStatus[] = ['free', 'reserved', 'assigned'];
const numberParam = (value: string | null) => {
	const n = Number(value);
	return Number.isInteger(n) && n > 0 ? n : null;
};

export const load: PageServerLoad = async (event) => {
	const { editions, conferenceId } = await chosenEdition(event);
	const { url, locals } = event;
	if (!conferenceId) return { editions, conferenceId, plan: null };
	const plan = await locals.api.booths.plan({ conferenceId });
	const filters = {
		hall: numberParam(url.searchParams.get('hall')),
		status: STATUSES.find((s) => s === url.searchParams.get('status')) ?? null,
		type: BOOTH_TYPES.find((t) => t === url.searchParams.get('type')) ?? null,
		number: (url.searchParams.get('number') ?? '').trim().toUpperCase().slice(0, 20)
	};
	const shown = plan.booths.filter(
		(b) =>
			(filters.hall === null || b.hallId === filters.hall) &&
			(filters.status === null || b.status === filters.status) &&
			(filters.type === null || b.type === filters.type) &&
			(filters.number === '' || b.number.includes(filters.number))
	);
	// The booth being assigned, with the approved exhibitors matching what the admin typed.
	const assigning = plan.booths.find((b) => b.id === numberParam(url.searchParams.get('booth')));
	const who = (url.searchParams.get('who') ?? '').trim().slice(0, 100);
	const candidates =
		assigning && assigning.status === 'free'
			? await locals.api.booths.exhibitors({ conferenceId, search: who })
			: [];
	const editingHall = plan.halls.find(
		(h) => h.id === numberParam(url.searchParams.get('hallEdit'))
	);
	const editing = plan.booths.find((b) => b.id === numberParam(url.searchParams.get('edit')));
	return {
		editions,
		conferenceId,
		plan,
		imported: url.searchParams.has('imported')
			? Number(url.searchParams.get('imported')) || 0
			: null,
		filters,
		shown,
		assigning: assigning ?? null,
		who,
		candidates,
		editing: editing?.status === 'free' ? editing : null,
		editingHall: editingHall ?? null
	};
};

const HALL_FIELDS = ['conferenceId', 'id', 'code', 'nameZh', 'nameEn', 'sortOrder'] as const;
const BOOTH_FIELDS = [
	'conferenceId',
	'id',
	'hallId',
	'number',
	'areaSquareMetres',
	'type'
] as const;

export const actions: Actions = {
	createHall: async ({ request, locals }) => {
		const values = formValues(await request.formData(), HALL_FIELDS);
		try {
			const hall = await locals.api.booths.createHall({
				conferenceId: values.conferenceId,
				code: values.code,
				nameZh: values.nameZh,
				nameEn: values.nameEn,
				sortOrder: Number(values.sortOrder || 0)
			});
			return { done: 'hall_created', subject: hall.code };
		} catch (e) {
			return exhibitionFailure(e, { ...values, form: 'hall' });
		}
	},
	updateHall: async ({ request, locals }) => {
		const values = formValues(await request.formData(), HALL_FIELDS);
		try {
			const hall = await locals.api.booths.updateHall({
				id: Number(values.id),
				code: values.code,
				nameZh: values.nameZh,
				nameEn: values.nameEn,
				sortOrder: Number(values.sortOrder || 0)
			});
			return { done: 'hall_updated', subject: hall.code };
		} catch (e) {
			return exhibitionFailure(e, { ...values, form: 'hallEdit' });
		}
	},
	deleteHall: async ({ request, locals }) => {
		const values = formValues(await request.formData(), HALL_FIELDS);
		try {
			await locals.api.booths.deleteHall({ id: Number(values.id) });
			return { done: 'hall_deleted', subject: values.code };
		} catch (e) {
			return exhibitionFailure(e, values);
		}
	},
	createBooth: async ({ request, locals }) => {
		const values = formValues(await request.formData(), BOOTH_FIELDS);
		try {
			const booth = await locals.api.booths.createBooth({
				conferenceId: values.conferenceId,
				hallId: Number(values.hallId),
				number: values.number,
				areaSquareMetres: values.areaSquareMetres as unknown as number,
				type: values.type as 'standard'
			});
			return { done: 'booth_created', subject: booth.number };
		} catch (e) {
			return exhibitionFailure(e, { ...values, form: 'booth' });
		}
	},
	updateBooth: async ({ request, locals }) => {
		const values = formValues(await request.formData(), BOOTH_FIELDS);
		try {
			const booth = await locals.api.booths.updateBooth({
				id: Number(values.id),
				hallId: Number(values.hallId),
				number: values.number,
				areaSquareMetres: values.areaSquareMetres as unknown as number,
				type: values.type as 'standard'
			});
			return { done: 'booth_updated', subject: booth.number };
		} catch (e) {
			return exhibitionFailure(e, { ...values, form: 'edit' });
		}
	},
	deleteBooth: async ({ request, locals }) => {
		const values = formValues(await request.formData(), ['id', 'number']);
		try {
			await locals.api.booths.deleteBooth({ id: Number(values.id) });
			return { done: 'booth_deleted', subject: values.number };
		} catch (e) {
			return exhibitionFailure(e, values);
		}
	},
	/** Assigns or reserves (`kind`) a booth to the exhibitor picked. */
	hold: async ({ request, locals }) => {
		const values = formValues(await request.formData(), [
			'boothId',
			'exhibitorId',
			'kind',
			'company'
		]);
		try {
			const held = await locals.api.booths.hold({
				boothId: Number(values.boothId),
				exhibitorId: Number(values.exhibitorId),
				kind: values.kind === 'reserved' ? 'reserved' : 'assigned'
			});
			return {
				done: held.kind === 'reserved' ? 'booth_reserved' : 'booth_assigned',
				subject: held.number,
				company: values.company
			};
		} catch (e) {
			return exhibitionFailure(e, values);
		}
	},
	confirm: async ({ request, locals }) => {
		const values = formValues(await request.formData(), ['boothId']);
		try {
			const held = await locals.api.booths.confirm({ boothId: Number(values.boothId) });
			return { done: 'booth_confirmed', subject: held.number };
		} catch (e) {
			return exhibitionFailure(e, values);
		}
	},
	release: async ({ request, locals }) => {
		const values = formValues(await request.formData(), ['boothId']);
		try {
			const released = await locals.api.booths.release({ boothId: Number(values.boothId) });
			return { done: 'booth_released', subject: released.number };
		} catch (e) {
			return exhibitionFailure(e, values);
		}
	}
};
