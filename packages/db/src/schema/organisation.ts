import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.ts';

/** The zone's key industry chains (产业链) a deal is attributed to; edited by admins. */
export const industryChains = sqliteTable('industry_chains', {
	id: integer().primaryKey({ autoIncrement: true }),
	nameZh: text().notNull().unique(),
	nameEn: text().notNull(),
	sortOrder: integer().notNull().default(0),
	/** Retired chains stay for the deals that name them but are no longer offered. */
	active: integer({ mode: 'boolean' }).notNull().default(true),
	createdAt: createdAt()
});

/** The responsible units (责任单位) answerable for a deal, e.g. 投资促进部. */
export const responsibleUnits = sqliteTable('responsible_units', {
	id: integer().primaryKey({ autoIncrement: true }),
	nameZh: text().notNull().unique(),
	nameEn: text().notNull(),
	sortOrder: integer().notNull().default(0),
	active: integer({ mode: 'boolean' }).notNull().default(true),
	createdAt: createdAt()
});
