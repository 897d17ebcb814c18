import { m3ClosedToAmazonCancellation, orderAcknowledgementXml } from '../../nodes/shared/mapping/sellerCancellation';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('../transform/helpers.js') as { fixture(name: string): unknown };

type Json = Record<string, unknown> & { orderId: string; orderItems: Array<Record<string, unknown>>; fulfillment: Record<string, unknown> };
const fixture = (): Json => {
	const d = h.fixture('order-2026-us-mfn.json') as { order?: Json } & Json;
	return JSON.parse(JSON.stringify(d.order ?? d)) as Json;
};
const m3Of = (o: Json, lines: Array<{ i: number; ORST: string; DLQT?: number; RSCD?: string }>) => ({
	ORNO: '1000000123',
	CUOR: o.orderId,
	lines: lines.map((l, k) => ({ PONR: String(k + 1), CUOR: String(o.orderItems[l.i].orderItemId), ORST: l.ORST, DLQT: l.DLQT ?? 0, RSCD: l.RSCD ?? '' })),
});

describe('M3 closed lines -> Amazon cancellation (order acknowledgement feed)', () => {
	it('a line closed without delivery: that item, StatusCode Success; a deleted line too; the reason from the M3 reason code', () => {
		const o = fixture();
		expect(o.orderItems.length).toBeGreaterThanOrEqual(2);
		o.fulfillment.fulfillmentStatus = 'UNSHIPPED';
		const r = m3ClosedToAmazonCancellation(o, m3Of(o, [{ i: 0, ORST: '99', RSCD: 'ADR' }, { i: 1, ORST: '33' }]), { reason: 'NoInventory', reasonMap: { ADR: 'ShippingAddressUndeliverable' } });
		expect(r).toEqual({
			ok: true,
			value: expect.objectContaining({ orderId: o.orderId, statusCode: 'Success', scope: 'items', items: [expect.objectContaining({ orderItemId: o.orderItems[0].orderItemId, reason: 'ShippingAddressUndeliverable', m3: { ORNO: '1000000123', PONR: '1', why: 'closed' } })] }),
		});
		// every open item gone in M3 (one closed, the other deleted): the whole order, StatusCode Failure
		const all = m3ClosedToAmazonCancellation(o, m3Of(o, [{ i: 0, ORST: '99' }]));
		expect(all.ok && all.value).toMatchObject({ statusCode: 'Failure', scope: 'order' });
		expect(all.ok && all.value && all.value.items.map((x) => x.m3.why)).toEqual(['closed', ...o.orderItems.slice(1).map(() => 'deleted')]);
	});

	it('nothing to send: lines open or delivered, items Amazon already cancelled, FBA orders', () => {
		const o = fixture();
		o.fulfillment.fulfillmentStatus = 'UNSHIPPED';
		const lines = o.orderItems.map((_x, i) => ({ i, ORST: i === 0 ? '99' : '33', DLQT: i === 0 ? 1 : 0 }));
		expect(m3ClosedToAmazonCancellation(o, m3Of(o, lines))).toEqual({ ok: true, value: null });
		o.orderItems[0].cancellation = { cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: 'NoInventory' } };
		expect(m3ClosedToAmazonCancellation(o, m3Of(o, o.orderItems.map((_x, i) => ({ i, ORST: i === 0 ? '99' : '33' }))))).toEqual({ ok: true, value: null });
		o.fulfillment.fulfilledBy = 'AMAZON';
		expect(m3ClosedToAmazonCancellation(o, m3Of(o, [{ i: 0, ORST: '99' }]))).toEqual({ ok: true, value: null });
	});

	it('refuses an item Amazon shipped, an unknown reason, another order; the XML follows OrderAcknowledgement', () => {
		const o = fixture();
		o.fulfillment.fulfillmentStatus = 'PARTIALLY_SHIPPED';
		o.orderItems[0].fulfillment = { quantityFulfilled: 1 };
		const lines = o.orderItems.map((_x, i) => ({ i, ORST: i === 0 ? '99' : '33' }));
		const r = m3ClosedToAmazonCancellation(o, m3Of(o, lines));
		expect(r.ok ? [] : r.issues.map((x) => x.code)).toEqual(['shipped_on_amazon']);
		expect(m3ClosedToAmazonCancellation(o, m3Of(o, lines), { reason: 'Whatever' }).ok).toBe(false);
		expect(m3ClosedToAmazonCancellation(o, { ...m3Of(o, lines), CUOR: '111-0000000-0000000' }).ok).toBe(false);
		const xml = orderAcknowledgementXml('A1SELLER', [
			{ kind: 'AmazonCancellation', orderId: '113-1234567-1234567', statusCode: 'Success', scope: 'items', m3OrderNumber: '1000000123', items: [{ orderItemId: '123', reason: 'NoInventory', m3: { ORNO: '1000000123', PONR: '1', why: 'closed' } }] },
		]);
		expect(xml).toContain('<MerchantIdentifier>A1SELLER</MerchantIdentifier></Header><MessageType>OrderAcknowledgement</MessageType>');
		expect(xml).toContain('<Message><MessageID>1</MessageID><OrderAcknowledgement><AmazonOrderID>113-1234567-1234567</AmazonOrderID><MerchantOrderID>1000000123</MerchantOrderID><StatusCode>Success</StatusCode><Item><AmazonOrderItemCode>123</AmazonOrderItemCode><CancelReason>NoInventory</CancelReason></Item></OrderAcknowledgement></Message>');
	});
});
