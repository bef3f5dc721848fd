import { router } from '../trpc.ts';

/** A company's application to exhibit, on the attendee site (by the application's secret). */
export const exhibitorApplicationRouter = router({});

/** Reviewing applications in the console: approve, reject with a reason, ask for changes. */
export const exhibitorsRouter = router({});
