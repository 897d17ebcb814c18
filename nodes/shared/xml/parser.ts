/**
 * A small, safe, dependency-free XML reader (XML 1.0 + Namespaces, non-validating).
 *
 * Safety properties:
 * - DOCTYPE and ENTITY declarations are rejected outright, so no external entity (XXE) can be
 *   fetched and no entity expansion (billion laughs) can happen. Only the five predefined
 *   entities and numeric character references are expanded.
 * - Input size (`maxBytes`), element depth (`maxDepth`) and attributes per element
 *   (`maxAttributes`) are limited.
 * - Single pass, no backtracking, no regular expressions over the whole input: linear time.
 * - Every failure is an {@link XmlError} with line/column.
 */
import { XmlError, positionOf, type XmlErrorCode } from './XmlError';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlText {
	type: 'text';
	value: string;
}

export interface XmlAttribute {
	/** Qualified name as written (`xsi:schemaLocation`). */
	name: string;
	/** Local part (`schemaLocation`). */
	local: string;
	/** Prefix as written, '' when none. */
	prefix: string;
	/** Namespace URI ('' for unprefixed attributes, as per Namespaces in XML). */
	uri: string;
	value: string;
}

export interface XmlElement {
	type: 'element';
	/** Qualified name as written (`ns0:SyncShipment`). */
	name: string;
	/** Local name (`SyncShipment`). */
	local: string;
	/** Prefix as written, '' when none. */
	prefix: string;
	/** Resolved namespace URI, '' when in no namespace. */
	uri: string;
	/** Attributes other than namespace declarations, in document order. */
	attributes: XmlAttribute[];
	/** Namespace declarations made on this element (prefix '' = default namespace). */
	namespaces?: Record<string, string>;
	children: XmlNode[];
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
	root: XmlElement;
}

export interface XmlParseOptions {
	/** Maximum input size in bytes (UTF-8 bytes for Buffers, UTF-16 code units for strings). Default 10 MiB. */
	maxBytes?: number;
	/** Maximum element nesting depth. Default 256. */
	maxDepth?: number;
	/** Maximum attributes (incl. namespace declarations) on one element. Default 256. */
	maxAttributes?: number;
	/** Keep text nodes that contain only whitespace. Default false. */
	preserveWhitespace?: boolean;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 256;
export const DEFAULT_MAX_ATTRIBUTES = 256;

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_BANG = 33;
const CH_DQUOTE = 34;
const CH_SQUOTE = 39;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_COLON = 58;
const CH_LT = 60;
const CH_EQ = 61;
const CH_GT = 62;
const CH_QMARK = 63;
const CH_UNDERSCORE = 95;

function isWs(c: number): boolean {
	return c === CH_SPACE || c === CH_LF || c === CH_TAB || c === CH_CR;
}

function isNameStart(c: number): boolean {
	return (
		(c >= 97 && c <= 122) || // a-z
		(c >= 65 && c <= 90) || // A-Z
		c === CH_UNDERSCORE ||
		c === CH_COLON ||
		(c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c <= 0x2ff) ||
		(c >= 0x370 && c <= 0xfffd && c !== 0x37e && !(c >= 0x2000 && c <= 0x206f && c !== 0x200c && c !== 0x200d)) ||
		(c >= 0xd800 && c <= 0xdbff) // high surrogate: astral name characters
	);
}

function isNameChar(c: number): boolean {
	return (
		isNameStart(c) ||
		(c >= 48 && c <= 57) ||
		c === CH_MINUS ||
		c === CH_DOT ||
		c === 0xb7 ||
		(c >= 0x300 && c <= 0x36f) ||
		c === 0x203f ||
		c === 0x2040 ||
		(c >= 0xdc00 && c <= 0xdfff) // low surrogate
	);
}

/** Characters XML 1.0 does not allow anywhere (C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function isAllowedCodePoint(cp: number): boolean {
	return (
		cp === 0x9 ||
		cp === 0xa ||
		cp === 0xd ||
		(cp >= 0x20 && cp <= 0xd7ff) ||
		(cp >= 0xe000 && cp <= 0xfffd) ||
		(cp >= 0x10000 && cp <= 0x10ffff)
	);
}

const NO_ATTRS: Array<{ name: string; value: string; at: number }> = [];

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

interface NsScope {
	map: Record<string, string>;
	parent: NsScope | null;
}

function lookupNs(scope: NsScope | null, prefix: string): string | undefined {
	for (let s = scope; s !== null; s = s.parent) {
		if (Object.prototype.hasOwnProperty.call(s.map, prefix)) return s.map[prefix];
	}
	return undefined;
}

/** Decodes bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or ISO-8859-1/windows-1252 when declared. */
export function decodeXmlBytes(bytes: Uint8Array): string {
	const n = bytes.length;
	let failure = '';
	try {
		if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
			return new TextDecoder('utf-16le').decode(bytes.subarray(2));
		}
		if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
			return new TextDecoder('utf-16be').decode(bytes.subarray(2));
		}
		if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
			return new TextDecoder('utf-8').decode(bytes.subarray(3));
		}
		if (n >= 5 && bytes[0] === CH_LT && bytes[1] === CH_QMARK) {
			// Peek at the XML declaration's encoding pseudo-attribute (ASCII-compatible encodings only).
			let head = '';
			for (let i = 0; i < Math.min(n, 200); i++) {
				const b = bytes[i];
				head += String.fromCharCode(b);
				if (b === CH_GT) break;
			}
			const m = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
			if (m) {
				const enc = m[1].toLowerCase();
				if (enc === 'iso-8859-1' || enc === 'latin1' || enc === 'windows-1252' || enc === 'cp1252') {
					return new TextDecoder('windows-1252').decode(bytes);
				}
			}
		}
		return new TextDecoder('utf-8').decode(bytes);
	} catch (e) {
		failure = (e as Error).message;
	}
	throw new XmlError(`Unsupported text encoding (${failure})`, 1, 1, 0, 'ENCODING');
}

