import { expect, test } from '@playwright/test';

/*
 * Without a CJK font Chromium draws every Chinese character as the same empty box, and the
 * layout tests (the big screen's fit, the phone pages) would measure boxes. `npm test` installs
 * Debian's fonts-noto-cjk with Chromium; this proves the browser the tests use has them.
 */
test('the test browser draws Chinese characters as glyphs, not as missing-glyph boxes', async ({
	page
}) => {
	await page.setContent(
		'<html lang="zh-CN"><body><canvas width="64" height="64"></canvas></body></html>'
	);
	const drawn = await page.evaluate(() => {
		const canvas = document.querySelector('canvas')!;
		const context = canvas.getContext('2d')!;
		const draw = (text: string) => {
			context.clearRect(0, 0, 64, 64);
			context.font = '48px sans-serif';
			context.fillText(text, 4, 52);
			return canvas.toDataURL();
		};
		// U+10FFFD is a private-use code point no font draws: what a missing glyph looks like.
		return { hui: draw('会'), zhan: draw('展'), missing: draw('\u{10FFFD}') };
	});
	expect(drawn.hui).not.toBe(drawn.missing);
	expect(drawn.zhan).not.toBe(drawn.missing);
	expect(drawn.hui).not.toBe(drawn.zhan);
});
