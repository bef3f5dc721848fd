/**
 * WeChat's in-app browser (and WeCom's, which shares it) names itself `MicroMessenger` in its
 * user agent. It cannot open a downloaded calendar file or print, but a long press on an image
 * offers "save image": the ticket page adapts to that. Read on the server from the request, so
 * the page is right before (and without) any script.
 */
export function isWeChat(userAgent: string | null | undefined): boolean {
	return /\bMicroMessenger\//i.test(userAgent ?? '');
}
