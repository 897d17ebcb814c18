import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ItemResult, Operation, ParamReader } from '../../shared/execution';
import { M3Error, type M3Client, type M3Record } from '../../shared/m3';

export type OperationResult = ItemResult;

export interface OperationContext {
	client: M3Client;
	item: INodeExecutionData;
	i: number;
}

/** An Infor M3 operation (the shared contract, nodes/shared/execution/operation.ts): `execute` gets the M3 client and the item. */
export interface OperationModule extends Operation<[ctx: OperationContext]> {
	/**
	 * Optional: handle all items in one go (e.g. one v2 bulk call). Returns one result or error per input item, in
	 * input order. Used when it returns non-undefined.
	 */
	executeAll?: (
		this: IExecuteFunctions,
		client: M3Client,
		items: INodeExecutionData[],
	) => Promise<Array<OperationResult | Error> | undefined>;
}

export function show(resource: string, operation: string | string[]) {
	return { show: { resource: [resource], operation: Array.isArray(operation) ? operation : [operation] } };
}

/** Company/division overrides and item concurrency: added to every operation's Options. */
export const commonOptions: INodeProperties[] = [
	{
		displayName: 'Company (CONO)',
		name: 'company',
		type: 'string',
		default: '',
		description: 'Overrides the company of the credential for this call',
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 1,
		description: 'How many input items are processed at the same time',
	},
	{
		displayName: 'Division (DIVI)',
		name: 'division',
		type: 'string',
		default: '',
		description: 'Overrides the division of the credential for this call',
	},
];

export function optionsProperty(resource: string, operation: string, extra: INodeProperties[] = []): INodeProperties {
	const all = [...extra, ...commonOptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(resource, operation),
		options: all,
	};
}

/**
 * A resource locator: "From List" (a list search of methods/listSearch.ts) and "By ID" (M3 key, checked by the
 * editor against `regex`). Read with `params(this, i).locator(name)` / `required(..., { locator: true })`: n8n extracts the value, and a
 * plain string (what workflows saved before the parameter was a locator hold) is taken as is.
 */
export function m3Locator(
	p: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'displayOptions'> & {
		searchListMethod: string;
		placeholder: string;
		regex: string;
		errorMessage: string;
	},
): INodeProperties {
	return {
		displayName: p.displayName,
		name: p.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		...(p.description ? { description: p.description } : {}),
		displayOptions: p.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: p.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: p.placeholder,
				validation: [{ type: 'regex', properties: { regex: p.regex, errorMessage: p.errorMessage } }],
			},
		],
	};
}

/** Required parameter: an M3Error (kind input) naming the M3 field when empty. */
export function required(p: ParamReader, name: string, label: string, field: string, options: { locator?: boolean } = {}): string {
	const v = options.locator ? p.locator(name) : p.str(name);
	if (!v) throw new M3Error(`${label} is empty: it is mandatory (M3 field ${field})`, { kind: 'input', field });
	return v;
}

/** "Other Fields" fixedCollection { field: [{ name, value }] } -> record. */
export const otherFieldsProperty = (
	resource: string,
	operation: string,
	description = 'Other M3 input fields (4-character names, e.g. CUA2, PONO)',
): INodeProperties => ({
	displayName: 'Other Fields',
	name: 'otherFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Field',
	default: {},
	description,
	displayOptions: show(resource, operation),
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'CUA2' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

export function fieldList(value: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	const list = (value as { field?: Array<{ name?: string; value?: unknown }> } | undefined)?.field ?? [];
	for (const f of list) {
		const name = String(f.name ?? '').trim();
		if (!name) continue;
		out[name] = f.value === undefined || f.value === null ? '' : String(f.value);
	}
	return out;
}

export function records(list: M3Record[]): IDataObject[] {
	return list.map((r) => ({ ...r }));
}
