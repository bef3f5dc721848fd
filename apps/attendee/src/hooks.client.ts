import { acceptLanguageInBrowser } from '@huizhan/web/i18n-browser';
import * as runtime from '$lib/paraglide/runtime';

// Before the first page hydrates: it must speak the language the server rendered it in.
acceptLanguageInBrowser(runtime);
