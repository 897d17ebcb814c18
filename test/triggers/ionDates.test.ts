import { checkTimeZone, parseBodDate } from '../../nodes/InforIonTrigger/dates';
import { parseInHostZone } from './ionDatesTz';

describe('parseBodDate: BOD date values -> ISO 8601 UTC', () => {
	it.each([
		['2026-11-29T09:33:09.770Z', '2026-11-29T09:33:09.770Z'],
		['2026-11-29T09:33:09Z', '2026-11-29T09:33:09.000Z'],
		['2026-11-29T10:33:09+01:00', '2026-11-29T09:33:09.000Z'],
		['2026-11-29T04:33:09-0500', '2026-11-29T09:33:09.000Z'],
		['2026-11-29T09:33:09.123456789Z', '2026-11-29T09:33:09.123Z'],
		['Mon Nov 17 06:15:44 UTC 2025', '2025-11-17T06:15:44.000Z'],
		['Mon Nov 17 06:15:44 GMT+01:00 2025', '2025-11-17T05:15:44.000Z'],
	])('%s carries its zone: %s whatever the configured zone', (raw, iso) => {
		expect(parseBodDate(raw, 'UTC')).toBe(iso);
		expect(parseBodDate(raw, 'America/New_York')).toBe(iso);
	});

	it('values without a zone are read in the configured zone (default UTC)', () => {
		expect(parseBodDate('2026-11-29T10:00:00')).toBe('2026-11-29T10:00:00.000Z');
		expect(parseBodDate('2026-11-29')).toBe('2026-11-29T00:00:00.000Z');
		expect(parseBodDate('20261129')).toBe('2026-11-29T00:00:00.000Z');
		// Stockholm: +01:00 in winter, +02:00 in summer.
		expect(parseBodDate('2026-11-29T10:00:00', 'Europe/Stockholm')).toBe('2026-11-29T09:00:00.000Z');
		expect(parseBodDate('2026-07-01T10:00:00', 'Europe/Stockholm')).toBe('2026-07-01T08:00:00.000Z');
		expect(parseBodDate('2026-11-29', 'Europe/Stockholm')).toBe('2026-11-28T23:00:00.000Z');
		expect(parseBodDate('2026-11-29 10:00', 'America/Los_Angeles')).toBe('2026-11-29T18:00:00.000Z');
		expect(parseBodDate('2026-11-29T10:00:00', '+05:30')).toBe('2026-11-29T04:30:00.000Z');
		expect(parseBodDate('2026-11-29T10:00:00', '-0300')).toBe('2026-11-29T13:00:00.000Z');
		// US locale strings from the CSD connector (ion-bods.md §1).
		expect(parseBodDate('3/3/2021, 6:08 AM')).toBe('2021-03-03T06:08:00.000Z');
		expect(parseBodDate('3/3/2021, 6:08 PM', 'Europe/Stockholm')).toBe('2021-03-03T17:08:00.000Z');
		expect(parseBodDate('12/31/2025 12:00:05 AM')).toBe('2025-12-31T00:00:05.000Z');
		expect(parseBodDate('12/31/2025')).toBe('2025-12-31T00:00:00.000Z');
	});

	it('around daylight-saving changes (Europe/Stockholm, 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00)', () => {
		expect(parseBodDate('2026-03-29T01:59:00', 'Europe/Stockholm')).toBe('2026-03-29T00:59:00.000Z');
		expect(parseBodDate('2026-03-29T03:00:00', 'Europe/Stockholm')).toBe('2026-03-29T01:00:00.000Z');
		// 02:30 does not exist that night: moved forward by the change.
		expect(parseBodDate('2026-03-29T02:30:00', 'Europe/Stockholm')).toBe('2026-03-29T01:30:00.000Z');
		expect(parseBodDate('2026-10-25T01:30:00', 'Europe/Stockholm')).toBe('2026-10-24T23:30:00.000Z');
		expect(parseBodDate('2026-10-25T04:00:00', 'Europe/Stockholm')).toBe('2026-10-25T03:00:00.000Z');
	});

	it.each(['', 'tomorrow', '2026-02-30', '2026-13-01', '2026-11-29T24:00:00', '2026-11-29T10:61', '13/1/2026', '3/3/2021, 13:00 PM', 'Mon Nov 17 06:15:44 CET 2025', '2026-11-29T10:00:00+19:00'])(
		'%j cannot be read: null (never the host reading of Date.parse)',
		(raw) => {
			expect(parseBodDate(raw)).toBeNull();
		},
	);

	it('null and undefined stay null', () => {
		expect(parseBodDate(null)).toBeNull();
		expect(parseBodDate(undefined)).toBeNull();
	});

	it('the same values give the same instants on servers in different time zones', () => {
		const values = ['2026-11-29T10:00:00', '2026-11-29', '3/3/2021, 6:08 AM', '2026-11-29T09:33:09.770Z', 'Mon Nov 17 06:15:44 UTC 2025'];
		const utcHost = parseInHostZone('UTC', values, 'UTC');
		expect(utcHost).toEqual(values.map((v) => parseBodDate(v, 'UTC')));
		expect(parseInHostZone('Asia/Kolkata', values, 'UTC')).toEqual(utcHost);
		expect(parseInHostZone('America/Los_Angeles', values, 'UTC')).toEqual(utcHost);
		expect(parseInHostZone('Pacific/Chatham', values, 'Europe/Stockholm')).toEqual(values.map((v) => parseBodDate(v, 'Europe/Stockholm')));
	});

	it('checkTimeZone accepts IANA names, fixed offsets and UTC; names a bad one', () => {
		for (const ok of ['UTC', 'utc', 'Z', '', 'Europe/Stockholm', '+01:00', '-0530']) expect(() => checkTimeZone(ok)).not.toThrow();
		expect(() => checkTimeZone('Mars/Olympus')).toThrow(/Unknown time zone "Mars\/Olympus"/);
	});
});
