import { attendeeRouter } from '@huizhan/api';
import { trpcEndpoint } from '@huizhan/web/trpc';
import { attendeeContext } from '$lib/server/context';

const handler = trpcEndpoint(attendeeRouter, attendeeContext);

export const GET = handler;
export const POST = handler;
