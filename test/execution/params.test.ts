import { mockDeep } from 'jest-mock-extended';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { ParameterError, params, returnAllFields, splitList } from '../../nodes/shared/execution';
import { linearWorkflow, runWorkflow } from '../harness';
import { basicCredentials, m3Workflow, startSim, type Sim } from '../m3/helpers';
import { credentialsFor, spNode, startSim as startSpSim, type Sim as SpSim } from '../spapi/helpers';

const node: INode = { id: '1', name: 'Reader', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };

/** n8n's context as far as the reader uses it: parameter values per item (item i gets values[i] ?? values[0]). */
function ctx(values: Array<Record<string, unknown>>) {
	const c = mockDeep<IExecuteFunctions>();
	let reads = 0;
	c.getNodeParameter.mockImplementation(((name: string, i: number, fallback?: unknown) => {
		reads++;
		const v = (values[i] ?? values[0])[name];
		return v === undefined ? fallback : v;
	}) as never);
	c.getNode.mockReturnValue(node);
	return Object.assign(c, { reads: () => reads });
}

function thrown(f: () => unknown): ParameterError {
	try {
		f();
	} catch (e) {
		return e as ParameterError;
	}
	throw new Error('did not throw');
}

describe('parameter reader (nodes/shared/execution/params.ts)', () => {
	it('lists: commas or line breaks, trimmed, empties dropped; arrays element by element; dedupe and upper on request', () => {
		expect(splitList(' A, B ,,\nC\r\n, ')).toEqual(['A', 'B', 'C']);
		// one rule: a space or a semicolon is part of a value (SKUs may hold both)
		expect(splitList('MUG 10;RED, X')).toEqual(['MUG 10;RED', 'X']);
		expect(splitList(['a ', '', null, 'b'])).toEqual(['a', 'b']);
		expect(splitList(undefined)).toEqual([]);
		expect(splitList('x, y, x, Y', { dedupe: true })).toEqual(['x', 'y', 'Y']);
		expect(splitList('order_change, Order_Change', { upper: true, dedupe: true })).toEqual(['ORDER_CHANGE']);
	});

	it('JSON: text or an object from an expression; empty = fallback or, when required, an error naming parameter and item', () => {
		const c = ctx([{ map: '{"a":1}', list: '[1,2]', obj: { b: 2 }, empty: '  ' }, { map: '{oops' }]);
		expect(params(c, 0).json('map')).toEqual({ a: 1 });
		expect(params(c, 0).json('list', { shape: 'array' })).toEqual([1, 2]);
		expect(params(c, 0).json('obj')).toEqual({ b: 2 });
		expect(params(c, 0).json('empty', { fallback: { d: 1 } })).toEqual({ d: 1 });
		expect(params(c, 0).json('missing')).toBeUndefined();

		const bad = thrown(() => params(c, 1).json('map'));
		expect(bad).toBeInstanceOf(ParameterError);
		expect(bad.message).toMatch(/^Parameter "map" is not valid JSON: /);
		expect(bad).toMatchObject({ parameter: 'map', itemIndex: 1, description: 'Check the "map" parameter (item 1)' });
		expect(thrown(() => params(c, 0).json('list')).message).toBe('Parameter "list" must be a JSON object');
		expect(thrown(() => params(c, 0).json('map', { shape: 'array' })).message).toBe('Parameter "map" must be a JSON array');
		expect(thrown(() => params(c, 0).json('empty', { required: true })).message).toBe('Parameter "empty" is empty: it needs a JSON object');
		expect(params(c, 0).json('list', { shape: 'any' })).toEqual([1, 2]);
	});

	it('JSON cache: the same text for every item is parsed once and shared; a different text is parsed again', () => {
		const c = ctx([{ m: '{"a":1}' }, { m: '{"a":1}' }, { m: '{"a":2}' }]);
		const first = params(c, 0).json('m', { cache: true });
		expect(params(c, 1).json('m', { cache: true })).toBe(first);
		expect(params(c, 2).json('m', { cache: true })).toEqual({ a: 2 });
		// without cache every read gets its own copy (callers that modify the value)
		expect(params(c, 0).json('m')).not.toBe(params(c, 1).json('m'));
	});

	it('text, numbers with bounds, booleans, and a collection ("options") read with the same rules', () => {
		const c = ctx([{ s: '  x ', n: '12.7', neg: -5, t: 'TRUE', f: false, junk: 'abc', options: { pageSize: 3, markFile: ' ', list: 'a,b', on: 'false' } }]);
		const p = params(c, 0);
		expect(p.str('s')).toBe('x');
		expect(p.str('missing', 'dflt')).toBe('dflt');
		expect(p.num('n')).toBe(12.7);
		expect(p.num('n', 0, { integer: true, max: 10 })).toBe(10);
		expect(p.num('neg', 0, { min: 0 })).toBe(0);
		expect(p.num('missing')).toBeUndefined();
		expect(thrown(() => p.num('junk', 1)).message).toBe('Parameter "junk" must be a number, not "abc"');
		expect(p.bool('t', false)).toBe(true);
		expect(p.bool('f', true)).toBe(false);
		expect(thrown(() => p.bool('junk', true)).message).toBe('Parameter "junk" must be true or false, not "abc"');
		expect(thrown(() => p.required('missing', 'Order Number')).message).toBe('Order Number is empty');

		const o = p.options();
		expect(o.num('pageSize', 5000, { min: 10 })).toBe(10);
		expect(o.str('markFile', 'MHDISH')).toBe('MHDISH');
		expect(o.list('list')).toEqual(['a', 'b']);
		expect(o.bool('on', true)).toBe(false);
		const e = thrown(() => o.json('list'));
		expect(e.parameter).toBe('options.list');
		expect(e.message).toMatch(/^Parameter "options.list" is not valid JSON: /);
	});

	it('resource locators: n8n is asked to extract the value; a locator object or an older plain string gives its trimmed value', () => {
		const c = ctx([{ rl: { __rl: true, mode: 'list', value: ' ITEM-1 ' }, plain: ' MMS200MI ', empty: { __rl: true, mode: 'id', value: '' }, options: { a: 1 }, arr: [1] }]);
		const p = params(c, 0);
		expect(p.locator('rl')).toBe('ITEM-1');
		expect(p.locator('plain')).toBe('MMS200MI');
		expect(p.locator('empty', 'none')).toBe('none');
		expect(p.locator('missing')).toBe('');
		expect(c.getNodeParameter).toHaveBeenCalledWith('rl', 0, null, { extractValue: true });
		// Return All / Limit: undefined = all, else the limit (at least 1)
		expect(params(ctx([{ returnAll: true, limit: 5 }]), 0).limit()).toBeUndefined();
		expect(params(ctx([{ returnAll: false, limit: '7' }]), 0).limit()).toBe(7);
		expect(params(ctx([{ returnAll: false, limit: 0 }]), 0).limit()).toBe(1);
		expect(params(ctx([{}]), 0).limit()).toBe(50);
		expect(returnAllFields({ resource: ['item'] }).map((f) => [f.name, f.displayOptions])).toEqual([
			['returnAll', { show: { resource: ['item'] } }],
			['limit', { show: { resource: ['item'], returnAll: [false] } }],
		]);
		// a collection's values as they are: {} when not set or not an object
		expect(p.collection()).toEqual({ a: 1 });
		expect(p.collection('missing')).toEqual({});
		expect(p.collection('arr')).toEqual({});
	});
});

