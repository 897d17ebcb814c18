import { BodyError, jsonFromBodToTree, readIonBody, sniffFormat, type BodyLimits } from '../../nodes/InforIonTrigger/body';
import { selectFirst } from '../../nodes/shared/xml';
import { readBod } from '../fixtures/bods';

const LIMITS: BodyLimits = { maxBytes: 1024 * 1024, maxDepth: 64, maxNodes: 10000, maxTextLength: 4096 };

function read(body: string | Buffer, format: 'auto' | 'xml' | 'json' = 'auto', contentType?: string) {
	return readIonBody(typeof body === 'string' ? Buffer.from(body) : body, { format, contentType, limits: LIMITS });
}

function refused(fn: () => unknown): BodyError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(BodyError);
		return e as BodyError;
	}
	throw new Error('expected a BodyError');
}

describe('JSON bodies: only ION\'s "JSON from BOD" (the noun only; m3-mi-ion.md §4.4)', () => {
	it('accepts {"<Noun>": {...}}', () => {
		const { format, doc } = read('{"Shipment":{"ShipmentHeader":{"DocumentID":{"ID":{"@variationID":"5","value":"D1"}}}}}');
		expect(format).toBe('json');
		expect(doc.root.local).toBe('Shipment');
		expect(selectFirst(doc, 'ShipmentHeader/DocumentID/ID/@variationID')).toBe('5');
		expect(selectFirst(doc, 'ShipmentHeader/DocumentID/ID')).toBe('D1');
	});

	it.each([
		['{"event":"ping"}', /"event" is not a BOD noun/],
		['{"Ping":"pong"}', /must be a non-empty object/],
		['{"Shipment":{}}', /must be a non-empty object/],
		['[{"Shipment":{"a":1}}]', /must be an object .* not an array/],
		['{"Shipment":{"a":1},"SalesOrder":{"a":1}}', /exactly one member, the noun .* it has 2: Shipment, SalesOrder/],
		['{}', /exactly one member.* it has 0/],
		['{"SyncShipment":{"ApplicationArea":{"BODID":"x"},"DataArea":{}}}', /is a whole BOD; ION sends whole BODs as XML/],
		['{"Shipment":{"a b":1}}', /Shipment: "a b" is not an element or attribute name/],
		['{"Shipment":{"Lines":[[1,2]]}}', /Shipment.Lines\[0\]: an array inside an array/],
	])('refuses %s with 400 and a reason', (body, reason) => {
		const e = refused(() => read(body));
		expect(e.status).toBe(400);
		expect(e.code).toBe('NOT_A_BOD');
		expect(e.message).toMatch(reason);
		expect(e.toResponse()).toMatchObject({ error: 'Bad Request', code: 'NOT_A_BOD' });
	});

	it('a JSON scalar is refused when JSON is configured (and is not JSON to the sniffer)', () => {
		expect(refused(() => read('"Shipment"', 'json')).message).toMatch(/not string/);
		expect(refused(() => read('null', 'json')).message).toMatch(/not null/);
		expect(refused(() => read('null')).status).toBe(415);
	});

	it('is budgeted like XML before JSON.parse: values (413), depth (400), string length (413)', () => {
		const many = '{"Shipment":{"x":[' + '0,'.repeat(LIMITS.maxNodes) + '0]}}';
		expect(refused(() => read(many))).toMatchObject({ status: 413, code: 'TOO_MANY_NODES' });
		const deep = '{"Shipment":' + '{"a":'.repeat(70) + '1' + '}'.repeat(71);
		expect(refused(() => read(deep))).toMatchObject({ status: 400, code: 'TOO_DEEP' });
		const long = `{"Shipment":{"Note":"${'x'.repeat(LIMITS.maxTextLength + 1)}"}}`;
		expect(refused(() => read(long))).toMatchObject({ status: 413, code: 'TEXT_TOO_LONG', position: { line: 1, column: 21 } });
		// Escaped quotes do not end a string early.
		expect(read(`{"Shipment":{"Note":"a\\"b,c:d"}}`).doc.root.children).toHaveLength(1);
	});

	it('malformed JSON and invalid UTF-8 are 400', () => {
		expect(refused(() => read('{"Shipment":'))).toMatchObject({ status: 400, code: 'MALFORMED' });
		const bad = Buffer.concat([Buffer.from('{"Shipment":{"a":"'), Buffer.from([0xff]), Buffer.from('"}}')]);
		expect(refused(() => read(bad))).toMatchObject({ status: 400, code: 'ENCODING', position: { line: 1, column: 19 } });
	});

	it('jsonFromBodToTree keeps arrays as repeated elements and scalars as text', () => {
		const doc = jsonFromBodToTree({ SalesOrder: { SalesOrderLine: [{ LineNumber: 1 }, { LineNumber: 2 }], Note: null } });
		expect(doc.root.children.map((c) => (c.type === 'element' ? c.local : '#'))).toEqual(['SalesOrderLine', 'SalesOrderLine', 'Note']);
	});
});

