import { createCallerFactory, router } from './trpc.ts';
import { conferencesRouter } from './routers/conferences.ts';
import { targetsRouter } from './routers/targets.ts';

/** What the attendee app mounts: public procedures only. */
export const attendeeRouter = router({
	conferences: conferencesRouter
});
export type AttendeeRouter = typeof attendeeRouter;

/** What the admin app mounts: the staff console's procedures. */
export const adminRouter = router({
	targets: targetsRouter
});
export type AdminRouter = typeof adminRouter;

export const createAttendeeCaller = createCallerFactory(attendeeRouter);
export const createAdminCaller = createCallerFactory(adminRouter);
