/**
 * The one way action nodes read their parameters (Infor M3, Amazon Selling Partner, M3 Amazon Transform):
 * `params(ctx, i)` for the node's parameters of item i, `.options()` (or `optionsOf(values)`) for a collection.
 *
 * - JSON (`json`): an object or array typed as JSON text or given by an expression; empty = the fallback (or a
 *   ParameterError when required); bad JSON or the wrong shape = a ParameterError naming the parameter and the item.
 * - lists (`list`, `splitList`): one rule for every comma list: commas or line breaks separate, values are trimmed,
 *   empty ones dropped; an array value is taken element by element; optional dedupe and upper-casing.
 * - text (`str`: trimmed, empty = fallback), resource locators (`locator`: the extracted value), numbers (`num`:
 *   bounds clamp, non-numbers are an error), booleans (`bool`: true/false or the text "true"/"false"), a
 *   collection's values as they are (`collection`).
 *
 * n8n's `getNodeParameter(name, i, fallback, { ensureType })` is not used for these: it rejects null and '' instead of
 * falling back, turns '' into 0 and 'false' into true, does not tell an object from an array, and parses the same JSON
 * text again for every item.
 */
import { NodeOperationError, type IDataObject, type IDisplayOptions, type IExecuteFunctions, type INode, type INodeProperties } from 'n8n-workflow';

/** A node parameter that cannot be used: names the parameter and the item (n8n shows both). */
export class ParameterError extends NodeOperationError {
	readonly parameter: string;

	readonly itemIndex: number;

	constructor(node: INode, parameter: string, message: string, itemIndex: number, description?: string) {
		super(node, message, { itemIndex, description: description ?? `Check the "${parameter}" parameter (item ${itemIndex})` });
		this.parameter = parameter;
		this.itemIndex = itemIndex;
	}
}

export interface ListOptions {
	/** keep the first of equal values */
	dedupe?: boolean;
	/** upper-case every value (ids, status codes) */
	upper?: boolean;
}

const LIST_SEPARATOR = /[,\r\n]+/;

/** "A, B\nC" -> ['A', 'B', 'C']: commas or line breaks, trimmed, empties dropped (see the file comment). */
export function splitList(value: unknown, options: ListOptions = {}): string[] {
	const parts = Array.isArray(value)
		? value.map((v) => (v === undefined || v === null ? '' : String(v)))
		: value === undefined || value === null
			? []
			: String(value).split(LIST_SEPARATOR);
	let out = parts.map((s) => s.trim()).filter((s) => s !== '');
	if (options.upper) out = out.map((s) => s.toUpperCase());
	return options.dedupe ? [...new Set(out)] : out;
}

export type JsonShape = 'object' | 'array' | 'any';

export interface JsonOptions<T> {
	/** what the value must be (default object) */
	shape?: JsonShape;
	/** the value of an empty parameter (default undefined) */
	fallback?: T;
	/** an empty parameter is an error */
	required?: boolean;
	/**
	 * The same text for every item is parsed once per execution and the parsed value shared: only for values the
	 * caller never modifies (mapping tables, settings).
	 */
	cache?: boolean;
}

export interface NumberOptions {
	min?: number;
	max?: number;
	/** whole numbers only (rounded down) */
	integer?: boolean;
}

const PARSED = new WeakMap<object, Map<string, { raw: string; value: unknown }>>();

