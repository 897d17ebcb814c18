// The SP-API simulator's POST_ORDER_ACKNOWLEDGEMENT_DATA: the schema it enforces and how it applies a cancellation.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ack = require('../../../simulators/spapi/operations/orderAcknowledgement.js') as {
	parseAcknowledgementXml(xml: string, t: unknown): Array<Record<string, unknown>>;
	applyAcknowledgements(sim: unknown, feed: unknown, msgs: unknown[]): { results: Array<{ code: string; desc: string }>; processed: number; ok: number };
};

const tagAll = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
const tag1 = (xml: string, tag: string) => tagAll(xml, tag)[0]?.trim();
const env = (body: string, type = 'OrderAcknowledgement') =>
	`<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>S1</MerchantIdentifier></Header><MessageType>${type}</MessageType>${body}</AmazonEnvelope>`;
const msg = (id: number, order: string, status: string, items = '') =>
	`<Message><MessageID>${id}</MessageID><OrderAcknowledgement><AmazonOrderID>${order}</AmazonOrderID><StatusCode>${status}</StatusCode>${items}</OrderAcknowledgement></Message>`;
const item = (id: string, reason?: string) => `<Item><AmazonOrderItemCode>${id}</AmazonOrderItemCode>${reason ? `<CancelReason>${reason}</CancelReason>` : ''}</Item>`;

function sim() {
	const changed: string[] = [];
	const orders = new Map<string, Record<string, unknown> & { items: Array<Record<string, unknown>> }>([
		['111-0000001-0000001', { orderId: '111-0000001-0000001', fulfilledBy: 'MERCHANT', status: 'UNSHIPPED', items: [{ orderItemId: 'A', quantityShipped: 0, cancelled: false }, { orderItemId: 'B', quantityShipped: 0, cancelled: false }] }],
		['111-0000002-0000002', { orderId: '111-0000002-0000002', fulfilledBy: 'AMAZON', status: 'SHIPPED', items: [{ orderItemId: 'C', quantityShipped: 1, cancelled: false }] }],
		['111-0000003-0000003', { orderId: '111-0000003-0000003', fulfilledBy: 'MERCHANT', status: 'PARTIALLY_SHIPPED', items: [{ orderItemId: 'D', quantityShipped: 1, cancelled: false }] }],
	]);
	return { changed, s: { state: { orders } as Record<string, unknown>, notifier: { orderChanged: (o: { orderId: string }) => changed.push(o.orderId) } } };
}
const run = (x: ReturnType<typeof sim>, xml: string) => ack.applyAcknowledgements(x.s, { feedId: '1' }, ack.parseAcknowledgementXml(xml, { tagAll, tag1 }));

describe('SP-API simulator: order acknowledgement feed', () => {
	it('refuses documents that are not OrderAcknowledgement envelopes', () => {
		expect(() => ack.parseAcknowledgementXml(env(msg(1, '111-0000001-0000001', 'Failure'), 'OrderFulfillment'), { tagAll, tag1 })).toThrow(/MessageType must be OrderAcknowledgement/);
		expect(() => ack.parseAcknowledgementXml('<x/>', { tagAll, tag1 })).toThrow(/AmazonEnvelope/);
	});

	it('enforces the values: StatusCode, CancelReason, order id; refuses FBA orders and shipped items', () => {
		const x = sim();
		const r = run(
			x,
			env(
				msg(1, '111-0000001-0000001', 'Cancelled') +
					msg(2, '111-0000001-0000001', 'Success', item('A', 'OutOfStock')) +
					msg(3, '12345', 'Failure') +
					msg(4, '111-0000002-0000002', 'Failure') +
					msg(5, '111-0000003-0000003', 'Success', item('D', 'NoInventory')) +
					msg(6, '111-0000001-0000001', 'Success', item('Z', 'NoInventory')),
			),
		);
		expect(r.results.map((e) => e.code)).toEqual(['Error', 'Error', 'Error', 'Error', 'Error', 'Error']);
		expect(r.results.map((e) => e.desc).join('\n')).toMatch(/StatusCode must be Success or Failure[^]*CancelReason "OutOfStock"[^]*3-7-7[^]*fulfilled by Amazon[^]*is shipped[^]*no item Z/);
		expect(x.changed).toEqual([]);
	});

	it('cancels items, then the order; a second cancellation is a warning and changes nothing', () => {
		const x = sim();
		const o = (x.s.state.orders as Map<string, { status: string; items: Array<{ cancelled: boolean }> }>).get('111-0000001-0000001')!;
		expect(run(x, env(msg(1, '111-0000001-0000001', 'Success', item('A', 'NoInventory'))))).toMatchObject({ ok: 1, results: [] });
		expect(o.items.map((i) => i.cancelled)).toEqual([true, false]);
		expect(o.status).toBe('UNSHIPPED');
		expect(run(x, env(msg(1, '111-0000001-0000001', 'Failure')))).toMatchObject({ ok: 1, results: [] });
		expect(o.status).toBe('CANCELLED');
		const again = run(x, env(msg(1, '111-0000001-0000001', 'Failure')));
		expect(again.results).toEqual([expect.objectContaining({ code: 'Warning' })]);
		expect(x.changed).toEqual(['111-0000001-0000001', '111-0000001-0000001']);
		expect((x.s.state.sellerCancellations as unknown[]).length).toBe(2);
	});
});
