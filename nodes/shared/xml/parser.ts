/**
 * A small, safe, dependency-free XML reader (XML 1.0 + Namespaces, non-validating).
 *
 * Safety properties:
 * - DOCTYPE and ENTITY declarations are rejected outright, so no external entity (XXE) can be
 *   fetched and no entity expansion (billion laughs) can happen. Only the five predefined
 *   entities and numeric character references are expanded.
 * - Input size (`maxBytes`), element depth (`maxDepth`), attributes per element (`maxAttributes`), the
 *   number of nodes (`maxNodes`: elements + attributes + text runs) and the length of one text or attribute
 *   value (`maxTextLength`) are limited, so the tree's memory is bounded by the budget, not by what a body
 *   of allowed size can describe (2.5 million `<a/>` fit in 10 MB).
 * - The tree is compact: element and attribute names are shared per distinct name, empty attribute/child lists share one
 *   frozen array and child lists are sized exactly when their element closes.
 * - Single pass, no backtracking, no regular expressions over the whole input: linear time.
 * - Every failure is an {@link XmlError} with line/column.
 */
import { decodeXmlBytes } from './encoding';
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
	/** Maximum nodes: elements + attributes (namespace declarations included) + text runs. Default 100,000. */
	maxNodes?: number;
	/** Maximum length (UTF-16 code units) of one text node or attribute value. Default 1 MiB. */
	maxTextLength?: number;
	/** Keep text nodes that contain only whitespace. Default false. */
	preserveWhitespace?: boolean;
	/** Charset the transport declared (HTTP Content-Type), for byte input without BOM or declared encoding. */
	charset?: string | null;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 256;
export const DEFAULT_MAX_ATTRIBUTES = 256;
export const DEFAULT_MAX_NODES = 100_000;
export const DEFAULT_MAX_TEXT_LENGTH = 1024 * 1024;

/** Distinct names kept for sharing; beyond this names are still read, just not shared. */
const MAX_INTERNED = 4096;

/** Shared by every element without attributes / children (frozen: the tree is read-only once built). */
const EMPTY_ATTRIBUTES: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];
const EMPTY_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

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


const PREDEFINED: Array<[string, string]> = [
	['amp', '&'],
	['lt', '<'],
	['gt', '>'],
	['quot', '"'],
	['apos', "'"],
];

/** The replacement of the predefined entity named by s[start, end), compared in place. */
function predefinedAt(s: string, start: number, end: number): string | undefined {
	for (const [name, value] of PREDEFINED) {
		if (end - start === name.length && s.startsWith(name, start)) return value;
	}
	return undefined;
}

/**
 * Joins many small strings without a chain of string objects (`+=`) and without one huge array of pieces
 * (which would be garbage in V8's large-object space): pieces are joined per chunk, chunks at the end.
 */
class TextBuilder {
	private readonly pieces: string[] = [];
	private chunks: string[] = [];
	length = 0;

	push(piece: string): void {
		this.pieces.push(piece);
		this.length += piece.length;
		if (this.pieces.length >= 1024) {
			this.chunks.push(this.pieces.join(''));
			this.pieces.length = 0;
		}
	}

	/** The text so far; the builder is empty afterwards. */
	take(): string {
		let out: string;
		if (this.chunks.length === 0) out = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
		else {
			if (this.pieces.length > 0) this.chunks.push(this.pieces.join(''));
			out = this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
			this.chunks = [];
		}
		this.pieces.length = 0;
		this.length = 0;
		return out;
	}
}

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
	const text = typeof input === 'string' ? input : decodeXmlBytes(input, options.charset);
	return new Parser(text, options).parse();
}

