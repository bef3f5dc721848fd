import { router } from '../trpc.ts';

/** The exhibitor's own page (by its personal link): profile, booths, staff badges, set-up passes. */
export const exhibitorPageRouter = router({});
