// The form-action helpers are shared by both apps (packages/web); this path stays for the pages.
export { actionFailure, formValues } from '@huizhan/web/actions';