class Parser {
	private readonly s: string;
	private pos = 0;
	private readonly maxDepth: number;
	private readonly maxAttributes: number;
	private readonly maxNodes: number;
	private readonly maxTextLength: number;
	private readonly preserveWhitespace: boolean;
	private readonly stack: XmlElement[] = [];
	/** Children of all open elements, one after the other; `starts[d]` = where stack[d]'s children begin. */
	private readonly pending: XmlNode[] = [];
	private readonly starts: number[] = [];
	private readonly attrScratch: XmlAttribute[] = [];
	private readonly attrAtScratch: number[] = [];
	/** The text run at the end of the innermost open element. */
	private readonly run = new TextBuilder();
	private runPieces = 0;
	private textAt = 0;
	/** Scratch for entity decoding (one at a time). */
	private readonly decoded = new TextBuilder();
	private nodes = 0;
	/** Interned names by (length, first and last character); a bucket is checked without slicing the source. */
	private readonly names = new Map<number, string[]>();
	private readonly splits = new Map<string, [string, string]>();
	private readonly scopes: Array<NsScope | null> = [];
	private scope: NsScope | null = null;
	private root: XmlElement | null = null;

	constructor(s: string, options: XmlParseOptions) {
		this.s = s;
		this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
		this.maxAttributes = options.maxAttributes ?? DEFAULT_MAX_ATTRIBUTES;
		this.maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
		this.maxTextLength = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
		this.preserveWhitespace = options.preserveWhitespace ?? false;
	}

	/** One more node (element, attribute or text run); past the budget the document is refused. */
	private count(at: number): void {
		if (++this.nodes > this.maxNodes) {
			this.fail(`More than ${this.maxNodes} nodes (elements, attributes and text runs)`, at, 'TOO_MANY_NODES');
		}
	}

	private checkTextLength(length: number, at: number): void {
		if (length > this.maxTextLength) {
			this.fail(`A text or attribute value is longer than the limit of ${this.maxTextLength} characters`, at, 'TEXT_TOO_LONG');
		}
	}

	/** The name at s[start, end) as one shared string per distinct name (no allocation when already known). */
	private nameAt(start: number, end: number): string {
		const s = this.s;
		const key = ((end - start) * 65599 + s.charCodeAt(start)) * 65599 + s.charCodeAt(end - 1);
		const bucket = this.names.get(key);
		if (bucket !== undefined) {
			for (const known of bucket) if (s.startsWith(known, start)) return known;
		}
		const name = s.slice(start, end);
		// Bounded: a document of millions of distinct names must not grow the cache (real BODs have hundreds).
		if (bucket === undefined) {
			if (this.names.size < MAX_INTERNED) this.names.set(key, [name]);
		} else if (bucket.length < 8) bucket.push(name);
		return name;
	}

	/** [prefix, local] of a qualified name, shared per distinct name. */
	private split(qname: string, colon: number): [string, string] {
		let parts = this.splits.get(qname);
		if (parts === undefined) {
			parts = [qname.slice(0, colon), qname.slice(colon + 1)];
			if (this.splits.size < MAX_INTERNED) this.splits.set(qname, parts);
		}
		return parts;
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
		// Before slicing or decoding (decoding only shortens text).
		this.checkTextLength(this.run.length + end - start, this.runPieces > 0 ? this.textAt : start);
		let raw = s.slice(start, end);
		if (!allWs) {
			const bad = INVALID_CHARS.exec(raw);
			if (bad) this.fail('Character not allowed in XML', start + bad.index);
		}
		if (raw.indexOf('\r') !== -1) raw = raw.replace(/\r\n?/g, '\n');
		if (raw.indexOf('&') !== -1) raw = this.decodeEntities(raw, start);
		this.appendText(raw, start);
	}

	/** Adds a piece to the current text run (text next to text, across comments and CDATA, is one node). */
	private appendText(value: string, at: number): void {
		this.count(at);
		if (this.runPieces === 0) this.textAt = at;
		this.checkTextLength(this.run.length + value.length, this.textAt);
		this.run.push(value);
		this.runPieces++;
	}

	/** Ends the current text run: it becomes one text node of the innermost open element. */
	private flushText(): void {
		if (this.runPieces === 0) return;
		this.runPieces = 0;
		this.pending.push({ type: 'text', value: this.run.take() });
	}

