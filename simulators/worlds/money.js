// @ts-check
/**
 * Exact money arithmetic for the simulators and the audit (no floats): amounts are decimal strings, computed as
 * BigInt micro-units (6 places). Enough for prices, VAT and totals; rounding is half away from zero, as invoices do.
 */
'use strict';

const SCALE = 6;
const UNIT = BigInt(10) ** BigInt(SCALE);

/** Decimal text or number -> micro-units. @param {string | number} v */
function micro(v) {
	const t = typeof v === 'number' ? v.toFixed(SCALE) : String(v).trim();
	const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(t);
	if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`not a decimal: "${v}"`);
	const frac = (m[3] ?? '').padEnd(SCALE, '0');
	if (frac.length > SCALE && /[1-9]/.test(frac.slice(SCALE))) throw new Error(`more than ${SCALE} decimals: "${v}"`);
	const n = BigInt((m[2] || '0') + frac.slice(0, SCALE));
	return m[1] === '-' ? -n : n;
}

/** Micro-units -> decimal text with `places` decimals (rounded half away from zero). @param {bigint} n @param {number} [places] */
function text(n, places = 2) {
	const r = roundMicro(n, places);
	const neg = r < BigInt(0);
	const abs = neg ? -r : r;
	const int = abs / UNIT;
	const frac = (abs % UNIT).toString().padStart(SCALE, '0').slice(0, places);
	return `${neg ? '-' : ''}${int}${places ? '.' + frac : ''}`;
}

/** Rounds micro-units to `places` decimals (half away from zero), still in micro-units. @param {bigint} n @param {number} places */
function roundMicro(n, places) {
	const step = BigInt(10) ** BigInt(SCALE - places);
	const half = step / BigInt(2);
	const neg = n < BigInt(0);
	const abs = neg ? -n : n;
	const r = ((abs + half) / step) * step;
	return neg ? -r : r;
}

/** a + b + ... as text (2 decimals unless told). @param {Array<string | number>} xs @param {number} [places] */
function sum(xs, places = 2) {
	return text(xs.reduce((/** @type {bigint} */ s, x) => s + micro(x), BigInt(0)), places);
}

/** a - b. @param {string | number} a @param {string | number} b @param {number} [places] */
function sub(a, b, places = 2) {
	return text(micro(a) - micro(b), places);
}

/** a * b rounded to `places`. @param {string | number} a @param {string | number} b @param {number} [places] */
function mul(a, b, places = 2) {
	return text((micro(a) * micro(b)) / UNIT, places);
}

/** The VAT contained in a VAT-inclusive amount: gross * rate / (100 + rate), rounded. @param {string} gross @param {string | number} ratePercent */
function taxIncluded(gross, ratePercent) {
	const g = micro(gross);
	const r = micro(ratePercent);
	if (r === BigInt(0)) return text(BigInt(0));
	return text((g * r) / (r + BigInt(100) * UNIT));
}

/** VAT on a net amount: net * rate / 100, rounded. @param {string} net @param {string | number} ratePercent */
function taxOn(net, ratePercent) {
	return text((micro(net) * micro(ratePercent)) / (BigInt(100) * UNIT));
}

/** a === b as money (same value whatever the number of decimals). @param {string | number} a @param {string | number} b */
function eq(a, b) {
	return micro(a) === micro(b);
}

/** -1, 0, 1. @param {string | number} a @param {string | number} b */
function cmp(a, b) {
	const x = micro(a);
	const y = micro(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

module.exports = { micro, text, sum, sub, mul, taxIncluded, taxOn, eq, cmp };
