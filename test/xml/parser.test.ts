import {
	XmlError,
	attr,
	parseXml,
	select,
	selectFirst,
	selectValues,
	textContent,
	toJson,
	type XmlElement,
} from '../../nodes/shared/xml';
import { readBod, readBodBytes } from '../fixtures/bods';

/** Untyped view of toJson output for assertions. */
type Loose = ReturnType<typeof JSON.parse>;

function expectXmlError(fn: () => unknown, code?: string): XmlError {
	let caught: unknown;
	try {
		fn();
	} catch (e) {
		caught = e;
	}
	expect(caught).toBeInstanceOf(XmlError);
	const err = caught as XmlError;
	if (code) expect(err.code).toBe(code);
	expect(err.line).toBeGreaterThanOrEqual(1);
	expect(err.column).toBeGreaterThanOrEqual(1);
	return err;
}

describe('parseXml: structure', () => {
	it('reads a BOD with default namespace, attributes, comments and the XML declaration', () => {
		const doc = parseXml(readBod('SyncShipment.xml'));
		expect(doc.root.local).toBe('SyncShipment');
		expect(doc.root.prefix).toBe('');
		expect(doc.root.uri).toBe('http://schema.infor.com/InforOAGIS/2');
		expect(doc.root.namespaces).toEqual({
			'': 'http://schema.infor.com/InforOAGIS/2',
			xsi: 'http://www.w3.org/2001/XMLSchema-instance',
		});
		expect(attr(doc.root, 'releaseID')).toBe('9.2');
		const schemaLocation = doc.root.attributes.find((a) => a.local === 'schemaLocation');
		expect(schemaLocation).toMatchObject({ prefix: 'xsi', uri: 'http://www.w3.org/2001/XMLSchema-instance' });
		expect(selectFirst(doc, 'ApplicationArea/BODID')).toBe('7f3c2a10-5b6e-4c1d-9e8f-0a1b2c3d4e5f');
		expect(selectFirst(doc, '/SyncShipment/ApplicationArea/Sender/LogicalID')).toBe('lid://infor.m3.m3');
		expect(selectFirst(doc, 'DataArea/Sync/ActionCriteria/ActionExpression/@actionCode')).toBe('Replace');
		expect(selectFirst(doc, 'DataArea/Shipment/ShipmentHeader/ShipToParty/Name')).toBe('Jane Doe & Co.');
		expect(selectValues(doc, 'DataArea/Shipment/ShipmentItem/ShippedQuantity/@unitCode')).toEqual(['EA', 'PCS']);
		// Child elements in document order; whitespace-only text dropped.
		const sender = select(doc, 'ApplicationArea/Sender')[0] as XmlElement;
		expect(sender.children.map((c) => (c.type === 'element' ? c.local : '#text'))).toEqual([
			'LogicalID',
			'ComponentID',
			'ConfirmationCode',
		]);
	});

	it('resolves prefixed namespaces by local name', () => {
		const doc = parseXml(readBod('SyncPurchaseOrder.prefixed.xml'));
		expect(doc.root).toMatchObject({
			name: 'ns0:SyncPurchaseOrder',
			local: 'SyncPurchaseOrder',
			prefix: 'ns0',
			uri: 'http://schema.infor.com/InforOAGIS/2',
		});
		expect(selectFirst(doc, 'ApplicationArea/BODID')).toBe('a&b-1');
		expect(selectFirst(doc, 'DataArea/PurchaseOrder/PurchaseOrderHeader/DocumentID/ID/@variationID')).toBe('1');
	});

	it('matches names case-insensitively by default, exactly on request', () => {
		const doc = parseXml('<a><BodId>1</BodId></a>');
		expect(selectFirst(doc, 'BODID')).toBe('1');
		expect(selectFirst(doc, 'BODID', { ignoreCase: false })).toBeUndefined();
	});

	it('supports predicates, indexes, wildcards and descendants', () => {
		const xml =
			'<r><L type="Warehouse"><ID>W1</ID></L><L type="Other"><ID>O1</ID></L>' +
			'<U><P><NameValue name="TrackingID">T9</NameValue></P></U></r>';
		const doc = parseXml(xml);
		expect(selectFirst(doc, "L[@type='warehouse']/ID")).toBe('W1');
		expect(selectFirst(doc, "L[@type='warehouse']/ID", { ignoreCase: false })).toBeUndefined();
		expect(selectFirst(doc, 'L[2]/ID')).toBe('O1');
		expect(selectValues(doc, '*/ID')).toEqual(['W1', 'O1']);
		expect(selectFirst(doc, "U//NameValue[@name='TrackingID']")).toBe('T9');
		expect(selectFirst(doc, "//NameValue[@name='TrackingID']")).toBe('T9');
		expect(selectFirst(doc, 'L[@type]/@type')).toBe('Warehouse');
	});

	it('reads CDATA, character references and predefined entities', () => {
		const doc = parseXml(
			'<r a="x &amp; &#x41;&#66;&lt;&gt;&quot;&apos;"><![CDATA[<not a tag> & ]]>t&#x1F600;</r>',
		);
		expect(attr(doc.root, 'a')).toBe('x & AB<>"\'');
		expect(textContent(doc.root)).toBe('<not a tag> & t\u{1F600}');
	});

	it('normalises line ends and attribute whitespace', () => {
		const doc = parseXml('<r a="1\n2\t3">x\r\ny\rz</r>');
		expect(attr(doc.root, 'a')).toBe('1 2 3');
		expect(textContent(doc.root)).toBe('x\ny\nz');
	});

	it('skips comments and processing instructions, keeps whitespace on request', () => {
		const doc = parseXml('<?xml version="1.0"?>\n<!-- c --><r><?pi x?> <!-- -- --> <b/> </r>\n<!-- after -->', {
			preserveWhitespace: true,
		});
		expect(doc.root.children.filter((c) => c.type === 'text').length).toBeGreaterThan(0);
		expect(parseXml('<r> <b/> </r>').root.children).toHaveLength(1);
	});

	it('decodes bytes: UTF-8 with BOM, UTF-16LE with BOM, declared ISO-8859-1', () => {
		const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<r>é</r>', 'utf8')]);
		expect(textContent(parseXml(utf8).root)).toBe('é');
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<r>é</r>', 'utf16le')]);
		expect(textContent(parseXml(utf16).root)).toBe('é');
		const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><r>\u00e9</r>', 'latin1');
		expect(textContent(parseXml(latin1).root)).toBe('é');
		expect(textContent(parseXml(readBodBytes('SyncSalesOrder.xml')).root)).toContain('0000012345');
	});
});

