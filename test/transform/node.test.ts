import { mockDeep } from 'jest-mock-extended';
import { NodeOperationError, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';
import { M3AmazonTransform } from '../../nodes/M3AmazonTransform/M3AmazonTransform.node';
import { linearWorkflow, runWorkflow } from '../harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('./helpers.js');

const node: INode = {
	id: '1',
	name: 'Transform',
	type: 'n8n-nodes-m3-amazon.m3AmazonTransform',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function ctx(params: Record<string, unknown>, items: INodeExecutionData[], continueOnFail = false) {
	const c = mockDeep<IExecuteFunctions>();
	c.getInputData.mockReturnValue(items);
	c.getNodeParameter.mockImplementation(((name: string, _i: number, fallback?: unknown) =>
		name in params ? params[name] : fallback) as never);
	c.getNode.mockReturnValue(node);
	c.continueOnFail.mockReturnValue(continueOnFail);
	return c;
}

const orderParams = {
	resource: 'order',
	operation: 'amazonToM3',
	customerMap: '{"ATVPDKIKX0DER": "AMZUS01", "ATVPDKIKX0DER:B2B": "AMZUSB2B"}',
	headDefaults: { ORTP: 'A01', FACI: 'A01', WHLO: '001' },
	itemMode: 'map',
	skuMap: '{"ECHO-POP-US-BLK": "EP-BLK", "ECHO-DOT-5": "ED5"}',
	customFieldRules: { rule: [{ source: 'amazon.orderAliases[0].aliasId', target: 'OOHEAD.A030' }] },
};

describe('M3 Amazon Transform node', () => {
	it('inventory: Compare reads the safety buffer as M3 to Amazon does (same figure); a buffer type from an expression that is neither absolute nor percent is refused naming the parameter', async () => {
		const t = new M3AmazonTransform();
		const buffer = { bufferType: 'percent', bufferValue: 10, minQuantity: 0, maxQuantity: 20 };
		const [patch] = await t.execute.call(ctx({ resource: 'inventory', operation: 'm3ToAmazon', inventoryOutput: 'patch', ...buffer }, [{ json: { ITNO: 'A1', WHLO: '001', AV01: '17' } }]));
		expect(patch.map((x) => [x.json.sku, x.json.quantity])).toEqual([['A1', 15]]);
		const compare = { resource: 'inventory', operation: 'compare', sku: 'A1', m3Available: '17', amazonQuantity: '3', onlyDifferences: false };
		const [report] = await t.execute.call(ctx({ ...compare, ...buffer }, [{ json: {} }]));
		expect(report[0].json).toMatchObject({ sku: 'A1', m3Available: 17, expected: 15, amazon: 3, difference: -12 });
		const [ok, bad] = await t.execute.call(ctx({ ...compare, ...buffer, bufferType: 'percentage' }, [{ json: {} }], true));
		expect(ok).toHaveLength(0);
		expect(bad[0].json).toMatchObject({
			error: 'bufferType: bufferType must be absolute or percent',
			details: { kind: 'invalid', operation: 'inventory.compare', reasons: [{ path: 'bufferType', code: 'invalid_parameter' }] },
		});
	});

	it('describes a usable-as-tool transform node with Valid/Invalid outputs', () => {
		const d = new M3AmazonTransform().description;
		expect(d.name).toBe('m3AmazonTransform');
		expect(d.displayName).toBe('M3 Amazon Transform');
		expect(d.usableAsTool).toBe(true);
		expect(d.version).toBe(1);
		expect(d.credentials).toBeUndefined();
		expect(d.outputNames).toEqual(['Valid', 'Invalid']);
		const names = new Set<string>();
		for (const p of d.properties) names.add(p.name);
		for (const n of ['customerMap', 'skuMap', 'chargeMap', 'carrierMap', 'accountMap', 'm3ToAmazonRules', 'amazonToM3Table', 'overrides', 'parmLayout']) {
			expect(names.has(n)).toBe(true);
		}
	});

	it('execute(): valid orders to output 1, invalid to output 2 with issues + input, pairedItem on all', async () => {
		const bad = h.fixture('order-2026-us-mfn.json');
		bad.order.orderItems[0].product.sellerSku = 'NOT-IN-MAP';
		const items = [{ json: h.fixture('order-2026-us-mfn.json') }, { json: bad }, { json: { junk: true } }];
		const [valid, invalid] = await new M3AmazonTransform().execute.call(ctx(orderParams, items));
		expect(valid).toHaveLength(1);
		expect(valid[0].pairedItem).toEqual({ item: 0 });
		expect(valid[0].json.head).toMatchObject({ CUNO: 'AMZUSB2B', CUOR: '113-1234567-1234567', ORTP: 'A01' });
		expect(valid[0].json.customFields).toEqual([{ FILE: 'OOHEAD', values: { A030: 'SO-1001' } }]);
		expect(invalid.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// one failure shape for every node: { error, details: { reasons, input, node, operation } }
		expect(Object.keys(invalid[0].json).sort()).toEqual(['details', 'error']);
		expect(invalid[0].json.error).toMatch(/^lines\[0\]\.sku: /);
		const d0 = invalid[0].json.details as Record<string, unknown>;
		expect(d0.reasons).toEqual([{ path: 'lines[0].sku', code: 'sku_not_mapped', message: expect.any(String) }]);
		expect(d0).toMatchObject({ node: 'Transform', operation: 'order.amazonToM3', system: 'transform', kind: 'invalid', retryable: false });
		expect(d0.input).toEqual(bad);
		expect(((invalid[1].json.details as { reasons: Array<{ code: string }> }).reasons)[0].code).toBe('unrecognized_order');
	});

	it('execute(): bad JSON parameter -> NodeOperationError, or an invalid item under continueOnFail', async () => {
		const items = [{ json: h.fixture('order-2026-us-mfn.json') }];
		await expect(new M3AmazonTransform().execute.call(ctx({ ...orderParams, skuMap: '{oops' }, items))).rejects.toBeInstanceOf(NodeOperationError);
		const [valid, invalid] = await new M3AmazonTransform().execute.call(ctx({ ...orderParams, skuMap: '{oops' }, items, true));
		expect(valid).toEqual([]);
		expect((invalid[0].json.details as { reasons: unknown }).reasons).toEqual([{ path: 'skuMap', code: 'invalid_parameter', message: expect.stringContaining('not valid JSON') }]);
		expect(invalid[0].pairedItem).toEqual({ item: 0 });
	});

	it('execute(): canonical order operation, input field', async () => {
		const [c] = await new M3AmazonTransform().execute.call(
			ctx({ resource: 'order', operation: 'amazonToCanonical', inputField: 'data' }, [{ json: { data: h.fixture('order-v0-us.json') } }]),
		);
		expect(c[0].json).toMatchObject({ kind: 'Order', canonicalVersion: 1, source: { system: 'amazon', id: '902-1845936-5435065' } });
	});

	it('execute(): shipment, status, inventory feed and GL batch', async () => {
		const t = new M3AmazonTransform();
		const [ship] = await t.execute.call(ctx({ resource: 'shipment', operation: 'm3ToAmazon', shipmentOutput: 'confirmShipment', marketplaceId: 'ATVPDKIKX0DER', carrierMap: '{}' }, [{ json: h.fixture('m3-delivery.json') }]));
		expect(ship[0].json).toMatchObject({ amazonOrderId: '113-1234567-1234567', idempotencyKey: '113-1234567-1234567#456789' });
		const [feed] = await t.execute.call(
			ctx({ resource: 'shipment', operation: 'm3ToAmazon', shipmentOutput: 'feed', sellerId: 'A2', marketplaceId: 'ATVPDKIKX0DER' }, [{ json: h.fixture('m3-delivery.json') }, { json: h.fixture('m3-delivery.json') }]),
		);
		expect(feed).toHaveLength(1);
		expect(feed[0].json.messages).toBe(2);
		expect(feed[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		const [st] = await t.execute.call(ctx({ resource: 'status', operation: 'm3ToAmazon' }, [{ json: { ORSL: '66', ORST: '77' } }]));
		expect(st[0].json).toMatchObject({ amazonStatus: 'SHIPPED', confirmShipment: true });

		const balances = (h.fixture('m3-balances.json') as object[]).map((json) => ({ json }));
		const [inv, invBad] = await t.execute.call(
			ctx({ resource: 'inventory', operation: 'm3ToAmazon', inventoryOutput: 'feed', sellerId: 'A2', previousQuantities: '{"EP-BLK": 24}', includeState: true }, balances as INodeExecutionData[]),
		);
		expect(inv).toHaveLength(1);
		expect(inv[0].json).toMatchObject({ skus: 2, feedType: 'JSON_LISTINGS_FEED', sentQuantities: { ED5: 0, NOSKU: 9 } });
		expect(invBad.map((x) => x.pairedItem)).toEqual([{ item: 4 }]);
		const [patch] = await t.execute.call(ctx({ resource: 'inventory', operation: 'm3ToAmazon', inventoryOutput: 'patch' }, balances as INodeExecutionData[]));
		expect(patch.map((p) => [p.json.sku, p.json.quantity, p.pairedItem])).toEqual([
			['EP-BLK', 24, [{ item: 0 }, { item: 1 }]],
			['ED5', 0, [{ item: 2 }]],
			['NOSKU', 9, [{ item: 3 }]],
		]);

		const [gl, glBad] = await t.execute.call(
			ctx(
				{ resource: 'finance', operation: 'amazonToM3Gl', accountMap: '{"Commission":"6110"}', catchAllAccount: '6999', clearingAccount: '1590', INTN: 'AMAZON', windowStart: '2026-11-29T00:00:00Z', windowEnd: '2026-11-30T00:00:00Z', keyPrefix: 'AMZ' },
				[{ json: h.fixture('finances-2024.json') }, { json: { not: 'a transaction' } }],
			),
		);
		expect(gl[0].json).toMatchObject({ KEY1: expect.stringMatching(/^AMZ[0-9A-Z]{7}$/), INTN: 'AMAZON', balanced: true, marketplace: 'ATVPDKIKX0DER' });
		expect(gl[0].pairedItem).toEqual([{ item: 0 }]);
		expect(glBad[0].pairedItem).toEqual({ item: 1 });
	});
});

describe('M3 Amazon Transform through n8n-core (test/harness)', () => {
	it('runs amazonToM3 in a workflow: valid and invalid outputs', async () => {
		const bad = h.fixture('order-2026-us-mfn.json');
		bad.order.orderItems[1].quantityOrdered = 0.5;
		const wf = linearWorkflow([
			{
				type: 'm3AmazonTransform',
				name: 'Transform',
				parameters: {
					...orderParams,
					customerMap: '{"ATVPDKIKX0DER": "AMZUS01"}',
					headDefaults: '{"ORTP": "A01"}',
				},
			},
		]);
		const r = await runWorkflow(wf, { input: [{ json: h.fixture('order-2026-us-mfn.json') }, { json: bad }] });
		expect(r.status).toBe('success');
		const valid = r.output('Transform', 0) ?? [];
		const invalid = r.output('Transform', 1) ?? [];
		expect(valid).toHaveLength(1);
		expect(valid[0]).toMatchObject({ head: { CUNO: 'AMZUS01', ORTP: 'A01' }, lines: [{ ITNO: 'EP-BLK' }, { ITNO: 'ED5' }] });
		expect(invalid).toHaveLength(1);
		expect(((invalid[0].details as { reasons: Array<{ code: string }> }).reasons).map((i) => i.code)).toEqual(['non_integer_quantity']);
		const items = r.items('Transform', 1) ?? [];
		expect(items[0].pairedItem).toEqual({ item: 1 });
	});
});

describe('canonicalToM3 operation validates its canonical input', () => {
	it('a malformed canonical order goes to Invalid with zod paths', async () => {
		const [valid, invalid] = await new M3AmazonTransform().execute.call(
			ctx({ ...orderParams, operation: 'canonicalToM3' }, [{ json: { kind: 'Order', canonicalVersion: 1, lines: [{ lineId: 'x' }] } }]),
		);
		expect(valid).toEqual([]);
		const issues = (invalid[0].json.details as { reasons: Array<{ path: string; code: string }> }).reasons;
		expect(issues.every((i) => i.code === 'invalid_canonical')).toBe(true);
		expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['source', 'lines[0].quantity', 'currency']));
	});
});
