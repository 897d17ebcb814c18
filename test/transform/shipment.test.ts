import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
	m3DateTimeInZone,
	m3DateTimeToIso,
	m3DeliveryToShipmentResults,
	m3DeliveryToShipments,
	resolveCarrier,
	shipmentsToFulfillmentFeed,
	shipmentToConfirmShipment,
} from '../../nodes/shared/mapping/shipment';
import { ShipmentSchema } from '../../nodes/shared/canonical/schemas';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('./helpers.js');

const opts = { marketplaceId: 'ATVPDKIKX0DER', carrierMap: { UPS: { carrierCode: 'UPS', shippingMethod: 'Ground' } } };

describe('M3 delivery -> Shipment -> confirmShipment', () => {
	it('builds the confirmShipment input of docs/contracts.md', () => {
		const r = m3DeliveryToShipments(h.fixture('m3-delivery.json'), opts);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value).toHaveLength(1);
		expect(ShipmentSchema.safeParse(r.value[0]).success).toBe(true);
		const c = shipmentToConfirmShipment(r.value[0]);
		expect(c).toEqual([
			{
				amazonOrderId: '113-1234567-1234567',
				marketplaceId: 'ATVPDKIKX0DER',
				packageReferenceId: '456789',
				idempotencyKey: '113-1234567-1234567#456789',
				confirmShipmentRequest: {
					marketplaceId: 'ATVPDKIKX0DER',
					packageDetail: {
						packageReferenceId: '456789',
						carrierCode: 'UPS',
						carrierName: '',
						shippingMethod: 'Ground',
						trackingNumber: '1Z999AA10123456784',
						shipDate: '2026-11-29T10:00:00+00:00',
						orderItems: [
							{ orderItemId: '11498765431234', quantity: 2 },
							{ orderItemId: '11498765435678', quantity: 1 },
						],
					},
				},
				m3: { DLIX: '456789', ORNO: '1000123', packages: 1 },
			},
		]);
	});

	it('has the request body keys of Amazon sandbox confirmShipment', () => {
		const cases = h.sandboxConfirmShipment();
		const r = m3DeliveryToShipments(h.fixture('m3-delivery.json'), opts);
		if (!r.ok || cases.length === 0) return;
		const body = shipmentToConfirmShipment(r.value[0])[0].confirmShipmentRequest;
		const sample = cases[0].body.value;
		for (const k of Object.keys(body.packageDetail)) expect(Object.keys(sample.packageDetail)).toContain(k);
		expect(Object.keys(body)).toEqual(expect.arrayContaining(['marketplaceId', 'packageDetail']));
	});

	it('falls back to carrier "Other" with a carrier name, and uses the map keys', () => {
		expect(resolveCarrier('ACME', 'EXP', {})).toEqual({ code: 'Other', name: 'ACME' });
		expect(resolveCarrier('dhl', undefined, {})).toEqual({ code: 'DHL' });
		expect(resolveCarrier('X', 'EXP', { '*/EXP': { carrierCode: 'FedEx', shippingMethod: 'Priority' } })).toEqual({ code: 'FedEx', shippingMethod: 'Priority' });
		expect(resolveCarrier('X', 'Y', { 'X/Y': 'Local Courier' })).toEqual({ code: 'Other', name: 'Local Courier' });
	});

	it('converts M3 local dates to UTC ISO', () => {
		expect(m3DateTimeToIso('20261129', '1000', '+01:00')).toBe('2026-11-29T09:00:00Z');
		expect(m3DateTimeToIso('2026-11-29', undefined)).toBe('2026-11-29T00:00:00Z');
		expect(m3DateTimeToIso('2026113', '1000')).toBeUndefined();
	});

	it('splits into one Amazon package per M3 package when packages list their lines', () => {
		const input = h.fixture('m3-delivery.json');
		input.packages = [
			{ DLIX: '456789', PANR: 'P1', ETRN: 'T1', lines: [{ RIDL: '1', RIDX: '0', TRQT: '2' }] },
			{ DLIX: '456789', PANR: 'P2', ETRN: 'T2', lines: [{ RIDL: '2', TRQT: '1' }] },
		];
		const r = m3DeliveryToShipments(input, opts);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const c = shipmentToConfirmShipment(r.value[0]);
		expect(c.map((x) => [x.packageReferenceId, x.confirmShipmentRequest.packageDetail.trackingNumber, x.confirmShipmentRequest.packageDetail.orderItems])).toEqual([
			['45678901', 'T1', [{ orderItemId: '11498765431234', quantity: 2 }]],
			['45678902', 'T2', [{ orderItemId: '11498765435678', quantity: 1 }]],
		]);
	});

	it('reports missing tracking, non-integer quantities, unknown lines and non-Amazon orders', () => {
		const input = h.fixture('m3-delivery.json');
		input.deliveryHeads[0].ETRN = '';
		input.packages = [];
		input.deliveryLines[0].TRQT = '1.5';
		input.orderLines = [];
		input.orderHead.CUOR = 'PO12345';
		const r = m3DeliveryToShipments(input, opts);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['invalid_amazon_order_id', 'missing_order_item_id']));
		const t = h.fixture('m3-delivery.json');
		t.deliveryHeads[0].ETRN = '';
		t.packages = [];
		const r2 = m3DeliveryToShipments(t, opts);
		expect(!r2.ok && r2.issues.map((i) => i.code)).toEqual(['missing_tracking']);
		const q = h.fixture('m3-delivery.json');
		q.deliveryLines[0].TRQT = '1.5';
		const r3 = m3DeliveryToShipments(q, opts);
		expect(!r3.ok && r3.issues.map((i) => i.code)).toEqual(['non_integer_quantity']);
		expect(m3DeliveryToShipments('x', opts).ok).toBe(false);
	});

	it('builds a POST_ORDER_FULFILLMENT_DATA feed', () => {
		const r = m3DeliveryToShipments(h.fixture('m3-delivery.json'), { marketplaceId: 'ATVPDKIKX0DER', carrierMap: { UPS: 'Acme & Sons' } });
		if (!r.ok) throw new Error('mapping failed');
		const { content, messages } = shipmentsToFulfillmentFeed(r.value, 'A2SELLER');
		expect(messages).toBe(1);
		expect(content).toContain('<MerchantIdentifier>A2SELLER</MerchantIdentifier>');
		expect(content).toContain('<MessageType>OrderFulfillment</MessageType>');
		expect(content).toContain('<AmazonOrderID>113-1234567-1234567</AmazonOrderID>');
		expect(content).toContain('<CarrierName>Acme &amp; Sons</CarrierName>');
		expect(content).toContain('<ShipperTrackingNumber>1Z999AA10123456784</ShipperTrackingNumber>');
		expect(content).toContain('<Item><AmazonOrderItemCode>11498765431234</AmazonOrderItemCode><Quantity>2</Quantity></Item>');
		expect(content.match(/<Message>/g)).toHaveLength(1);
	});
});

