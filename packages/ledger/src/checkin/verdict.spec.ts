import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	boundedDeviceTime,
	classifyScannedText,
	DEVICE_CLOCK_SKEW_MS,
	deviceClockBounds,
	entryKey,
	gateRefusal,
	OFFLINE_WINDOW_MS,
	scanRequestLine
} from './verdict.ts';

const NOW = Date.parse('2024-11-03T09:20:00+08:00');
const MINUTE = 60_000;

describe('device clock bounds', () => {
	test('an offline scan is believed from its snapshot to the upload, each widened by the skew', () => {
		const snapshotAt = NOW - 30 * MINUTE;
		const bounds = deviceClockBounds(NOW, snapshotAt);
		expect(bounds).toEqual({
			earliest: snapshotAt - DEVICE_CLOCK_SKEW_MS,
			latest: NOW + DEVICE_CLOCK_SKEW_MS
		});
		expect(boundedDeviceTime(NOW - 5 * MINUTE, bounds)).toEqual({
			at: NOW - 5 * MINUTE,
			outOfBounds: false
		});
		expect(boundedDeviceTime(NOW - 3 * 60 * MINUTE, bounds)).toEqual({
			at: bounds.earliest,
			outOfBounds: true
		});
		expect(boundedDeviceTime(NOW + 24 * 60 * MINUTE, bounds)).toEqual({
			at: bounds.latest,
			outOfBounds: true
		});
	});

	test('without a snapshot time, or with one older than the window or in the future, the window holds', () => {
		const windowStart = NOW - OFFLINE_WINDOW_MS - DEVICE_CLOCK_SKEW_MS;
		expect(deviceClockBounds(NOW, null).earliest).toBe(windowStart);
		expect(deviceClockBounds(NOW, 0).earliest).toBe(windowStart);
		expect(deviceClockBounds(NOW, NOW + 60 * MINUTE).earliest).toBe(NOW - DEVICE_CLOCK_SKEW_MS);
	});

	test('the time a scan is judged at always lies within the bounds', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 4e12 }),
				fc.option(fc.integer({ min: 0, max: 4e12 }), { nil: null }),
				fc.integer({ min: 0, max: 4e12 }),
				(now, snapshotAt, scannedAt) => {
					const bounds = deviceClockBounds(now, snapshotAt);
					const { at, outOfBounds } = boundedDeviceTime(scannedAt, bounds);
					expect(at).toBeGreaterThanOrEqual(bounds.earliest);
					expect(at).toBeLessThanOrEqual(bounds.latest);
					expect(outOfBounds).toBe(at !== scannedAt);
				}
			)
		);
	});
});