describe('parseXml: rejections (XmlError with line/column)', () => {
	it('rejects DOCTYPE (XXE) without expanding anything', () => {
		const err = expectXmlError(() => parseXml(readBod('xxe.xml')), 'DOCTYPE_FORBIDDEN');
		expect(err.line).toBe(2);
		expect(err.column).toBe(1);
		expect(err.message).toMatch(/DOCTYPE.*line 2, column 1/);
	});

	it('rejects the billion-laughs document at its DOCTYPE, before any entity', () => {
		const err = expectXmlError(() => parseXml(readBod('billion-laughs.xml')), 'DOCTYPE_FORBIDDEN');
		expect(err.offset).toBeLessThan(readBod('billion-laughs.xml').indexOf('<!ENTITY'));
	});

	it('rejects a bare ENTITY declaration and undefined entities', () => {
		expectXmlError(() => parseXml('<!ENTITY x "y"><r/>'), 'ENTITY_FORBIDDEN');
		expectXmlError(() => parseXml('<r>&xxe;</r>'), 'UNDEFINED_ENTITY');
		expectXmlError(() => parseXml('<r a="&foo;"/>'), 'UNDEFINED_ENTITY');
		expectXmlError(() => parseXml('<r>&#0;</r>'));
		expectXmlError(() => parseXml('<r>&#xD800;</r>'));
		expectXmlError(() => parseXml('<r>a & b</r>'));
	});

	it.each([
		['<r><a></r>', 1, 7, /Mismatched closing tag <\/r>, expected <\/a>/],
		['<r>\n  <a>\n</b></r>', 3, 1, /Mismatched/],
		['<r>', 1, 4, /not closed/],
		['', 1, 1, /No root element/],
		['<r/><s/>', 1, 5, /More than one root/],
		['hello<r/>', 1, 1, /Text before the root/],
		['<r/>x', 1, 5, /Text after the root/],
		['<r a=1/>', 1, 6, /must be quoted/],
		['<r a="1" a="2"/>', 1, 10, /Duplicate attribute/],
		['<r a="1"b="2"/>', 1, 9, /Whitespace is required/],
		['<r a="<"/>', 1, 7, /'<' is not allowed/],
		['<1r/>', 1, 2, /Invalid element name/],
		['<r><!-- x </r>', 1, 4, /Unterminated comment/],
		['<r><![CDATA[ x </r>', 1, 4, /Unterminated CDATA/],
		['<r\n', 1, 1, /Unterminated start tag/],
		['<p:r/>', 1, 1, /Unbound namespace prefix p/],
		['<r p:a="1"/>', 1, 4, /Unbound namespace prefix p/],
		['<r>\u0001</r>', 1, 4, /not allowed/],
		['<r/><?xml version="1.0"?>', 1, 5, /XML declaration/],
		['</r>', 1, 1, /Unexpected closing tag/],
	])('%j -> line %i column %i', (xml, line, column, re) => {
		const err = expectXmlError(() => parseXml(xml));
		expect({ line: err.line, column: err.column }).toEqual({ line, column });
		expect(err.message).toMatch(re);
	});

	it('enforces the size limit before parsing', () => {
		const big = '<r>' + 'x'.repeat(2000) + '</r>';
		expectXmlError(() => parseXml(big, { maxBytes: 1000 }), 'TOO_LARGE');
		expectXmlError(() => parseXml(Buffer.from(big), { maxBytes: 1000 }), 'TOO_LARGE');
		expect(parseXml(big, { maxBytes: 5000 }).root.local).toBe('r');
	});

	it('enforces the depth limit', () => {
		const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
		expect(parseXml(deep(256)).root.local).toBe('a');
		expectXmlError(() => parseXml(deep(257)), 'TOO_DEEP');
		expectXmlError(() => parseXml(deep(100000)), 'TOO_DEEP');
		expectXmlError(() => parseXml(deep(20), { maxDepth: 10 }), 'TOO_DEEP');
	});

	it('enforces the attribute limit', () => {
		const attrs = Array.from({ length: 300 }, (_, i) => `a${i}="${i}"`).join(' ');
		expectXmlError(() => parseXml(`<r ${attrs}/>`), 'TOO_MANY_ATTRIBUTES');
		expect(parseXml(`<r ${attrs}/>`, { maxAttributes: 300 }).root.attributes).toHaveLength(300);
	});

	it('XmlError serialises with line and column', () => {
		const err = expectXmlError(() => parseXml('<r>\n<a></b>'));
		expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: 'XmlError', line: 2, column: 4, code: 'MALFORMED' });
	});
});

