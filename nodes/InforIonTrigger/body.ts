/**
 * The trigger's body reader: which format, strict decoding, size budgets, and what counts as a BOD.
 *
 * ION's API connection point sends, without a mapping, one of three bodies (m3-mi-ion.md §4.4, from
 * docs.infor.com/inforos/2026.x/…/dyw1556635602408.html): `BOD` = the whole BOD XML, `XML from BOD` = the noun
 * element only, `JSON from BOD` = the noun only, converted to ION's "JSON Conventional". So a JSON body is one
 * member named after the noun whose value is an object (`{"Shipment": {...}}`); any other JSON is refused.
 * Every refusal is a BodyError carrying the HTTP status to answer (400, 413 or 415) and a reason.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	XmlError,
	contentTypeCharset,
	decodeTextStrict,
	decodeXmlBytes,
	parseXml,
	positionOf,
	type XmlDocument,
	type XmlElement,
} from '../shared/xml';

export type BodyFormat = 'xml' | 'json';

export interface BodyLimits {
	maxBytes: number;
	maxDepth: number;
	maxNodes: number;
	maxTextLength: number;
}

export class BodyError extends Error {
	constructor(
		readonly status: 400 | 413 | 415,
		readonly code: string,
		message: string,
		readonly position?: { line: number; column: number },
	) {
		super(message);
		this.name = 'BodyError';
	}

	/** The JSON answered to the caller. */
	toResponse(): IDataObject {
		const error = this.status === 413 ? 'Payload Too Large' : this.status === 415 ? 'Unsupported Media Type' : 'Bad Request';
		return { error, code: this.code, message: this.message, ...(this.position ?? {}) };
	}
}

function fromXmlError(e: XmlError): BodyError {
	return new BodyError(e.httpStatus, e.code, e.message, { line: e.line, column: e.column });
}

/** OAGIS verbs (ion-bods.md §0, §1). */
export const KNOWN_VERBS = [
	'Acknowledge',
	'Cancel',
	'Change',
	'Confirm',
	'Get',
	'List',
	'Load',
	'Notify',
	'Post',
	'Process',
	'Respond',
	'Show',
	'Sync',
	'Update',
];

const VERB_RE = new RegExp(`^(${KNOWN_VERBS.join('|')})([A-Z_].*)$`);
/** OAGIS/Infor noun names: `Shipment`, `CustomerPartyMaster`, Infor's custom `LS_ItemStock`. */
const NOUN_RE = /^[A-Z][A-Za-z0-9_]*$/;

/** `{verb, noun}` of a BOD name such as `SyncShipment`, or nulls. */
export function splitBodType(bodType: string): { verb: string | null; noun: string | null } {
	const m = VERB_RE.exec(bodType);
	return m ? { verb: m[1], noun: m[2] } : { verb: null, noun: null };
}

/** First non-whitespace character of the body, reading UTF-16 when a byte order mark or zero bytes say so. */
export function sniffFormat(raw: Uint8Array): BodyFormat | null {
	let i = 0;
	let step = 1;
	let lo = 0; // offset of the significant byte within a code unit
	if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) i = 3;
	else if (raw[0] === 0xff && raw[1] === 0xfe) [i, step] = [2, 2];
	else if (raw[0] === 0xfe && raw[1] === 0xff) [i, step, lo] = [2, 2, 1];
	else if (raw.length >= 2 && raw[0] !== 0 && raw[1] === 0) step = 2;
	else if (raw.length >= 2 && raw[0] === 0 && raw[1] !== 0) [step, lo] = [2, 1];
	for (; i + step - 1 < raw.length; i += step) {
		const c = raw[i + lo];
		if (step === 2 && raw[i + 1 - lo] !== 0) return null;
		if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
		if (c === 0x3c) return 'xml';
		if (c === 0x7b || c === 0x5b) return 'json';
		return null;
	}
	return null;
}

/**
 * Walks JSON text once before JSON.parse: values (the node budget), nesting and string length are limited
 * like XML, so a 10 MB body of `[0,0,0,…]` is refused before millions of values are built.
 */
