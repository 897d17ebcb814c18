/**
 * BOD date/time values -> ISO 8601 UTC, the same on every server.
 *
 * Infor sends ISO 8601 with or without milliseconds and with or without a zone, date-only values, Java's
 * `Mon Nov 17 06:15:44 UTC 2025` and locale strings such as `3/3/2021, 6:08 AM` (ion-bods.md §1, §8.4).
 * A value without a zone is read in the configured time zone (IANA name such as `Europe/Stockholm`, a fixed
 * offset `+01:00`, or `UTC`, the default), never in the host's. Anything else gives null (the raw value is kept
 * next to it by the callers); there is no fallback to Date.parse, whose reading of such strings depends on
 * the host.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ISO_RE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const COMPACT_DATE_RE = /^(\d{4})(\d{2})(\d{2})$/;
// Java Date.toString(): `Mon Nov 17 06:15:44 UTC 2025` (only unambiguous zones: UTC, GMT, UT, GMT+01:00).
const JAVA_RE = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (UTC|GMT|UT)([+-]\d{2}:?\d{2})? (\d{4})$/;
// US locale strings: `3/3/2021`, `3/3/2021, 6:08 AM`, `12/31/2025 18:30:05`.
const US_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const OFFSET_RE = /^([+-])(\d{2}):?(\d{2})?$/;

interface Fields {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	ms: number;
	/** Minutes east of UTC when the value carries a zone, else null. */
	offset: number | null;
}

function daysIn(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(f: Fields): boolean {
	return (
		f.month >= 1 &&
		f.month <= 12 &&
		f.day >= 1 &&
		f.day <= daysIn(f.year, f.month) &&
		f.hour <= 23 &&
		f.minute <= 59 &&
		f.second <= 59 &&
		(f.offset === null || Math.abs(f.offset) <= 18 * 60)
	);
}

function offsetMinutes(text: string): number | null {
	if (/^z$/i.test(text)) return 0;
	const m = OFFSET_RE.exec(text);
	if (!m) return null;
	const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
	return m[1] === '-' ? -minutes : minutes;
}

function read(s: string): Fields | null {
	let m = ISO_RE.exec(s);
	if (m) {
		return {
			year: Number(m[1]),
			month: Number(m[2]),
			day: Number(m[3]),
			hour: Number(m[4] ?? 0),
			minute: Number(m[5] ?? 0),
			second: Number(m[6] ?? 0),
			ms: m[7] ? Number((m[7] + '00').slice(0, 3)) : 0,
			offset: m[8] ? offsetMinutes(m[8]) : null,
		};
	}
	m = COMPACT_DATE_RE.exec(s);
	if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 0, minute: 0, second: 0, ms: 0, offset: null };
	m = JAVA_RE.exec(s);
	if (m) {
		const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
		return {
			year: Number(m[8]),
			month,
			day: Number(m[2]),
			hour: Number(m[3]),
			minute: Number(m[4]),
			second: Number(m[5]),
			ms: 0,
			offset: m[7] ? offsetMinutes(m[7]) : 0,
		};
	}
	m = US_RE.exec(s);
	if (m) {
		let hour = Number(m[4] ?? 0);
		if (m[7]) {
			if (hour < 1 || hour > 12) return null;
			const pm = m[7].toLowerCase() === 'pm';
			hour = (hour % 12) + (pm ? 12 : 0);
		}
		return {
			year: Number(m[3]),
			month: Number(m[1]),
			day: Number(m[2]),
			hour,
			minute: Number(m[5] ?? 0),
			second: Number(m[6] ?? 0),
			ms: 0,
			offset: null,
		};
	}
	return null;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
	let f = formats.get(timeZone);
	if (f === undefined) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		if (formats.size > 50) formats.clear();
		formats.set(timeZone, f);
	}
	return f;
}

/** Offset (ms) of `timeZone` from UTC at the instant `utcMs`. */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
	const parts: Record<string, number> = {};
	for (const p of formatFor(timeZone).formatToParts(new Date(utcMs))) {
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	}
	const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Throws a readable Error when `timeZone` is neither `UTC`, a fixed offset (`+01:00`) nor an IANA zone name. */
export function checkTimeZone(timeZone: string): void {
	const tz = timeZone.trim();
	if (tz === '' || /^(utc|z)$/i.test(tz) || OFFSET_RE.test(tz)) return;
	let known = true;
	try {
		formatFor(tz);
	} catch {
		known = false;
	}
	if (!known) {
		throw new Error(`Unknown time zone "${timeZone}" (use an IANA name such as Europe/Stockholm, a fixed offset such as +01:00, or UTC)`);
	}
}

/**
 * ISO 8601 UTC (`2026-11-29T09:15:00.000Z`) of a BOD date/time value, or null when it cannot be read.
 * Values without a zone are wall-clock time in `timeZone` (default UTC); date-only values are midnight there.
 */
export function parseBodDate(raw: string | null | undefined, timeZone = 'UTC'): string | null {
	if (raw === null || raw === undefined) return null;
	const f = read(raw.trim());
	if (f === null || !valid(f)) return null;
	const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms);
	let utc: number;
	const tz = timeZone.trim();
	if (f.offset !== null) utc = wall - f.offset * 60000;
	else if (tz === '' || /^(utc|z)$/i.test(tz)) utc = wall;
	else if (OFFSET_RE.test(tz)) utc = wall - (offsetMinutes(tz) ?? 0) * 60000;
	else {
		// The zone's offset at the wall time read as UTC, corrected once (right on both sides of a DST change
		// except inside the skipped hour, which moves forward by the change).
		const first = zoneOffsetMs(tz, wall);
		utc = wall - first;
		const second = zoneOffsetMs(tz, utc);
		if (second !== first) utc = wall - second;
	}
	const d = new Date(utc);
	return Number.isFinite(d.getTime()) ? d.toISOString() : null;
}
