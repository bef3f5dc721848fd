import { healthEndpoint } from '@huizhan/web/endpoints';
import { database } from '$lib/server/db';

export const GET = healthEndpoint(database);
