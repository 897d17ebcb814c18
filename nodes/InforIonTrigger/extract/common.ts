/**
 * Reading values out of a noun for the normalised extracts: paths with alternatives, quantities with their unit,
 * amounts with their currency, dates with their ISO 8601 UTC reading. Works on the tree of XML and of "JSON from
 * BOD" alike (in JSON, attributes may arrive as members: `@x` paths fall back to a child element `x`).
 */
import { decToString, parseDec } from '../../shared/canonical/decimal';
import { attr, directText, select, textContent, type XmlElement } from '../../shared/xml';
import { parseBodDate } from '../dates';

export interface ExtractContext {
	/** Zone of date values without one (node option, default UTC). */
	timeZone: string;
}

/** A quantity as sent (`raw`), exact (`decimal`), as a number (`value`) and its unit (ion-bods.md §8.5). */
export interface Quantity {
	value: number | null;
	decimal: string | null;
	raw: string;
	unitCode: string | null;
}

/** An amount: exact decimal string and currency (`@currencyID`). */
export interface Amount {
	amount: string | null;
	raw: string;
	currency: string | null;
}

export function trimOrNull(v: string | undefined | null): string | null {
	if (v === undefined || v === null) return null;
	const t = v.trim();
	return t === '' ? null : t;
}

export function text(el: XmlElement | undefined): string | null {
	return el ? trimOrNull(textContent(el)) : null;
}

export function splitAlternatives(s: string): string[] {
	// Commas inside [...] predicates belong to the path.
	const out: string[] = [];
	let depth = 0;
	let cur = '';
	for (const ch of s) {
		if (ch === '[') depth++;
		if (ch === ']') depth = Math.max(0, depth - 1);
		if ((ch === ',' || ch === '\n') && depth === 0) {
			if (cur.trim()) out.push(cur.trim());
			cur = '';
		} else cur += ch;
	}
	if (cur.trim()) out.push(cur.trim());
	return out;
}

/** All non-empty values of one path; `@x` falls back to a child element named x (JSON bodies). */
export function valuesAt(ctx: XmlElement, path: string): string[] {
	const out: string[] = [];
	let res = select(ctx, path);
	if (res.length === 0) {
		const m = /^(?:(.*)\/)?@([A-Za-z_][\w.:-]*)$/.exec(path.trim());
		if (m) res = select(ctx, m[1] === undefined || m[1] === '' ? m[2] : `${m[1]}/${m[2]}`);
	}
	for (const r of res) {
		const t = typeof r === 'string' ? trimOrNull(r) : text(r);
		if (t !== null) out.push(t);
	}
	return out;
}

/** First non-empty value of one path, or null. */
export function valueAt(ctx: XmlElement, path: string): string | null {
	for (const v of valuesAt(ctx, path)) return v;
	return null;
}

/** `a, b, c` alternatives: the values of the first alternative that yields any. */
export function firstOf(ctx: XmlElement, alternatives: string): string[] {
	for (const p of splitAlternatives(alternatives)) {
		const v = valuesAt(ctx, p);
		if (v.length > 0) return v;
	}
	return [];
}

/** First value of the first alternative that yields any, or null. */
export function one(ctx: XmlElement, alternatives: string): string | null {
	const v = firstOf(ctx, alternatives);
	return v.length > 0 ? v[0] : null;
}

export function unique(values: string[]): string[] {
	return [...new Set(values)];
}

/** Elements of the first alternative that matches any. */
export function elementsOf(ctx: XmlElement, alternatives: string): XmlElement[] {
	for (const p of splitAlternatives(alternatives)) {
		const els = select(ctx, p).filter((r): r is XmlElement => typeof r !== 'string');
		if (els.length > 0) return els;
	}
	return [];
}

/** Own text of an element, or (JSON bodies) its `value` member. */
export function ownValue(el: XmlElement): string | null {
	return trimOrNull(directText(el)) ?? valueAt(el, 'value');
}

function attrOrMember(el: XmlElement, name: string): string | null {
	return trimOrNull(attr(el, name) ?? null) ?? valueAt(el, name);
}

/** Exact decimal text of a number as BODs write it (`1,5` -> `1.5`, `2.000000` -> `2`), or null. */
export function decimalOf(raw: string): string | null {
	const d = parseDec(raw.replace(',', '.'));
	if (d === null) return null;
	let s = decToString(d);
	if (s.includes('.')) s = s.replace(/\.?0+$/, '');
	return s === '-0' ? '0' : s;
}

/** The quantity of the first element of the alternatives (never drops `@unitCode`). */
export function quantityAt(ctx: XmlElement, alternatives: string): Quantity | null {
	for (const el of elementsOf(ctx, alternatives)) {
		const raw = ownValue(el);
		if (raw === null) continue;
		const decimal = decimalOf(raw);
		return { value: decimal === null ? null : Number(decimal), decimal, raw, unitCode: attrOrMember(el, 'unitCode') };
	}
	return null;
}

/** The amount of the first element of the alternatives (`<UnitPrice><Amount currencyID="EUR">9.5</Amount>`). */
export function amountAt(ctx: XmlElement, alternatives: string): Amount | null {
	for (const el of elementsOf(ctx, alternatives)) {
		const raw = ownValue(el);
		if (raw === null) continue;
		return { amount: decimalOf(raw), raw, currency: attrOrMember(el, 'currencyID') };
	}
	return null;
}

/** The document id element's value and its attributes (`@variationID`, `@accountingEntity`). */
export function idAt(ctx: XmlElement, alternatives: string): { id: string | null; variationId: string | null; accountingEntity: string | null } {
	const el = elementsOf(ctx, alternatives)[0];
	if (el === undefined) return { id: null, variationId: null, accountingEntity: null };
	return { id: ownValue(el), variationId: attrOrMember(el, 'variationID'), accountingEntity: attrOrMember(el, 'accountingEntity') };
}

/** The head every extract starts with: `{type, documentId, variationId}` (id element and its @variationID). */
export function extractHead<T extends string>(type: T, noun: XmlElement, idPaths: string): { type: T; documentId: string | null; variationId: string | null } {
	const doc = idAt(noun, idPaths);
	return { type, documentId: doc.id, variationId: doc.variationId };
}

/** `{<name>: raw, <name>Iso: ISO 8601 UTC or null}` of the first alternative with a value. */
export function dateAt<K extends string>(
	ctx: XmlElement,
	alternatives: string,
	name: K,
	context: ExtractContext,
): Record<K | `${K}Iso`, string | null> {
	const raw = one(ctx, alternatives);
	return { [name]: raw, [`${name}Iso`]: parseBodDate(raw, context.timeZone) } as Record<K | `${K}Iso`, string | null>;
}
