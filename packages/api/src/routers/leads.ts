import { router } from '../trpc.ts';

/** Lead retrieval (by an exhibitor staff member's ticket secret), and a visitor's view of who scanned them. */
export const leadsRouter = router({});