function empty(v: unknown): boolean {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function shapeOf(v: unknown): JsonShape | 'other' {
	if (Array.isArray(v)) return 'array';
	return v !== null && typeof v === 'object' ? 'object' : 'other';
}

/** Readers of one set of values: the node's parameters of an item (`params`), or a collection's values (`optionsOf`). */
export class ParamReader {
	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
		private readonly get: (name: string, extractValue?: boolean) => unknown,
		private readonly prefix: string,
	) {}

	/** Whether the value is set (possibly empty: where empty means something, e.g. "empty = do not compare"). */
	has(name: string): boolean {
		const v = this.get(name);
		return v !== undefined && v !== null;
	}

	/** Trimmed text; empty (or not set) = fallback. */
	str(name: string, fallback = ''): string {
		const v = this.get(name);
		if (empty(v)) return fallback;
		return (typeof v === 'object' ? JSON.stringify(v) : String(v)).trim();
	}

	/**
	 * The value of a resource locator ("From List", "By ID", "By URL": n8n extracts it), trimmed; a plain string (what
	 * workflows saved before the parameter was a locator) is taken as is. Empty = fallback.
	 */
	locator(name: string, fallback = ''): string {
		let v = this.get(name, true);
		if (v !== null && typeof v === 'object' && !Array.isArray(v)) v = (v as IDataObject).value;
		if (empty(v)) return fallback;
		return String(v).trim();
	}

	/** The values of a collection parameter as they are (`{}` when not set): for operations that pass options on. */
	collection(name = 'options'): IDataObject {
		const v = this.get(name);
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : {};
	}

	/** Trimmed text; empty = a ParameterError "<label> is empty". */
	required(name: string, label?: string): string {
		const v = this.str(name);
		if (!v) throw this.error(name, `${label ?? this.label(name)} is empty`);
		return v;
	}

	/** A number (number or numeric text), clamped to the bounds; empty = fallback; anything else is an error. */
	num(name: string, fallback: number, bounds?: NumberOptions): number;
	num(name: string, fallback?: undefined, bounds?: NumberOptions): number | undefined;
	num(name: string, fallback?: number, bounds: NumberOptions = {}): number | undefined {
		const v = this.get(name);
		if (empty(v)) return fallback;
		let n = typeof v === 'number' ? v : Number(String(v).trim());
		if (!Number.isFinite(n)) throw this.error(name, `${this.label(name)} must be a number, not "${String(v)}"`);
		if (bounds.integer) n = Math.floor(n);
		if (bounds.min !== undefined && n < bounds.min) n = bounds.min;
		if (bounds.max !== undefined && n > bounds.max) n = bounds.max;
		return n;
	}

	/** true / false (or the text "true" / "false"); empty = fallback; anything else is an error. */
	bool(name: string, fallback: boolean): boolean {
		const v = this.get(name);
		if (empty(v)) return fallback;
		if (typeof v === 'boolean') return v;
		const t = String(v).trim().toLowerCase();
		if (t === 'true') return true;
		if (t === 'false') return false;
		throw this.error(name, `${this.label(name)} must be true or false, not "${String(v)}"`);
	}

	/** The Return All / Limit pair of `returnAllFields`: undefined when Return All is on, else the limit (at least 1). */
	limit(): number | undefined {
		return this.bool('returnAll', false) ? undefined : this.num('limit', 50, { min: 1 });
	}

	/** A comma list (the one rule of `splitList`). */
	list(name: string, options?: ListOptions): string[] {
		return splitList(this.get(name), options);
	}

	/** A JSON value (see the file comment). */
	json<T = unknown>(name: string, options: JsonOptions<T> = {}): T {
		const shape = options.shape ?? 'object';
		const raw = this.get(name);
		if (empty(raw)) {
			if (options.required) throw this.error(name, `${this.label(name)} is empty: it needs a JSON ${shape === 'any' ? 'value' : shape}`);
			return options.fallback as T;
		}
		let value: unknown = raw;
		if (typeof raw === 'string') {
			const key = `${this.prefix}${name}`;
			const hit = options.cache ? PARSED.get(this.ctx)?.get(key) : undefined;
			if (hit && hit.raw === raw) return hit.value as T;
			try {
				value = JSON.parse(raw);
			} catch (e) {
				throw this.error(name, `${this.label(name)} is not valid JSON: ${(e as Error).message}`);
			}
			if (options.cache) {
				let cache = PARSED.get(this.ctx);
				if (!cache) PARSED.set(this.ctx, (cache = new Map()));
				cache.set(key, { raw, value });
			}
		}
		if (shape !== 'any' && shapeOf(value) !== shape) throw this.error(name, `${this.label(name)} must be a JSON ${shape}`);
		return value as T;
	}

	/** The "Options" collection (or another collection parameter) of the same item. */
	options(name = 'options'): ParamReader {
		return optionsOf(this.ctx, this.itemIndex, this.collection(name), `${this.prefix}${name}.`);
	}

	/** A ParameterError about one of these values. */
	error(name: string, message: string): ParameterError {
		return new ParameterError(this.ctx.getNode(), `${this.prefix}${name}`, message, this.itemIndex);
	}

	private label(name: string): string {
		return `Parameter "${this.prefix}${name}"`;
	}
}

/** The node's parameters of item i. */
export function params(ctx: IExecuteFunctions, i: number): ParamReader {
	// null, not undefined: n8n throws "Could not get parameter" for a parameter the operation does not have and no fallback
	return new ParamReader(ctx, i, (name, extractValue) => ctx.getNodeParameter(name, i, null, extractValue ? { extractValue } : undefined) as unknown, '');
}

/** Values of a collection already read (errors name the parameter as `<prefix><name>`, e.g. options.maxWait). */
export function optionsOf(ctx: IExecuteFunctions, i: number, values: IDataObject, prefix = 'options.'): ParamReader {
	return new ParamReader(ctx, i, (name) => values[name], prefix);
}

/** A ParameterError for a parameter of item i (checks the caller makes itself). */
export function parameterError(ctx: IExecuteFunctions, parameter: string, message: string, itemIndex = 0): ParameterError {
	return new ParameterError(ctx.getNode(), parameter, message, itemIndex);
}

/** n8n's Return All / Limit pair (read with `.limit()`), shown where `show` says; Limit only while Return All is off. */
export function returnAllFields(show: IDisplayOptions['show'] = {}): INodeProperties[] {
	const shown = Object.keys(show ?? {}).length ? { displayOptions: { show } } : {};
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			...shown,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
