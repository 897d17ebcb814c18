/**
 * Bytes -> text for XML documents, strictly (an invalid byte is an error, never U+FFFD).
 *
 * Which encoding (XML 1.0 §4.3.3 and Appendix F): a byte order mark decides; else the `encoding` of the XML
 * declaration; else the charset the transport gave (HTTP Content-Type); else UTF-8. UTF-16 without a byte order
 * mark is recognised from the `<` / `<?` pattern of its first bytes. A declaration that contradicts the bytes
 * (BOM or UTF-16 pattern) is an error rather than a guess.
 */
import { XmlError } from './XmlError';

/** `pattern`: UTF-16 without byte order mark, recognised from its first bytes. */
export type EncodingSource = 'bom' | 'pattern' | 'declaration' | 'content-type' | 'default';

export interface DetectedEncoding {
	/** Canonical name: `utf-8`, `utf-16le`, `utf-16be`, `iso-8859-1`, `us-ascii` or a WHATWG encoding name. */
	encoding: string;
	source: EncodingSource;
	/** Bytes of the byte order mark to skip (0 when none). */
	bomLength: number;
}

type Family = 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'ascii';

const LATIN1 = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'iso-ir-100', 'cp819', 'ibm819']);
const ASCII = new Set(['us-ascii', 'ascii', 'iso646-us', 'ansi_x3.4-1968']);
const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
const UTF16 = new Set(['utf-16', 'utf16', 'ucs-2', 'iso-10646-ucs-2']);

function encodingError(reason: string, bytes: Uint8Array, offset: number): XmlError {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < offset && i < bytes.length; i++) {
		if (bytes[i] === 0x0a) {
			line++;
			lineStart = i + 1;
		}
	}
	return new XmlError(reason, line, offset - lineStart + 1, offset, 'ENCODING');
}

/** `charset` parameter of a Content-Type header value, lower-cased, or null. */
export function contentTypeCharset(contentType: string | string[] | undefined | null): string | null {
	const value = Array.isArray(contentType) ? contentType[0] : contentType;
	if (typeof value !== 'string') return null;
	const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(value);
	const cs = m ? (m[1] ?? m[2] ?? '').trim().toLowerCase() : '';
	return cs === '' ? null : cs;
}

