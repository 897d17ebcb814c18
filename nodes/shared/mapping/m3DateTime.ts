/**
 * M3 local dates and times (yyyyMMdd + HHmm) -> ISO 8601: at a fixed UTC offset, or in a time zone (IANA name or
 * offset) with its offset at that moment. Used for the ship date of a delivery (shipment.ts).
 */

/** M3 date (yyyyMMdd) + time (HHmm / HHmmss) at a UTC offset -> ISO 8601 UTC. */
export function m3DateTimeToIso(date: string, time: string | undefined, offset = '+00:00'): string | undefined {
	const d = date.replace(/-/g, '');
	if (!/^\d{8}$/.test(d)) return undefined;
	const t = (time ?? '0').replace(/\D/g, '').padStart(4, '0');
	const hh = Number(t.slice(0, 2));
	const mi = Number(t.slice(2, 4));
	const om = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
	if (!om || hh > 23 || mi > 59) return undefined;
	const sign = om[1] === '-' ? -1 : 1;
	const offMin = sign * (Number(om[2]) * 60 + Number(om[3]));
	const utc = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)), hh, mi) - offMin * 60000;
	if (Number.isNaN(utc)) return undefined;
	return new Date(utc).toISOString().replace('.000Z', 'Z');
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The Intl formatter of an IANA zone, or undefined when the zone is unknown. */
function zoneFormat(zone: string): Intl.DateTimeFormat | undefined {
	let f = zoneFormats.get(zone);
	if (!f) {
		try {
			f = new Intl.DateTimeFormat('en-US', {
				timeZone: zone,
				hourCycle: 'h23',
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
			});
		} catch {
			return undefined;
		}
		zoneFormats.set(zone, f);
	}
	return f;
}

/** Minutes the zone is ahead of UTC at the instant utcMs. */
function zoneOffsetAt(f: Intl.DateTimeFormat, utcMs: number): number {
	const p: Record<string, number> = {};
	for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return Math.round((asUtc - utcMs) / 60000);
}

/** Is this a time zone m3DateTimeInZone understands (IANA name, "UTC" or an offset like +01:00)? */
export function isTimeZone(zone: string): boolean {
	return /^[+-]\d{2}:?\d{2}$/.test(zone) || !!zoneFormat(zone);
}

/**
 * M3 local date (yyyyMMdd) + time (HHmm / HHmmss) in a time zone -> ISO 8601 with that zone's offset at that moment,
 * e.g. 20260315 1000 in Europe/Berlin -> 2026-03-15T10:00:00+01:00 (daylight saving time followed; a wall time
 * skipped by a DST change is read with the offset after it). zone: IANA name, "UTC", or a fixed offset "+01:00".
 */
export function m3DateTimeInZone(date: string, time: string | undefined, zone = 'UTC'): string | undefined {
	const d = date.replace(/-/g, '');
	if (!/^\d{8}$/.test(d)) return undefined;
	const t = (time ?? '0').replace(/\D/g, '').padStart(4, '0');
	const hh = Number(t.slice(0, 2));
	const mi = Number(t.slice(2, 4));
	const y = Number(d.slice(0, 4));
	const mo = Number(d.slice(4, 6));
	const da = Number(d.slice(6, 8));
	if (hh > 23 || mi > 59 || mo < 1 || mo > 12 || da < 1 || da > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
	const wall = Date.UTC(y, mo - 1, da, hh, mi);
	let offMin: number;
	const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
	if (fixed) offMin = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
	else {
		const f = zoneFormat(zone);
		if (!f) return undefined;
		const first = zoneOffsetAt(f, wall);
		offMin = zoneOffsetAt(f, wall - first * 60000);
		if (offMin !== first) offMin = zoneOffsetAt(f, wall - offMin * 60000);
	}
	const sign = offMin < 0 ? '-' : '+';
	const abs = Math.abs(offMin);
	const pad = (n: number): string => String(n).padStart(2, '0');
	return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${pad(hh)}:${pad(mi)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
