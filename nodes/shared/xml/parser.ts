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
import { CH_BANG, CH_DQUOTE, CH_EQ, CH_GT, CH_QMARK, CH_SLASH, CH_SQUOTE, INVALID_CHARS, isNameChar, isNameStart, isWs } from './chars';
import {
	DEFAULT_MAX_ATTRIBUTES,
	DEFAULT_MAX_BYTES,
	DEFAULT_MAX_DEPTH,
	DEFAULT_MAX_NODES,
	DEFAULT_MAX_TEXT_LENGTH,
	XML_NS,
	type XmlAttribute,
	type XmlDocument,
	type XmlElement,
	type XmlNode,
	type XmlParseOptions,
} from './document';
import { decodeXmlBytes } from './encoding';
import { refuseDeclaration, skipProcessingInstruction } from './markup';
import { NameTable } from './names';
import { declaredNamespaces, lookupNs, type NsScope } from './namespaces';
import { decodeEntities } from './references';
import { TextBuilder } from './textBuilder';
import { XmlError, failAt, type XmlErrorCode } from './XmlError';

/** Shared by every element without attributes / children (frozen: the tree is read-only once built). */
const EMPTY_ATTRIBUTES: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];
const EMPTY_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

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
	private readonly names = new NameTable();
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

	private fail(reason: string, offset: number, code: XmlErrorCode = 'MALFORMED'): never {
		return failAt(this.s, reason, offset, code);
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
			else if (c === CH_QMARK) this.pos = skipProcessingInstruction(s, lt);
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
		if (raw.indexOf('&') !== -1) raw = decodeEntities(this.s, raw, start, this.decoded);
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
		refuseDeclaration(s, lt);
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
		const qname = this.names.at(s, lt + 1, nameEnd);
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
			const attrName = this.names.at(s, i, attrNameEnd);
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
			if (value.indexOf('&') !== -1) value = decodeEntities(this.s, value, i + 1, this.decoded);
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
		if (hasXmlns) declared = declaredNamespaces(this.s, attrs, attrAt);
		this.scopes.push(this.scope);
		if (declared !== undefined) this.scope = { map: declared, parent: this.scope };

		const el = this.makeElement(qname, lt, declared);
		if (hasPrefixed) {
			for (let k = 0; k < attrs.length; k++) {
				const a = attrs[k];
				const colon = a.name.indexOf(':');
				if (colon === -1 || a.name.startsWith('xmlns:')) continue;
				const [prefix, local] = this.names.split(a.name, colon);
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
			[prefix, local] = this.names.split(qname, colon);
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
