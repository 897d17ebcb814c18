/**
 * The one operation contract of the action nodes (Infor M3, Amazon Selling Partner, M3 Amazon Transform):
 * - an operation is a module `actions/<resource>/<operation>.operation.ts` with its parameters (`description`) and
 *   `execute`; a node's `actions/common.ts` says what `execute` receives (the M3 client and the item, the SP-API client
 *   and the item index, all items for the Transform) and which extras it knows (one call for all items);
 * - a router lists its operations by resource (`Resources`), picks the chosen one with `findOperation` (an unknown
 *   resource or operation is a NodeOperationError naming it) and runs it with `runOperation` over the item runner
 *   (runner.ts): one client set up per run, optionally all items in one go, else item by item; failures become the
 *   failure items n8n routes to the error output (failure.ts) or the node's error.
 * What stays in a router is its system: how its errors are described (`describe`) and shown (`toNodeError`), how its
 * client is created, which secrets are redacted.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failAll, runItems, settleItems, type ItemControl, type ItemResult, type ItemRunnerOptions } from './runner';

/** One operation: its parameters and how it runs (`Args`: what the node's router passes, e.g. client and item index). */
export interface Operation<Args extends unknown[] = never[], Result = ItemResult> {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, ...args: Args): Promise<Result>;
}

/** resource -> operation -> operation module, as a router lists them */
export type Resources<Op> = Readonly<Record<string, Readonly<Record<string, Op>>>>;

export interface ChosenOperation<Op> {
	resource: string;
	operation: string;
	/** "resource.operation", recorded in failure details */
	name: string;
	op: Op;
}

/** The operation the node's Resource and Operation parameters name; an unknown one is a NodeOperationError naming it. */
export function findOperation<Op>(ctx: IExecuteFunctions, resources: Resources<Op>): ChosenOperation<Op> {
	const resource = String(ctx.getNodeParameter('resource', 0));
	const operation = String(ctx.getNodeParameter('operation', 0));
	const ops = Object.prototype.hasOwnProperty.call(resources, resource) ? resources[resource] : undefined;
	if (!ops) {
		throw new NodeOperationError(ctx.getNode(), `The resource "${resource}" is not supported`, {
			description: `Known resources: ${Object.keys(resources).join(', ')}`,
		});
	}
	const op = Object.prototype.hasOwnProperty.call(ops, operation) ? ops[operation] : undefined;
	if (!op) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`, {
			description: `Operations of "${resource}": ${Object.keys(ops).join(', ')}`,
		});
	}
	return { resource, operation, name: `${resource}.${operation}`, op };
}

/** How a router runs the chosen operation. */
export interface OperationRun<Client> {
	/** what every item needs (client, credential), set up once before any item; its failure fails every item */
	setup: () => Promise<Client>;
	/** secrets to blank out of everything output or thrown, known once set up (added to the runner's) */
	secrets?: (client: Client) => readonly string[];
	/** all items in one go (one bulk call, one feed): per input item its result or an Error; undefined = item by item */
	all?: (client: Client) => Promise<Array<ItemResult | Error> | undefined>;
	/** one input item */
	each?: (client: Client, i: number, control: ItemControl) => Promise<ItemResult>;
}

/**
 * Runs an operation over the input items (see the file comment): set-up, then `all` when it answers, else `each`
 * through the item runner (concurrency, stop flag, pairedItem, redaction as `runner` says).
 */
export async function runOperation<Client>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	run: OperationRun<Client>,
	runner: ItemRunnerOptions,
): Promise<INodeExecutionData[]> {
	let client: Client;
	try {
		client = await run.setup();
	} catch (error) {
		return failAll(ctx, items, error, runner);
	}
	const secrets = run.secrets?.(client);
	const options: ItemRunnerOptions = secrets ? { ...runner, secrets: [...(runner.secrets ?? []), ...secrets] } : runner;
	if (run.all) {
		let all: Array<ItemResult | Error> | undefined;
		try {
			all = await run.all(client);
		} catch (error) {
			return failAll(ctx, items, error, options);
		}
		if (all) return settleItems(ctx, items, all, options);
	}
	const each = run.each;
	if (!each) return failAll(ctx, items, new Error(`${runner.operation} runs for all items at once only`), options);
	return await runItems(ctx, items, async (i, control) => await each(client, i, control), options);
}
