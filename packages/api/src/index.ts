export { createContextInner } from './context.ts';
export type { Context, CreateContextOptions } from './context.ts';
export { adminRouter, attendeeRouter, createAdminCaller, createAttendeeCaller } from './root.ts';
export type { AdminRouter, AttendeeRouter } from './root.ts';
export type { ConferenceSummary } from './services/conferences.ts';
export type { TargetGroup, TargetView } from './services/targets.ts';
export { healthResponse } from './http/health.ts';
export { safeNextPath } from './http/redirect.ts';