/**
 * Parses an XML document. `input` may be a string or raw bytes (Buffer/Uint8Array).
 * Throws {@link XmlError} (and nothing else) on any problem.
 */
export function parseXml(input: string | Uint8Array, options: XmlParseOptions = {}): XmlDocument {
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
	const size = typeof input === 'string' ? input.length : input.length;
	if (size > maxBytes) {
		throw new XmlError(`Document is larger than the limit of ${maxBytes} bytes`, 1, 1, 0, 'TOO_LARGE');
	}
	const text = typeof input === 'string' ? input : decodeXmlBytes(input);
	return new Parser(text, options).parse();
}

class Parser {
	private readonly s: string;
	private pos = 0;
	private readonly maxDepth: number;
	private readonly maxAttributes: number;
	private readonly preserveWhitespace: boolean;
	private readonly stack: XmlElement[] = [];
	private readonly scopes: Array<NsScope | null> = [];
	private scope: NsScope | null = null;
	private root: XmlElement | null = null;

	constructor(s: string, options: XmlParseOptions) {
		this.s = s;
		this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
		this.maxAttributes = options.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES;
		this.preserveWhitespace = options.preserveWhitespace ?? false;
	}

	private fail(reason: string, offset: number, code: XmlErrorCode = 'MALFORMED'): never {
		const { line, column } = positionOf(this.s, offset);
		// Names from the document are echoed in messages; keep messages short whatever the input.
		const text = reason.length > 300 ? reason.slice(0, 300) + '...' : reason;
		throw new XmlError(text, line, column, offset, code);
	}

	parse(): XmlDocument {
		const s = this.s;
		if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
		const len = s.length;
		while (this.pos < len) {
			const lt = s.indexOf('<', this.pos);
			const textEnd = lt === -1 ? len : lt;
			if (textEnd > this.pos) this.text(this.pos, textEnd);
			if (lt === -1) {
				this.pos = len;
				break;
			}
			const c = s.charCodeAt(lt + 1);
			if (c === CH_SLASH) this.closeTag(lt);
			else if (c === CH_QMARK) this.processingInstruction(lt);
			else if (c === CH_BANG) this.markupDeclaration(lt);
			else this.openTag(lt);
		}
		if (this.stack.length > 0) {
			const open = this.stack[this.stack.length - 1];
			this.fail(`Unexpected end of document: element <${open.name}> is not closed`, len);
		}
		if (this.root === null) this.fail('No root element', len);
		return { root: this.root };
	}

