import { AGREEMENT_TYPES, DEAL_STAGES, INVESTOR_ORIGINS } from '@huizhan/ledger';
import { hasAnyRole } from '@huizhan/api';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const SORTS = ['signedOn', 'amount', 'projectName', 'lastRecordedAt'] as const;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
	list.includes(value as T) ? (value as T) : undefined;
const positive = (value: string | null): number | undefined => {
	const n = Number(value);
	return Number.isInteger(n) && n > 0 ? n : undefined;
};

export const load: PageServerLoad = async ({ locals, url }) => {
	const p = url.searchParams;
	const filters = {
		signingEvent: p.get('event')?.trim().slice(0, 64) || undefined,
		chainId: positive(p.get('chain')),
		unitId: positive(p.get('unit')),
		agreementType: oneOf(AGREEMENT_TYPES, p.get('agreement')),
		stage: oneOf(DEAL_STAGES, p.get('stage')),
		investorOrigin: oneOf(INVESTOR_ORIGINS, p.get('origin')),
		text: p.get('q')?.trim().slice(0, 100) || undefined,
		includeVoided: p.get('voided') === '1'
	};
	const sort = oneOf(SORTS, p.get('sort')) ?? 'lastRecordedAt';
	const direction = p.get('dir') === 'asc' ? 'asc' : 'desc';
	const page = Math.max(1, Math.min(100_000, Number.parseInt(p.get('page') ?? '1', 10) || 1));

	const [result, options, head] = await Promise.all([
		locals.api.deals.list({ ...filters, sort, direction, page, pageSize: PAGE_SIZE }),
		locals.api.reference.dealOptions(),
		locals.api.deals.head()
	]);
	const filtered = Object.entries(filters).some(([k, v]) =>
		k === 'includeVoided' ? v : v !== undefined
	);
	return {
		...result,
		options,
		head,
		filters,
		filtered,
		sort,
		direction,
		page,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
		canWrite: hasAnyRole(locals.user, ['recorder', 'admin'])
	};
};
