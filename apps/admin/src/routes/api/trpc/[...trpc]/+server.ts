import { adminRouter } from '@huizhan/api';
import { trpcEndpoint } from '@huizhan/web/trpc';
import { adminContext } from '$lib/server/context';

const handler = trpcEndpoint(adminRouter, adminContext);

export const GET = handler;
export const POST = handler;