	private text(start: number, end: number): void {
		const s = this.s;
		const parent = this.stack.length > 0 ? this.stack[this.stack.length - 1] : null;
		if (parent === null) {
			for (let i = start; i < end; i++) {
				const c = s.charCodeAt(i);
				if (!isWs(c) && !(i === 0 && c === 0xfeff)) {
					this.fail(
						this.root === null ? 'Text before the root element' : 'Text after the root element',
						i,
					);
				}
			}
			return;
		}
		let allWs = true;
		for (let i = start; i < end; i++) {
			if (!isWs(s.charCodeAt(i))) {
				allWs = false;
				break;
			}
		}
		if (allWs && !this.preserveWhitespace) return;
		let raw = s.slice(start, end);
		if (!allWs) {
			const bad = INVALID_CHARS.exec(raw);
			if (bad) this.fail('Character not allowed in XML', start + bad.index);
		}
		if (raw.indexOf('\r') !== -1) raw = raw.replace(/\r\n?/g, '\n');
		if (raw.indexOf('&') !== -1) raw = this.decodeEntities(raw, start);
		this.appendText(parent, raw);
	}

	private appendText(parent: XmlElement, value: string): void {
		const last = parent.children.length > 0 ? parent.children[parent.children.length - 1] : null;
		if (last !== null && last.type === 'text') last.value += value;
		else parent.children.push({ type: 'text', value });
	}

	/**
	 * Expands predefined entities and character references in `raw` (which starts at `offset` in
	 * the source; offsets are approximate after CRLF normalisation, which only shortens text).
	 */
	private decodeEntities(raw: string, offset: number): string {
		let out = '';
		let last = 0;
		let amp = raw.indexOf('&');
		while (amp !== -1) {
			out += raw.slice(last, amp);
			const semi = raw.indexOf(';', amp + 1);
			if (semi === -1 || semi - amp > 32) {
				this.fail("Unescaped '&' or unterminated entity reference", offset + amp);
			}
			const ref = raw.slice(amp + 1, semi);
			if (ref.charCodeAt(0) === 35 /* # */) {
				let cp = NaN;
				if (ref.charCodeAt(1) === 120 /* x */) {
					if (/^[0-9A-Fa-f]{1,8}$/.test(ref.slice(2))) cp = parseInt(ref.slice(2), 16);
				} else if (/^[0-9]{1,10}$/.test(ref.slice(1))) {
					cp = parseInt(ref.slice(1), 10);
				}
				if (!(cp >= 0) || !isAllowedCodePoint(cp)) {
					this.fail(`Invalid character reference &${ref};`, offset + amp);
				}
				out += String.fromCodePoint(cp);
			} else if (Object.prototype.hasOwnProperty.call(PREDEFINED, ref)) {
				out += PREDEFINED[ref];
			} else {
				this.fail(
					`Undefined entity &${ref.slice(0, 40)}; (only the predefined XML entities are allowed)`,
					offset + amp,
					'UNDEFINED_ENTITY',
				);
			}
			last = semi + 1;
			amp = raw.indexOf('&', last);
		}
		return out + raw.slice(last);
	}

	private processingInstruction(lt: number): void {
		const s = this.s;
		let i = lt + 2;
		const nameStart = i;
		while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
		if (i === nameStart) this.fail('Invalid processing instruction target', lt);
		const target = s.slice(nameStart, i);
		const end = s.indexOf('?>', i);
		if (end === -1) this.fail('Unterminated processing instruction', lt);
		if (target.toLowerCase() === 'xml') {
			const bomOffset = s.charCodeAt(0) === 0xfeff ? 1 : 0;
			if (lt !== bomOffset) this.fail('XML declaration is only allowed at the start of the document', lt);
		}
		this.pos = end + 2;
	}

