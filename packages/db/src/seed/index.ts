export { seedDemo } from './demo.ts';
export type { SeedReport } from './demo.ts';
export { seedDemoDeals } from './deals.ts';
export { seedDemoRegistrations } from './registrations.ts';
