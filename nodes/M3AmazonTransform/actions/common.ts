import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';
import { ParameterError, params, type Operation } from '../../shared/execution';
import { getPath } from '../../shared/mapping/customFields';
import type { Issue, Result } from '../../shared/mapping/result';

export interface OperationOutput {
	valid: INodeExecutionData[];
	invalid: INodeExecutionData[];
}

/** A Transform operation (the shared contract, nodes/shared/execution/operation.ts): `execute` maps all items to Valid / Invalid. */
export type OperationModule = Operation<[items: INodeExecutionData[]], OperationOutput>;

/** The part of the item to map: whole json, or the value at the "Input Field" path. */
export function inputOf(ctx: IExecuteFunctions, item: INodeExecutionData, i: number): unknown {
	const field = params(ctx, i).str('inputField');
	return field ? getPath(item.json, field) : item.json;
}

export function invalidItem(issues: Issue[], input: unknown, paired: number | number[]): INodeExecutionData {
	const pairedItem: IPairedItemData | IPairedItemData[] = Array.isArray(paired) ? paired.map((item) => ({ item })) : { item: paired };
	return { json: { issues, input } as unknown as IDataObject, pairedItem };
}

export function validItem(json: unknown, paired: number | number[]): INodeExecutionData {
	const pairedItem: IPairedItemData | IPairedItemData[] = Array.isArray(paired) ? paired.map((item) => ({ item })) : { item: paired };
	return { json: json as IDataObject, pairedItem };
}

/** Handles a parameter problem: invalid item under continueOnFail, else NodeOperationError. */
export function parameterProblem(ctx: IExecuteFunctions, e: unknown, i: number, input: unknown, out: OperationOutput): void {
	const err = e instanceof NodeOperationError ? e : new NodeOperationError(ctx.getNode(), e as Error, { itemIndex: i });
	if (ctx.continueOnFail()) {
		const path = err instanceof ParameterError ? err.parameter : '';
		out.invalid.push(invalidItem([{ path, code: 'invalid_parameter', message: err.message }], input, i));
		return;
	}
	throw err;
}

/** Runs a per-item mapper over all items; results to Valid/Invalid. */
export async function perItem<T>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (input: unknown, i: number) => Result<T>,
	toOutput: (value: T, i: number) => unknown | unknown[] = (v) => v,
): Promise<OperationOutput> {
	const out: OperationOutput = { valid: [], invalid: [] };
	for (let i = 0; i < items.length; i++) {
		let input: unknown;
		try {
			input = inputOf(ctx, items[i], i);
			let r: Result<T>;
			try {
				r = run(input, i);
			} catch (e) {
				if (e instanceof NodeOperationError) {
					parameterProblem(ctx, e, i, input, out);
					continue;
				}
				r = { ok: false, issues: [{ path: '', code: 'internal_error', message: e instanceof Error ? e.message : String(e) }] };
			}
			if (r.ok) {
				const o = toOutput(r.value, i);
				if (Array.isArray(o)) for (const x of o) out.valid.push(validItem(x, i));
				else out.valid.push(validItem(o, i));
			} else out.invalid.push(invalidItem(r.issues, input, i));
		} catch (e) {
			parameterProblem(ctx, e, i, input, out);
		}
	}
	return out;
}

export const inputFieldProperty = {
	displayName: 'Input Field',
	name: 'inputField',
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. order',
	description: 'Path of the field holding the input inside each item (dot notation). Empty = the whole item.',
};

/** Runs a batch mapper; an unexpected exception becomes an Invalid item for all inputs instead of escaping the node. */
export function guardBatch<T>(run: () => T, items: INodeExecutionData[], out: OperationOutput): T | undefined {
	try {
		return run();
	} catch (e) {
		out.invalid.push(
			invalidItem(
				[{ path: '', code: 'internal_error', message: e instanceof Error ? e.message : String(e) }],
				{ items: items.length },
				items.map((_, i) => i),
			),
		);
		return undefined;
	}
}
