import { createSession, linearWorkflow, runWebhook, type Session, type WorkflowJson } from '../harness';
import { readBod } from '../fixtures/bods';

// Test fixture value, not a secret: built at runtime so it reads as one.
const KEY = ['ion', 'test', 'fixture', '0123456789abcdef'].join('-');
const CREDS = { inforIonWebhookApi: { authType: 'headerKey', headerName: 'X-API-Key', apiKey: KEY } };
const OK_HEADERS = { 'content-type': 'application/xml', 'x-api-key': KEY };

type Loose = ReturnType<typeof JSON.parse>;

function workflow(parameters: Record<string, unknown> = {}, id = 'wf-ion'): WorkflowJson {
	const wf = linearWorkflow([{ type: 'inforIonTrigger', name: 'ION', parameters, credentials: ['inforIonWebhookApi'] }]);
	wf.id = id;
	return wf;
}

async function post(session: Session, wf: WorkflowJson, body: string | Buffer, headers: Record<string, string> = OK_HEADERS) {
	const out = await runWebhook(session, wf, 'ION', { headers, rawBody: body });
	const emitted = out.response.workflowData?.[0] ?? [];
	let resBody: Loose = out.res.body;
	if (typeof resBody === 'string' && resBody.startsWith('{')) resBody = JSON.parse(resBody);
	return { ...out, emitted, resBody };
}

