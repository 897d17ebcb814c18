/**
 * M3 value conventions (m3-mi-ion.md §1.7): every MI value is a string, input dates are yyyyMMdd,
 * decimals use '.', v1 output is right-padded with blanks.
 */

import { M3Error } from './errors';

export type M3Record = Record<string, string>;

/** Input fields of type D (date) in the catalogue's programs: ISO dates given for them are sent as yyyyMMdd. */
export const DATE_FIELDS = new Set(
	(
		'1DDT 2DDT ARDT AWDT BVD1 BVD2 CDLD CODT CODZ CUDT DAT1 DAT2 DAT3 DAT4 DAT5 DAT6 DAT7 DAT8 DAT9 DFDT DSDT DWDT ' +
		'DWDZ FDED FLMD FVDT GIDT IDDT INDT LDED LMDT LVDT ODDT ORDT PLDT RGDT RLDT RLDZ STDT TLMD TRDT VFDT'
	).split(' '),
);

/** Today (UTC) or a given Date as yyyyMMdd. */
export function formatM3Date(d: Date): string {
	const y = d.getUTCFullYear();
	const m = d.getUTCMonth() + 1;
	const day = d.getUTCDate();
	return `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/**
 * Converts a date-ish value to M3's yyyyMMdd. Accepts yyyyMMdd, ISO 8601 (the calendar date written in the string is
 * kept - no time-zone shift), a Date, or epoch milliseconds. Returns '' for empty input; throws on anything else.
 */
export function toM3Date(value: unknown): string {
	if (value === undefined || value === null || value === '') return '';
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new Error('Invalid date');
		return formatM3Date(value);
	}
	if (typeof value === 'number') return formatM3Date(new Date(value));
	const s = String(value).trim();
	if (/^\d{8}$/.test(s)) return s;
	const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
	if (iso) return `${iso[1]}${iso[2]}${iso[3]}`;
	const parsed = new Date(s);
	if (!Number.isNaN(parsed.getTime())) return formatM3Date(parsed);
	throw new Error(`"${s}" is not a date (expected yyyyMMdd or ISO 8601)`);
}

/** Number or numeric string -> M3 decimal string with '.', no exponent, no thousands separators. */
export function toM3Decimal(value: unknown): string {
	if (value === undefined || value === null || value === '') return '';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
		if (Number.isInteger(value)) return String(value);
		// toFixed avoids exponent notation for small numbers; trim trailing zeros
		const s = value.toFixed(10);
		return s.replace(/\.?0+$/, '');
	}
	const s = String(value).trim();
	if (/^-?\d+,\d+$/.test(s)) return s.replace(',', '.');
	return s;
}

/** Any JSON value -> the string M3 takes. Booleans become 1/0, Dates yyyyMMdd, numbers decimal strings. */
export function toM3Value(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (typeof value === 'number') return toM3Decimal(value);
	if (value instanceof Date) return formatM3Date(value);
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/**
 * Parses an M3 numeric output ("  12.500", "-3", "3-", "") into a number; '' -> null.
 * M3 always writes '.' as decimal separator in MI output.
 */
export function parseM3Number(value: unknown): number | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number') return value;
	let s = String(value).trim();
	if (s === '') return null;
	let negative = false;
	if (s.endsWith('-')) {
		negative = true;
		s = s.slice(0, -1).trim();
	}
	const n = Number(s);
	if (Number.isNaN(n)) return null;
	return negative ? -n : n;
}

/** Copies `record` with the given fields converted to numbers (missing/empty fields -> 0 unless keepNull). */
export function withNumbers(
	record: M3Record,
	fields: readonly string[],
	keepNull = false,
): Record<string, string | number | null> {
	const out: Record<string, string | number | null> = { ...record };
	for (const f of fields) {
		if (!(f in record)) continue;
		const n = parseM3Number(record[f]);
		out[f] = n === null && !keepNull ? 0 : n;
	}
	return out;
}

/** Trims the right-padding of v1 values (v2 trims already with righttrim=true). */
export function trimValue(v: unknown): string {
	if (v === undefined || v === null) return '';
	return String(v).replace(/\s+$/, '');
}

/** Inputs whose value is a positional record (fields at fixed positions): never trimmed on the left. */
const POSITIONAL_FIELDS = new Set(['PARM']);

/**
 * Converts a plain object of inputs into M3 string inputs, dropping empty values. Date fields (DATE_FIELDS) given as
 * ISO 8601 or Date become yyyyMMdd; an unreadable date is an input error naming the field.
 */
export function toM3Inputs(inputs: Record<string, unknown> | undefined): M3Record {
	const out: M3Record = {};
	if (!inputs) return out;
	for (const [k, v] of Object.entries(inputs)) {
		let s: string;
		if (DATE_FIELDS.has(k) && v !== null && v !== undefined && v !== '' && !/^\d{8}$/.test(String(v).trim())) {
			let converted: string | undefined;
			try {
				converted = toM3Date(v);
			} catch {
				converted = undefined;
			}
			if (converted === undefined) {
				throw new M3Error(`${k} "${String(v)}" is not a date (expected yyyyMMdd or ISO 8601)`, { kind: 'input', field: k });
			}
			s = converted;
		} else if (POSITIONAL_FIELDS.has(k) && typeof v === 'string') {
			// a position-based value (GLS840MI PARM): leading blanks are empty fields, only the right padding goes
			s = v.replace(/\s+$/, '');
		} else {
			s = toM3Value(v);
		}
		if (s !== '') out[k] = s;
	}
	return out;
}