describe('XML bodies: a BOD, or the noun alone ("XML from BOD")', () => {
	it('accepts the fixtures and a noun element alone', () => {
		for (const f of ['SyncShipment.xml', 'SyncSalesOrder.xml', 'SyncPurchaseOrder.prefixed.xml', 'AcknowledgeWorkflow.nobodid.xml']) {
			expect(read(readBod(f)).format).toBe('xml');
		}
		expect(read('<Shipment><ShipmentHeader/></Shipment>').doc.root.local).toBe('Shipment');
		// A BOD without DataArea (header-only samples exist, ion-bods.md §8.7) is still a BOD.
		expect(read('<SyncInvoice><ApplicationArea><BODID>1</BODID></ApplicationArea></SyncInvoice>').doc.root.local).toBe('SyncInvoice');
	});

	it.each([
		['<ping/>', /<ping> is not a BOD/],
		['<html><body/></html>', /<html> is not a BOD/],
		['<Shipment/>', /<Shipment> is not a BOD/],
		['<Envelope><ApplicationArea/></Envelope>', /not named Verb \+ Noun/],
		['<SyncShipment><DataArea><Process/><Shipment/></DataArea></SyncShipment>', /must start with <Sync>, found <Process>/],
		['<SyncShipment><DataArea><Sync/><SalesOrder/></DataArea></SyncShipment>', /carries <SalesOrder> instead of <Shipment>/],
		['<SyncShipment><Sender/><BODID>1</BODID></SyncShipment>', /looks like a BOD without its ApplicationArea/],
	])('refuses %s with 400', (body, reason) => {
		const e = refused(() => read(body));
		expect(e).toMatchObject({ status: 400, code: 'NOT_A_BOD' });
		expect(e.message).toMatch(reason);
	});

	it('XML errors keep their code and position; size budgets are 413', () => {
		expect(refused(() => read('<SyncShipment><a></b></SyncShipment>'))).toMatchObject({ status: 400, code: 'MALFORMED', position: { line: 1, column: 18 } });
		expect(refused(() => read('<Shipment>' + '<a/>'.repeat(LIMITS.maxNodes) + '</Shipment>'))).toMatchObject({ status: 413, code: 'TOO_MANY_NODES' });
		expect(refused(() => readIonBody(Buffer.from('<a/>'), { format: 'auto', limits: { ...LIMITS, maxBytes: 3 } }))).toMatchObject({ status: 413, code: 'TOO_LARGE' });
		expect(refused(() => read(''))).toMatchObject({ status: 400, code: 'EMPTY' });
	});
});

describe('format', () => {
	it('sniffs XML and JSON after BOM and whitespace, in UTF-8 and UTF-16 of both byte orders', () => {
		expect(sniffFormat(Buffer.from('\ufeff \n<r/>'))).toBe('xml');
		expect(sniffFormat(Buffer.from('  {"a":1}'))).toBe('json');
		expect(sniffFormat(Buffer.from(' <r/>', 'utf16le'))).toBe('xml');
		expect(sniffFormat(Buffer.from(' <r/>', 'utf16le').swap16())).toBe('xml');
		expect(sniffFormat(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{}', 'utf16le').swap16()]))).toBe('json');
		expect(sniffFormat(Buffer.from('hello'))).toBeNull();
		expect(refused(() => read('hello'))).toMatchObject({ status: 415, code: 'UNKNOWN_FORMAT' });
	});

	it('a configured format is not second-guessed', () => {
		expect(refused(() => read('{"Shipment":{"a":1}}', 'xml'))).toMatchObject({ status: 400, code: 'MALFORMED' });
		expect(refused(() => read('<Shipment><a/></Shipment>', 'json'))).toMatchObject({ status: 400, code: 'MALFORMED' });
	});

	it('the Content-Type charset decodes XML without a declared encoding', () => {
		const body = Buffer.from('<Shipment><Name>Malmö</Name></Shipment>', 'latin1');
		expect(selectFirst(read(body, 'auto', 'application/xml; charset=ISO-8859-1').doc, 'Name')).toBe('Malmö');
		expect(refused(() => read(body, 'auto', 'application/xml'))).toMatchObject({ status: 400, code: 'ENCODING' });
	});
});