describe('Infor ION Trigger (webhook through n8n-core WebhookContext)', () => {
	let session: Session;
	beforeEach(() => {
		session = createSession({ credentials: CREDS });
		expect(session.missing).not.toContain('dist/nodes/InforIonTrigger/InforIonTrigger.node.js');
	});

	it('SyncShipment BOD -> envelope + normalised extract', async () => {
		const r = await post(session, workflow(), readBod('SyncShipment.xml'));
		expect(r.emitted).toHaveLength(1);
		const j = r.emitted[0].json as Loose;
		expect(j).toMatchObject({
			verb: 'Sync',
			noun: 'Shipment',
			bodType: 'SyncShipment',
			bodId: '7f3c2a10-5b6e-4c1d-9e8f-0a1b2c3d4e5f',
			logicalId: 'lid://infor.m3.m3',
			componentId: 'M3BE',
			accountingEntity: '100_AAA',
			location: '001',
			actionCode: 'Replace',
			creationDateTime: '2026-11-29T09:33:09.770Z',
			creationDateTimeIso: '2026-11-29T09:33:09.770Z',
			documentId: '1000123',
			variationId: '3',
			namespace: 'http://schema.infor.com/InforOAGIS/2',
			format: 'xml',
		});
		expect(j.nounCount).toBe(1);
		// OAGIS repeatable elements are arrays even when single (stable shape, nodes/InforIonTrigger/oagisRepeats.ts).
		expect(j.dataArea.Shipment[0].ShipmentHeader.TrackingID).toEqual(['1Z999AA10123456784']);
		expect(j.dataArea.Shipment[0].ShipmentHeader.DocumentID.ID).toEqual({ '@accountingEntity': '100_AAA', '@location': '001', '@variationID': '3', '@lid': 'lid://infor.m3.m3', '#text': '1000123' });
		expect(j.extract).toEqual({
			type: 'shipment',
			documentId: '1000123',
			variationId: '3',
			status: 'Shipped',
			shipDateTime: '2026-11-29T09:15:00Z',
			shipDateTimeIso: '2026-11-29T09:15:00.000Z',
			trackingNumber: '1Z999AA10123456784',
			trackingNumbers: ['1Z999AA10123456784'],
			carrier: { id: 'UPS', name: 'United Parcel Service' },
			shipMethod: 'Ground',
			shipToPartyId: 'AMZUS01',
			salesOrderNumbers: ['0000012345'],
			customerPoNumbers: ['113-1234567-1234567'],
			lines: [
				{
					position: 1,
					itemId: 'SKU-RED-1',
					quantity: { value: 2, decimal: '2', raw: '2', unitCode: 'EA' },
					salesOrderNumber: '0000012345',
					salesOrderLine: '1',
					customerPoNumber: '113-1234567-1234567',
					customerPoLine: '1',
					packages: [],
				},
				{
					position: 2,
					itemId: 'SKU-BLUE-2',
					quantity: { value: 1.5, decimal: '1.5', raw: '1.5', unitCode: 'PCS' },
					salesOrderNumber: '0000012345',
					salesOrderLine: '2',
					customerPoNumber: '113-1234567-1234567',
					customerPoLine: '2',
					packages: [1],
				},
			],
			packages: [
				{
					position: 1,
					trackingNumber: '1Z999AA10123456785',
					trackingNumbers: ['1Z999AA10123456785'],
					containerId: null,
					status: null,
					shipDateTime: null,
					shipDateTimeIso: null,
					carrier: { id: null, name: null },
					lines: [
						{
							position: 1,
							line: 2,
							match: 'itemId',
							itemId: 'SKU-BLUE-2',
							quantity: { value: 1.5, decimal: '1.5', raw: '1.5', unitCode: 'PCS' },
							salesOrderNumber: null,
							salesOrderLine: null,
							customerPoNumber: null,
							customerPoLine: null,
						},
					],
				},
			],
		});
	});

	it('configurable paths: tracking from the package level when overridden', async () => {
		const wf = workflow({ shipmentPaths: { trackingNumbers: 'ShipmentUnit/TrackingID' } });
		const r = await post(session, wf, readBod('SyncShipment.xml'));
		expect((r.emitted[0].json as Loose).extract.trackingNumbers).toEqual(['1Z999AA10123456785']);
	});

	it('SyncSalesOrder BOD -> sales order extract (TransporationMethodCode spelling accepted)', async () => {
		const r = await post(session, workflow(), readBod('SyncSalesOrder.xml'));
		const j = r.emitted[0].json as Loose;
		expect(j.extract).toMatchObject({
			type: 'salesOrder',
			documentId: '0000012345',
			variationId: '7',
			status: 'Open',
			customerPoNumber: '113-1234567-1234567',
			customerId: 'AMZUS01',
			carrier: { id: 'FEDEX' },
			shipMethod: 'Express',
			trackingNumber: null,
			lines: [
				{ position: 1, lineNumber: '10000', itemId: 'SKU-RED-1', gtin: '00012345678905', quantity: { value: 2, unitCode: 'EA' }, status: 'Open' },
				{ position: 2, lineNumber: '20000', itemId: 'SKU-BLUE-2', gtin: null, quantity: { value: 1, unitCode: 'EA' }, status: null },
			],
		});
	});

	it('same BODID twice -> one execution; the second gets 200 "duplicate"', async () => {
		const wf = workflow();
		const first = await post(session, wf, readBod('SyncShipment.xml'));
		const second = await post(session, wf, readBod('SyncShipment.xml'));
		expect(first.emitted).toHaveLength(1);
		expect(second.emitted).toHaveLength(0);
		expect(second.response.webhookResponse).toMatchObject({ emitted: false, reason: 'duplicate' });
		// A different workflow has its own static data.
		const other = await post(session, workflow({}, 'wf-other'), readBod('SyncShipment.xml'));
		expect(other.emitted).toHaveLength(1);
	});

	it('a delivery answered with an error is not remembered: ION\'s retry of the same BODID is emitted', async () => {
		// the first delivery fails while building the item (a path typed wrong in the node), so it is answered 500
		const broken = workflow({ shipmentPaths: { trackingNumbers: 'ShipmentUnit/@x/y' } }, 'wf-ion-retry');
		const first = await post(session, broken, readBod('SyncShipment.xml'));
		expect(first.res.statusCode).toBe(500);
		expect(first.emitted).toHaveLength(0);
		// fixed, ION sends the same BOD again: it is emitted (neither its BODID nor its variation was remembered)
		const fixed = workflow({}, 'wf-ion-retry');
		const retry = await post(session, fixed, readBod('SyncShipment.xml'));
		expect(retry.emitted).toHaveLength(1);
		// now it is remembered
		const again = await post(session, fixed, readBod('SyncShipment.xml'));
		expect(again.response.webhookResponse).toMatchObject({ emitted: false, reason: 'duplicate' });
	});

	it('stale variationID for the same document is dropped; a newer one passes', async () => {
		const wf = workflow();
		const bod = readBod('SyncShipment.xml');
		const v3 = await post(session, wf, bod);
		const v2 = await post(session, wf, bod.replace('variationID="3"', 'variationID="2"').replace('7f3c2a10', 'aaaaaaaa'));
		const v4 = await post(session, wf, bod.replace('variationID="3"', 'variationID="4"').replace('7f3c2a10', 'bbbbbbbb'));
		expect([v3.emitted.length, v2.emitted.length, v4.emitted.length]).toEqual([1, 0, 1]);
		expect(v2.response.webhookResponse).toMatchObject({ reason: 'stale variationID', latestVariationId: 3 });
	});

	it('master data has a document id, so stale variations are dropped for it too', async () => {
		const wf = workflow();
		const bod = readBod('SyncCustomerPartyMaster.xml');
		const v12 = await post(session, wf, bod);
		const v11 = await post(session, wf, bod.replace('variationID="12"', 'variationID="11"').replace('cpm-0001', 'cpm-0002'));
		const v13 = await post(session, wf, bod.replace('variationID="12"', 'variationID="13"').replace('cpm-0001', 'cpm-0003'));
		expect([v12.emitted.length, v11.emitted.length, v13.emitted.length]).toEqual([1, 0, 1]);
		expect(v12.emitted[0].json).toMatchObject({ noun: 'CustomerPartyMaster', documentId: 'AMZUS01', variationId: '12', creationDateTimeIso: '2021-03-03T06:08:00.000Z' });
		expect((v12.emitted[0].json as Loose).extract).toMatchObject({ type: 'customerPartyMaster', documentId: 'AMZUS01', name: 'Amazon US Marketplace' });
		expect(v11.response.webhookResponse).toMatchObject({ reason: 'stale variationID', latestVariationId: 12 });
		const im = readBod('SyncItemMaster.xml');
		const item = await post(session, wf, im);
		expect(item.emitted[0].json).toMatchObject({ documentId: 'SKU-RED-1', variationId: '7', extract: { type: 'itemMaster', baseUom: 'EA' } });
		// ItemMaster's id is ItemMasterHeader/ItemID/ID: an older variation of the same item is dropped, a newer one not.
		const im6 = await post(session, wf, im.replace('variationID="7"', 'variationID="6"').replace('im-0001', 'im-0002'));
		const im8 = await post(session, wf, im.replace('variationID="7"', 'variationID="8"').replace('im-0001', 'im-0003'));
		expect([im6.emitted.length, im8.emitted.length]).toEqual([0, 1]);
		expect(im6.response.webhookResponse).toMatchObject({ reason: 'stale variationID', latestVariationId: 7 });
	});

	it('BOD without BODID dedupes on a hash of the body', async () => {
		const wf = workflow();
		const a = await post(session, wf, readBod('AcknowledgeWorkflow.nobodid.xml'));
		const b = await post(session, wf, readBod('AcknowledgeWorkflow.nobodid.xml'));
		expect(a.emitted).toHaveLength(1);
		expect(a.emitted[0].json).toMatchObject({ verb: 'Acknowledge', noun: 'Workflow', bodId: null, actionCode: 'Accepted', tenantId: 'TENANT_TST' });
		expect(b.emitted).toHaveLength(0);
	});

	it('DOCTYPE/ENTITY -> 400, nothing emitted, no entity expanded', async () => {
		for (const name of ['xxe.xml', 'billion-laughs.xml']) {
			const r = await post(session, workflow(), readBod(name));
			expect(r.response.noWebhookResponse).toBe(true);
			expect(r.response.workflowData).toBeUndefined();
			expect(r.res.statusCode).toBe(400);
			expect(r.resBody).toMatchObject({ code: 'DOCTYPE_FORBIDDEN', line: 2, column: 1 });
			expect(JSON.stringify(r.resBody)).not.toContain('root:');
			expect(JSON.stringify(r.resBody)).not.toContain('lollol');
		}
		const undefinedEntity = await post(session, workflow(), '<SyncShipment><ApplicationArea><BODID>&xxe;</BODID></ApplicationArea></SyncShipment>');
		expect(undefinedEntity.res.statusCode).toBe(400);
		expect(undefinedEntity.resBody.code).toBe('UNDEFINED_ENTITY');
	});

	it('malformed XML -> 400 naming line and column', async () => {
		const bad = readBod('SyncShipment.xml').replace('</CityName>', '</City>');
		const r = await post(session, workflow(), bad);
		expect(r.res.statusCode).toBe(400);
		expect(r.emitted).toHaveLength(0);
		expect(r.resBody).toMatchObject({ error: 'Bad Request', line: 45, code: 'MALFORMED' });
		expect(r.resBody.message).toMatch(/Mismatched closing tag <\/City>, expected <\/CityName> at line 45, column \d+/);
	});

	it('body over the limit -> 413 (10 MB default; configurable)', async () => {
		const base = readBod('SyncShipment.xml');
		const big = base.replace('</Shipment>', '<!--' + 'x'.repeat(10 * 1024 * 1024) + '--></Shipment>');
		const r = await post(session, workflow(), big);
		expect(r.res.statusCode).toBe(413);
		expect(r.emitted).toHaveLength(0);
		const small = await post(session, workflow({ options: { maxBodyMb: 0.001 } }), base);
		expect(small.res.statusCode).toBe(413);
	});

	it('wrong or missing API key -> 401, nothing emitted', async () => {
		const wrong = await post(session, workflow(), readBod('SyncShipment.xml'), { 'content-type': 'application/xml', 'x-api-key': KEY + 'x' });
		const missing = await post(session, workflow(), readBod('SyncShipment.xml'), { 'content-type': 'application/xml' });
		for (const r of [wrong, missing]) {
			expect(r.res.statusCode).toBe(401);
			expect(r.response.noWebhookResponse).toBe(true);
			expect(r.emitted).toHaveLength(0);
		}
		// Nothing was remembered either: the right key still gets the BOD through.
		const ok = await post(session, workflow(), readBod('SyncShipment.xml'));
		expect(ok.emitted).toHaveLength(1);
	});

	it('Basic auth credential', async () => {
		const s = createSession({ credentials: { inforIonWebhookApi: { authType: 'basic', user: 'ion', password: 'secret-pass' } } });
		const good = 'Basic ' + Buffer.from('ion:secret-pass').toString('base64');
		const bad = 'Basic ' + Buffer.from('ion:nope').toString('base64');
		const r1 = await post(s, workflow(), readBod('SyncSalesOrder.xml'), { authorization: bad });
		expect(r1.res.statusCode).toBe(401);
		expect(r1.res.headers['WWW-Authenticate']).toMatch(/^Basic/);
		const r2 = await post(s, workflow(), readBod('SyncSalesOrder.xml'), { authorization: good });
		expect(r2.emitted).toHaveLength(1);
	});

	it('filters: nouns, verbs, logical id, accounting entity', async () => {
		const cases: Array<[Record<string, unknown>, number]> = [
			[{ nouns: 'SalesOrder' }, 0],
			[{ nouns: 'salesorder, shipment' }, 1],
			[{ verbs: 'Process' }, 0],
			[{ verbs: 'sync' }, 1],
			[{ logicalIds: 'lid://infor.ln.*' }, 0],
			[{ logicalIds: 'infor.m3.*' }, 1],
			[{ accountingEntities: '200_BBB' }, 0],
			[{ accountingEntities: '100_AAA' }, 1],
		];
		let n = 0;
		for (const [params, expected] of cases) {
			const r = await post(session, workflow(params, `wf-filter-${n++}`), readBod('SyncShipment.xml'));
			expect({ params, emitted: r.emitted.length }).toEqual({ params, emitted: expected });
			if (expected === 0) expect(r.response.webhookResponse).toMatchObject({ emitted: false });
		}
	});

	it('"JSON from BOD" bodies (noun only) work with the same extract', async () => {
		const json = {
			Shipment: {
				ShipmentHeader: {
					DocumentID: { ID: { '@variationID': '5', value: 'DLIX-77' } },
					TrackingID: 'TRK-1',
					CarrierParty: { PartyIDs: { ID: 'DHL' } },
				},
				ShipmentItem: [
					{ ItemID: { ID: 'A' }, ShippedQuantity: { '@unitCode': 'EA', value: '3' }, SalesOrderReference: { DocumentID: { ID: 'SO1' } } },
					{ ItemID: { ID: 'B' }, ShippedQuantity: { unitCode: 'KG', value: '0.5' } },
				],
			},
		};
		const r = await post(session, workflow(), JSON.stringify(json), { 'content-type': 'application/json', 'x-api-key': KEY });
		const j = r.emitted[0].json as Loose;
		expect(j).toMatchObject({ noun: 'Shipment', verb: null, format: 'json', documentId: 'DLIX-77', variationId: '5', bodId: null });
		expect(j.extract).toMatchObject({
			trackingNumber: 'TRK-1',
			carrier: { id: 'DHL' },
			salesOrderNumbers: ['SO1'],
			lines: [
				{ itemId: 'A', quantity: { value: 3, unitCode: 'EA' } },
				{ itemId: 'B', quantity: { value: 0.5, unitCode: 'KG' } },
			],
		});
	});

	it('rejects bodies that are neither XML nor JSON, and bad JSON', async () => {
		const r1 = await post(session, workflow(), 'hello');
		expect(r1.res.statusCode).toBe(415);
		const r2 = await post(session, workflow(), '{"a":', { 'x-api-key': KEY });
		expect(r2.res.statusCode).toBe(400);
	});

	it('JSON that is not ION\'s "JSON from BOD" is refused with 400 and a reason, nothing emitted', async () => {
		const json = { 'content-type': 'application/json', 'x-api-key': KEY };
		const ping = await post(session, workflow(), '{"event":"ping"}', json);
		expect(ping.res.statusCode).toBe(400);
		expect(ping.emitted).toHaveLength(0);
		expect(ping.resBody).toMatchObject({ error: 'Bad Request', code: 'NOT_A_BOD' });
		expect(ping.resBody.message).toMatch(/"event" is not a BOD noun/);
		const array = await post(session, workflow(), '[{"Shipment":{"a":"1"}}]', json);
		expect([array.res.statusCode, array.emitted.length]).toEqual([400, 0]);
		const xml = await post(session, workflow(), '<ping/>');
		expect([xml.res.statusCode, xml.resBody.code, xml.emitted.length]).toEqual([400, 'NOT_A_BOD', 0]);
	});

	it('node budget: a body of many small elements is refused with 413 (configurable)', async () => {
		const many = '<SyncShipment><DataArea><Sync/><Shipment>' + '<a/>'.repeat(100000) + '</Shipment></DataArea></SyncShipment>';
		const r = await post(session, workflow(), many);
		expect(r.res.statusCode).toBe(413);
		expect(r.resBody).toMatchObject({ error: 'Payload Too Large', code: 'TOO_MANY_NODES', line: 1 });
		expect(r.emitted).toHaveLength(0);
		const small = await post(session, workflow({ options: { maxNodes: 100 } }), readBod('SyncShipment.xml'));
		expect([small.res.statusCode, small.resBody.code]).toEqual([413, 'TOO_MANY_NODES']);
	});

	it('charset from the Content-Type when the XML declares none; invalid bytes are 400, never U+FFFD', async () => {
		const bod = readBod('SyncShipment.xml').replace('<?xml version="1.0" encoding="UTF-8"?>', '').replace('Jane Doe &amp; Co.', 'Åsa Öberg');
		const latin1 = Buffer.from(bod, 'latin1');
		const ok = await post(session, workflow(), latin1, { 'content-type': 'application/xml; charset=ISO-8859-1', 'x-api-key': KEY });
		expect((ok.emitted[0].json as Loose).dataArea.Shipment[0].ShipmentHeader.ShipToParty.Name).toEqual(['Åsa Öberg']);
		const bad = await post(session, workflow({}, 'wf-2'), latin1, { 'content-type': 'application/xml', 'x-api-key': KEY });
		expect(bad.res.statusCode).toBe(400);
		expect(bad.resBody).toMatchObject({ code: 'ENCODING' });
		expect(bad.emitted).toHaveLength(0);
	});

	it('dates without a zone are read in the configured time zone (default UTC); a bad zone is a 500', async () => {
		const bod = readBod('SyncShipment.xml')
			.replace('<CreationDateTime>2026-11-29T09:33:09.770Z</CreationDateTime>', '<CreationDateTime>2026-11-29T10:33:09</CreationDateTime>')
			.replace('<ActualShipDateTime>2026-11-29T09:15:00Z</ActualShipDateTime>', '<ActualShipDateTime>2026-11-29</ActualShipDateTime>');
		const utc = await post(session, workflow(), bod);
		expect(utc.emitted[0].json).toMatchObject({ creationDateTime: '2026-11-29T10:33:09', creationDateTimeIso: '2026-11-29T10:33:09.000Z' });
		expect((utc.emitted[0].json as Loose).extract.shipDateTimeIso).toBe('2026-11-29T00:00:00.000Z');
		const sthlm = await post(session, workflow({ options: { timeZone: 'Europe/Stockholm' } }, 'wf-tz'), bod);
		expect(sthlm.emitted[0].json).toMatchObject({ creationDateTimeIso: '2026-11-29T09:33:09.000Z' });
		expect((sthlm.emitted[0].json as Loose).extract.shipDateTimeIso).toBe('2026-11-28T23:00:00.000Z');
		const bad = await post(session, workflow({ options: { timeZone: 'Mars/Olympus' } }, 'wf-bad-tz'), bod);
		expect(bad.res.statusCode).toBe(500);
		expect(bad.resBody.message).toMatch(/Unknown time zone/);
	});

	it('Raw BOD as Binary: the received bytes as a file (name, mime, field); default output unchanged', async () => {
		const bod = readBod('SyncShipment.xml');
		const plain = await post(session, workflow({}, 'wf-plain'), bod);
		expect(plain.emitted[0].binary).toBeUndefined();
		const r = await post(session, workflow({ options: { rawBinary: true } }, 'wf-bin'), bod);
		expect(r.emitted).toHaveLength(1);
		// the json is the same as without the option: no text copy unless "Include Raw Body" asks for it
		expect(r.emitted[0].json).toEqual(plain.emitted[0].json);
		expect((r.emitted[0].json as Loose).raw).toBeUndefined();
		const file = r.emitted[0].binary!.data;
		expect(file).toMatchObject({ mimeType: 'application/xml', fileName: 'Shipment-7f3c2a10-5b6e-4c1d-9e8f-0a1b2c3d4e5f.xml', fileExtension: 'xml' });
		const bytes = Buffer.from(file.data, 'base64');
		expect(bytes.equals(Buffer.isBuffer(bod) ? bod : Buffer.from(bod))).toBe(true);
		expect(JSON.stringify(r.emitted[0])).not.toContain(KEY);

		// another field, and the text in the json as well when both are on
		const both = await post(session, workflow({ options: { rawBinary: true, binaryPropertyName: 'bod', includeRaw: true } }, 'wf-both'), bod);
		expect(Object.keys(both.emitted[0].binary!)).toEqual(['bod']);
		expect((both.emitted[0].json as Loose).raw).toBe(Buffer.from(both.emitted[0].binary!.bod.data, 'base64').toString('utf8'));

		// a BOD without BODID is named by the hash it is deduplicated by
		const nobodid = await post(session, workflow({ options: { rawBinary: true } }, 'wf-nobodid'), readBod('AcknowledgeWorkflow.nobodid.xml'));
		expect(nobodid.emitted[0].binary!.data.fileName).toMatch(/^Workflow-sha256_[0-9a-f]{64}\.xml$/);
	});

	it('Raw BOD as Binary: a "JSON from BOD" body is attached as application/json', async () => {
		const body = JSON.stringify({ Shipment: { ShipmentHeader: { DocumentID: { ID: 'DLIX-78' } } } });
		const r = await post(session, workflow({ options: { rawBinary: true } }, 'wf-json-bin'), body, { ...OK_HEADERS, 'content-type': 'application/json' });
		expect(r.emitted).toHaveLength(1);
		const file = r.emitted[0].binary!.data;
		expect(file.mimeType).toBe('application/json');
		expect(file.fileName).toMatch(/^Shipment-sha256_[0-9a-f]{64}\.json$/);
		expect(Buffer.from(file.data, 'base64').toString('utf8')).toBe(body);
	});

	it('webhook lifecycle methods are complete and idempotent', async () => {
		const { InforIonTrigger } = await import('../../nodes/InforIonTrigger/InforIonTrigger.node');
		const node = new InforIonTrigger();
		const store: Record<string, unknown> = {};
		const ctx = { getWorkflowStaticData: () => store, getNodeWebhookUrl: () => 'http://n8n/webhook/abc/ion' };
		const m = node.webhookMethods.default;
		expect(await m.checkExists.call(ctx as never)).toBe(false);
		expect(await m.create.call(ctx as never)).toBe(true);
		expect(await m.checkExists.call(ctx as never)).toBe(true);
		expect(await m.delete.call(ctx as never)).toBe(true);
		expect(await m.checkExists.call(ctx as never)).toBe(false);
	});
});
