import { amazonOrderToM3Cancellation } from '../../nodes/shared/mapping/cancellation';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('../transform/helpers.js') as { fixture(name: string): unknown };

type Json = Record<string, unknown> & { orderItems: Array<Record<string, unknown>>; fulfillment: Record<string, unknown> };

function fixture(name: string): Json {
	const d = h.fixture(name) as { order?: Json } & Json;
	return d.order ?? d;
}
const customerMap = { ATVPDKIKX0DER: { CUNO: 'AMZUS01' } };
const buyerCancel = { cancellationRequest: { requester: 'BUYER', cancelReason: 'Changed my mind' }, cancellationExecution: { cancelledBy: 'BUYER', cancelReason: 'Changed my mind' } };

describe('Amazon order -> M3 cancellation', () => {
	it('nothing cancelled: no cancellation', () => {
		expect(amazonOrderToM3Cancellation(fixture('order-2026-us-mfn.json'), { customerMap })).toEqual({ ok: true, value: null });
	});

	it('one item cancelled by the buyer: scope lines, that item only, with who and why', () => {
		const o = fixture('order-2026-us-mfn.json');
		o.orderItems[1].cancellation = buyerCancel;
		const r = amazonOrderToM3Cancellation(o, { customerMap });
		expect(r).toEqual({
			ok: true,
			value: expect.objectContaining({
				kind: 'M3Cancellation',
				CUNO: 'AMZUS01',
				CUOR: o.orderId,
				scope: 'lines',
				lines: [expect.objectContaining({ CUOR: o.orderItems[1].orderItemId })],
				reason: 'Changed my mind',
				requestedBy: 'BUYER',
			}),
		});
	});

	it('a cancelled order without prices or address: scope order, every item', () => {
		const o = fixture('order-2026-us-mfn.json');
		o.fulfillment.fulfillmentStatus = 'CANCELLED';
		delete o.proceeds;
		delete o.recipient;
		for (const it of o.orderItems) {
			delete it.proceeds;
			delete (it.product as Record<string, unknown>).price;
		}
		const r = amazonOrderToM3Cancellation(o, { customerMap });
		expect(r.ok && r.value).toMatchObject({ scope: 'order', lines: o.orderItems.map((it) => ({ CUOR: it.orderItemId })), reason: 'Order cancelled on Amazon' });
	});

	it('an FBA order is never cancelled in M3 this way; an unmapped marketplace is an issue', () => {
		const fba = fixture('order-2026-us-mfn.json');
		fba.fulfillment.fulfillmentStatus = 'CANCELLED';
		fba.fulfillment.fulfilledBy = 'AMAZON';
		expect(amazonOrderToM3Cancellation(fba, { customerMap })).toEqual({ ok: true, value: null });
		const o = fixture('order-2026-us-mfn.json');
		o.fulfillment.fulfillmentStatus = 'CANCELLED';
		const r = amazonOrderToM3Cancellation(o, { customerMap: { A1PA6795UKMFR9: 'AMZDE01' } });
		expect(r).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'customer_not_mapped', path: 'marketplaceId' })] });
	});
});
