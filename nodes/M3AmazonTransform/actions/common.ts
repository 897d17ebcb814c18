import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';
import { getPath } from '../../shared/mapping/customFields';
import type { Issue, Result } from '../../shared/mapping/result';

export interface OperationOutput {
	valid: INodeExecutionData[];
	invalid: INodeExecutionData[];
}

export type OperationExecute = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<OperationOutput>;

/** Error for a bad node parameter (an invalid item under continueOnFail, else thrown). */
export function paramError(ctx: IExecuteFunctions, parameter: string, message: string, itemIndex = 0): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description: `Check the "${parameter}" parameter` });
}

/** Reads a JSON parameter (string or already an object) and checks its top-level shape. */
const PARSED = new WeakMap<object, Map<string, { raw: string; value: unknown }>>();

export function jsonParam<T>(ctx: IExecuteFunctions, name: string, i: number, fallback: T, shape: 'object' | 'array' = 'object'): T {
	const raw = ctx.getNodeParameter(name, i, undefined) as unknown;
	if (raw === undefined || raw === null || raw === '') return fallback;
	let v: unknown = raw;
	if (typeof raw === 'string') {
		// the same text for every item (the usual case) is parsed once per execution, not once per item
		let cache = PARSED.get(ctx);
		if (!cache) PARSED.set(ctx, (cache = new Map()));
		const hit = cache.get(name);
		if (hit && hit.raw === raw) return hit.value as T;
		try {
			v = JSON.parse(raw);
		} catch (e) {
			throw paramError(ctx, name, `Parameter "${name}" is not valid JSON: ${(e as Error).message}`, i);
		}
	}
	const isArr = Array.isArray(v);
	if ((shape === 'array') !== isArr || v === null || typeof v !== 'object') {
		throw paramError(ctx, name, `Parameter "${name}" must be a JSON ${shape}`, i);
	}
	if (typeof raw === 'string') PARSED.get(ctx)?.set(name, { raw, value: v });
	return v as T;
}

export function strParam(ctx: IExecuteFunctions, name: string, i: number, fallback = ''): string {
	const v = ctx.getNodeParameter(name, i, fallback) as unknown;
	return v === undefined || v === null ? fallback : String(v).trim();
}

export function numParam(ctx: IExecuteFunctions, name: string, i: number): number | undefined {
	const v = ctx.getNodeParameter(name, i, undefined) as unknown;
	if (v === undefined || v === null || v === '') return undefined;
	const n = Number(v);
	if (!Number.isFinite(n)) throw paramError(ctx, name, `Parameter "${name}" must be a number`, i);
	return n;
}

/** The part of the item to map: whole json, or the value at the "Input Field" path. */
export function inputOf(ctx: IExecuteFunctions, item: INodeExecutionData, i: number): unknown {
	const field = strParam(ctx, 'inputField', i, '');
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
		const where = /"([^"]+)" parameter/.exec(String(err.description ?? ''));
		out.invalid.push(invalidItem([{ path: where ? where[1] : '', code: 'invalid_parameter', message: err.message }], input, i));
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
