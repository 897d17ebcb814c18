import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';

import { readBod as readEnvelope } from '../../nodes/InforIonTrigger/bod';
import { readIonBody } from '../../nodes/InforIonTrigger/body';
import { EXTRACT_NOUNS, SALES_ORDER_PATH_DEFAULTS, SHIPMENT_PATH_DEFAULTS, extractFor } from '../../nodes/InforIonTrigger/extract';
import { toJson, type XmlElement } from '../../nodes/shared/xml';
import { readBod } from '../fixtures/bods';
import { readSchema } from './ionSchemas';

type Loose = ReturnType<typeof JSON.parse>;

const LIMITS = { maxBytes: 10 << 20, maxDepth: 256, maxNodes: 100000, maxTextLength: 1 << 20 };
const OPTIONS = { timeZone: 'UTC', shipmentPaths: SHIPMENT_PATH_DEFAULTS, salesOrderPaths: SALES_ORDER_PATH_DEFAULTS };

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
ajv.addSchema(readSchema('common.schema.json'));
const validators = new Map(EXTRACT_NOUNS.map((n) => [n, ajv.compile(readSchema(`${n}Extract.schema.json`))]));

function extractOf(body: string | Buffer, timeZone = 'UTC') {
	const { doc } = readIonBody(Buffer.isBuffer(body) ? body : Buffer.from(body), { format: 'auto', limits: LIMITS });
	const bod = readEnvelope(doc, 'x', timeZone);
	return { bod, extract: extractFor(bod.envelope.noun ?? '', bod.nounElements, { ...OPTIONS, timeZone }) as Loose };
}

/** The extract validates against its documented schema (all fields present, nothing else). */
function expectSchema(noun: string, extract: unknown): void {
	const validate = validators.get(noun)!;
	const ok = validate(extract);
	expect({ noun, errors: ok ? null : validate.errors }).toEqual({ noun, errors: null });
}

const FIXTURES: Array<[string, string]> = [
	['Shipment', 'SyncShipment.xml'],
	['Shipment', 'SyncShipment.packages.xml'],
	['SalesOrder', 'SyncSalesOrder.xml'],
	['PurchaseOrder', 'SyncPurchaseOrder.xml'],
	['PurchaseOrder', 'SyncPurchaseOrder.prefixed.xml'],
	['CustomerPartyMaster', 'SyncCustomerPartyMaster.xml'],
	['ItemMaster', 'SyncItemMaster.xml'],
	['InventoryCount', 'SyncInventoryCount.xml'],
	['InventoryBalance', 'SyncInventoryBalance.xml'],
];

/** "JSON from BOD" of a fixture's noun: attributes as `@x`, text next to attributes as `value`. */
function jsonFromBod(xml: string): string {
	const { doc } = readIonBody(Buffer.from(xml), { format: 'xml', limits: LIMITS });
	const noun = readEnvelope(doc, 'x').nounElement as XmlElement;
	return JSON.stringify({ [noun.local]: toJson(noun, { textKey: 'value' }) });
}

