import { mockDeep } from 'jest-mock-extended';
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData } from 'n8n-workflow';

import { isFailureJson, redactText, redactValue, runItems, type ItemRunnerOptions } from '../../nodes/shared/execution';
import { linearWorkflow, runWorkflow, type WorkflowJson } from '../harness';
import { basicCredentials, startSim, type Sim } from '../m3/helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fixture } = require('../transform/helpers.js') as { fixture: (f: string) => IDataObject };

const node: INode = { id: '1', name: 'Runner', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };

function ctx(items: INodeExecutionData[], continueOnFail: boolean) {
	const c = mockDeep<IExecuteFunctions>();
	c.getInputData.mockReturnValue(items);
	c.getNode.mockReturnValue(node);
	c.continueOnFail.mockReturnValue(continueOnFail);
	(c as unknown as { getExecutionCancelSignal: () => undefined }).getExecutionCancelSignal = () => undefined;
	return c;
}

function deferred() {
	let resolve: () => void = () => undefined;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

const options = (extra: Partial<ItemRunnerOptions> = {}): ItemRunnerOptions => ({
	operation: 'test.run',
	describe: (e) => ({ message: (e as Error).message, system: 'test', kind: 'nok', reasons: [{ field: 'X' }] }),
	toNodeError: (e, i) => new NodeOperationError(node, (e as Error).message, { itemIndex: i, description: `item ${i}` }),
	...extra,
});

describe('item runner (nodes/shared/execution)', () => {
	const items = Array.from({ length: 10 }, (_, i) => ({ json: { n: i } }));

	it('stop flag: once an item failed, no worker starts another item (concurrency 3)', async () => {
		const started: number[] = [];
		const gate = deferred();
		const run = async (i: number) => {
			started.push(i);
			if (i === 2) throw new Error('M3 said no');
			// items 0 and 1 are still "in flight" when item 2 fails; they finish afterwards
			await gate.promise;
			return { n: i };
		};
		const p = runItems(ctx(items, false), items, run, options({ concurrency: 3 }));
		// let the failing item settle, then release the two in flight
		await Promise.resolve();
		await Promise.resolve();
		gate.resolve();
		await expect(p).rejects.toThrow('M3 said no');
		expect(started.sort()).toEqual([0, 1, 2]);
	});

	it('the control tells a running operation to stop sending after another item failed', async () => {
		const seenStopped: boolean[] = [];
		const gate = deferred();
		const run = async (i: number, control: { stopped(): boolean }) => {
			if (i === 1) throw new Error('boom');
			await gate.promise;
			seenStopped.push(control.stopped());
			return {};
		};
		const p = runItems(ctx(items.slice(0, 2), false), items.slice(0, 2), run, options({ concurrency: 2 }));
		await Promise.resolve();
		gate.resolve();
		await expect(p).rejects.toThrow('boom');
		expect(seenStopped).toEqual([true]);
	});

	it('continue on fail: every item runs; failures have only error + details, input and pairedItem', async () => {
		const out = await runItems(
			ctx(items, true),
			items,
			async (i) => {
				if (i % 3 === 0) throw new Error(`bad ${i}`);
				return [{ n: i }, { n: i, second: true }];
			},
			options({ concurrency: 4 }),
		);
		const failures = out.filter((o) => isFailureJson(o.json));
		expect(failures.map((f) => (f.json.details as IDataObject).input)).toEqual([{ n: 0 }, { n: 3 }, { n: 6 }, { n: 9 }]);
		expect(failures.map((f) => f.pairedItem)).toEqual([{ item: 0 }, { item: 3 }, { item: 6 }, { item: 9 }]);
		expect(failures[1].json).toEqual({
			error: 'bad 3',
			details: { node: 'Runner', operation: 'test.run', system: 'test', kind: 'nok', retryable: false, reasons: [{ field: 'X' }], input: { n: 3 }, itemIndex: 3 },
		});
		// successes: in input order, two per item, each paired with its input
		const ok = out.filter((o) => !isFailureJson(o.json));
		expect(ok.map((o) => (o.pairedItem as { item: number }).item)).toEqual([1, 1, 2, 2, 4, 4, 5, 5, 7, 7, 8, 8]);
	});

	it('secrets are redacted from failure items and thrown errors', async () => {
		const secret = 'sEcReT-pa55word';
		const run = async () => {
			throw new Error(`M3 echoed Authorization: Basic ${Buffer.from('u:' + secret).toString('base64')} and ${secret} and Atza|abc.def`);
		};
		const kept = await runItems(ctx([{ json: { a: 1 } }], true), [{ json: { a: 1 } }], run, options({ secrets: [secret] }));
		const text = JSON.stringify(kept);
		expect(text).not.toContain(secret);
		expect(text).not.toContain('abc.def');
		expect(text).toContain('Basic ***');
		await expect(runItems(ctx([{ json: {} }], false), [{ json: {} }], run, options({ secrets: [secret] }))).rejects.toThrow(/\*\*\*/);
	});

	it('redactValue masks credential-named fields and token shapes, leaves business data alone', () => {
		const v = redactValue({
			headers: { Authorization: 'Bearer abcdefgh123', 'x-amz-access-token': 'Atza|xyz', accept: 'application/json' },
			body: '{"access_token":"Atza|zzz","expires_in":3600}',
			url: 'https://q.example/?X-Amz-Signature=abcdef0123456789&X-Amz-Date=20260101',
			order: { CUOR: '113-1234567-1234567', password: 'hunter22' },
		});
		expect(v).toEqual({
			headers: { Authorization: '***', 'x-amz-access-token': '***', accept: 'application/json' },
			body: '{"access_token":"***","expires_in":3600}',
			url: 'https://q.example/?X-Amz-Signature=***&X-Amz-Date=20260101',
			order: { CUOR: '113-1234567-1234567', password: '***' },
		});
		expect(redactText('plain text, nothing to hide: 42')).toBe('plain text, nothing to hide: 42');
	});
});

describe('error outputs through n8n-core: failure items leave by the error output with their input', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await sim.close();
	});

	/** Manual Trigger -> node with "Continue (using error output)" -> "OK" and "Failed" No Ops */
	function withErrorBranch(step: Parameters<typeof linearWorkflow>[0][0], errorOutput = 1): WorkflowJson {
		const wf = linearWorkflow([{ ...step, name: 'Node', onError: 'continueErrorOutput' }]);
		wf.nodes.push(
			{ id: 'ok', name: 'OK', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [600, 0], parameters: {} },
			{ id: 'failed', name: 'Failed', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [600, 200], parameters: {} },
		);
		const main: Array<Array<{ node: string; type: string; index: number }>> = [[{ node: 'OK', type: 'main', index: 0 }]];
		while (main.length < errorOutput) main.push([]);
		main[errorOutput] = [{ node: 'Failed', type: 'main', index: 0 }];
		(wf.connections as Record<string, unknown>).Node = { main };
		return wf;
	}

	it('Infor M3 (one item per request): an M3 NOK reaches the error branch with the input and M3 code', async () => {
		const wf = withErrorBranch({
			type: 'inforM3',
			parameters: { resource: 'customer', operation: 'get', customerNumber: '={{ $json.cuno }}' },
			credentials: ['inforM3Api'],
		});
		const r = await runWorkflow(wf, {
			credentials: { inforM3Api: basicCredentials(sim) },
			input: [{ json: { cuno: 'AMZUS01' } }, { json: { cuno: 'NOPE' } }],
		});
		expect(r.status).toBe('success');
		expect(r.output('OK')!.map((j) => j.CUNO)).toEqual(['AMZUS01']);
		const [failed] = r.output('Failed')!;
		expect(failed.cuno).toBe('NOPE'); // n8n merged the paired input
		expect(failed.error).toContain('XRE0103');
		expect(failed.details).toMatchObject({ node: 'Node', operation: 'customer.get', system: 'm3', code: 'XRE0103', input: { cuno: 'NOPE' } });
	});

	it('Infor M3 (all items in one bulk): a per-item NOK reaches the error branch paired with its own input', async () => {
		const wf = withErrorBranch({
			type: 'inforM3',
			parameters: {
				resource: 'transaction',
				operation: 'execute',
				program: 'CRS610MI',
				transaction: 'GetBasicData',
				inputMode: 'json',
				inputJson: '={{ { CUNO: $json.cuno } }}',
				options: { bulk: true },
			},
			credentials: ['inforM3Api'],
		});
		const r = await runWorkflow(wf, {
			credentials: { inforM3Api: basicCredentials(sim) },
			input: [{ json: { cuno: 'AMZUS01' } }, { json: { cuno: 'NOPE' } }, { json: { cuno: 'AMZDE01' } }],
		});
		expect(r.output('OK')!.map((j) => j.CUNO)).toEqual(['AMZUS01', 'AMZDE01']);
		const failed = r.items('Failed')!;
		expect(failed).toHaveLength(1);
		expect(failed[0].json.cuno).toBe('NOPE');
		expect((failed[0].json.details as IDataObject).input).toEqual({ cuno: 'NOPE' });
	});

	it('M3 Amazon Transform: with "Continue (using error output)" invalid items join the error output', async () => {
		const wf = withErrorBranch({ type: 'm3AmazonTransform', parameters: { resource: 'order', operation: 'amazonToCanonical' } }, 2);
		const r = await runWorkflow(wf, { input: [{ json: fixture('order-2026-us-mfn.json') }, { json: { junk: true } }] });
		expect(r.status).toBe('success');
		const failed = r.output('Failed') ?? [];
		expect(failed.length).toBe(1);
		expect(failed[0].details).toMatchObject({ node: 'Node', system: 'transform', kind: 'invalid', input: { junk: true } });
		expect((failed[0].details as { reasons: Array<{ code: string }> }).reasons[0].code).toBe('unrecognized_order');
		expect(r.output('OK')!.length).toBe(1);
	});
});
