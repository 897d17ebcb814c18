/**
 * The one shape of a failed item, for every node of the package:
 *
 *   { error: "<what went wrong>", details: { node, operation, system, kind, retryable, description?, reasons?, …,
 *                                            input: <the item's input json>, itemIndex } }
 *
 * n8n-core moves an item to a node's error output ("On Error: Continue (using error output)") only when its json
 * keys are a subset of error / message / details, so nothing else may sit at the top level. The original input rides
 * inside `details.input`, so a dead letter keeps it even where n8n cannot pair the item back to its input.
 */
import type { IDataObject, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { redactValue } from './redact';

/** What a node knows about one failure (system-specific fields go into `fields`). */
export interface FailureInfo {
	message: string;
	/** what the user can do about it */
	description?: string;
	/** which system answered: m3 | spapi | sqs | transform | n8n */
	system?: string;
	/** nok | input | invalid | http | network | auth | throttled | unknownOutcome | config | internal */
	kind?: string;
	/** true when replaying the same input later may succeed without changing anything (outage, throttling) */
	retryable?: boolean;
	/** per-line / per-field reasons (M3 stopped-order reasons, Amazon errors[], mapping issues) */
	reasons?: unknown[];
	fields?: IDataObject;
}

export interface FailureContext {
	node: string;
	operation: string;
	input: unknown;
	itemIndex: number | number[];
	secrets?: readonly string[];
}

const FAILURE_KEYS = new Set(['error', 'message', 'details']);

/** json of a failed item (redacted). */
export function failureJson(info: FailureInfo, ctx: FailureContext): IDataObject {
	const details: IDataObject = {
		node: ctx.node,
		operation: ctx.operation,
		...(info.system ? { system: info.system } : {}),
		...(info.kind ? { kind: info.kind } : {}),
		retryable: info.retryable === true,
		...(info.description ? { description: info.description } : {}),
		...(info.fields ?? {}),
		...(info.reasons && info.reasons.length ? { reasons: info.reasons as IDataObject[] } : {}),
		input: (ctx.input ?? null) as IDataObject,
		itemIndex: ctx.itemIndex as number,
	};
	return redactValue({ error: info.message, details }, ctx.secrets ?? []);
}

export function pairedItemOf(index: number | number[]): IPairedItemData | IPairedItemData[] {
	return Array.isArray(index) ? index.map((item) => ({ item })) : { item: index };
}

/** A failed item, paired with its input item(s). */
export function failureItem(info: FailureInfo, ctx: FailureContext): INodeExecutionData {
	return { json: failureJson(info, ctx), pairedItem: pairedItemOf(ctx.itemIndex) };
}

/** Is this json a failure n8n routes to the error output? */
export function isFailureJson(json: IDataObject | undefined): boolean {
	return !!json && json.error !== undefined && Object.keys(json).every((k) => FAILURE_KEYS.has(k));
}
