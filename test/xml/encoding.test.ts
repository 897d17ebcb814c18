import {
	XmlError,
	contentTypeCharset,
	decodeTextStrict,
	decodeXmlBytes,
	detectXmlEncoding,
	firstInvalidUtf8,
	parseXml,
	textContent,
} from '../../nodes/shared/xml';

function encodingError(fn: () => unknown): XmlError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(XmlError);
		expect((e as XmlError).code).toBe('ENCODING');
		return e as XmlError;
	}
	throw new Error('expected an ENCODING error');
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('which encoding: BOM, else the XML declaration, else Content-Type, else UTF-8', () => {
	it('XML declaration (ISO-8859-1, windows-1252) is used and beats the Content-Type charset', () => {
		const body = latin1('<?xml version="1.0" encoding="ISO-8859-1"?><r>Malmö Café</r>');
		expect(detectXmlEncoding(body, 'utf-8')).toEqual({ encoding: 'iso-8859-1', source: 'declaration', bomLength: 0 });
		expect(textContent(parseXml(body, { charset: 'utf-8' }).root)).toBe('Malmö Café');
		// windows-1252: 0x80 is the euro sign (it is a C1 control in ISO-8859-1, kept as such).
		const euro = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1252"?><r>'), Buffer.from([0x80]), Buffer.from('</r>')]);
		expect(textContent(parseXml(euro).root)).toBe('€');
		const c1 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><r>'), Buffer.from([0x80]), Buffer.from('</r>')]);
		expect(textContent(parseXml(c1).root)).toBe('\u0080');
	});

	it('Content-Type charset is used when the document declares none', () => {
		const body = latin1('<r>Malmö</r>');
		expect(detectXmlEncoding(body, 'iso-8859-1')).toMatchObject({ encoding: 'iso-8859-1', source: 'content-type' });
		expect(textContent(parseXml(body, { charset: 'iso-8859-1' }).root)).toBe('Malmö');
		const declNoEncoding = latin1('<?xml version="1.0"?><r>Malmö</r>');
		expect(textContent(parseXml(declNoEncoding, { charset: 'ISO-8859-1' }).root)).toBe('Malmö');
		// Without the header the same bytes are not UTF-8: refused, never decoded into U+FFFD.
		const e = encodingError(() => parseXml(body));
		expect(e.message).toMatch(/not valid UTF-8 \(no encoding declared\)/);
		expect(e).toMatchObject({ line: 1, column: 8 });
	});

	it('UTF-8 is the default; invalid bytes are an error naming line and column', () => {
		expect(textContent(parseXml(Buffer.from('<r>Göteborg 東京</r>')).root)).toBe('Göteborg 東京');
		const bad = Buffer.concat([Buffer.from('<r>\n  <a>ok</a>\n  <b>'), Buffer.from([0xc3, 0x28]), Buffer.from('</b></r>')]);
		const e = encodingError(() => parseXml(bad));
		expect(e).toMatchObject({ line: 3, column: 6 });
		expect(JSON.stringify(e.toJSON())).not.toContain('\ufffd');
	});

	it('UTF-16 with and without byte order mark, both byte orders', () => {
		const doc = '<?xml version="1.0" encoding="UTF-16"?><SyncShipment><Note>Åre €</Note></SyncShipment>';
		const le = Buffer.from(doc, 'utf16le');
		const be = utf16be(doc);
		for (const bytes of [le, be, Buffer.concat([Buffer.from([0xff, 0xfe]), le]), Buffer.concat([Buffer.from([0xfe, 0xff]), be])]) {
			expect(textContent(parseXml(bytes).root)).toBe('Åre €');
		}
		expect(detectXmlEncoding(be)).toMatchObject({ encoding: 'utf-16be', source: 'pattern' });
		// No declaration at all, no BOM: recognised from the zero bytes beside '<'.
		expect(textContent(parseXml(Buffer.from('<r>x</r>', 'utf16le')).root)).toBe('x');
		// An odd trailing byte or a lone surrogate is invalid UTF-16.
		encodingError(() => parseXml(Buffer.concat([le, Buffer.from([0x41])])));
		encodingError(() => parseXml(Buffer.from('<r>\ud800</r>', 'utf16le')));
	});

	it('contradictions are errors, not guesses', () => {
		// BOM says UTF-8, declaration says Latin-1.
		encodingError(() => parseXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><r/>')])));
		// Declaration says UTF-16 but the bytes are single-byte.
		expect(encodingError(() => parseXml(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><r/>'))).message).toMatch(/not UTF-16/);
		// UTF-16 bytes that declare UTF-8.
		encodingError(() => parseXml(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><r/>', 'utf16le')));
		// Content-Type claims UTF-16 for single-byte content.
		encodingError(() => parseXml(Buffer.from('<r/>'), { charset: 'utf-16' }));
		// Unknown and unsupported encodings.
		expect(encodingError(() => parseXml(Buffer.from('<?xml version="1.0" encoding="x-made-up"?><r/>'))).message).toMatch(/Unsupported encoding "x-made-up"/);
		encodingError(() => parseXml(Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x3c])));
		encodingError(() => parseXml(Buffer.from('<r>é</r>', 'latin1'), { charset: 'us-ascii' }));
	});

	it('a string input is not re-decoded; a BOM character is skipped', () => {
		expect(textContent(parseXml('\ufeff<?xml version="1.0" encoding="ISO-8859-1"?><r>ö</r>').root)).toBe('ö');
		expect(decodeXmlBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x3c, 0x72, 0x2f, 0x3e]))).toBe('<r/>');
	});
});

describe('helpers', () => {
	it('contentTypeCharset reads the charset parameter', () => {
		expect(contentTypeCharset('application/xml; charset=ISO-8859-1')).toBe('iso-8859-1');
		expect(contentTypeCharset('text/xml;charset="utf-16"')).toBe('utf-16');
		expect(contentTypeCharset(['application/json; Charset=UTF-8'])).toBe('utf-8');
		expect(contentTypeCharset('application/xml')).toBeNull();
		expect(contentTypeCharset(undefined)).toBeNull();
	});

	it('firstInvalidUtf8 finds truncated, overlong, surrogate and out-of-range sequences', () => {
		expect(firstInvalidUtf8(Buffer.from('aé東😀'))).toBe(-1);
		expect(firstInvalidUtf8(Buffer.from([0x61, 0xe6, 0x9d]))).toBe(1);
		expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
		expect(firstInvalidUtf8(Buffer.from([0xe0, 0x80, 0x80]))).toBe(0);
		expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2);
		expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
		expect(firstInvalidUtf8(Buffer.from([0x80]))).toBe(0);
	});

	it('decodeTextStrict (JSON bodies): BOM, else charset, else UTF-8, strictly', () => {
		expect(decodeTextStrict(Buffer.from('{"a":"ö"}'))).toBe('{"a":"ö"}');
		expect(decodeTextStrict(latin1('{"a":"ö"}'), 'iso-8859-1')).toBe('{"a":"ö"}');
		expect(decodeTextStrict(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]))).toBe('{}');
		expect(encodingError(() => decodeTextStrict(latin1('{"a":"ö"}'))).column).toBe(7);
	});
});
