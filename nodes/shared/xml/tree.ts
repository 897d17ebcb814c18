/**
 * Helpers over the tree produced by parseXml: navigation by local name, a tiny path language and
 * a JSON view.
 *
 * Path language (all names are matched on the LOCAL name, case-insensitively by default):
 *   `A/B/C`              children named A, then B, then C (relative to the context element)
 *   `/SyncShipment/...`  absolute: the first step must match the document root itself
 *   `*`                  any element
 *   `A//C`, `//C`        C at any depth below (descendants)
 *   `A[@type='x']`       with attribute `type` equal to x (value compare honours ignoreCase)
 *   `A[@type]`           with attribute `type` present
 *   `A[2]`               the 2nd matching A (1-based) among its siblings
 *   `A/@unitCode`        an attribute value (only as the last step)
 */
import type { XmlDocument, XmlElement, XmlNode } from './document';

export interface SelectOptions {
	/** Compare names (and predicate values) case-insensitively. Default true. */
	ignoreCase?: boolean;
}

/** Text of the element's direct text children, concatenated (not trimmed). */
export function directText(el: XmlElement): string {
	let out = '';
	for (const c of el.children) if (c.type === 'text') out += c.value;
	return out;
}

/** All text below the element in document order, concatenated (not trimmed). */
export function textContent(el: XmlElement): string {
	const parts: string[] = [];
	const walk = (n: XmlNode): void => {
		if (n.type === 'text') parts.push(n.value);
		else for (const c of n.children) walk(c);
	};
	walk(el);
	return parts.join('');
}

