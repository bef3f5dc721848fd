export { seedDemo } from './demo.ts';
export type { SeedReport } from './demo.ts';
export { seedDemoDeals } from './deals.ts';
export { DEMO_BOOTHS, seedDemoExhibition } from './exhibition.ts';
export { seedDemoRegistrations } from './registrations.ts';
export {
	beijingDay,
	currentDemoEdition,
	currentDemoEditions,
	DEMO_SERIES
} from './current-editions.ts';
export type { CurrentEdition } from './current-editions.ts';
