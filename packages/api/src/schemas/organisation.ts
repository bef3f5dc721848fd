import { z } from 'zod';

/** 产业链 (industry chains) and 责任单位 (responsible units) are edited the same way. */
export const ORGANISATION_KINDS = ['chain', 'unit'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

const name = z
	.string({ error: 'required' })
	.trim()
	.min(1, { error: 'required' })
	.max(60, { error: 'too_long' });

const kind = z.enum(ORGANISATION_KINDS, { error: 'organisation_kind' });
const id = z.number().int().positive();

export const createOrganisationInput = z.object({ kind, nameZh: name, nameEn: name });
export type CreateOrganisationInput = z.output<typeof createOrganisationInput>;

export const renameOrganisationInput = z.object({ kind, id, nameZh: name, nameEn: name });
export type RenameOrganisationInput = z.output<typeof renameOrganisationInput>;

export const moveOrganisationInput = z.object({ kind, id, direction: z.enum(['up', 'down']) });
export type MoveOrganisationInput = z.output<typeof moveOrganisationInput>;

export const setOrganisationActiveInput = z.object({ kind, id, active: z.boolean() });
export type SetOrganisationActiveInput = z.output<typeof setOrganisationActiveInput>;

export const organisationItemInput = z.object({ kind, id });
export type OrganisationItemInput = z.output<typeof organisationItemInput>;