function scanJson(text: string, limits: BodyLimits): void {
	let nodes = 1;
	let depth = 0;
	const fail = (status: 400 | 413, code: string, message: string, at: number): never => {
		throw new BodyError(status, code, message, positionOf(text, at));
	};
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x22 /* " */) {
			const start = i;
			for (i++; i < text.length; i++) {
				const d = text.charCodeAt(i);
				if (d === 0x5c /* \ */) i++;
				else if (d === 0x22) break;
			}
			if (i - start - 1 > limits.maxTextLength) {
				fail(413, 'TEXT_TOO_LONG', `A string is longer than the limit of ${limits.maxTextLength} characters`, start);
			}
		} else if (c === 0x7b || c === 0x5b) {
			if (++depth > limits.maxDepth) fail(400, 'TOO_DEEP', `JSON is nested deeper than the limit of ${limits.maxDepth}`, i);
		} else if (c === 0x7d || c === 0x5d) depth--;
		else if (c === 0x2c || c === 0x3a) {
			// `,` starts another value or member; `:` marks a member (name + value = two nodes, like an element and its text).
			if (++nodes > limits.maxNodes) {
				fail(413, 'TOO_MANY_NODES', `More than ${limits.maxNodes} JSON values and members`, i);
			}
		}
	}
}

const TEXT_KEYS = new Set(['#text', '_', 'value', '$value', '#value', 'content']);
const MEMBER_RE = /^[@$]?[A-Za-z_][A-Za-z0-9_.:-]*$/;

function element(name: string): XmlElement {
	return { type: 'element', name, local: name, prefix: '', uri: '', attributes: [], children: [] };
}

/**
 * ION's "JSON from BOD" (`{"Noun": {...}}`) as the same tree the XML reader gives, so one set of paths serves
 * both: members -> child elements, `@x`/`$x` with a scalar -> attributes, arrays -> repeated elements, `value`
 * (also `#text`, `_`, `$value`, `#value`, `content`) -> the element's text. How "JSON Conventional" writes
 * attributes is not documented publicly [U], hence the accepted spellings.
 */
export function jsonFromBodToTree(json: unknown): XmlDocument {
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		throw new BodyError(400, 'NOT_A_BOD', `A JSON body must be an object ({"<Noun>": {...}}, ION's "JSON from BOD"), not ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`);
	}
	const members = Object.keys(json);
	if (members.length !== 1) {
		throw new BodyError(
			400,
			'NOT_A_BOD',
			`A JSON body must have exactly one member, the noun (ION's "JSON from BOD", e.g. {"Shipment": {...}}); it has ${members.length}${members.length > 0 ? ': ' + members.slice(0, 5).join(', ') : ''}`,
		);
	}
	const noun = members[0];
	const content = (json as Record<string, unknown>)[noun];
	if (!NOUN_RE.test(noun)) {
		throw new BodyError(400, 'NOT_A_BOD', `"${noun.slice(0, 60)}" is not a BOD noun (nouns are names such as Shipment or SalesOrder)`);
	}
	if (splitBodType(noun).verb !== null && content !== null && typeof content === 'object' && ('ApplicationArea' in content || 'DataArea' in content)) {
		throw new BodyError(400, 'NOT_A_BOD', `"${noun}" is a whole BOD; ION sends whole BODs as XML and only the noun as JSON ("JSON from BOD")`);
	}
	if (content === null || typeof content !== 'object' || Array.isArray(content) || Object.keys(content).length === 0) {
		throw new BodyError(400, 'NOT_A_BOD', `The noun "${noun}" must be a non-empty object`);
	}
	const build = (name: string, value: unknown, path: string): XmlElement => {
		const el = element(name);
		if (value === null || value === undefined) return el;
		if (typeof value !== 'object') {
			el.children.push({ type: 'text', value: String(value) });
			return el;
		}
		if (Array.isArray(value)) {
			throw new BodyError(400, 'NOT_A_BOD', `${path}: an array inside an array cannot come from a BOD`);
		}
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			if (!MEMBER_RE.test(k) && !TEXT_KEYS.has(k)) {
				throw new BodyError(400, 'NOT_A_BOD', `${path}: "${k.slice(0, 60)}" is not an element or attribute name`);
			}
			const scalar = v === null || typeof v !== 'object';
			if ((k.startsWith('@') || (k.startsWith('$') && k !== '$value')) && scalar) {
				const local = k.slice(1);
				el.attributes.push({ name: local, local, prefix: '', uri: '', value: v === null ? '' : String(v) });
			} else if (TEXT_KEYS.has(k) && scalar) {
				el.children.push({ type: 'text', value: v === null ? '' : String(v) });
			} else if (Array.isArray(v)) {
				v.forEach((item, n) => el.children.push(build(k, item, `${path}.${k}[${n}]`)));
			} else {
				el.children.push(build(k, v, `${path}.${k}`));
			}
		}
		return el;
	};
	return { root: build(noun, content, noun) };
}