	private markupDeclaration(lt: number): void {
		const s = this.s;
		if (s.startsWith('<!--', lt)) {
			const end = s.indexOf('-->', lt + 4);
			if (end === -1) this.fail('Unterminated comment', lt);
			this.pos = end + 3;
			return;
		}
		if (s.startsWith('<![CDATA[', lt)) {
			const end = s.indexOf(']]>', lt + 9);
			if (end === -1) this.fail('Unterminated CDATA section', lt);
			const parent = this.stack.length > 0 ? this.stack[this.stack.length - 1] : null;
			if (parent === null) this.fail('CDATA section outside the root element', lt);
			let value = s.slice(lt + 9, end);
			const bad = INVALID_CHARS.exec(value);
			if (bad) this.fail('Character not allowed in XML', lt + 9 + bad.index);
			if (value.indexOf('\r') !== -1) value = value.replace(/\r\n?/g, '\n');
			if (value.length > 0) this.appendText(parent, value);
			this.pos = end + 3;
			return;
		}
		const decl = s.slice(lt + 2, lt + 9).toUpperCase();
		if (decl.startsWith('DOCTYPE')) {
			this.fail('DOCTYPE declarations are not allowed', lt, 'DOCTYPE_FORBIDDEN');
		}
		if (decl.startsWith('ENTITY')) {
			this.fail('ENTITY declarations are not allowed', lt, 'ENTITY_FORBIDDEN');
		}
		this.fail('Unexpected markup declaration', lt);
	}

	private readName(start: number, what: string): number {
		const s = this.s;
		if (start >= s.length || !isNameStart(s.charCodeAt(start))) this.fail(`Invalid ${what} name`, start);
		let i = start + 1;
		while (i < s.length && isNameChar(s.charCodeAt(i))) i++;
		return i;
	}

	private openTag(lt: number): void {
		const s = this.s;
		const len = s.length;
		if (this.stack.length === 0 && this.root !== null) this.fail('More than one root element', lt);
		if (this.stack.length >= this.maxDepth) {
			this.fail(`Elements are nested deeper than the limit of ${this.maxDepth}`, lt, 'TOO_DEEP');
		}
		const nameEnd = this.readName(lt + 1, 'element');
		const qname = s.slice(lt + 1, nameEnd);
		let i = nameEnd;
		let rawAttrs: Array<{ name: string; value: string; at: number }> = NO_ATTRS;
		let selfClosing = false;
		let seen: Set<string> | null = null;
		for (;;) {
			const wsStart = i;
			while (i < len && isWs(s.charCodeAt(i))) i++;
			if (i >= len) this.fail(`Unterminated start tag <${qname}>`, lt);
			const c = s.charCodeAt(i);
			if (c === CH_GT) {
				i++;
				break;
			}
			if (c === CH_SLASH) {
				if (s.charCodeAt(i + 1) !== CH_GT) this.fail("Expected '>' after '/'", i);
				selfClosing = true;
				i += 2;
				break;
			}
			if (i === wsStart) this.fail('Whitespace is required between attributes', i);
			const attrNameEnd = this.readName(i, 'attribute');
			const attrName = s.slice(i, attrNameEnd);
			const at = i;
			i = attrNameEnd;
			while (i < len && isWs(s.charCodeAt(i))) i++;
			if (s.charCodeAt(i) !== CH_EQ) this.fail(`Expected '=' after attribute ${attrName}`, i);
			i++;
			while (i < len && isWs(s.charCodeAt(i))) i++;
			const q = s.charCodeAt(i);
			if (q !== CH_DQUOTE && q !== CH_SQUOTE) this.fail(`Attribute value of ${attrName} must be quoted`, i);
			const close = s.indexOf(q === CH_DQUOTE ? '"' : "'", i + 1);
			if (close === -1) this.fail(`Unterminated attribute value of ${attrName}`, i);
			let value = s.slice(i + 1, close);
			const ltInValue = value.indexOf('<');
			if (ltInValue !== -1) this.fail("'<' is not allowed in attribute values", i + 1 + ltInValue);
			const bad = INVALID_CHARS.exec(value);
			if (bad) this.fail('Character not allowed in XML', i + 1 + bad.index);
			// Attribute-value normalisation: literal whitespace becomes a space, then references expand.
			if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n|[\t\n\r]/g, ' ');
			if (value.indexOf('&') !== -1) value = this.decodeEntities(value, i + 1);
			if (seen !== null) {
				if (seen.has(attrName)) this.fail(`Duplicate attribute ${attrName}`, at);
				seen.add(attrName);
			} else {
				for (const a of rawAttrs) {
					if (a.name === attrName) this.fail(`Duplicate attribute ${attrName}`, at);
				}
				if (rawAttrs.length >= 8) seen = new Set([...rawAttrs.map((a) => a.name), attrName]);
			}
			if (rawAttrs.length >= this.maxAttributes) {
				this.fail(
					`More than ${this.maxAttributes} attributes on <${qname}>`,
					at,
					'TOO_MANY_ATTRIBUTES',
				);
			}
			if (rawAttrs === NO_ATTRS) rawAttrs = [];
			rawAttrs.push({ name: attrName, value, at });
			i = close + 1;
		}