describe("the Infor M3 node's shipment feedback item (docs/contracts.md)", () => {
	it('maps delivery / getShipmentFeedback output directly', () => {
		const fb = {
			ORNO: '1000000101',
			CUOR: '113-1234567-1234567',
			CUNO: 'AMZUS01',
			ORSL: '66',
			ORST: '66',
			deliveries: [
				{
					DLIX: '8000001', ETRN: '', FWNO: 'UPS', MODL: 'UPS', DSDT: '20261129', DSHM: '1000', PGRS: '60', CONN: '0',
					head: { DLIX: '8000001', ETRN: '', NBOL: 'BOL8000001' },
					lines: [
						{ PONR: '1', POSX: '0', ITNO: 'MUG10001', TRQT: 2, CUOR: '11498765431234', ORQT: 2 },
						{ PONR: '2', POSX: '0', ITNO: 'MUG10002', TRQT: 0, CUOR: '11498765435678', ORQT: 1 },
					],
					packages: [{ PANR: '500001', ETRN: '1ZPKG', PACT: 'BOX', GRWE: 1.2 }],
				},
			],
		};
		const r = m3DeliveryToShipments(fb, { marketplaceByCustomer: { AMZUS01: 'ATVPDKIKX0DER' } });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const c = shipmentToConfirmShipment(r.value[0]);
		expect(c).toHaveLength(1);
		expect(c[0].marketplaceId).toBe('ATVPDKIKX0DER');
		expect(c[0].packageReferenceId).toBe('8000001');
		expect(c[0].confirmShipmentRequest.packageDetail).toMatchObject({
			carrierCode: 'UPS',
			trackingNumber: '1ZPKG',
			shipDate: '2026-11-29T10:00:00+00:00',
			orderItems: [{ orderItemId: '11498765431234', quantity: 2 }],
		});
		expect(m3DeliveryToShipments({ ...fb, deliveries: [] }, {}).ok).toBe(false);
	});
});

