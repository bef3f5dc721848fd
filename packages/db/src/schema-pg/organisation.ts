import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/** The zone's key industry chains (产业链) a deal is attributed to; edited by admins. */
export const industryChains = pgTable('industry_chains', {
	id: integer().primaryKey().generatedByDefaultAsIdentity(),
	nameZh: text().notNull().unique(),
	nameEn: text().notNull(),
	sortOrder: integer().notNull().default(0),
	/** Retired chains stay for the deals that name them but are no longer offered. */
	active: boolean().notNull().default(true),
	createdAt: createdAt()
});

/** The responsible units (责任单位) answerable for a deal, e.g. 投资促进部. */
export const responsibleUnits = pgTable('responsible_units', {
	id: integer().primaryKey().generatedByDefaultAsIdentity(),
	nameZh: text().notNull().unique(),
	nameEn: text().notNull(),
	sortOrder: integer().notNull().default(0),
	active: boolean().notNull().default(true),
	createdAt: createdAt()
});
