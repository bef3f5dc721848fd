import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import type { Context } from './context.ts';

const t = initTRPC.context<Context>().create({
	errorFormatter({ shape, error }) {
		return {
			...shape,
			data: {
				...shape.data,
				// Field-by-field messages for bad input, so forms can show them beside each field.
				fieldErrors:
					error.code === 'BAD_REQUEST' && error.cause instanceof z.ZodError
						? z.flattenError(error.cause).fieldErrors
						: null
			}
		};
	}
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Open to anyone: the attendee site's procedures. */
export const publicProcedure = t.procedure;