describe('the verdict ladder', () => {
	const gate = { conferenceId: 'wsc-2024', allowedCategories: ['vip'] };
	const vip = { conferenceId: 'wsc-2024', category: 'vip' as const, status: 'confirmed' as const };

	test('refuses in order: conference, void ticket, pending, category', () => {
		expect(
			gateRefusal(gate, { ...vip, conferenceId: 'diamond-2024', status: 'cancelled' })
		).toEqual({ reason: 'wrong_conference', detail: null });
		expect(gateRefusal(gate, { ...vip, status: 'rejected' })).toEqual({
			reason: 'cancelled',
			detail: 'rejected'
		});
		expect(gateRefusal(gate, { ...vip, revoked: true })).toEqual({
			reason: 'cancelled',
			detail: null
		});
		expect(gateRefusal(gate, { ...vip, category: 'visitor', status: 'pending' })).toEqual({
			reason: 'not_allowed_here',
			detail: 'pending'
		});
		// Waiting for the security office's verdict is waiting too: no entry before it.
		expect(gateRefusal(gate, { ...vip, status: 'pending_vetting' })).toEqual({
			reason: 'not_allowed_here',
			detail: 'pending'
		});
		expect(gateRefusal(gate, { ...vip, category: 'visitor' })).toEqual({
			reason: 'not_allowed_here',
			detail: null
		});
		expect(gateRefusal(gate, vip)).toBeNull();
	});

	test('a set-up pass enters on the set-up days only, after every other rung; a staff badge any day', () => {
		const exhibitorGate = { conferenceId: 'wsc-2024', allowedCategories: ['exhibitor'] };
		const setup = { ...vip, category: 'exhibitor' as const, pass: 'setup' as const };
		const setupDays = { startsOn: '2024-11-01', endsOn: '2024-11-02' };
		const on = (day: string) => ({ day, setupDays });
		expect(gateRefusal(exhibitorGate, setup, on('2024-11-01'))).toBeNull();
		expect(gateRefusal(exhibitorGate, setup, on('2024-11-02'))).toBeNull();
		expect(gateRefusal(exhibitorGate, setup, on('2024-10-31'))).toEqual({
			reason: 'outside_setup_days',
			detail: null
		});
		expect(gateRefusal(exhibitorGate, setup, on('2024-11-03'))).toEqual({
			reason: 'outside_setup_days',
			detail: null
		});
		// An edition without set-up days, or a caller that cannot tell the day: never.
		expect(gateRefusal(exhibitorGate, setup, { day: '2024-11-01', setupDays: null })).toEqual({
			reason: 'outside_setup_days',
			detail: null
		});
		expect(gateRefusal(exhibitorGate, setup)?.reason).toBe('outside_setup_days');
		// The earlier rungs speak first.
		expect(gateRefusal(gate, setup, on('2024-11-03'))?.reason).toBe('not_allowed_here');
		expect(
			gateRefusal(exhibitorGate, { ...setup, status: 'cancelled' }, on('2024-11-03'))?.reason
		).toBe('cancelled');
		expect(gateRefusal(exhibitorGate, { ...setup, pass: 'staff' }, on('2024-11-03'))).toBeNull();
	});

	test('a once-per-day slot is the Beijing date; a once-per-conference slot is the same forever', () => {
		const lateEvening = new Date('2024-11-03T23:59:00+08:00');
		expect(entryKey({ id: 1, entryRule: 'once_per_day' }, 7, lateEvening)).toBe('1:7:2024-11-03');
		expect(
			entryKey(
				{ id: 1, entryRule: 'once_per_day' },
				7,
				new Date(lateEvening.getTime() + 2 * MINUTE)
			)
		).toBe('1:7:2024-11-04');
		expect(entryKey({ id: 2, entryRule: 'once_per_conference' }, 7, lateEvening)).toBe('2:7:all');
	});

	test('a request line tells apart every change of what a scan asks, but not case or spaces', () => {
		const line = { checkpointId: 1, code: 'HZ1ABC', scannedAt: NOW };
		expect(scanRequestLine({ ...line, code: ' hz1abc ' })).toBe(scanRequestLine(line));
		for (const changed of [
			{ code: 'HZ1ABD' },
			{ checkpointId: 2 },
			{ scannedAt: NOW + 1 },
			{ code: undefined, registrationId: 1 }
		]) {
			expect(scanRequestLine({ ...line, ...changed })).not.toBe(scanRequestLine(line));
		}
	});
});

describe('a typed or scanned reference', () => {
	test('is read with a prefix that carries the edition’s year, with or without its dash', () => {
		expect(classifyScannedText('WSC27-7K3Q9M')).toEqual({
			kind: 'reference',
			reference: 'WSC27-7K3Q9M'
		});
		expect(classifyScannedText(' wsc277k3q9m ')).toEqual({
			kind: 'reference',
			reference: 'WSC27-7K3Q9M'
		});
		expect(classifyScannedText('WSC-7K3Q9M')).toEqual({
			kind: 'reference',
			reference: 'WSC-7K3Q9M'
		});
	});

	test('is not read when the prefix starts with a digit or is longer than eight', () => {
		expect(classifyScannedText('27WSC-7K3Q9M')).toEqual({ kind: 'invalid' });
		expect(classifyScannedText('ABCDEFGHI-7K3Q9M')).toEqual({ kind: 'invalid' });
	});
});
