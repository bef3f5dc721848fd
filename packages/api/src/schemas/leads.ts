import { z } from 'zod';
import { LEAD_RATINGS } from '@huizhan/ledger';
import { SHEET_FORMATS } from '../spreadsheets/export.ts';
import { textOrEmpty } from './text.ts';

/** A personal link's secret (a ticket's or an exhibitor's): checked for its shape in the service. */
const secret = z.string().max(64);

export const ticketSecretInput = z.object({ secret });
export const exhibitorSecretInput = z.object({ exhibitorSecret: secret });

/** One scan at the booth, from the camera or typed; the nonce is the device's, per scan. */
export const leadScan = z.object({
	code: z.string().trim().min(1, { error: 'lead_code_invalid' }).max(400),
	nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
	/** The device's clock at the scan, epoch ms; the server never takes one from the future. */
	scannedAt: z.number().int().positive().optional()
});

export const scanLeadInput = leadScan.extend({ secret });

/** The offline queue's upload: its scans, oldest first, stored in that order. */
export const uploadLeadsInput = z.object({ secret, scans: z.array(leadScan).min(1).max(200) });

export const leadUpdate = z.object({
	leadId: z.number().int().positive(),
	note: textOrEmpty(1000),
	rating: z.enum(LEAD_RATINGS).nullable().default(null)
});

export const leadFilters = z.object({
	rating: z.enum([...LEAD_RATINGS, 'unrated']).optional(),
	text: z.string().trim().max(100).optional()
});

export const exhibitorLeadsInput = exhibitorSecretInput.extend(leadFilters.shape);
export const exportLeadsInput = exhibitorLeadsInput.extend({
	format: z.enum(SHEET_FORMATS).default('xlsx')
});

export const shareContactsInput = z.object({ secret, share: z.boolean() });
