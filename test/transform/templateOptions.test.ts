import { createSession, linearWorkflow } from '../harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('./helpers.js');

// Options the workflow templates rely on, run through n8n-core (static data kept by the session as n8n keeps it).
describe('Transform options used by the templates', () => {
	it('amazonToM3 with Import Statuses: orders in other statuses give no output, the rest are planned', async () => {
		const unshipped = h.fixture('order-2026-us-mfn.json');
		const pending = h.fixture('order-2026-us-mfn.json');
		pending.order.orderId = '113-0000000-0000009';
		pending.order.fulfillment = { ...(pending.order.fulfillment ?? {}), fulfillmentStatus: 'PENDING' };
		const wf = linearWorkflow([
			{
				type: 'm3AmazonTransform',
				name: 'T',
				parameters: {
					resource: 'order',
					operation: 'amazonToM3',
					importStatuses: 'UNSHIPPED, PARTIALLY_SHIPPED',
					customerMap: '{"ATVPDKIKX0DER": "AMZUS01"}',
					itemMode: 'identity',
				},
			},
		]);
		const r = await createSession().run(wf, { input: [{ json: unshipped }, { json: pending }] });
		expect(r.status).toBe('success');
		const valid = r.output('T', 0) ?? [];
		expect(valid.map((v) => (v.head as { CUOR: string }).CUOR)).toEqual([unshipped.order.orderId]);
		expect(r.output('T', 1)).toEqual([]);
	});

	const balances = (av: number[]) => [
		{ json: { ITNO: 'A1', WHLO: '001', AV01: av[0], sku: 'SKU-A1' } },
		{ json: { ITNO: 'B2', WHLO: '001', AV01: av[1], skus: ['SKU-B2', 'SKU-B2-EU'] } },
		{ json: { ITNO: 'C3', WHLO: '001', AV01: av[2] } },
	];
	const inventoryWf = (threshold: number) => {
		const wf = linearWorkflow([
			{
				type: 'm3AmazonTransform',
				name: 'T',
				parameters: {
					resource: 'inventory',
					operation: 'm3ToAmazon',
					inventoryOutput: 'auto',
					feedThreshold: threshold,
					sellerId: 'A1SELLER',
					itemMode: 'field',
					bufferValue: 1,
					rememberSent: true,
				},
			},
		]);
		wf.id = `inventory-${threshold}`;
		return wf;
	};

	it('inventory SKU field mode + auto output: a feed from the threshold on, only changed SKUs on the next run', async () => {
		const s = createSession();
		const wf = inventoryWf(3);
		const r1 = await s.run(wf, { input: balances([10, 5, 7]) });
		expect(r1.status).toBe('success');
		const out1 = r1.output('T') ?? [];
		expect(out1).toHaveLength(1);
		const feed = out1[0].feed as { header: { sellerId: string }; messages: Array<{ sku: string; patches: Array<{ value: Array<{ quantity: number }> }> }> };
		expect(feed.header.sellerId).toBe('A1SELLER');
		// C3 has no SKU: not sold on Amazon, left out (not an error)
		expect(feed.messages.map((m) => [m.sku, m.patches[0].value[0].quantity]).sort()).toEqual([
			['SKU-A1', 9],
			['SKU-B2', 4],
			['SKU-B2-EU', 4],
		]);
		expect(r1.output('T', 1)).toEqual([]);

		// second run: only A1 changed -> below the threshold -> one patch item, for A1 only
		const r2 = await s.run(wf, { input: balances([12, 5, 7]) });
		const out2 = r2.output('T') ?? [];
		expect(out2.map((o) => [o.sku, o.quantity])).toEqual([['SKU-A1', 11]]);
		// third run: nothing changed -> nothing to send
		const r3 = await s.run(wf, { input: balances([12, 5, 7]) });
		expect(r3.output('T')).toEqual([]);
	});
});
