import { z } from 'zod';
import { SHEET_FORMATS } from '../spreadsheets/export.ts';

/** A ticket's secret: the attendee's only key to their registration (never its id). */
const secret = z.string().max(64);
const sessionId = z.coerce.number().int().positive();

/** Sign up for, or cancel, one session from the ticket page. */
export const ticketSessionInput = z.object({ secret, sessionId });
export const ticketAgendaInput = z.object({ secret });
export const sessionSignupsInput = z.object({ sessionId });
export const sessionSignupsExportInput = z.object({
	sessionId,
	format: z.enum(SHEET_FORMATS).default('xlsx')
});
