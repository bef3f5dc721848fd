import { expect, test } from 'vitest';
import { isWeChat } from './wechat.ts';

test('recognises WeChat on Android and iPhone, and WeCom', () => {
	for (const ua of [
		'Mozilla/5.0 (Linux; Android 14; V2229A Build/UP1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.46(0x18002e2c) NetType/WIFI Language/zh_CN',
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36 wxwork/4.1.20 MicroMessenger/7.0.1 Language/zh ColorScheme/Light'
	]) {
		expect(isWeChat(ua)).toBe(true);
	}
});

test('leaves other browsers alone, and a request without a user agent', () => {
	expect(
		isWeChat(
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1'
		)
	).toBe(false);
	expect(
		isWeChat(
			'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'
		)
	).toBe(false);
	expect(isWeChat(null)).toBe(false);
	expect(isWeChat('')).toBe(false);
});