describe('toJson', () => {
	it('gives a compact JSON view keyed by local name', () => {
		const doc = parseXml(readBod('SyncSalesOrder.xml'));
		const json = toJson(doc) as Loose;
		const so = json.SyncSalesOrder;
		expect(so['@releaseID']).toBe('9.2');
		expect(so['@xmlns']).toBeUndefined();
		expect(so.ApplicationArea.BODID).toBe('0b61d005-7e42-41e8-bf47-13039b8bd10d');
		expect(so.DataArea.Sync.LocationID).toBe('');
		expect(so.DataArea.Sync.ActionCriteria.ActionExpression).toEqual({ '@actionCode': 'Replace' });
		expect(Array.isArray(so.DataArea.SalesOrder.SalesOrderLine)).toBe(true);
		expect(so.DataArea.SalesOrder.SalesOrderLine[0].Quantity).toEqual({ '@unitCode': 'EA', '#text': '2' });
		expect(so.DataArea.SalesOrder.SalesOrderHeader.DocumentID.ID).toEqual({
			'@accountingEntity': '100_AAA',
			'@variationID': '7',
			'#text': '0000012345',
		});
	});

	it('keeps __proto__ and similar names as plain data', () => {
		const json = toJson(parseXml('<r><__proto__>x</__proto__><constructor>y</constructor></r>')) as Loose;
		expect(Object.getPrototypeOf(json.r)).toBe(Object.prototype);
		expect(Object.keys(json.r)).toEqual(['__proto__', 'constructor']);
		expect(JSON.parse(JSON.stringify(json)).r.constructor).toBe('y');
	});

	it('supports qualified names and other keys', () => {
		const doc = parseXml(readBod('SyncPurchaseOrder.prefixed.xml'));
		const j = toJson(doc, { qualifiedNames: true, attributePrefix: '$', textKey: '_' }) as Loose;
		expect(j['ns0:SyncPurchaseOrder']['$releaseID']).toBe('9.2');
	});
});

describe('performance', () => {
	it('parses a ~10 MB BOD when the node budget allows it (time: no assertion on a shared machine)', () => {
		const base = readBod('SyncShipment.xml');
		const item = /<ShipmentItem>[\s\S]*?<\/ShipmentItem>/.exec(base)![0];
		const n = Math.ceil((10 * 1024 * 1024 - base.length) / item.length);
		const big = base.replace('</Shipment>', item.repeat(n - 1) + '</Shipment>');
		const bytes = Buffer.from(big);
		expect(bytes.length).toBeLessThanOrEqual(10 * 1024 * 1024 + item.length);
		// A real 10 MB BOD is ~660,000 nodes: over the default node budget on purpose, so raise it here.
		const doc = parseXml(bytes, { maxBytes: 11 * 1024 * 1024, maxNodes: 2_000_000 });
		expect(select(doc, 'DataArea/Shipment/ShipmentItem')).toHaveLength(n + 1);
		expect(() => parseXml(bytes, { maxBytes: 11 * 1024 * 1024 })).toThrow(/More than 100000 nodes/);
	});
});

describe('error messages stay short', () => {
	it('truncates names echoed from the document', () => {
		const name = 'a'.repeat(100000);
		let msg = '';
		try {
			parseXml(`<${name}></b>`);
		} catch (e) {
			msg = (e as XmlError).message;
		}
		expect(msg.length).toBeLessThan(400);
		expect(msg).toMatch(/line 1, column \d+$/);
	});
});
