import { processMail } from '@huizhan/web/server';
import { database } from './db.ts';
import { config } from './env.ts';

/** The process's mail sender, started on first use (from the `init` hook). */
export const mail = processMail(database, config);