function nameEq(a: string, b: string, ignoreCase: boolean): boolean {
	return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Value of the attribute with the given local name (or qualified name), or undefined. */
export function attr(el: XmlElement, name: string, options: SelectOptions = {}): string | undefined {
	const ic = options.ignoreCase ?? true;
	for (const a of el.attributes) if (nameEq(a.name, name, ic) || nameEq(a.local, name, ic)) return a.value;
	return undefined;
}

/** Child elements, optionally only those with the given local name. */
export function childElements(el: XmlElement, local?: string, options: SelectOptions = {}): XmlElement[] {
	const ic = options.ignoreCase ?? true;
	const out: XmlElement[] = [];
	for (const c of el.children) {
		if (c.type === 'element' && (local === undefined || local === '*' || nameEq(c.local, local, ic))) out.push(c);
	}
	return out;
}

/** First child element with the given local name. */
export function firstChild(el: XmlElement, local: string, options: SelectOptions = {}): XmlElement | undefined {
	const ic = options.ignoreCase ?? true;
	for (const c of el.children) if (c.type === 'element' && nameEq(c.local, local, ic)) return c;
	return undefined;
}

interface Step {
	descendant: boolean;
	attribute: boolean;
	name: string;
	predAttr?: string;
	predValue?: string;
	index?: number;
}

const STEP_RE = /^(@?)([^[\]@/]+)(?:\[(?:@([^=\]]+)(?:=(?:'([^']*)'|"([^"]*)"))?|(\d+))\])?$/;
const pathCache = new Map<string, { absolute: boolean; steps: Step[] }>();

function compilePath(path: string): { absolute: boolean; steps: Step[] } {
	const cached = pathCache.get(path);
	if (cached) return cached;
	let p = path.trim();
	let absolute = false;
	let leadingDescendant = false;
	if (p.startsWith('//')) {
		leadingDescendant = true;
		p = p.slice(2);
	} else if (p.startsWith('/')) {
		absolute = true;
		p = p.slice(1);
	}
	const steps: Step[] = [];
	const raw = p.split('/');
	let descendant = leadingDescendant;
	for (let i = 0; i < raw.length; i++) {
		const part = raw[i].trim();
		if (part === '') {
			if (i === raw.length - 1) throw new Error(`Invalid path "${path}": empty last step`);
			descendant = true;
			continue;
		}
		if (part === '.') continue;
		const m = STEP_RE.exec(part);
		if (!m) throw new Error(`Invalid path "${path}": cannot read step "${part}"`);
		const step: Step = { descendant, attribute: m[1] === '@', name: m[2].trim() };
		if (step.attribute && i !== raw.length - 1) throw new Error(`Invalid path "${path}": attribute step must be last`);
		if (m[3] !== undefined) {
			step.predAttr = m[3].trim();
			step.predValue = m[4] ?? m[5];
		}
		if (m[6] !== undefined) step.index = Number(m[6]);
		steps.push(step);
		descendant = false;
	}
	const compiled = { absolute, steps };
	if (pathCache.size > 500) pathCache.clear();
	pathCache.set(path, compiled);
	return compiled;
}

/** Throws a plain Error with a readable message when the path cannot be read. */
export function validatePath(path: string): void {
	compilePath(path);
}

function stepMatches(el: XmlElement, step: Step, ic: boolean): boolean {
	if (step.name !== '*' && !nameEq(el.local, step.name, ic)) return false;
	if (step.predAttr !== undefined) {
		const v = attr(el, step.predAttr, { ignoreCase: ic });
		if (v === undefined) return false;
		if (step.predValue !== undefined && !nameEq(v, step.predValue, ic)) return false;
	}
	return true;
}

function collectDescendants(el: XmlElement, out: XmlElement[]): void {
	for (const c of el.children) {
		if (c.type === 'element') {
			out.push(c);
			collectDescendants(c, out);
		}
	}
}

/**
 * Evaluates `path` from `context` (an element or a document). Returns matching elements, or, when
 * the last step is `@attr`, the attribute values as strings.
 */
export function select(
	context: XmlElement | XmlDocument,
	path: string,
	options: SelectOptions = {},
): Array<XmlElement | string> {
	const ic = options.ignoreCase ?? true;
	const { absolute, steps } = compilePath(path);
	const isDoc = !('type' in context);
	const start: XmlElement = isDoc ? (context as XmlDocument).root : (context as XmlElement);
	let current: XmlElement[] = [start];
	let i = 0;
	if (steps.length > 0 && !steps[0].descendant && !steps[0].attribute && (absolute || isDoc)) {
		// An absolute path (or a path given against a document) may name the root element first.
		if ((absolute || steps[0].name !== '*') && stepMatches(start, steps[0], ic)) i = 1;
		else if (absolute) return [];
	} else if (absolute && steps.length > 0 && steps[0].attribute) {
		return [];
	}

	for (; i < steps.length; i++) {
		const step = steps[i];
		if (step.attribute) {
			const values: string[] = [];
			for (const el of current) {
				const pool = step.descendant ? [el, ...descendantsOf(el)] : [el];
				for (const e of pool) {
					if (step.name === '*') for (const a of e.attributes) values.push(a.value);
					else {
						const v = attr(e, step.name, { ignoreCase: ic });
						if (v !== undefined) values.push(v);
					}
				}
			}
			return values;
		}
		const next: XmlElement[] = [];
		for (const el of current) {
			const pool = step.descendant ? descendantsOf(el) : childElements(el);
			let n = 0;
			for (const c of pool) {
				if (!stepMatches(c, step, ic)) continue;
				n++;
				if (step.index === undefined || step.index === n) next.push(c);
			}
		}
		current = next;
		if (current.length === 0) break;
	}
	return current;
}

function descendantsOf(el: XmlElement): XmlElement[] {
	const out: XmlElement[] = [];
	collectDescendants(el, out);
	return out;
}

/** Like select, but returns strings: trimmed text content for elements, attribute values as-is. */
export function selectValues(context: XmlElement | XmlDocument, path: string, options: SelectOptions = {}): string[] {
	return select(context, path, options).map((r) => (typeof r === 'string' ? r : textContent(r).trim()));
}

/** First non-empty value of `path`, or undefined. */
export function selectFirst(context: XmlElement | XmlDocument, path: string, options: SelectOptions = {}): string | undefined {
	for (const v of selectValues(context, path, options)) if (v !== '') return v;
	return undefined;
}

/** First matching element of `path`, or undefined. */
export function selectElement(
	context: XmlElement | XmlDocument,
	path: string,
	options: SelectOptions = {},
): XmlElement | undefined {
	for (const r of select(context, path, options)) if (typeof r !== 'string') return r;
	return undefined;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ToJsonOptions {
	/** Trim text values; whitespace-only text becomes ''. Default true. */
	trim?: boolean;
	/** Prefix of attribute keys. Default '@'. */
	attributePrefix?: string;
	/** Key for the text of an element that also has attributes or child elements. Default '#text'. */
	textKey?: string;
	/** Key child elements by qualified name (`ns0:Foo`) instead of local name. Default false. */
	qualifiedNames?: boolean;
	/**
	 * Children that are arrays even when they occur once (stable shapes), by the local names of parent and
	 * child. Elements it does not name become arrays only when they repeat.
	 */
	alwaysArray?: (parentLocal: string, childLocal: string) => boolean;
}

function setOwn(obj: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
	// defineProperty keeps keys such as "__proto__" as ordinary own data properties.
	Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * JSON view of an element:
 * - no attributes and no child elements -> its text (string, '' when empty);
 * - otherwise an object: attributes as `@name`, children by local name (repeated names -> array,
 *   in document order; names `alwaysArray` accepts -> array even when single), non-empty text as `#text`.
 * Namespace declarations are left out. A document converts to `{ [rootLocalName]: ... }`.
 */
export function toJson(node: XmlElement | XmlDocument, options: ToJsonOptions = {}): JsonValue {
	if (!('type' in node)) {
		const out: { [key: string]: JsonValue } = {};
		const root = (node as XmlDocument).root;
		setOwn(out, options.qualifiedNames ? root.name : root.local, toJson(root, options));
		return out;
	}
	const trim = options.trim ?? true;
	const ap = options.attributePrefix ?? '@';
	const textKey = options.textKey ?? '#text';
	const alwaysArray = options.alwaysArray;
	const convert = (el: XmlElement): JsonValue => {
		let hasElements = false;
		let text = '';
		for (const c of el.children) {
			if (c.type === 'element') hasElements = true;
			else text += c.value;
		}
		if (trim) text = text.trim();
		if (!hasElements && el.attributes.length === 0) return text;
		const obj: { [key: string]: JsonValue } = {};
		for (const a of el.attributes) setOwn(obj, ap + (options.qualifiedNames ? a.name : a.local), a.value);
		for (const c of el.children) {
			if (c.type !== 'element') continue;
			const key = options.qualifiedNames ? c.name : c.local;
			const value = convert(c);
			if (Object.prototype.hasOwnProperty.call(obj, key)) {
				const existing = obj[key];
				// convert() never returns an array, so an array here is one we built for repeats.
				if (Array.isArray(existing)) existing.push(value);
				else setOwn(obj, key, [existing, value]);
			} else setOwn(obj, key, alwaysArray !== undefined && alwaysArray(el.local, c.local) ? [value] : value);
		}
		if (text !== '') setOwn(obj, textKey, text);
		return obj;
	};
	return convert(node as XmlElement);
}
