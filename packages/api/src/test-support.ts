import { createDb } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { createContextInner } from './context.ts';

/** A fresh in-memory database with the demo data, and a context over it. */
export function seededContext() {
	const handle = createDb({ path: ':memory:' });
	seedDemo(handle.db);
	return { ...handle, ctx: createContextInner(handle) };
}