/**
 * What a BOD is (XML): either the whole BOD, whose root is Verb + Noun (`SyncShipment`) with an ApplicationArea
 * or DataArea, and whose DataArea (when present) starts with that verb's element followed by that noun's
 * (ion-bods.md §1, §8.1); or "XML from BOD", the noun element alone (a noun name with child elements).
 */
export function assertBod(doc: XmlDocument): void {
	const root = doc.root;
	const kids = root.children.filter((c): c is XmlElement => c.type === 'element');
	const areas = kids.filter((c) => c.local === 'ApplicationArea' || c.local === 'DataArea');
	const { verb, noun } = splitBodType(root.local);
	if (areas.length > 0) {
		if (verb === null) {
			throw new BodyError(400, 'NOT_A_BOD', `<${root.local}> has an ApplicationArea/DataArea but is not named Verb + Noun (e.g. SyncShipment)`);
		}
		const dataArea = kids.find((c) => c.local === 'DataArea');
		if (dataArea) {
			const [verbEl, nounEl] = dataArea.children.filter((c): c is XmlElement => c.type === 'element');
			if (!verbEl || verbEl.local !== verb) {
				throw new BodyError(400, 'NOT_A_BOD', `DataArea of <${root.local}> must start with <${verb}>, found ${verbEl ? `<${verbEl.local}>` : 'nothing'}`);
			}
			if (nounEl && nounEl.local !== noun) {
				throw new BodyError(400, 'NOT_A_BOD', `<${root.local}> carries <${nounEl.local}> instead of <${noun}>`);
			}
		}
		return;
	}
	if (!NOUN_RE.test(root.local) || kids.length === 0) {
		throw new BodyError(
			400,
			'NOT_A_BOD',
			`<${root.local}> is not a BOD: expected a BOD (<VerbNoun> with ApplicationArea and DataArea) or a noun element with content ("XML from BOD")`,
		);
	}
	if (verb !== null && kids.some((c) => c.local === 'Sender' || c.local === 'BODID')) {
		throw new BodyError(400, 'NOT_A_BOD', `<${root.local}> looks like a BOD without its ApplicationArea`);
	}
}

/** The body as text, decoded the way readIonBody decoded it (for the "Include Raw Body" option). */
export function bodyText(raw: Uint8Array, format: BodyFormat, contentType?: string | string[]): string {
	const charset = contentTypeCharset(contentType);
	return format === 'xml' ? decodeXmlBytes(raw, charset) : decodeTextStrict(raw, charset);
}

/** Runs a reader of shared/xml, turning its XmlError into the BodyError to answer. */
function parseOrRefuse<T>(read: () => T): T {
	let failure: unknown;
	try {
		return read();
	} catch (e) {
		failure = e;
	}
	throw failure instanceof XmlError ? fromXmlError(failure) : failure;
}

function parseJson(text: string): unknown {
	let reason: string;
	try {
		return JSON.parse(text);
	} catch (e) {
		reason = (e as Error).message;
	}
	throw new BodyError(400, 'MALFORMED', `Invalid JSON body: ${reason}`);
}

/** Reads the body: format (auto-detected or configured), strict decoding, budgets, BOD shape. */
export function readIonBody(
	raw: Uint8Array,
	options: { format: 'auto' | BodyFormat; contentType?: string | string[]; limits: BodyLimits },
): { format: BodyFormat; doc: XmlDocument } {
	const { limits } = options;
	if (raw.length > limits.maxBytes) {
		throw new BodyError(413, 'TOO_LARGE', `The body is larger than ${limits.maxBytes} bytes`);
	}
	if (raw.length === 0) throw new BodyError(400, 'EMPTY', 'Empty body');
	let format: BodyFormat;
	if (options.format === 'auto') {
		const sniffed = sniffFormat(raw);
		if (sniffed === null) throw new BodyError(415, 'UNKNOWN_FORMAT', 'The body is neither XML nor JSON');
		format = sniffed;
	} else format = options.format;
	const charset = contentTypeCharset(options.contentType);
	let doc: XmlDocument;
	if (format === 'xml') doc = parseOrRefuse(() => parseXml(raw, { ...limits, charset }));
	else {
		const text = parseOrRefuse(() => decodeTextStrict(raw, charset));
		scanJson(text, limits);
		doc = jsonFromBodToTree(parseJson(text));
	}
	if (format === 'xml') assertBod(doc);
	return { format, doc };
}