		// Namespace declarations first (they apply to the element itself and its attributes).
		let declared: Record<string, string> | undefined;
		for (const a of rawAttrs) {
			let prefix: string | null = null;
			if (a.name === 'xmlns') prefix = '';
			else if (a.name.startsWith('xmlns:')) {
				prefix = a.name.slice(6);
				if (prefix === '' || prefix.indexOf(':') !== -1) this.fail(`Invalid namespace declaration ${a.name}`, a.at, 'NAMESPACE');
				if (a.value === '') this.fail(`Namespace prefix ${prefix} cannot be undeclared`, a.at, 'NAMESPACE');
				if (prefix === 'xmlns') this.fail('The xmlns prefix cannot be declared', a.at, 'NAMESPACE');
				if ((prefix === 'xml') !== (a.value === XML_NS)) {
					this.fail('The xml prefix and its namespace cannot be rebound', a.at, 'NAMESPACE');
				}
			}
			if (prefix !== null) {
				if (declared === undefined) declared = {};
				Object.defineProperty(declared, prefix, {
					value: a.value,
					enumerable: true,
					writable: true,
					configurable: true,
				});
			}
		}
		this.scopes.push(this.scope);
		if (declared !== undefined) this.scope = { map: declared, parent: this.scope };

		const el = this.makeElement(qname, lt, declared);
		for (const a of rawAttrs) {
			if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
			const colon = a.name.indexOf(':');
			let prefix = '';
			let local = a.name;
			let uri = '';
			if (colon !== -1) {
				prefix = a.name.slice(0, colon);
				local = a.name.slice(colon + 1);
				if (local === '' || local.indexOf(':') !== -1) this.fail(`Invalid attribute name ${a.name}`, a.at, 'NAMESPACE');
				const found = prefix === 'xml' ? XML_NS : lookupNs(this.scope, prefix);
				if (found === undefined) this.fail(`Unbound namespace prefix ${prefix}`, a.at, 'NAMESPACE');
				uri = found;
			}
			el.attributes.push({ name: a.name, local, prefix, uri, value: a.value });
		}

		const parent = this.stack.length > 0 ? this.stack[this.stack.length - 1] : null;
		if (parent === null) this.root = el;
		else parent.children.push(el);

		if (selfClosing) {
			this.scope = this.scopes.pop() ?? null;
		} else {
			this.stack.push(el);
		}
		this.pos = i;
	}

	private makeElement(qname: string, at: number, declared: Record<string, string> | undefined): XmlElement {
		const colon = qname.indexOf(':');
		let prefix = '';
		let local = qname;
		if (colon !== -1) {
			prefix = qname.slice(0, colon);
			local = qname.slice(colon + 1);
			if (prefix === '' || local === '' || local.indexOf(':') !== -1) {
				this.fail(`Invalid element name ${qname}`, at, 'NAMESPACE');
			}
		}
		let uri: string | undefined;
		if (prefix === 'xml') uri = XML_NS;
		else uri = lookupNs(this.scope, prefix);
		if (uri === undefined) {
			if (prefix !== '') this.fail(`Unbound namespace prefix ${prefix}`, at, 'NAMESPACE');
			uri = '';
		}
		const el: XmlElement = { type: 'element', name: qname, local, prefix, uri, attributes: [], children: [] };
		if (declared !== undefined) el.namespaces = declared;
		return el;
	}

	private closeTag(lt: number): void {
		const s = this.s;
		const nameEnd = this.readName(lt + 2, 'closing tag');
		const qname = s.slice(lt + 2, nameEnd);
		let i = nameEnd;
		while (i < s.length && isWs(s.charCodeAt(i))) i++;
		if (s.charCodeAt(i) !== CH_GT) this.fail(`Unterminated closing tag </${qname}>`, lt);
		const open = this.stack.pop();
		if (open === undefined) this.fail(`Unexpected closing tag </${qname}>`, lt);
		if (open.name !== qname) {
			this.fail(`Mismatched closing tag </${qname}>, expected </${open.name}>`, lt);
		}
		this.scope = this.scopes.pop() ?? null;
		this.pos = i + 1;
	}
}
