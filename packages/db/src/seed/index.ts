export { seedDemo } from './demo.ts';
export type { SeedReport } from './demo.ts';
