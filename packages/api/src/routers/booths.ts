import { router } from '../trpc.ts';

/** Halls and booths of an edition, and which exhibitor holds which booth. */
export const boothsRouter = router({});

/** An edition's exhibition rules: applications open, pass quotas, set-up days. */
export const exhibitionRulesRouter = router({});
