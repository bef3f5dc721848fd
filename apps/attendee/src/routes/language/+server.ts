import { languageEndpoint } from '@huizhan/web/endpoints';
import * as runtime from '$lib/paraglide/runtime';

export const POST = languageEndpoint(runtime);
