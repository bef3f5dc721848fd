import { expect, test } from 'vitest';
import { optionsText, parseOptions } from './question-form';

test('reads options typed one a line as code | 中文 | English, full-width bars too', () => {
	expect(parseOptions('halal | 清真 | Halal\n\n vegetarian｜素食｜Vegetarian \n')).toEqual([
		{ key: 'halal', zh: '清真', en: 'Halal' },
		{ key: 'vegetarian', zh: '素食', en: 'Vegetarian' }
	]);
});

test('writes options back as they are read', () => {
	const options = [
		{ key: 'a', zh: '甲', en: 'A' },
		{ key: 'b', zh: '乙', en: 'B' }
	];
	expect(parseOptions(optionsText(options))).toEqual(options);
});
