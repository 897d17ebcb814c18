/**
 * The item loop every action node shares (Infor M3, Amazon Selling Partner, M3 Amazon Transform):
 * - runs one operation per input item, `concurrency` at a time, output in input order, pairedItem on every item;
 * - a failing item becomes a failure item (failure.ts) when the node continues on fail — n8n then routes it to the
 *   error output — otherwise the node throws an n8n error for that item;
 * - once the node has failed (an error thrown, or the execution cancelled) no worker starts another item: nothing is
 *   sent after the point where n8n reports the node as failed;
 * - everything leaving the node, items and errors, is redacted against the credential's secrets.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failureItem, pairedItemOf, type FailureInfo } from './failure';
import { ParameterError } from './params';
import { redactText, redactValue } from './redact';

export interface ItemRunnerOptions {
	/** "resource.operation", recorded in failure details */
	operation: string;
	/** what a thrown error means, in the node's system's words */
	describe: (error: unknown) => FailureInfo;
	/** the n8n error shown when the node does not continue on fail */
	toNodeError: (error: unknown, itemIndex: number) => Error;
	/** values to blank out of everything output or thrown */
	secrets?: readonly string[];
	/** items processed at the same time (default 1) */
	concurrency?: number;
	/**
	 * Redact successful output too. On for operations that pass a server's answer through unfiltered (raw calls);
	 * typed operations output fields they parsed themselves.
	 */
	redactOutput?: boolean;
}

export interface ItemControl {
	/** true once another item made the node fail or the execution was cancelled: stop before the next request */
	stopped(): boolean;
}

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

function isExecutionData(v: unknown): v is INodeExecutionData {
	return typeof v === 'object' && v !== null && 'json' in v && typeof (v as INodeExecutionData).json === 'object';
}

/** Operation results -> output items paired with input item `i` (an operation may pair items itself). */
export function toOutputItems(result: ItemResult, i: number): INodeExecutionData[] {
	const list = (Array.isArray(result) ? result : [result]) as Array<IDataObject | INodeExecutionData>;
	return list.map((r) =>
		isExecutionData(r) ? { ...r, pairedItem: r.pairedItem ?? { item: i } } : { json: r, pairedItem: { item: i } },
	);
}

/** Blanks secrets out of an n8n error in place (message, description, messages, context, response). */
export function redactError<E extends Error>(error: E, secrets: readonly string[] = []): E {
	const e = error as E & { description?: unknown; messages?: unknown; context?: unknown; errorResponse?: unknown };
	e.message = redactText(e.message ?? '', secrets);
	if (typeof e.description === 'string') e.description = redactText(e.description, secrets);
	if (Array.isArray(e.messages)) e.messages = e.messages.map((m) => (typeof m === 'string' ? redactText(m, secrets) : m));
	if (e.context && typeof e.context === 'object') e.context = redactValue(e.context, secrets);
	if (e.errorResponse && typeof e.errorResponse === 'object') e.errorResponse = redactValue(e.errorResponse, secrets);
	if (typeof e.stack === 'string') e.stack = redactText(e.stack, secrets);
	return error;
}

function cancelled(ctx: IExecuteFunctions): boolean {
	const getSignal = (ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal;
	return typeof getSignal === 'function' ? getSignal.call(ctx)?.aborted === true : false;
}

/** What a failure means: the node's `describe`, except that a parameter the user must fix is always kind `input`. */
export function describeFailure(error: unknown, describe: (error: unknown) => FailureInfo): FailureInfo {
	const info = describe(error);
	if (!(error instanceof ParameterError)) return info;
	return { ...info, message: error.message, kind: 'input', retryable: false, fields: { ...(info.fields ?? {}), parameter: error.parameter } };
}

/** A failure item for input item i (the same shape the runner builds). */
export function failedItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	i: number | number[],
	error: unknown,
	options: Pick<ItemRunnerOptions, 'operation' | 'describe' | 'secrets'>,
): INodeExecutionData {
	const first = Array.isArray(i) ? i[0] : i;
	return failureItem(describeFailure(error, options.describe), {
		node: ctx.getNode().name,
		operation: options.operation,
		input: Array.isArray(i) ? i.map((x) => items[x]?.json ?? null) : (items[first]?.json ?? null),
		itemIndex: i,
		secrets: options.secrets,
	});
}

/** Runs `run` for every input item; see the file comment. */
export async function runItems(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (i: number, control: ItemControl) => Promise<ItemResult>,
	options: ItemRunnerOptions,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = ctx.continueOnFail();
	let fatal: Error | undefined;
	const control: ItemControl = { stopped: () => fatal !== undefined || cancelled(ctx) };
	let next = 0;
	const worker = async (): Promise<void> => {
		while (!control.stopped()) {
			const i = next++;
			if (i >= items.length) return;
			try {
				results[i] = toOutputItems(await run(i, control), i).map((it) =>
					options.redactOutput ? { ...it, json: redactValue(it.json, options.secrets) } : it,
				);
			} catch (error) {
				if (continueOnFail) {
					results[i] = [failedItem(ctx, items, i, error, options)];
				} else {
					fatal ??= redactError(options.toNodeError(error, i), options.secrets);
				}
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(options.concurrency ?? 1) || 1, 50, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (fatal) throw fatal;
	return results.flat();
}

/**
 * Results of an operation that handled all items at once (one result or error per input item, input order):
 * errors become failure items under continueOnFail, else the first one is thrown.
 */
export function settleItems(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	all: Array<ItemResult | Error>,
	options: ItemRunnerOptions,
): INodeExecutionData[] {
	const continueOnFail = ctx.continueOnFail();
	const out: INodeExecutionData[] = [];
	all.forEach((r, i) => {
		if (r instanceof Error) {
			if (!continueOnFail) throw redactError(options.toNodeError(r, i), options.secrets);
			out.push(failedItem(ctx, items, i, r, options));
		} else out.push(...toOutputItems(r, i));
	});
	return out;
}

/** A failure of the whole node (before any item ran): every item fails with it, or it is thrown. */
export function failAll(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	error: unknown,
	options: ItemRunnerOptions,
): INodeExecutionData[] {
	if (!ctx.continueOnFail()) throw redactError(options.toNodeError(error, 0), options.secrets);
	return items.map((_, i) => failedItem(ctx, items, i, error, options));
}

export { pairedItemOf };
