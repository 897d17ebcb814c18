/**
 * The value sources of the listing mapping (listing.ts): a path of the catalog record, a format text or a constant,
 * with value transforms, and template structures built from them.
 */
import { decToString, parseDec } from '../canonical/decimal';
import { getPath } from './customFields';
import { isRecord } from './result';

/** A value source: `{ from }` (M3 field, `custom.<field>`, `sku`, `ean`, `ITNO`), `{ format }` or `{ const }`. */
export interface ValueSpec {
	/** one path, or several (one attribute value per non-empty source, e.g. bullet points) */
	from?: string | string[];
	/** text with `{path}` placeholders, e.g. "{custom.A030} {ITDS}"; empty placeholders are dropped */
	format?: string;
	const?: unknown;
	transform?: Transform[];
	/** used when the sources are empty */
	default?: unknown;
	/** mapping-level requirement: no value is an issue before anything is sent */
	required?: boolean;
}

export type Transform =
	| 'trim'
	| 'upper'
	| 'lower'
	| 'number'
	| 'integer'
	| 'boolean'
	| 'nonZero'
	| { map: Record<string, unknown>; default?: unknown }
	| { prefix: string }
	| { suffix: string }
	| { truncate: number }
	| { omit: unknown[] }
	| { default: unknown };

export const TRANSFORM_NAMES = ['trim', 'upper', 'lower', 'number', 'integer', 'boolean', 'nonZero'];
const TRUE_WORDS = new Set(['1', 'y', 'yes', 'true', 'x', 'j', 'ja']);
const FALSE_WORDS = new Set(['0', 'n', 'no', 'false', '', 'nein']);

export type Source = Record<string, unknown>;

export function text(v: unknown): string | undefined {
	if (v === undefined || v === null) return undefined;
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	return undefined;
}

/** A path of the catalog record: `custom.A030`, `item.ITDS`, `ITDS` (item field), `sku`, `ean`, `ITNO`. */
export function sourceValue(rec: Source, path: string): unknown {
	const p = path.trim();
	if (p.startsWith('custom.')) return getPath(rec.customFields, p.slice(7));
	if (p.startsWith('item.')) return getPath(rec.item, p.slice(5));
	if (p in rec && !isRecord(rec[p])) return rec[p];
	if (isRecord(rec.item) && p in rec.item) return rec.item[p];
	return getPath(rec, p);
}

function isEmpty(v: unknown): boolean {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Applies the transforms to one value; throws a message on a value the transform cannot take. */
function applyTransforms(v: unknown, transforms: Transform[] | undefined): unknown {
	let cur: unknown = typeof v === 'string' ? v.trim() : v;
	for (const t of transforms ?? []) {
		if (isEmpty(cur) && !(isRecord(t) && 'default' in t)) return cur;
		if (typeof t === 'string') {
			const s = text(cur) ?? '';
			switch (t) {
				case 'trim':
					cur = s.trim();
					break;
				case 'upper':
					cur = s.toUpperCase();
					break;
				case 'lower':
					cur = s.toLowerCase();
					break;
				case 'number':
				case 'integer': {
					const d = parseDec(s.replace(',', '.'));
					if (!d) throw new Error(`"${s}" is not a number`);
					const n = Number(decToString(d));
					if (t === 'integer' && !Number.isInteger(n)) throw new Error(`"${s}" is not a whole number`);
					cur = n;
					break;
				}
				case 'boolean': {
					const w = s.trim().toLowerCase();
					if (TRUE_WORDS.has(w)) cur = true;
					else if (FALSE_WORDS.has(w)) cur = false;
					else throw new Error(`"${s}" is not a yes/no value (1/0, Y/N, true/false)`);
					break;
				}
				case 'nonZero': {
					const d = parseDec(s.replace(',', '.'));
					if (!d) throw new Error(`"${s}" is not a number`);
					cur = d.m !== BigInt(0);
					break;
				}
				default:
					throw new Error(`unknown transform "${String(t)}"`);
			}
		} else if ('map' in t) {
			const key = text(cur) ?? '';
			if (Object.prototype.hasOwnProperty.call(t.map, key)) cur = t.map[key];
			else if ('default' in t) cur = t.default;
			else throw new Error(`"${key}" is not in the value map (${Object.keys(t.map).slice(0, 8).join(', ')})`);
		} else if ('prefix' in t) cur = `${t.prefix}${text(cur) ?? ''}`;
		else if ('suffix' in t) cur = `${text(cur) ?? ''}${t.suffix}`;
		else if ('truncate' in t) cur = [...(text(cur) ?? '')].slice(0, Math.max(0, t.truncate)).join('').trim();
		else if ('omit' in t) {
			// e.g. { omit: ["0"] }: M3 numeric fields hold 0 for "none" (numbers compare as numbers: "0.000" is 0)
			const s = text(cur) ?? '';
			const n = parseDec(s);
			if (t.omit.some((x) => String(x) === s || (n !== null && parseDec(String(x)) !== null && Number(decToString(n)) === Number(String(x))))) cur = '';
		}
		else if ('default' in t) {
			if (isEmpty(cur)) cur = t.default;
		}
	}
	return cur;
}

/** The values of a value spec (several for a list of sources), transformed; empty ones left out. */
export function resolveValues(rec: Source, spec: ValueSpec): unknown[] {
	let raw: unknown[];
	if (spec.const !== undefined) raw = [spec.const];
	else if (spec.format !== undefined) {
		const s = spec.format
			.replace(/\{([^{}]+)\}/g, (_m, p: string) => text(sourceValue(rec, p))?.trim() ?? '')
			.replace(/\s+/g, ' ')
			.trim();
		raw = [s];
	} else {
		const paths = Array.isArray(spec.from) ? spec.from : spec.from !== undefined ? [spec.from] : [];
		raw = paths.map((p) => sourceValue(rec, p));
	}
	const out: unknown[] = [];
	for (const r of raw) {
		const v = applyTransforms(r, spec.transform);
		if (!isEmpty(v)) out.push(v);
	}
	if (out.length === 0 && spec.default !== undefined && !isEmpty(spec.default)) out.push(spec.default);
	return out;
}

function isLeaf(v: unknown): v is ValueSpec {
	return isRecord(v) && ('from' in v || 'format' in v || 'const' in v);
}

/** Resolves a template structure; returns undefined when a leaf has no value (the attribute is then left out). */
export function resolveTemplate(rec: Source, tpl: unknown): { value: unknown; missing?: string } {
	if (isLeaf(tpl)) {
		const vals = resolveValues(rec, tpl);
		if (!vals.length) return { value: undefined, missing: describeSource(tpl) };
		return { value: vals[0] };
	}
	if (Array.isArray(tpl)) {
		const out: unknown[] = [];
		for (const x of tpl) {
			const r = resolveTemplate(rec, x);
			if (r.missing) return r;
			out.push(r.value);
		}
		return { value: out };
	}
	if (isRecord(tpl)) {
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(tpl)) {
			const r = resolveTemplate(rec, x);
			if (r.missing) return r;
			out[k] = r.value;
		}
		return { value: out };
	}
	return { value: tpl };
}

export function describeSource(spec: ValueSpec): string {
	if (spec.format !== undefined) return `format "${spec.format}"`;
	if (Array.isArray(spec.from)) return spec.from.join(', ');
	return String(spec.from ?? 'const');
}