function familyOf(b: Uint8Array): { family: Family; bomLength: number } {
	const n = b.length;
	if (n >= 4 && ((b[0] === 0 && b[1] === 0 && (b[2] === 0xfe || b[2] === 0)) || (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0))) {
		throw encodingError('UTF-32 is not supported; send UTF-8', b, 0);
	}
	if (n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { family: 'utf-8-bom', bomLength: 3 };
	if (n >= 2 && b[0] === 0xff && b[1] === 0xfe) return { family: 'utf-16le', bomLength: 2 };
	if (n >= 2 && b[0] === 0xfe && b[1] === 0xff) return { family: 'utf-16be', bomLength: 2 };
	// No byte order mark: a document starts with '<' (or whitespace), so UTF-16 shows a zero byte beside it.
	if (n >= 2 && b[0] !== 0 && b[1] === 0) return { family: 'utf-16le', bomLength: 0 };
	if (n >= 2 && b[0] === 0 && b[1] !== 0) return { family: 'utf-16be', bomLength: 0 };
	if (n >= 4 && b[0] === 0x4c && b[1] === 0x6f && b[2] === 0xa7 && b[3] === 0x94) {
		throw encodingError('EBCDIC is not supported; send UTF-8', b, 0);
	}
	return { family: 'ascii', bomLength: 0 };
}

/** The `encoding` pseudo-attribute of the XML declaration at `start`, read in the family's code units. */
function declaredEncoding(b: Uint8Array, family: Family, start: number): string | null {
	const unit = family === 'utf-16le' || family === 'utf-16be' ? 2 : 1;
	let head = '';
	for (let i = start; i + unit - 1 < b.length && head.length < 400; i += unit) {
		const c = unit === 1 ? b[i] : family === 'utf-16le' ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1];
		head += String.fromCharCode(c);
		if (c === 0x3e /* > */) break;
	}
	if (!/^<\?xml[\s?]/.test(head)) return null;
	const m = /^<\?xml\s+version\s*=\s*(["'])[^"']*\1\s+encoding\s*=\s*(["'])([^"']*)\2/.exec(head);
	if (!m) return null;
	const name = m[3].trim().toLowerCase();
	if (!/^[a-z][a-z0-9._-]*$/.test(name)) throw encodingError(`Invalid encoding name "${m[3].slice(0, 40)}" in the XML declaration`, b, start);
	return name;
}

function isUtf16Label(label: string): boolean {
	return UTF16.has(label) || label === 'utf-16le' || label === 'utf-16be';
}

/** Decides the encoding of `bytes` (see the file comment); throws XmlError('ENCODING') on contradictions. */
export function detectXmlEncoding(bytes: Uint8Array, contentTypeCharsetValue?: string | null): DetectedEncoding {
	const { family, bomLength } = familyOf(bytes);
	const declared = declaredEncoding(bytes, family, bomLength);
	const hint = contentTypeCharsetValue ? contentTypeCharsetValue.toLowerCase() : null;
	if (family === 'utf-8-bom') {
		if (declared !== null && !UTF8.has(declared)) {
			throw encodingError(`The byte order mark says UTF-8 but the XML declaration says ${declared}`, bytes, 0);
		}
		return { encoding: 'utf-8', source: 'bom', bomLength };
	}
	if (family === 'utf-16le' || family === 'utf-16be') {
		if (declared !== null && !(UTF16.has(declared) || declared === family)) {
			throw encodingError(`The document is UTF-16 (${family}) but the XML declaration says ${declared}`, bytes, 0);
		}
		return { encoding: family, source: bomLength > 0 ? 'bom' : 'pattern', bomLength };
	}
	// ASCII-compatible bytes.
	if (declared !== null) {
		if (isUtf16Label(declared)) {
			throw encodingError(`The XML declaration says ${declared} but the document is not UTF-16`, bytes, 0);
		}
		return { encoding: canonicalLabel(declared, bytes), source: 'declaration', bomLength: 0 };
	}
	if (hint !== null) {
		if (isUtf16Label(hint)) {
			throw encodingError(`The Content-Type says charset=${hint} but the document is not UTF-16`, bytes, 0);
		}
		return { encoding: canonicalLabel(hint, bytes), source: 'content-type', bomLength: 0 };
	}
	return { encoding: 'utf-8', source: 'default', bomLength: 0 };
}

function canonicalLabel(label: string, bytes: Uint8Array): string {
	if (UTF8.has(label)) return 'utf-8';
	if (LATIN1.has(label)) return 'iso-8859-1';
	if (ASCII.has(label)) return 'us-ascii';
	let resolved: string;
	try {
		resolved = new TextDecoder(label).encoding;
	} catch {
		throw encodingError(`Unsupported encoding "${label.slice(0, 40)}"`, bytes, 0);
	}
	if (resolved === 'utf-16le' || resolved === 'utf-16be') {
		throw encodingError(`The encoding "${label.slice(0, 40)}" is UTF-16 but the document is not`, bytes, 0);
	}
	return resolved;
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence (for error positions), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
	const n = b.length;
	let i = 0;
	while (i < n) {
		const c = b[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let min: number;
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else return i;
		if (i + need >= n) return i;
		let cp = c & (0x3f >> need);
		for (let k = 1; k <= need; k++) {
			const d = b[i + k];
			if (d === undefined || (d & 0xc0) !== 0x80) return i;
			cp = (cp << 6) | (d & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
		i += need + 1;
	}
	return -1;
}

/** windows-1252 0x80..0x9F (WHATWG table; the five unassigned bytes stay C1 controls). */
const CP1252_HIGH = [
	0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
	0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80 -> U+0080 instead of U+20AC), so by hand. */
function decodeCp1252(b: Uint8Array): string {
	const parts: string[] = [];
	const codes: number[] = [];
	for (let i = 0; i < b.length; i++) {
		const c = b[i];
		codes.push(c >= 0x80 && c <= 0x9f ? CP1252_HIGH[c - 0x80] : c);
		if (codes.length === 8192) {
			parts.push(String.fromCharCode(...codes));
			codes.length = 0;
		}
	}
	parts.push(String.fromCharCode(...codes));
	return parts.join('');
}

function decodeLatin1(b: Uint8Array): string {
	const parts: string[] = [];
	for (let i = 0; i < b.length; i += 8192) {
		parts.push(String.fromCharCode.apply(null, Array.from(b.subarray(i, Math.min(b.length, i + 8192)))));
	}
	return parts.join('');
}

/**
 * Decodes non-XML text (a JSON body) strictly: a byte order mark decides, else `label` (the transport's
 * charset), else UTF-8. Throws XmlError('ENCODING') naming the byte offset for UTF-8.
 */
export function decodeTextStrict(bytes: Uint8Array, label?: string | null): string {
	let bom = 0;
	let encoding = 'utf-8';
	let source: EncodingSource = 'default';
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = 3;
	else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) [bom, encoding] = [2, 'utf-16le'];
	else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) [bom, encoding] = [2, 'utf-16be'];
	if (bom > 0) source = 'bom';
	else if (label) {
		const l = label.toLowerCase();
		source = 'content-type';
		if (UTF16.has(l)) encoding = bytes.length >= 2 && bytes[0] === 0 ? 'utf-16be' : 'utf-16le';
		else encoding = canonicalLabel(l, bytes);
	}
	return decodeAs(bytes, { encoding, source, bomLength: bom });
}

function decodeAs(bytes: Uint8Array, det: DetectedEncoding): string {
	const body = det.bomLength > 0 ? bytes.subarray(det.bomLength) : bytes;
	if (det.encoding === 'iso-8859-1') return decodeLatin1(body);
	if (det.encoding === 'windows-1252') return decodeCp1252(body);
	if (det.encoding === 'us-ascii') {
		for (let i = 0; i < body.length; i++) {
			if (body[i] > 0x7f) throw encodingError(`Byte 0x${body[i].toString(16)} is not US-ASCII`, bytes, i + det.bomLength);
		}
		return decodeLatin1(body);
	}
	try {
		return new TextDecoder(det.encoding, { fatal: true, ignoreBOM: true }).decode(body);
	} catch (e) {
		if (e instanceof RangeError && /not supported/i.test(e.message)) {
			throw encodingError(`Unsupported encoding "${det.encoding}"`, bytes, 0);
		}
		const at = det.encoding === 'utf-8' ? firstInvalidUtf8(body) : -1;
		const where = at >= 0 ? at + det.bomLength : 0;
		const how = det.source === 'default' ? 'UTF-8 (no encoding declared)' : `${det.encoding} (from the ${det.source})`;
		throw encodingError(`The body is not valid ${how}`, bytes, where);
	}
}

/**
 * Decodes XML bytes strictly. `contentTypeCharsetValue` is the charset the transport declared (used only when
 * there is no byte order mark and no encoding in the XML declaration).
 */
export function decodeXmlBytes(bytes: Uint8Array, contentTypeCharsetValue?: string | null): string {
	return decodeAs(bytes, detectXmlEncoding(bytes, contentTypeCharsetValue));
}