describe('ship date in the warehouse time zone (ISO 8601 with offset)', () => {
	// worked by hand: Berlin is UTC+1 in winter, UTC+2 from the last Sunday of March (2026-03-29) to the last Sunday
	// of October (2026-10-25); New York UTC-5, UTC-4 from 2026-03-08 to 2026-11-01; Kolkata UTC+5:30 all year
	it.each([
		['20260315', '1000', 'Europe/Berlin', '2026-03-15T10:00:00+01:00'],
		['20260715', '0930', 'Europe/Berlin', '2026-07-15T09:30:00+02:00'],
		['20261029', '1745', 'Europe/Berlin', '2026-10-29T17:45:00+01:00'],
		['20261129', '0930', 'America/New_York', '2026-11-29T09:30:00-05:00'],
		['20260601', '2359', 'America/New_York', '2026-06-01T23:59:00-04:00'],
		['20260601', '1200', 'Asia/Kolkata', '2026-06-01T12:00:00+05:30'],
		['20260601', '1200', 'UTC', '2026-06-01T12:00:00+00:00'],
		['20260601', '1200', '+01:00', '2026-06-01T12:00:00+01:00'],
		['20260601', '1200', '-0330', '2026-06-01T12:00:00-03:30'],
		// New York, 1:30 on the night clocks go back happens twice: the first (daylight) one is taken
		['20261101', '0130', 'America/New_York', '2026-11-01T01:30:00-04:00'],
	])('%s %s in %s -> %s', (d, t, zone, iso) => {
		expect(m3DateTimeInZone(d, t, zone)).toBe(iso);
		// the same instant as the UTC conversion with that offset
		expect(new Date(iso).toISOString().replace('.000Z', 'Z')).toBe(m3DateTimeToIso(d, t, iso.slice(-6)));
	});

	it('refuses unknown zones and impossible dates', () => {
		expect(m3DateTimeInZone('20260601', '1200', 'Mars/Olympus')).toBeUndefined();
		expect(m3DateTimeInZone('20260230', '1200', 'UTC')).toBeUndefined();
		expect(m3DateTimeInZone('20260601', '2460', 'UTC')).toBeUndefined();
	});

	it('uses the zone of the delivery\'s warehouse, then the default zone; a bad zone fails that delivery', () => {
		const input = h.fixture('m3-delivery.json');
		input.deliveryHeads[0].WHLO = 'DE1';
		const de = m3DeliveryToShipments(input, { ...opts, timeZone: 'America/New_York', warehouseTimeZones: { DE1: 'Europe/Berlin' } });
		expect(de.ok && de.value[0].shipDate).toBe('2026-11-29T10:00:00+01:00');
		const us = m3DeliveryToShipments(input, { ...opts, timeZone: 'America/New_York', warehouseTimeZones: { '001': 'Europe/Berlin' } });
		expect(us.ok && us.value[0].shipDate).toBe('2026-11-29T10:00:00-05:00');
		const bad = m3DeliveryToShipments(input, { ...opts, warehouseTimeZones: { DE1: 'Berlin' } });
		expect(!bad.ok && bad.issues.map((i) => [i.path, i.code])).toEqual([['warehouseTimeZones.DE1', 'invalid_time_zone']]);
	});
});

