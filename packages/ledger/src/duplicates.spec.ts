import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { DealFacts } from './deals.ts';
import {
	findProbableDuplicates,
	isSimilarProjectName,
	normaliseInvestor,
	projectNameSimilarity
} from './duplicates.ts';
import { foldLedger } from './fold.ts';
import { historyOf, sampleFacts, type HistoryStep } from './testing.ts';

const sign = (dealId: string, facts: Partial<DealFacts>): HistoryStep => ({
	dealId,
	event: { type: 'signed', facts: sampleFacts(facts) }
});

describe('normaliseInvestor', () => {
	test('drops the company form, so 有限公司 and 股份有限公司 name the same investor', () => {
		expect(normaliseInvestor('郑州某某传感科技有限公司')).toBe('郑州某某传感科技');
		expect(normaliseInvestor('郑州某某传感科技股份有限公司 ')).toBe('郑州某某传感科技');
		expect(normaliseInvestor('河南某某超硬材料集团有限公司')).toBe('河南某某超硬材料');
		expect(normaliseInvestor('某某有限责任公司')).toBe('某某');
	});

	test('folds full-width letters, case, spaces and punctuation', () => {
		expect(normaliseInvestor('ＡＣＭＥ　Sensors Co., Ltd.')).toBe('acmesensors');
		expect(normaliseInvestor('Acme Sensors Corporation')).toBe('acmesensors');
		expect(normaliseInvestor('acme-sensors, inc.')).toBe('acmesensors');
		expect(normaliseInvestor('Acme Sensors Limited')).toBe('acmesensors');
	});

	test('strips English company forms only as whole words', () => {
		expect(normaliseInvestor('Costco')).toBe('costco');
		expect(normaliseInvestor('Arcorp Inc')).toBe('arcorp');
	});

	test('keeps a name that is nothing but a company form', () => {
		expect(normaliseInvestor('集团')).toBe('集团');
		expect(normaliseInvestor('  ')).toBe('');
	});
});

describe('project name similarity', () => {
	test('is 1 for the same name however it is typed, and 0 for nothing in common', () => {
		expect(projectNameSimilarity('智能传感器产业园项目', ' 智能传感器产业园 ')).toBe(1);
		expect(projectNameSimilarity('ＭＥＭＳ芯片', 'mems芯片')).toBe(1);
		expect(projectNameSimilarity('智能传感器产业园', '金刚石线锯制造')).toBe(0);
	});

	test('is symmetric and between 0 and 1', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				const similarity = projectNameSimilarity(a, b);
				expect(similarity).toBe(projectNameSimilarity(b, a));
				expect(similarity >= 0 && similarity <= 1).toBe(true);
			})
		);
	});

	test('treats a small edit or one name inside the other as similar', () => {
		expect(isSimilarProjectName('MEMS传感器芯片生产线', 'MEMS传感器芯片生产线项目')).toBe(true);
		expect(isSimilarProjectName('年产10万套MEMS传感器芯片生产线', 'MEMS传感器芯片生产线')).toBe(
			true
		);
		expect(isSimilarProjectName('智能传感器产业园', '智能传感器产业基地')).toBe(true);
		expect(isSimilarProjectName('智能传感器产业园', '培育钻石单晶生长基地')).toBe(false);
		expect(isSimilarProjectName('园', '智能传感器产业园')).toBe(false);
	});
});

describe('findProbableDuplicates', () => {
	const state = foldLedger(
		historyOf([
			sign('later', {
				investor: '郑州某某传感科技股份有限公司 ',
				projectName: 'MEMS传感器芯片项目',
				signedOn: '2024-09-05'
			}),
			sign('first', {
				investor: '郑州某某传感科技有限公司',
				projectName: 'MEMS传感器芯片生产线',
				signedOn: '2024-05-18'
			}),
			sign('other-investor', {
				investor: '郑州另一家传感科技有限公司',
				projectName: 'MEMS传感器芯片生产线'
			}),
			sign('other-project', {
				investor: '郑州某某传感科技有限公司',
				projectName: '培育钻石单晶生长基地'
			}),
			sign('voided', { investor: '郑州某某传感科技有限公司', projectName: 'MEMS传感器芯片生产线' }),
			{ dealId: 'voided', event: { type: 'voided', reason: '重复录入' } }
		])
	);
	const candidate = {
		investor: '郑州某某传感科技股份有限公司',
		projectName: 'MEMS传感器芯片生产线项目'
	};

	test('finds deals by the same investor with a similar project, the first signing first', () => {
		expect(findProbableDuplicates(state, candidate).map((deal) => deal.id)).toEqual([
			'first',
			'later'
		]);
	});

	test('leaves out the deal being edited', () => {
		expect(findProbableDuplicates(state, candidate, 'first').map((deal) => deal.id)).toEqual([
			'later'
		]);
	});

	test('finds nothing for a new investor or a blank one', () => {
		expect(findProbableDuplicates(state, { ...candidate, investor: '新乡某某有限公司' })).toEqual(
			[]
		);
		expect(findProbableDuplicates(state, { ...candidate, investor: ' ' })).toEqual([]);
	});
});