describe('extracts: one documented shape per noun', () => {
	it.each(FIXTURES)('%s (%s) validates against docs/ion/<Noun>Extract.schema.json, from XML and from "JSON from BOD" alike', (noun, file) => {
		const xml = extractOf(readBod(file)).extract;
		expectSchema(noun, xml);
		const json = extractOf(jsonFromBod(readBod(file))).extract;
		// "JSON from BOD" is one noun: of a two-noun InventoryBalance BOD, the first.
		expect(json).toEqual(noun === 'InventoryBalance' ? { ...xml, balances: xml.balances.slice(0, 1) } : xml);
	});

	it('shipment: packages say which lines they hold, lines say which packages hold them', () => {
		const e = extractOf(readBod('SyncShipment.packages.xml')).extract;
		expect(e.packages.map((p: Loose) => [p.containerId, p.trackingNumber, p.lines.map((l: Loose) => [l.itemId, l.line, l.match])])).toEqual([
			['PKG-1', 'JD0001', [['SKU-A', 1, 'salesOrderLine']]],
			[
				'PKG-2',
				'JD0002',
				[
					['SKU-B', 2, 'customerPoLine'],
					['SKU-D', 5, 'itemId'],
					// SKU-C is on lines 3 and 4: which one cannot be told.
					['SKU-C', null, null],
				],
			],
		]);
		expect(e.lines.map((l: Loose) => [l.itemId, l.packages])).toEqual([
			['SKU-A', [1]],
			['SKU-B', [2]],
			['SKU-C', []],
			['SKU-C', []],
			['SKU-D', [2]],
		]);
		expect(e.lines[0].quantity).toEqual({ value: 2, decimal: '2', raw: '2.000000', unitCode: 'EA' });
		expect(e.packages[1]).toMatchObject({ shipDateTime: '2026-11-30T15:00:00', shipDateTimeIso: '2026-11-30T15:00:00.000Z' });
		expect(e.trackingNumbers).toEqual(['JD0001', 'JD0002']);
		expect(e.salesOrderNumbers).toEqual(['0000020000']);
	});

	it('shipment: a single package that lists no contents holds every line', () => {
		const bod = readBod('SyncShipment.packages.xml').replace(/<ShipmentUnit>[\s\S]*<\/ShipmentUnit>/, '<ShipmentUnit><TrackingID>ONLY</TrackingID></ShipmentUnit>');
		const e = extractOf(bod).extract;
		expect(e.packages).toHaveLength(1);
		expect(e.packages[0].lines.map((l: Loose) => [l.line, l.match])).toEqual([1, 2, 3, 4, 5].map((n) => [n, 'onlyPackage']));
		expect(e.lines.every((l: Loose) => l.packages.length === 1 && l.packages[0] === 1)).toBe(true);
		expectSchema('Shipment', e);
	});

	it('purchase order, customer, item, inventory: values from the fixtures', () => {
		expect(extractOf(readBod('SyncPurchaseOrder.xml')).extract).toMatchObject({
			documentId: '1000000777',
			variationId: '4',
			displayId: '1000000777',
			status: 'Open',
			documentDateTime: '2026-11-20',
			documentDateTimeIso: '2026-11-20T00:00:00.000Z',
			supplier: { id: 'SUP001', name: 'Nordic Parts AB' },
			shipToPartyId: '001',
			totalAmount: { amount: '1234.5', raw: '1234.50', currency: 'SEK' },
			lines: [
				{
					lineNumber: '10000',
					itemId: 'SKU-RED-1',
					gtin: '00012345678905',
					description: 'Red widget',
					quantity: { value: 100, decimal: '100', unitCode: 'EA' },
					unitPrice: { amount: '12.345', currency: 'SEK' },
					deliveryDateTimeIso: '2026-12-01T00:00:00.000Z',
				},
			],
		});
		const cpm = extractOf(readBod('SyncCustomerPartyMaster.xml')).extract;
		expect(cpm).toMatchObject({ documentId: 'AMZUS01', variationId: '12', name: 'Amazon US Marketplace', currency: 'USD', paymentTermId: '30N' });
		expect(cpm.locations[0].address).toEqual({
			type: 'text',
			attentionOf: null,
			lines: ['410 Terry Ave N', 'Suite 100'],
			buildingNumber: null,
			streetName: null,
			city: 'Seattle',
			region: 'WA',
			country: 'US',
			postalCode: '98109',
		});
		expect(cpm.communications.map((c: Loose) => [c.channel, c.value, c.preferred])).toEqual([
			['Phone', '+1 206 000 0000', true],
			['Web Site', 'https://sellercentral.amazon.com', false],
		]);
		expect(extractOf(readBod('SyncItemMaster.xml')).extract).toMatchObject({
			documentId: 'SKU-RED-1',
			variationId: '7',
			gtin: '00012345678905',
			descriptions: [
				{ languageId: 'en-US', text: 'Red widget' },
				{ languageId: 'sv-SE', text: 'Röd manick' },
			],
			status: '20',
			baseUom: 'EA',
			classifications: [{ listId: 'brandcode', code: 'ACME' }],
		});
		expect(extractOf(readBod('SyncInventoryCount.xml'), 'Europe/Stockholm').extract.lines).toMatchObject([
			{ itemId: 'SKU-RED-1', facility: 'WH1', quantity: { decimal: '42' }, transactionDateTimeIso: '2026-11-22T03:59:00.000Z' },
			{ itemId: 'SKU-BLUE-2', quantity: { value: 0.5, decimal: '0.5', raw: '0,5', unitCode: 'KG' }, status: 'Counted' },
		]);
		const ib = extractOf(readBod('SyncInventoryBalance.xml'));
		expect(ib.bod.envelope.nounCount).toBe(2);
		expect(ib.extract.balances.map((b: Loose) => [b.itemId, b.facility, b.quantity?.decimal, b.availableQuantity?.decimal, b.blockedQuantity?.decimal])).toEqual([
			['SKU-RED-1', '001', '17', '15', undefined],
			['SKU-BLUE-2', '002', '0', undefined, '3'],
		]);
		expect(ib.extract.balances[1].transactionDateTimeIso).toBe('2026-11-23T07:00:00.000Z');
	});

	it('master data has document ids (and variations) in the envelope', () => {
		const env = (file: string) => extractOf(readBod(file)).bod.envelope;
		expect(env('SyncCustomerPartyMaster.xml')).toMatchObject({ noun: 'CustomerPartyMaster', documentId: 'AMZUS01', variationId: '12', accountingEntity: '100_AAA' });
		expect(env('SyncItemMaster.xml')).toMatchObject({ noun: 'ItemMaster', documentId: 'SKU-RED-1', variationId: '7' });
		expect(env('SyncInventoryCount.xml')).toMatchObject({ documentId: 'IC-2026-11-22', variationId: '2' });
		expect(env('SyncInventoryBalance.xml')).toMatchObject({ documentId: null, variationId: null });
	});

	it('nouns without an extract give none', () => {
		expect(extractOf(readBod('AcknowledgeWorkflow.nobodid.xml')).extract).toBeNull();
	});
});

