/**
 * Small decimal-string arithmetic (no floats). Values are strings such as "-12.340"; internally a BigInt
 * mantissa and a scale. Enough for money and quantities: add, sub, mul, compare, rounding, exact division.
 */
const ZERO = BigInt(0);
const ONE = BigInt(1);
const TWO = BigInt(2);
const TEN = BigInt(10);

const POW10: bigint[] = [ONE];
function pow10(n: number): bigint {
	while (POW10.length <= n) POW10.push(POW10[POW10.length - 1] * TEN);
	return POW10[n];
}

export interface Dec {
	/** mantissa */
	m: bigint;
	/** number of decimal places */
	s: number;
}

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses a decimal string (also accepts finite JS numbers, converted exactly from their shortest repr). */
export function parseDec(input: string | number): Dec | null {
	let text: string;
	if (typeof input === 'number') {
		if (!Number.isFinite(input)) return null;
		text = numberToPlain(input);
	} else if (typeof input === 'string') {
		text = input.trim();
	} else {
		return null;
	}
	const m = DECIMAL_RE.exec(text);
	if (!m) return null;
	const intPart = m[2] ?? '';
	const frac = m[3] ?? '';
	if (intPart === '' && frac === '') return null;
	let mant = BigInt((intPart || '0') + frac);
	if (m[1] === '-') mant = -mant;
	return { m: mant, s: frac.length };
}

/** Plain (non-exponent) decimal text of a JS number, e.g. 1e-7 -> "0.0000001". */
export function numberToPlain(n: number): string {
	const s = String(n);
	if (!/[eE]/.test(s)) return s;
	const match = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(s);
	if (!match) return s;
	const sign = match[1];
	const digits = match[2] + (match[3] ?? '');
	const exp = parseInt(match[4], 10) - (match[3] ?? '').length;
	if (exp >= 0) return sign + digits + '0'.repeat(exp);
	const pos = digits.length + exp;
	if (pos > 0) return sign + digits.slice(0, pos) + '.' + digits.slice(pos);
	return sign + '0.' + '0'.repeat(-pos) + digits;
}

export function isDecimalString(v: unknown): v is string {
	return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v);
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
	if (a.s === b.s) return [a.m, b.m, a.s];
	if (a.s > b.s) return [a.m, b.m * pow10(a.s - b.s), a.s];
	return [a.m * pow10(b.s - a.s), b.m, b.s];
}

export function decAdd(a: Dec, b: Dec): Dec {
	const [x, y, s] = align(a, b);
	return { m: x + y, s };
}
export function decSub(a: Dec, b: Dec): Dec {
	const [x, y, s] = align(a, b);
	return { m: x - y, s };
}
export function decNeg(a: Dec): Dec {
	return { m: -a.m, s: a.s };
}
export function decAbs(a: Dec): Dec {
	return a.m < ZERO ? { m: -a.m, s: a.s } : a;
}
export function decMul(a: Dec, b: Dec): Dec {
	return { m: a.m * b.m, s: a.s + b.s };
}
export function decCmp(a: Dec, b: Dec): number {
	const [x, y] = align(a, b);
	return x < y ? -1 : x > y ? 1 : 0;
}
export function decIsZero(a: Dec): boolean {
	return a.m === ZERO;
}
export function decSign(a: Dec): number {
	return a.m < ZERO ? -1 : a.m > ZERO ? 1 : 0;
}

export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'DOWN' | 'FLOOR' | 'CEILING';

/** Rounds to `scale` decimal places (HALF_UP = away from zero on ties, commercial rounding). */
export function decRound(a: Dec, scale: number, mode: RoundingMode = 'HALF_UP'): Dec {
	if (a.s <= scale) return { m: a.m * pow10(scale - a.s), s: scale };
	const div = pow10(a.s - scale);
	const neg = a.m < ZERO;
	const abs = neg ? -a.m : a.m;
	let q = abs / div;
	const r = abs % div;
	if (r !== ZERO) {
		const twice = r * TWO;
		switch (mode) {
			case 'HALF_UP':
				if (twice >= div) q += ONE;
				break;
			case 'HALF_EVEN':
				if (twice > div || (twice === div && q % TWO === ONE)) q += ONE;
				break;
			case 'DOWN':
				break;
			case 'FLOOR':
				if (neg) q += ONE;
				break;
			case 'CEILING':
				if (!neg) q += ONE;
				break;
		}
	}
	return { m: neg ? -q : q, s: scale };
}

/** Drops trailing zeros of the fraction (keeps at least `minScale` places). */
export function decNormalize(a: Dec, minScale = 0): Dec {
	let { m, s } = a;
	while (s > minScale && m % TEN === ZERO) {
		m = m / TEN;
		s--;
	}
	return { m, s };
}

export function decToString(a: Dec): string {
	const neg = a.m < ZERO;
	let digits = (neg ? -a.m : a.m).toString();
	if (a.s > 0) {
		if (digits.length <= a.s) digits = '0'.repeat(a.s - digits.length + 1) + digits;
		digits = digits.slice(0, digits.length - a.s) + '.' + digits.slice(digits.length - a.s);
	}
	return (neg && a.m !== ZERO ? '-' : '') + digits;
}

