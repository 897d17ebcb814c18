// Execution hints (n8n's addExecutionHints), read from the run data n8n-core records for the node: "all items invalid"
// on the Transform node, "limit reached" on list operations of both system nodes (real simulators).
import type { IDataObject } from 'n8n-workflow';

import { createSession, linearWorkflow, runWorkflow } from '../harness';
import { basicCredentials, m3Workflow, startSim as startM3, type Sim as M3Sim } from '../m3/helpers';
import { credentialsFor, startSim as startSp, type Sim as SpSim } from '../spapi/helpers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require('../transform/helpers.js');

const orderParams = {
	resource: 'order',
	operation: 'amazonToM3',
	customerMap: '{"ATVPDKIKX0DER": "AMZUS01"}',
	headDefaults: '{"ORTP": "A01"}',
	itemMode: 'map',
	skuMap: '{"ECHO-POP-US-BLK": "EP-BLK", "ECHO-DOT-5": "ED5"}',
};

describe('execution hint: all items invalid (M3 Amazon Transform)', () => {
	const transform = async (items: IDataObject[]) =>
		await runWorkflow(linearWorkflow([{ type: 'm3AmazonTransform', name: 'Transform', parameters: orderParams }]), {
			input: items.map((json) => ({ json })),
		});

	it('warns when every item leaves by Invalid, once per run', async () => {
		const bad = h.fixture('order-2026-us-mfn.json');
		bad.order.orderItems[0].product.sellerSku = 'NOT-IN-MAP';
		const r = await transform([bad, { junk: true }]);
		expect(r.status).toBe('success');
		expect(r.output('Transform', 0)).toEqual([]);
		expect(r.output('Transform', 1)).toHaveLength(2);
		const hints = r.hints('Transform');
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatchObject({ type: 'warning', location: 'outputPane' });
		expect(hints[0].message).toMatch(/^All 2 input items left by the Invalid output/);
	});

	it('gives no hint when at least one item is valid', async () => {
		const r = await transform([h.fixture('order-2026-us-mfn.json'), { junk: true }]);
		expect(r.output('Transform', 0)).toHaveLength(1);
		expect(r.hints('Transform')).toEqual([]);
	});
});

describe('execution hint: limit reached (Infor M3)', () => {
	let sim: M3Sim;
	beforeAll(async () => {
		sim = await startM3();
	});
	afterAll(async () => {
		await sim.close();
	});
	const run = async (parameters: IDataObject, input: IDataObject[] = [{}]) =>
		await runWorkflow(m3Workflow(parameters), { credentials: { inforM3Api: basicCredentials(sim) }, input: input.map((json) => ({ json })) });

	it('customer search that stopped at its limit says so once, however many items hit it', async () => {
		const r = await run({ resource: 'customer', operation: 'search', searchBy: 'number', returnAll: false, limit: 2 }, [{}, {}, {}]);
		expect(r.output('M3')).toHaveLength(6);
		const hints = r.hints('M3');
		expect(hints).toHaveLength(1);
		expect(hints[0].message).toMatch(/limit of 2 customers: there may be more/);
	});

	it('no hint when the list ended before the limit or Return All is on', async () => {
		const total = Object.keys(sim.state.customers).length;
		const under = await run({ resource: 'customer', operation: 'search', searchBy: 'number', returnAll: false, limit: total + 5 });
		expect(under.output('M3')).toHaveLength(total);
		expect(under.hints('M3')).toEqual([]);
		const all = await run({ resource: 'customer', operation: 'search', searchBy: 'number', returnAll: true });
		expect(all.hints('M3')).toEqual([]);
	});

	it('Transaction (Any) that returned its Max Records names the option', async () => {
		const r = await run({
			resource: 'transaction',
			operation: 'execute',
			program: 'CRS610MI',
			transaction: 'LstByNumber',
			inputMode: 'json',
			inputJson: '{}',
			options: { maxRecords: 3 },
		});
		expect(r.output('M3')).toHaveLength(3);
		expect(r.hints('M3').map((x) => x.message)).toEqual([expect.stringMatching(/Returned 3 records, the "Max Records" cap/)]);
		const all = await run({ resource: 'transaction', operation: 'execute', program: 'CRS610MI', transaction: 'LstByNumber', inputMode: 'json', inputJson: '{}', options: { maxRecords: 0 } });
		expect(all.hints('M3')).toEqual([]);
	});
});

describe('execution hint: limit reached (Amazon Selling Partner)', () => {
	let sim: SpSim;
	beforeAll(async () => {
		sim = await startSp();
	});
	afterAll(async () => {
		await sim.close();
	});

	it('order search stopped at the limit while Amazon had a next page: "there are more"', async () => {
		const session = createSession({ credentials: { amazonSpApi: credentialsFor(sim) } });
		const search = (limit: number) =>
			linearWorkflow([
				{
					type: 'amazonSellingPartner',
					name: 'SP',
					credentials: ['amazonSpApi'],
					parameters: { resource: 'order', operation: 'search', filterBy: 'created', createdAfter: '2020-01-01T00:00:00Z', returnAll: false, limit },
				},
			]);
		const r = await session.run(search(2));
		expect(r.output('SP')).toHaveLength(2);
		expect(r.hints('SP').map((x) => x.message)).toEqual([expect.stringMatching(/limit of 2 orders: there are more/)]);
		const r2 = await session.run(search(1000));
		expect((r2.output('SP') ?? []).length).toBeLessThan(1000);
		expect(r2.hints('SP')).toEqual([]);
	});
});