describe('a result per delivery; only issued deliveries (PGRS)', () => {
	/** an order with two deliveries: 456789 (issued, tracking) and 456790 (as given) */
	function twoDeliveries(second: Record<string, unknown>): Record<string, unknown> {
		const input = h.fixture('m3-delivery.json');
		input.deliveryHeads[0].PGRS = '60';
		input.deliveryLines[1].DLIX = '456790';
		input.deliveryHeads.push({ DLIX: '456790', FWNO: 'UPS', DSDT: '20261130', DSHM: '0800', ...second });
		input.packages = [];
		return input;
	}

	it('a delivery without tracking fails alone: its shipped sibling is still a shipment', () => {
		const r = m3DeliveryToShipmentResults(twoDeliveries({ PGRS: '60', ETRN: '' }), opts);
		expect(r.issues).toEqual([]);
		expect(r.results.map((x) => [x.dlix, !!x.shipment, x.issues.map((i) => i.code)])).toEqual([
			['456789', true, []],
			['456790', false, ['missing_tracking']],
		]);
		expect(r.results[0].shipment?.packages[0].lines).toEqual([{ orderItemId: '11498765431234', quantity: { value: '2', unit: 'EA' }, itemNumber: 'EP-BLK' }]);
		// all-or-nothing form: the failing delivery's issues
		const all = m3DeliveryToShipments(twoDeliveries({ PGRS: '60', ETRN: '' }), opts);
		expect(!all.ok && all.issues.map((i) => i.code)).toEqual(['missing_tracking']);
	});

	it('a tracking number on a delivery still in picking (PGRS below 60) is not a shipment', () => {
		const r = m3DeliveryToShipmentResults(twoDeliveries({ PGRS: '05', ETRN: '1ZPICKING' }), opts);
		expect(r.results.map((x) => x.dlix)).toEqual(['456789']);
		expect(r.skipped).toEqual([{ dlix: '456790', reason: 'not_issued', pgrs: '05' }]);
		// 50 is "not issued" for the default, and issued when the user says PGRS 50 means issued on their tenant
		expect(m3DeliveryToShipmentResults(twoDeliveries({ PGRS: '50', ETRN: '1Z50' }), opts).skipped.map((x) => x.dlix)).toEqual(['456790']);
		expect(m3DeliveryToShipmentResults(twoDeliveries({ PGRS: '50', ETRN: '1Z50' }), { ...opts, issuedFrom: '50' }).results.map((x) => x.dlix)).toEqual([
			'456789',
			'456790',
		]);
		// nothing issued at all: one issue for the item, nothing to confirm
		const none = h.fixture('m3-delivery.json');
		none.deliveryHeads[0].PGRS = '05';
		const r2 = m3DeliveryToShipmentResults(none, opts);
		expect(r2.results).toEqual([]);
		expect(r2.issues.map((i) => i.code)).toEqual(['nothing_shipped']);
	});
});

describe('conformance with the Amazon models (../shared/spapi-models)', () => {
	it('confirmShipmentRequest validates against ordersV0 ConfirmShipmentRequest', () => {
		const schema = h.modelDefinitionSchema('ordersV0.json', 'ConfirmShipmentRequest');
		if (!schema) return;
		const ajv = new Ajv({ strict: false, allErrors: true });
		addFormats(ajv);
		const validate = ajv.compile(schema);
		const r = m3DeliveryToShipments(h.fixture('m3-delivery.json'), opts);
		if (!r.ok) throw new Error('mapping failed');
		for (const c of shipmentToConfirmShipment(r.value[0])) {
			const ok = validate(c.confirmShipmentRequest);
			if (!ok) throw new Error(JSON.stringify(validate.errors));
		}
	});
});