describe('stable shapes whatever the data', () => {
	it('the DataArea view keeps OAGIS repeatable elements as arrays with one or two of them', () => {
		const one = readBod('SyncSalesOrder.xml').replace(/<SalesOrderLine>[\s\S]*?<\/SalesOrderLine>\s*(?=<SalesOrderLine>)/, '');
		for (const body of [readBod('SyncSalesOrder.xml'), one]) {
			const da = extractOf(body).bod.dataArea as Loose;
			expect(Array.isArray(da.SalesOrder)).toBe(true);
			expect(Array.isArray(da.SalesOrder[0].SalesOrderLine)).toBe(true);
			expect(Array.isArray(da.SalesOrder[0].SalesOrderHeader.CustomerParty.PartyIDs.ID)).toBe(true);
			expect(typeof da.Sync.AccountingEntityID).toBe('string');
		}
		expect((extractOf(one).bod.dataArea as Loose).SalesOrder[0].SalesOrderLine).toHaveLength(1);
		// "JSON from BOD" and "XML from BOD" give the same view as the whole BOD.
		const nounOnly = extractOf('<Shipment><ShipmentItem><ItemID><ID>A</ID></ItemID></ShipmentItem></Shipment>').bod.dataArea as Loose;
		expect(nounOnly).toEqual({ Shipment: [{ ShipmentItem: [{ ItemID: [{ ID: 'A' }] }] }] });
	});

	it('any element removed from any fixture: the extract still has every field of its schema', () => {
		fc.assert(
			fc.property(fc.constantFrom(...FIXTURES), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), ([noun, file], picks) => {
				let xml = readBod(file);
				for (const p of picks) {
					// Remove the p-th leaf or empty element (keeps the document well-formed).
					const leaves = [...xml.matchAll(/<([A-Za-z][\w.:-]*)(?:\s[^>]*)?(?:\/>|>[^<]*<\/\1>)/g)];
					const skip = leaves.filter((m) => /^(?:[\w]+:)?(ApplicationArea|DataArea|Sync|BODID)$/.test(m[1]));
					const candidates = leaves.filter((m) => !skip.includes(m));
					if (candidates.length === 0) break;
					const m = candidates[p % candidates.length];
					xml = xml.slice(0, m.index) + xml.slice((m.index ?? 0) + m[0].length);
				}
				const { extract } = extractOf(xml);
				expectSchema(noun, extract);
			}),
			{ numRuns: 400 },
		);
	});
});