	/**
	 * Expands predefined entities and character references in `raw` (which starts at `offset` in
	 * the source; offsets are approximate after CRLF normalisation, which only shortens text).
	 */
	private decodeEntities(raw: string, offset: number): string {
		// References are read in place: a body of a million `&amp;` must not make a million small strings.
		const out = this.decoded;
		let last = 0;
		let amp = raw.indexOf('&');
		while (amp !== -1) {
			if (amp > last) out.push(raw.slice(last, amp));
			const semi = raw.indexOf(';', amp + 1);
			if (semi === -1 || semi - amp > 32) {
				this.fail("Unescaped '&' or unterminated entity reference", offset + amp);
			}
			if (raw.charCodeAt(amp + 1) === 35 /* # */) {
				const hex = raw.charCodeAt(amp + 2) === 120; /* x */
				let cp = 0;
				let digits = 0;
				for (let k = amp + (hex ? 3 : 2); k < semi; k++) {
					const d = raw.charCodeAt(k);
					let v = -1;
					if (d >= 48 && d <= 57) v = d - 48;
					else if (hex && d >= 65 && d <= 70) v = d - 55;
					else if (hex && d >= 97 && d <= 102) v = d - 87;
					if (v < 0 || ++digits > (hex ? 8 : 10)) {
						cp = -1;
						break;
					}
					cp = cp * (hex ? 16 : 10) + v;
				}
				if (cp < 0 || digits === 0 || !isAllowedCodePoint(cp)) {
					this.fail(`Invalid character reference &${raw.slice(amp + 1, semi)};`, offset + amp);
				}
				out.push(String.fromCodePoint(cp));
			} else {
				const predefined = predefinedAt(raw, amp + 1, semi);
				if (predefined === undefined) {
					this.fail(
						`Undefined entity &${raw.slice(amp + 1, Math.min(semi, amp + 41))}; (only the predefined XML entities are allowed)`,
						offset + amp,
						'UNDEFINED_ENTITY',
					);
				}
				out.push(predefined);
			}
			last = semi + 1;
			amp = raw.indexOf('&', last);
		}
		if (last < raw.length) out.push(raw.slice(last));
		return out.take();
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
			if (value.length > 0) this.appendText(value, lt);
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
		this.flushText();
		this.count(lt);
		const nameEnd = this.readName(lt + 1, 'element');
		const qname = this.nameAt(lt + 1, nameEnd);
		let i = nameEnd;
		let selfClosing = false;
		let seen: Set<string> | null = null;
		// Attributes are read into reused scratch arrays; the element gets an exactly sized copy.
		const attrs = this.attrScratch;
		const attrAt = this.attrAtScratch;
		attrs.length = 0;
		attrAt.length = 0;
		let hasXmlns = false;
		let hasPrefixed = false;
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
			this.count(i);
			const attrNameEnd = this.readName(i, 'attribute');
			const attrName = this.nameAt(i, attrNameEnd);
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
			this.checkTextLength(close - i - 1, i + 1);
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
				for (const a of attrs) {
					if (a.name === attrName) this.fail(`Duplicate attribute ${attrName}`, at);
				}
				if (attrs.length >= 8) seen = new Set([...attrs.map((a) => a.name), attrName]);
			}
			if (attrs.length >= this.maxAttributes) {
				this.fail(
					`More than ${this.maxAttributes} attributes on <${qname}>`,
					at,
					'TOO_MANY_ATTRIBUTES',
				);
			}
			if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) hasXmlns = true;
			else if (attrName.indexOf(':') !== -1) hasPrefixed = true;
			attrs.push({ name: attrName, local: attrName, prefix: '', uri: '', value });
			attrAt.push(at);
			i = close + 1;
		}

		// Namespace declarations first (they apply to the element itself and its attributes).
		let declared: Record<string, string> | undefined;
		if (hasXmlns) {
			for (let k = 0; k < attrs.length; k++) {
				const a = attrs[k];
				let prefix: string | null = null;
				if (a.name === 'xmlns') prefix = '';
				else if (a.name.startsWith('xmlns:')) {
					const at = attrAt[k];
					prefix = a.name.slice(6);
					if (prefix === '' || prefix.indexOf(':') !== -1) this.fail(`Invalid namespace declaration ${a.name}`, at, 'NAMESPACE');
					if (a.value === '') this.fail(`Namespace prefix ${prefix} cannot be undeclared`, at, 'NAMESPACE');
					if (prefix === 'xmlns') this.fail('The xmlns prefix cannot be declared', at, 'NAMESPACE');
					if ((prefix === 'xml') !== (a.value === XML_NS)) {
						this.fail('The xml prefix and its namespace cannot be rebound', at, 'NAMESPACE');
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
		}
		this.scopes.push(this.scope);
		if (declared !== undefined) this.scope = { map: declared, parent: this.scope };

		const el = this.makeElement(qname, lt, declared);
		if (hasPrefixed) {
			for (let k = 0; k < attrs.length; k++) {
				const a = attrs[k];
				const colon = a.name.indexOf(':');
				if (colon === -1 || a.name.startsWith('xmlns:')) continue;
				const [prefix, local] = this.split(a.name, colon);
				if (local === '' || local.indexOf(':') !== -1) this.fail(`Invalid attribute name ${a.name}`, attrAt[k], 'NAMESPACE');
				const found = prefix === 'xml' ? XML_NS : lookupNs(this.scope, prefix);
				if (found === undefined) this.fail(`Unbound namespace prefix ${prefix}`, attrAt[k], 'NAMESPACE');
				a.prefix = prefix;
				a.local = local;
				a.uri = found;
			}
		}
		if (attrs.length > 0) {
			el.attributes = hasXmlns ? attrs.filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) : attrs.slice();
			if (el.attributes.length === 0) el.attributes = EMPTY_ATTRIBUTES;
			attrs.length = 0;
		}

		if (this.stack.length === 0) this.root = el;
		else this.pending.push(el);

		if (selfClosing) {
			this.scope = this.scopes.pop() ?? null;
		} else {
			this.stack.push(el);
			this.starts.push(this.pending.length);
		}
		this.pos = i;
	}

	private makeElement(qname: string, at: number, declared: Record<string, string> | undefined): XmlElement {
		const colon = qname.indexOf(':');
		let prefix = '';
		let local = qname;
		if (colon !== -1) {
			[prefix, local] = this.split(qname, colon);
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
		const el: XmlElement = {
			type: 'element',
			name: qname,
			local,
			prefix,
			uri,
			attributes: EMPTY_ATTRIBUTES,
			children: EMPTY_CHILDREN,
		};
		if (declared !== undefined) el.namespaces = declared;
		return el;
	}

	private closeTag(lt: number): void {
		const s = this.s;
		const nameEnd = this.readName(lt + 2, 'closing tag');
		let i = nameEnd;
		while (i < s.length && isWs(s.charCodeAt(i))) i++;
		if (s.charCodeAt(i) !== CH_GT) this.fail(`Unterminated closing tag </${s.slice(lt + 2, nameEnd)}>`, lt);
		this.flushText();
		const open = this.stack.pop();
		if (open === undefined) this.fail(`Unexpected closing tag </${s.slice(lt + 2, nameEnd)}>`, lt);
		// Compared in place: no string is made for the (usual) matching case.
		if (nameEnd - lt - 2 !== open.name.length || !s.startsWith(open.name, lt + 2)) {
			this.fail(`Mismatched closing tag </${s.slice(lt + 2, nameEnd)}>, expected </${open.name}>`, lt);
		}
		const start = this.starts.pop() ?? this.pending.length;
		if (this.pending.length > start) {
			open.children = this.pending.slice(start);
			this.pending.length = start;
		}
		this.scope = this.scopes.pop() ?? null;
		this.pos = i + 1;
	}
}
