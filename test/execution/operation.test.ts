import { mockDeep } from 'jest-mock-extended';
import { NodeOperationError, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';

import {
	findOperation,
	isFailureJson,
	runOperation,
	type ItemRunnerOptions,
	type Operation,
	type Resources,
} from '../../nodes/shared/execution';

const node: INode = { id: '1', name: 'Ops', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };

function ctx(params: { resource?: string; operation?: string } = {}, continueOnFail = true) {
	const c = mockDeep<IExecuteFunctions>();
	c.getNode.mockReturnValue(node);
	c.continueOnFail.mockReturnValue(continueOnFail);
	c.getNodeParameter.mockImplementation(((name: string) => (params as Record<string, string>)[name]) as IExecuteFunctions['getNodeParameter']);
	(c as unknown as { getExecutionCancelSignal: () => undefined }).getExecutionCancelSignal = () => undefined;
	return c;
}

type Op = Operation<[client: string, i: number]>;
const get: Op = { description: [], execute: async (client, i) => ({ client, i }) };
const resources: Resources<Op> = { order: { get }, item: { get } };

const runner = (): ItemRunnerOptions => ({
	operation: 'order.get',
	describe: (e) => ({ message: (e as Error).message, system: 'test', kind: 'nok' }),
	toNodeError: (e, i) => new NodeOperationError(node, (e as Error).message, { itemIndex: i }),
});

const items: INodeExecutionData[] = [{ json: { n: 0 } }, { json: { n: 1 } }, { json: { n: 2 } }];

describe('operation contract (nodes/shared/execution/operation.ts)', () => {
	it('findOperation: the chosen module and its "resource.operation" name', () => {
		const found = findOperation(ctx({ resource: 'item', operation: 'get' }), resources);
		expect(found).toEqual({ resource: 'item', operation: 'get', name: 'item.get', op: get });
	});

	it('findOperation: an unknown operation is a NodeOperationError naming it and its resource', () => {
		let error: unknown;
		try {
			findOperation(ctx({ resource: 'order', operation: 'explode' }), resources);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('The operation "explode" of resource "order" is not supported');
		expect((error as NodeOperationError).description).toBe('Operations of "order": get');
	});

	it('findOperation: an unknown resource is named too (also names of Object.prototype)', () => {
		expect(() => findOperation(ctx({ resource: 'shelf', operation: 'get' }), resources)).toThrow('The resource "shelf" is not supported');
		expect(() => findOperation(ctx({ resource: 'constructor', operation: 'get' }), resources)).toThrow('The resource "constructor" is not supported');
		expect(() => findOperation(ctx({ resource: 'order', operation: 'toString' }), resources)).toThrow(
			'The operation "toString" of resource "order" is not supported',
		);
	});

	it('runOperation: item by item with the set-up client; a failed item keeps the shape n8n routes to the error output', async () => {
		const out = await runOperation(
			ctx(),
			items,
			{
				setup: async () => 'client-1',
				each: async (client, i) => {
					if (i === 1) throw new Error('Amazon said no');
					return await get.execute.call(ctx(), client, i);
				},
			},
			runner(),
		);
		expect(out.map((it) => it.json)).toEqual([
			{ client: 'client-1', i: 0 },
			{ error: 'Amazon said no', details: expect.objectContaining({ node: 'Ops', operation: 'order.get', system: 'test', kind: 'nok', input: { n: 1 }, itemIndex: 1 }) },
			{ client: 'client-1', i: 2 },
		]);
		expect(Object.keys(out[1].json).sort()).toEqual(['details', 'error']);
		expect(out.map((it) => isFailureJson(it.json))).toEqual([false, true, false]);
		expect(out.map((it) => it.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('runOperation: a set-up failure fails every item (continue on fail) or is thrown as the node error', async () => {
		const run = { setup: async (): Promise<string> => await Promise.reject(new Error('no credential')), each: async () => ({}) };
		const out = await runOperation(ctx(), items, run, runner());
		expect(out.map((it) => it.json.error)).toEqual(['no credential', 'no credential', 'no credential']);
		expect(out.every((it) => isFailureJson(it.json))).toBe(true);
		await expect(runOperation(ctx({}, false), items, run, runner())).rejects.toThrow(NodeOperationError);
	});

	it('runOperation: all items in one go, errors per item settled; undefined falls back to item by item', async () => {
		const out = await runOperation(
			ctx(),
			items,
			{ setup: async () => 'c', all: async () => [{ a: 0 }, new Error('row 1 refused'), { a: 2 }], each: async () => ({ each: true }) },
			runner(),
		);
		expect(out.map((it) => it.json)).toEqual([{ a: 0 }, { error: 'row 1 refused', details: expect.objectContaining({ itemIndex: 1, input: { n: 1 } }) }, { a: 2 }]);
		const fallback = await runOperation(ctx(), items, { setup: async () => 'c', all: async () => undefined, each: async (_, i) => ({ i }) }, runner());
		expect(fallback.map((it) => it.json)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
	});

	it('runOperation: secrets known after set-up are redacted from failure items', async () => {
		const out = await runOperation(
			ctx(),
			items.slice(0, 1),
			{
				setup: async () => ({ token: 'tok-SECRET-123' }),
				secrets: (c) => [c.token],
				each: async (c) => await Promise.reject(new Error(`denied for ${c.token}`)),
			},
			runner(),
		);
		expect(JSON.stringify(out)).not.toContain('tok-SECRET-123');
		expect(isFailureJson(out[0].json)).toBe(true);
	});
});