describe('a parameter error through each node (n8n-core engine)', () => {
	let sim: Sim;
	let sp: SpSim;
	beforeAll(async () => {
		sim = await startSim();
		sp = await startSpSim();
	});
	afterAll(async () => {
		await sim.close();
		await sp.close();
	});

	it('Infor M3: bad Order (JSON) is a failure item of kind input naming the parameter; nothing reaches M3', async () => {
		const requests = () => Object.values(sim.control.requestCounts() as Record<string, number>).reduce((a, b) => a + b, 0);
		const before = requests();
		const r = await runWorkflow(
			m3Workflow({ resource: 'customerOrder', operation: 'create', orderInput: 'json', orderJson: '{"head": ' }, { onError: 'continueRegularOutput' }),
			{ credentials: { inforM3Api: basicCredentials(sim) }, input: [{ json: { n: 1 } }] },
		);
		expect(r.status).toBe('success');
		const item = r.items('M3')?.[0];
		expect(item?.pairedItem).toEqual({ item: 0 });
		const json = item?.json as IDataObject;
		expect(String(json.error)).toMatch(/^Parameter "orderJson" is not valid JSON/);
		expect(json.details).toMatchObject({ system: 'm3', kind: 'input', retryable: false, parameter: 'orderJson', itemIndex: 0, input: { n: 1 } });
		expect(requests()).toBe(before);
	});

	it('Amazon Selling Partner: bad Query Parameters stop the node with an error naming the parameter and the item', async () => {
		const wf = linearWorkflow([spNode({ resource: 'apiCall', operation: 'call', method: 'GET', path: '/orders/v0/orders', query: '[1]' })]);
		const r = await runWorkflow(wf, { credentials: { amazonSpApi: credentialsFor(sp) }, input: [{ json: {} }, { json: {} }] });
		expect(r.status).toBe('error');
		const e = r.nodeError('SP') as Error & { context?: { itemIndex?: number }; description?: string };
		expect(e.message).toBe('Parameter "query" must be a JSON object');
		expect(e.context?.itemIndex).toBe(0);
		expect(e.description).toBe('Check the "query" parameter (item 0)');
	});
});
