import { error } from '@sveltejs/kit';
import { AGREEMENT_TYPES, DEAL_STAGES, INVESTOR_ORIGINS } from '@huizhan/ledger';
import { hasAnyRole, SHEET_CONTENT_TYPES } from '@huizhan/api';
import { PAGE_ACCESS } from '$lib/access';
import type { RequestHandler } from './$types';

const SORTS = ['signedOn', 'amount', 'projectName', 'lastRecordedAt'] as const;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
	list.includes(value as T) ? (value as T) : undefined;
const positive = (value: string | null): number | undefined => {
	const n = Number(value);
	return Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * `GET /deals/export?format=xlsx|csv&scope=list|ledger` and, for the list, the /deals page's own
 * filter and sort parameters, so "export" gives what the page shows, every page of it. Roles
 * are checked here as for the /deals page (endpoints are not behind the staff layout's guard),
 * and again by the procedures, which also write the audit entry.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user) error(401, 'sign in first');
	if (!hasAnyRole(locals.user, PAGE_ACCESS['/(staff)/deals'] ?? [])) error(403, 'forbidden');
	const p = url.searchParams;
	const format = oneOf(['xlsx', 'csv'] as const, p.get('format')) ?? 'xlsx';
	const scope = p.get('scope') === 'ledger' ? 'ledger' : 'list';

	const file =
		scope === 'ledger'
			? await locals.api.dealSheets.exportLedger({ format })
			: await locals.api.dealSheets.exportDeals({
					format,
					signingEvent: p.get('event')?.trim().slice(0, 64) || undefined,
					chainId: positive(p.get('chain')),
					unitId: positive(p.get('unit')),
					agreementType: oneOf(AGREEMENT_TYPES, p.get('agreement')),
					stage: oneOf(DEAL_STAGES, p.get('stage')),
					investorOrigin: oneOf(INVESTOR_ORIGINS, p.get('origin')),
					text: p.get('q')?.trim().slice(0, 100) || undefined,
					includeVoided: p.get('voided') === '1',
					sort: oneOf(SORTS, p.get('sort')) ?? 'signedOn',
					direction: p.get('dir') === 'asc' ? 'asc' : 'desc'
				});
	// The name's Chinese part is dropped for browsers that only read the plain `filename`.
	const fallback = `${scope === 'ledger' ? 'ledger' : 'deals'}${file.filename.slice(file.filename.indexOf('-'))}`;
	return new Response(new Uint8Array(Buffer.from(file.contentBase64, 'base64')), {
		headers: {
			'content-type': SHEET_CONTENT_TYPES[format],
			'content-disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': 'no-store'
		}
	});
};
