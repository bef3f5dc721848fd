import { router } from '../trpc.ts';

/** The public exhibitor directory of an edition. */
export const exhibitorDirectoryRouter = router({});
