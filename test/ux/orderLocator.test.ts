// The Amazon order locator (Order > Get, Get (v0), Confirm Shipment): an ID (3-7-7 digits), the URL of the order's
// Seller Central page (n8n extracts the ID), or the plain string older workflows and the templates hold; runs through
// n8n-core against the SP-API simulator.
import { newSession, runSp, sellerOrders, startSim, type Sim } from '../spapi/helpers';
import type { Session } from '../harness';

const rl = (value: string, mode: string) => ({ __rl: true, mode, value });

describe('Amazon order locator', () => {
	let sim: Sim;
	let session: Session;
	let id: string;
	beforeAll(async () => {
		sim = await startSim();
		session = newSession(sim);
		id = String(sellerOrders(sim)[0].orderId);
	});
	afterAll(async () => {
		await sim.close();
	});

	const requested = (mark: number) =>
		sim.state.requestLog
			.slice(mark)
			.filter((e) => e.kind === 'api')
			.map((e) => String(e.path ?? e.url ?? ''));

	it('reads the order by ID, by Seller Central URL (any regional host, old and new page) and from a plain string', async () => {
		const forms = [
			rl(id, 'id'),
			rl(`https://sellercentral.amazon.com/orders-v3/order/${id}`, 'url'),
			rl(`https://sellercentral-europe.amazon.com/orders-v3/order/${id}?ref=xyz`, 'url'),
			rl(`https://sellercentral.amazon.co.uk/hz/orders/details?_encoding=UTF8&orderId=${id}`, 'url'),
			rl('={{ $json.id }}', 'id'),
			id,
			'={{ $json.id }}',
		];
		for (const orderId of forms) {
			const mark = sim.state.requestLog.length;
			for (const operation of ['get', 'getV0']) {
				const r = await runSp(session, { resource: 'order', operation, orderId, includedData: [] }, [{ id }]);
				expect(r.status).toBe('success');
				const out = r.output('SP') ?? [];
				expect(out).toHaveLength(1);
				expect(out[0].orderId ?? out[0].AmazonOrderId).toBe(id);
			}
			const paths = requested(mark);
			expect(paths.filter((p) => p.includes(id))).toHaveLength(paths.length);
		}
	});

	it('refuses an ID that is not 3-7-7 digits and a URL that is not a Seller Central order page before any call', async () => {
		const mark = sim.state.requestLog.length;
		await expect(runSp(session, { resource: 'order', operation: 'get', orderId: rl('1131234567', 'id') })).rejects.toThrow(
			/Not an Amazon order ID \(3-7-7 digits/,
		);
		await expect(
			runSp(session, { resource: 'order', operation: 'get', orderId: rl(`https://example.com/orders-v3/order/${id}`, 'url') }),
		).rejects.toThrow(/Not the URL of a Seller Central order page/);
		expect(requested(mark)).toEqual([]);
	});

	it('Confirm Shipment (fields) sends the confirmation for the order the URL names', async () => {
		const order = sellerOrders(sim, (o) => o.status === 'UNSHIPPED' && o.marketplaceId === 'ATVPDKIKX0DER')[0];
		const unshipped = String(order.orderId);
		const before = sim.state.shipmentConfirmations.length;
		const r = await runSp(session, {
			resource: 'order',
			operation: 'confirmShipment',
			inputMode: 'fields',
			orderId: rl(`https://sellercentral.amazon.com/orders-v3/order/${unshipped}`, 'url'),
			marketplaceId: rl('ATVPDKIKX0DER', 'id'),
			packageReferenceId: '1',
			carrierCode: 'UPS',
			trackingNumber: '1Z999AA10123456784',
			shipDate: '2026-12-01T10:00:00Z',
			orderItems: JSON.stringify(
				(order.items as Array<Record<string, unknown>>).map((it) => ({ orderItemId: it.orderItemId, quantity: it.quantity })),
			),
		});
		if (r.status !== 'success') throw new Error(JSON.stringify(r.error ?? r.output('SP')).slice(0, 800));
		expect(r.output('SP')?.[0]).toMatchObject({ amazonOrderId: unshipped });
		expect(sim.state.shipmentConfirmations.length).toBe(before + 1);
	});
});
