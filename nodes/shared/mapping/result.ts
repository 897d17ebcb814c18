/** Result type shared by every pure mapper: never throws, returns typed issues instead. */
export interface Issue {
	/** JSON path of the offending input (dot/bracket notation), '' for the whole item */
	path: string;
	/** stable machine code, e.g. `sku_not_mapped`, `address_overflow`, `unknown_currency` */
	code: string;
	message: string;
}

export type Result<T> = { ok: true; value: T; warnings?: Issue[] } | { ok: false; issues: Issue[] };

export function ok<T>(value: T, warnings?: Issue[]): Result<T> {
	return warnings && warnings.length ? { ok: true, value, warnings } : { ok: true, value };
}

export function fail<T = never>(issues: Issue[]): Result<T> {
	return { ok: false, issues };
}

export function issue(path: string, code: string, message: string): Issue {
	return { path, code, message };
}

/** Runs a mapper and converts any unexpected exception into an `internal_error` issue. */
export function safe<A extends unknown[], T>(fn: (...args: A) => Result<T>, ...args: A): Result<T> {
	try {
		return fn(...args);
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		return { ok: false, issues: [{ path: '', code: 'internal_error', message }] };
	}
}

export function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
	if (typeof v === 'string') return v;
	if (typeof v === 'number' && Number.isFinite(v)) return String(v);
	return undefined;
}

export function nonEmpty(v: unknown): string | undefined {
	const s = str(v);
	if (s === undefined) return undefined;
	const t = s.trim();
	return t === '' ? undefined : t;
}
