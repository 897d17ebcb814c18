import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, ResourceMapperValue } from 'n8n-workflow';

import { hintRecordCap, params } from '../../../shared/execution';
import { M3Error, type M3Client } from '../../../shared/m3';
import { m3Locator, optionsProperty, show, type OperationContext, type OperationResult } from '../common';

const R = 'transaction';
const O = 'execute';

export const description: INodeProperties[] = [
	m3Locator({
		displayName: 'Program',
		name: 'program',
		description: 'MI program, e.g. OIS100MI',
		displayOptions: show(R, O),
		searchListMethod: 'searchPrograms',
		placeholder: 'OIS100MI',
		regex: '^[A-Za-z0-9]{1,10}$',
		errorMessage: 'Not an MI program name (e.g. OIS100MI)',
	}),
	m3Locator({
		displayName: 'Transaction',
		name: 'transaction',
		description: 'Transaction of the program, e.g. GetHead',
		displayOptions: show(R, O),
		searchListMethod: 'searchTransactions',
		placeholder: 'GetHead',
		regex: '^[A-Za-z0-9]{1,15}$',
		errorMessage: 'Not an MI transaction name (e.g. GetHead)',
	}),
	{
		displayName: 'Input',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields' },
			{ name: 'JSON', value: 'json' },
			{ name: 'Mapped Fields', value: 'mapper' },
		],
		default: 'fields',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { ...show(R, O).show, inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getInputFields', loadOptionsDependsOn: ['program.value', 'transaction.value'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Fields',
		name: 'mappedFields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: "The transaction's input fields from MRS001MI/LstFields: mandatory ones first, type and length in the name",
		typeOptions: {
			loadOptionsDependsOn: ['program.value', 'transaction.value'],
			resourceMapper: {
				resourceMapperMethod: 'getMappingFields',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		displayOptions: { show: { ...show(R, O).show, inputMode: ['mapper'] } },
	},
	{
		displayName: 'Input (JSON)',
		name: 'inputJson',
		type: 'json',
		default: '{}',
		description: 'Object of M3 input fields, e.g. {"ORNO": "1000001234"}',
		displayOptions: { show: { ...show(R, O).show, inputMode: ['json'] } },
	},
	optionsProperty(R, O, [
		{
			displayName: 'Bulk',
			name: 'bulk',
			type: 'boolean',
			default: false,
			description: 'Whether to send all input items in one v2 bulk request (results are matched to items by order)',
		},
		{
			displayName: 'Max Records',
			name: 'maxRecords',
			type: 'number',
			default: 0,
			description: 'Max records of a list transaction (0 = all)',
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'One Item per Record', value: 'records' },
				{ name: 'One Item with All Records', value: 'single' },
			],
			default: 'records',
		},
		{
			displayName: 'Return Columns',
			name: 'returnColumns',
			type: 'string',
			default: '',
			placeholder: 'ORNO,CUOR,ORST',
			description: 'Only these output fields (comma-separated)',
		},
	]),
];

/**
 * Mapped Fields: "Map Each Field Below" = the values given (n8n has checked them against the field types when they
 * are read as `mappedFields.value`); "Map Automatically" = the item's fields named like an input field of the
 * transaction. Empty values are left out (M3 takes a missing field as blank).
 */
function mappedInput(this: IExecuteFunctions, i: number): Record<string, unknown> {
	const mapper = this.getNodeParameter('mappedFields', i, { mappingMode: 'defineBelow', value: null }) as ResourceMapperValue;
	let values: Record<string, unknown>;
	if (mapper.mappingMode === 'autoMapInputData') {
		const known = new Set((mapper.schema ?? []).filter((f) => !f.removed).map((f) => f.id));
		values = Object.fromEntries(Object.entries(this.getInputData()[i]?.json ?? {}).filter(([k]) => known.has(k)));
	} else {
		values = (this.getNodeParameter('mappedFields.value', i, {}) as Record<string, unknown> | null) ?? {};
	}
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(values)) {
		if (v === undefined || v === null || v === '') continue;
		out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
	}
	return out;
}

function inputOf(this: IExecuteFunctions, i: number): Record<string, unknown> {
	const mode = this.getNodeParameter('inputMode', i, 'fields') as string;
	if (mode === 'json') {
		return params(this, i).json<Record<string, unknown>>('inputJson', { required: true });
	}
	if (mode === 'mapper') return mappedInput.call(this, i);
	const list = ((this.getNodeParameter('fields', i, {}) as IDataObject).field ?? []) as Array<{
		name: string;
		value: string;
	}>;
	const out: Record<string, unknown> = {};
	for (const f of list) if (f.name) out[f.name] = f.value;
	return out;
}

function names(this: IExecuteFunctions, i: number): { program: string; transaction: string } {
	const program = params(this, i).locator('program');
	const transaction = params(this, i).locator('transaction');
	if (!program) throw new M3Error('Program is empty', { kind: 'input', field: 'program' });
	if (!transaction) throw new M3Error('Transaction is empty', { kind: 'input', field: 'transaction' });
	return { program, transaction };
}

function shape(this: IExecuteFunctions, i: number, recs: IDataObject[]): OperationResult {
	const cap = Number(params(this, i).collection().maxRecords ?? 0);
	if (cap > 1 && recs.length >= cap) hintRecordCap(this, 'records', cap, 'Max Records');
	if ((params(this, i).collection().output as string) === 'single') return { records: recs, count: recs.length };
	return recs.length ? recs : [{ success: true, records: 0 }];
}

function cols(this: IExecuteFunctions, i: number): string[] | undefined {
	const c = params(this, i).options().list('returnColumns');
	return c.length ? c : undefined;
}

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<OperationResult> {
	const { program, transaction } = names.call(this, i);
	const o = params(this, i).collection();
	const recs = await client.execute(program, transaction, inputOf.call(this, i), {
		maxrecs: Number(o.maxRecords ?? 0),
		returncols: cols.call(this, i),
	});
	return shape.call(this, i, recs as IDataObject[]);
}

/** Bulk option: one v2 bulk request for all items (per program; items with another program run alone). */
export async function executeAll(
	this: IExecuteFunctions,
	client: M3Client,
	items: INodeExecutionData[],
): Promise<Array<OperationResult | Error> | undefined> {
	if (!params(this, 0).collection().bulk) return undefined;
	const out: Array<OperationResult | Error> = new Array(items.length);
	const byProgram = new Map<string, number[]>();
	const prepared: Array<{ transaction: string; record: Record<string, unknown>; selectedColumns?: string[] }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const { program, transaction } = names.call(this, i);
			prepared[i] = { transaction, record: inputOf.call(this, i), selectedColumns: cols.call(this, i) };
			byProgram.set(program, [...(byProgram.get(program) ?? []), i]);
		} catch (e) {
			out[i] = e as Error;
		}
	}
	for (const [program, idx] of byProgram) {
		const results = await client.bulk(
			program,
			idx.map((i) => prepared[i]),
			{ maxrecs: Number(params(this, 0).collection().maxRecords ?? 0) },
		);
		results.forEach((r, n) => {
			const i = idx[n];
			out[i] = r.error ? r.error : shape.call(this, i, r.records as IDataObject[]);
		});
	}
	return out;
}
