import { and, asc, count, eq, exists, isNull, or, type SQL } from 'drizzle-orm';
import { containsText, tables, type Db } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { assertPublic } from './agenda-sessions-public.ts';
import { heldBooths, type HeldBooth } from './exhibition.ts';

/*
 * The public exhibitor directory (展商名录) of the attendee site: the approved exhibitors of a
 * public edition, searched by name, product, industry chain and hall. It shows what a company
 * publishes about itself (names, products, intro, website) and the booths assigned to it; never
 * its contact, its credit code or its application. A booth only reserved is left out: the
 * reservation may fall through, and visitors would walk to a booth that is not the company's.
 */

/** How many exhibitors a page of the directory lists. */
export const DIRECTORY_PAGE_SIZE = 20;

export interface DirectorySearch {
	conferenceId: string;
	/** Part of a company's name (zh or en) or of its products. */
	q?: string;
	chainId?: number;
	/** A hall's code (`A`). */
	hall?: string;
	/** From 1. */
	page?: number;
}

/** A booth as the directory shows it. */
export interface DirectoryBooth {
	number: string;
	areaSquareMetres: number;
	type: HeldBooth['type'];
	hallCode: string;
	hallZh: string;
	hallEn: string;
}

export interface DirectoryChain {
	id: number;
	nameZh: string;
	nameEn: string;
}

export interface DirectoryEntry {
	id: number;
	companyZh: string;
	companyEn: string;
	productsZh: string;
	productsEn: string;
	chain: DirectoryChain | null;
	booths: DirectoryBooth[];
}

export interface DirectoryProfile extends DirectoryEntry {
	introZh: string;
	introEn: string;
	website: string | null;
}

export interface DirectoryPage {
	exhibitors: DirectoryEntry[];
	/** Exhibitors matching the search, over every page. */
	total: number;
	/** Approved exhibitors of the edition, searched or not: tells "none yet" from "no match". */
	approved: number;
	page: number;
	pageCount: number;
	/** What the search form offers: the edition's halls and the chains its exhibitors are in. */
	halls: { code: string; nameZh: string; nameEn: string }[];
	chains: DirectoryChain[];
}

const publicBooths = (held: readonly HeldBooth[] | undefined): DirectoryBooth[] =>
	(held ?? [])
		.filter((b) => b.hold === 'assigned')
		.map((b) => ({
			number: b.number,
			areaSquareMetres: b.areaSquareMetres,
			type: b.type,
			hallCode: b.hallCode,
			hallZh: b.hallZh,
			hallEn: b.hallEn
		}));

/** A page of a public edition's approved exhibitors matching the search, by English name. */
export async function searchDirectory(
	db: Db,
	search: DirectorySearch,
	previewOf: string | null = null
): Promise<DirectoryPage> {
	const { conferenceId } = search;
	await assertPublic(db, conferenceId, previewOf);
	const {
		exhibitors: e,
		boothHolds: h,
		booths: b,
		exhibitionHalls: hall,
		industryChains: c
	} = tables(db);
	const approved = and(eq(e.conferenceId, conferenceId), eq(e.status, 'approved'))!;
	const filters: SQL[] = [approved];
	const q = search.q?.trim();
	if (q)
		filters.push(
			or(
				containsText(db, e.companyZh, q),
				containsText(db, e.companyEn, q),
				containsText(db, e.productsZh, q),
				containsText(db, e.productsEn, q)
			)!
		);
	if (search.chainId !== undefined) filters.push(eq(e.industryChainId, search.chainId));
	if (search.hall)
		filters.push(
			exists(
				db
					.select({ one: h.id })
					.from(h)
					.innerJoin(b, eq(b.id, h.boothId))
					.innerJoin(hall, eq(hall.id, b.hallId))
					.where(
						and(
							eq(h.exhibitorId, e.id),
							isNull(h.releasedAt),
							eq(h.kind, 'assigned'),
							eq(hall.code, search.hall)
						)
					)
			)
		);
	const where = and(...filters);
	const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(e).where(where);
	const [{ n: approvedCount } = { n: 0 }] = await db.select({ n: count() }).from(e).where(approved);
	const pageCount = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
	const page = Math.min(Math.max(1, search.page ?? 1), pageCount);
	const found = await db
		.select({
			id: e.id,
			companyZh: e.companyZh,
			companyEn: e.companyEn,
			productsZh: e.productsZh,
			productsEn: e.productsEn,
			chainId: c.id,
			chainZh: c.nameZh,
			chainEn: c.nameEn
		})
		.from(e)
		.leftJoin(c, eq(c.id, e.industryChainId))
		.where(where)
		.orderBy(asc(e.companyEn), asc(e.id))
		.limit(DIRECTORY_PAGE_SIZE)
		.offset((page - 1) * DIRECTORY_PAGE_SIZE);
	const held = await heldBooths(
		db,
		found.map((f) => f.id)
	);
	const halls = await db
		.select({ code: hall.code, nameZh: hall.nameZh, nameEn: hall.nameEn })
		.from(hall)
		.where(eq(hall.conferenceId, conferenceId))
		.orderBy(asc(hall.sortOrder), asc(hall.code));
	const chains = await db
		.selectDistinct({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn, sortOrder: c.sortOrder })
		.from(c)
		.innerJoin(e, eq(e.industryChainId, c.id))
		.where(approved)
		.orderBy(asc(c.sortOrder), asc(c.id));
	return {
		exhibitors: found.map(({ chainId, chainZh, chainEn, ...entry }) => ({
			...entry,
			chain: chainId === null ? null : { id: chainId, nameZh: chainZh!, nameEn: chainEn! },
			booths: publicBooths(held.get(entry.id))
		})),
		total,
		approved: approvedCount,
		page,
		pageCount,
		halls,
		chains: chains.map(({ id, nameZh, nameEn }) => ({ id, nameZh, nameEn }))
	};
}

/** One approved exhibitor of a public edition; not found otherwise (pending, rejected, elsewhere). */
export async function directoryProfile(
	db: Db,
	conferenceId: string,
	exhibitorId: number,
	previewOf: string | null = null
): Promise<DirectoryProfile> {
	await assertPublic(db, conferenceId, previewOf);
	const { exhibitors: e, industryChains: c } = tables(db);
	const [found] = await db
		.select({
			id: e.id,
			companyZh: e.companyZh,
			companyEn: e.companyEn,
			productsZh: e.productsZh,
			productsEn: e.productsEn,
			introZh: e.introZh,
			introEn: e.introEn,
			website: e.website,
			chainId: c.id,
			chainZh: c.nameZh,
			chainEn: c.nameEn
		})
		.from(e)
		.leftJoin(c, eq(c.id, e.industryChainId))
		.where(and(eq(e.id, exhibitorId), eq(e.conferenceId, conferenceId), eq(e.status, 'approved')));
	if (!found) throw new AppError('NOT_FOUND', 'exhibitor_not_found', `no exhibitor ${exhibitorId}`);
	const { chainId, chainZh, chainEn, ...profile } = found;
	return {
		...profile,
		chain: chainId === null ? null : { id: chainId, nameZh: chainZh!, nameEn: chainEn! },
		booths: publicBooths((await heldBooths(db, [exhibitorId])).get(exhibitorId))
	};
}
