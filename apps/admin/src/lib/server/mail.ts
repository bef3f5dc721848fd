import { processMail } from '@huizhan/web/server';
import { config } from './env.ts';

/** The process's mail sender, started on first use (from the `init` hook) over the database. */
export const mail = processMail(config);
