import { healthResponse } from '@huizhan/api';
import { database } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => healthResponse(database().sqlite);
