// @ts-check
/** Helpers shared by the transaction handlers. */
'use strict';

/** Number from an M3 string value ('' -> 0). @param {unknown} v */
function num(v) {
	const n = Number(String(v === undefined || v === null ? '' : v).trim() || '0');
	return Number.isFinite(n) ? n : NaN;
}

/** Quantity/amount as an M3 output string (no exponent, trailing zeros dropped). @param {number} n */
function str(n) {
	if (!Number.isFinite(n)) return '';
	return String(Math.round(n * 1e6) / 1e6);
}

/** Two-digit status: '3' -> '03'. @param {number|string} s */
const st2 = (s) => String(s).padStart(2, '0');

/**
 * Minimal M3 search-engine (LES) query: `FIELD:value` terms joined by AND/space; `value~` or `*` wildcards
 * match case-insensitively as "contains"/glob; a bare word matches any field. Quotes allowed: CUNM:"a b".
 * @param {string} sqry
 * @returns {(rec: Record<string, unknown>) => boolean}
 */
function searchMatcher(sqry) {
	const terms = [];
	const re = /(?:([A-Za-z0-9]{4}):)?(?:"([^"]*)"|(\S+))/g;
	let m;
	while ((m = re.exec(sqry))) {
		const word = m[2] !== undefined ? m[2] : m[3];
		if (!m[1] && /^(AND|OR)$/i.test(word)) continue;
		terms.push({ field: m[1] ? m[1].toUpperCase() : null, value: word });
	}
	const tests = terms.map(({ field, value }) => {
		const fuzzy = value.endsWith('~');
		const v = value.replace(/~$/, '').toLowerCase();
		const glob = new RegExp(`^${v.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
		/** @param {unknown} x */
		const hit = (x) => {
			const s = String(x === undefined || x === null ? '' : x).toLowerCase();
			return fuzzy ? s.includes(v) : glob.test(s);
		};
		return /** @param {Record<string, unknown>} rec */ (rec) =>
			field ? hit(rec[field]) : Object.values(rec).some((x) => typeof x === 'string' && (hit(x) || x.toLowerCase().includes(v)));
	});
	return (rec) => tests.every((t) => t(rec));
}

/**
 * The value of an exact `FIELD:value` / `FIELD:"value"` term of a search query (no wildcard), if there is one.
 * @param {string} sqry @param {string} field @returns {string | undefined}
 */
function searchTerm(sqry, field) {
	const re = new RegExp(`(?:^|\\s)${field}:(?:"([^"]*)"|(\\S+))`, 'i');
	const m = re.exec(String(sqry || ''));
	if (!m) return undefined;
	const v = m[1] !== undefined ? m[1] : m[2];
	return /[*~]/.test(v) ? undefined : v;
}

/** Comparator by a string key (M3 lists come in key order). @template T @param {(x: T) => string} key */
function byKey(key) {
	return (/** @type {T} */ a, /** @type {T} */ b) => {
		const x = key(a);
		const y = key(b);
		return x < y ? -1 : x > y ? 1 : 0;
	};
}

module.exports = { num, str, st2, searchMatcher, searchTerm, byKey };
