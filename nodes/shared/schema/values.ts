/**
 * Instance values as the validator (jsonSchema.ts) sees them: JSON types, JSON Schema equality, lengths in code points
 * and UTF-8 bytes, patterns (compiled once, cached), short renderings for messages.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function typeOf(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
	return typeof v;
}

/** Deep equality as JSON Schema defines it (1 and 1.0 are equal; key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== typeof b || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
		return true;
	}
	if (isObj(a)) {
		if (!isObj(b)) return false;
		const ka = Object.keys(a);
		if (ka.length !== Object.keys(b).length) return false;
		for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !jsonEqual(a[k], b[k])) return false;
		return true;
	}
	return false;
}

/** UTF-8 length of a string in bytes (without allocating). */
export function utf8ByteLength(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			const d = s.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				n += 4;
				i++;
			} else n += 3;
		} else n += 3;
	}
	return n;
}

export function codePoints(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			const d = s.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) i++;
		}
		n++;
	}
	return n;
}
export function short(v: unknown): string {
	const s = JSON.stringify(v);
	if (s === undefined) return String(v);
	return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export const REGEX_CACHE = new Map<string, RegExp | null>();
export function regex(pattern: string): RegExp | null {
	let r = REGEX_CACHE.get(pattern);
	if (r === undefined) {
		try {
			r = new RegExp(pattern, 'u');
		} catch {
			try {
				r = new RegExp(pattern);
			} catch {
				r = null;
			}
		}
		if (REGEX_CACHE.size > 2000) REGEX_CACHE.clear();
		REGEX_CACHE.set(pattern, r);
	}
	return r;
}

export function article(t: string): string {
	return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}