/** Exact division a / b up to maxScale places; `exact` false when a remainder was left (then rounded HALF_UP). */
export function decDiv(a: Dec, b: Dec, maxScale: number): { value: Dec; exact: boolean } | null {
	if (b.m === ZERO) return null;
	// a/b = (a.m / 10^a.s) / (b.m / 10^b.s); compute with maxScale+1 digits then round
	const scale = maxScale + 1;
	const num = a.m * pow10(scale + b.s);
	const den = b.m * pow10(a.s);
	const q = num / den;
	const exactAtScale = num % den === ZERO;
	const raw: Dec = { m: q, s: scale };
	const rounded = decRound(raw, maxScale, 'HALF_UP');
	const exact = exactAtScale && decCmp(rounded, raw) === 0;
	return { value: decNormalize(rounded), exact };
}

/** True when the value has no fractional part. */
export function decIsInteger(a: Dec): boolean {
	if (a.s === 0) return true;
	return a.m % pow10(a.s) === ZERO;
}

/** Integer part as a JS number (caller guarantees a safe range). */
export function decToInt(a: Dec): number {
	if (a.s === 0) return Number(a.m);
	return Number(a.m / pow10(a.s));
}

export function decFromInt(n: number): Dec {
	return { m: BigInt(Math.trunc(n)), s: 0 };
}

// ---- string-level convenience -------------------------------------------------------------------

function req(v: string | number): Dec {
	const d = parseDec(v);
	if (!d) throw new Error(`not a decimal: ${String(v)}`);
	return d;
}

/** Sum of decimal strings, result with the largest scale seen. */
export function sumStrings(values: Array<string | number>): string {
	let acc: Dec = { m: ZERO, s: 0 };
	for (const v of values) acc = decAdd(acc, req(v));
	return decToString(acc);
}

export function addStrings(a: string, b: string): string {
	return decToString(decAdd(req(a), req(b)));
}
export function subStrings(a: string, b: string): string {
	return decToString(decSub(req(a), req(b)));
}
export function negString(a: string): string {
	return decToString(decNeg(req(a)));
}
export function cmpStrings(a: string, b: string): number {
	return decCmp(req(a), req(b));
}
/** Fixed number of places (rounds HALF_UP when the input has more). */
export function toFixedString(a: string | number, scale: number, mode: RoundingMode = 'HALF_UP'): string {
	return decToString(decRound(req(a), scale, mode));
}
/** Canonical form: no trailing fraction zeros, no "-0". */
export function normalizeString(a: string | number, minScale = 0): string {
	return decToString(decNormalize(req(a), minScale));
}

// ---- fast text helpers for the hot path (no BigInt when the digits fit a double exactly) ----------

const PLAIN_RE = /^-?\d+(\.\d+)?$/;
const ZERO_RE = /^-?0+(\.0+)?$/;

/** Canonical decimal text of a string or number ("+1.50" -> "1.50", 1e-7 -> "0.0000001"), or null. */
export function decimalText(v: unknown): string | null {
	if (typeof v === 'string') {
		if (PLAIN_RE.test(v)) return v;
		const d = parseDec(v);
		return d ? decToString(d) : null;
	}
	if (typeof v === 'number') {
		if (!Number.isFinite(v)) return null;
		const t = numberToPlain(v);
		return PLAIN_RE.test(t) ? t : null;
	}
	return null;
}

export function isZeroText(s: string): boolean {
	return ZERO_RE.test(s);
}

/** -|s| ("2.00" -> "-2.00", "-1" -> "-1", "0.00" -> "0.00") */
export function negAbsText(s: string): string {
	if (ZERO_RE.test(s)) return s[0] === '-' ? s.slice(1) : s;
	return s[0] === '-' ? s : '-' + s;
}

/** |s| */
export function absText(s: string): string {
	return s[0] === '-' ? s.slice(1) : s;
}

/** a + b on plain decimal texts; result scale = max of both. Exact (falls back to BigInt for long values). */
export function addText(a: string, b: string): string {
	const da = a.indexOf('.');
	const db = b.indexOf('.');
	const sa = da < 0 ? 0 : a.length - da - 1;
	const sb = db < 0 ? 0 : b.length - db - 1;
	const s = sa > sb ? sa : sb;
	if (a.length + s < 16 && b.length + s < 16) {
		const na = Number(da < 0 ? a : a.slice(0, da) + a.slice(da + 1)) * Math.pow(10, s - sa);
		const nb = Number(db < 0 ? b : b.slice(0, db) + b.slice(db + 1)) * Math.pow(10, s - sb);
		const sum = na + nb;
		if (Number.isSafeInteger(sum)) {
			const neg = sum < 0;
			let digits = String(neg ? -sum : sum);
			if (s > 0) {
				if (digits.length <= s) digits = '0'.repeat(s - digits.length + 1) + digits;
				digits = digits.slice(0, digits.length - s) + '.' + digits.slice(digits.length - s);
			}
			return (neg ? '-' : '') + digits;
		}
	}
	return decToString(decAdd(parseDec(a) as Dec, parseDec(b) as Dec));
}
