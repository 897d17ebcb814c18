import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createCustomerOrder, type BatchOrderPlan, type DuplicateCheck } from '../../../shared/m3';
import {
	fieldList,
	getOptions,
	jsonParam,
	optionsProperty,
	otherFieldsProperty,
	show,
	str,
	type OperationContext,
} from '../common';

const R = 'customerOrder';
const O = 'create';

export const description: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'orderInput',
		type: 'options',
		options: [
			{ name: 'Order Plan (JSON)', value: 'json', description: 'The M3 batch order plan (see docs/contracts.md)' },
			{ name: 'Fields', value: 'fields', description: 'Head fields and lines entered here' },
		],
		default: 'json',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Order (JSON)',
		name: 'orderJson',
		type: 'json',
		default: '={{ $json }}',
		description:
			'Batch order plan: { head: {CUNO, CUOR, ORTP, FACI, WHLO, ...}, address, lines: [{ITNO, ORQT, SAPR, ...}], charges, texts, customFields }',
		displayOptions: { show: { ...show(R, O).show, orderInput: ['json'] } },
	},
	{
		displayName: 'Customer Number (CUNO)',
		name: 'customerNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show(R, O).show, orderInput: ['fields'] } },
	},
	{
		displayName: 'Customer Order Reference (CUOR)',
		name: 'customerOrderReference',
		type: 'string',
		default: '',
		description: 'The customer\'s order number (e.g. the Amazon order ID). The order is created once per CUOR.',
		displayOptions: { show: { ...show(R, O).show, orderInput: ['fields'] } },
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Line',
		displayOptions: { show: { ...show(R, O).show, orderInput: ['fields'] } },
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{
						displayName: 'Item Number (ITNO)',
						name: 'ITNO',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Line Reference (CUOR)',
						name: 'CUOR',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Quantity (ORQT)',
						name: 'ORQT',
						type: 'string',
						default: '1',
					},
					{
						displayName: 'Sales Price (SAPR)',
						name: 'SAPR',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Warehouse (WHLO)',
						name: 'WHLO',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{
		...otherFieldsProperty(R, O, 'Other OIS100MI/AddBatchHead fields (ORTP, FACI, WHLO, ORDT, CUCD ...)'),
		displayOptions: { show: { ...show(R, O).show, orderInput: ['fields'] } },
	},
	optionsProperty(R, O, [
		{
			displayName: 'Alias Type for POPN Lines (ALWT)',
			name: 'aliasType',
			type: 'string',
			default: '1',
			description: 'MMS025MI alias category used to find ITNO for lines that give POPN instead of ITNO',
		},
		{
			displayName: 'Duplicate Check',
			name: 'duplicateCheck',
			type: 'options',
			options: [
				{
					name: 'List Orders of the Customer (LstHead)',
					value: 'lstHead',
					description: 'Exact and always current; reads all orders of CUNO',
				},
				{
					name: 'Search Engine (SearchHead CUOR)',
					value: 'searchHead',
					description: 'Faster on big customers; needs the OOHEAD search index',
				},
				{ name: 'None (Not Idempotent)', value: 'none' },
			],
			default: 'lstHead',
			description: 'How an existing order with the same CUOR is found (batch orders are always checked with LstBatchHead)',
		},
		{
			displayName: 'On Failure',
			name: 'onFailure',
			type: 'options',
			options: [
				{ name: 'Delete the Batch Order', value: 'delete' },
				{ name: 'Keep the Batch Order (OIS275)', value: 'keep' },
			],
			default: 'delete',
		},
		{
			displayName: 'Take Over Stale Batch Orders',
			name: 'takeOverStale',
			type: 'boolean',
			default: false,
			description:
				'Whether to delete a batch order with the same CUOR that is still in status 10 after the wait, and create the order anew',
		},
		{
			displayName: 'Wait for Concurrent Create (Seconds)',
			name: 'waitSeconds',
			type: 'number',
			default: 60,
			description: 'How long to wait for a batch order with the same CUOR that another run is entering',
		},
	]),
];

function planFromFields(this: IExecuteFunctions, i: number): BatchOrderPlan {
	const lines = ((this.getNodeParameter('lines', i, {}) as IDataObject).line ?? []) as IDataObject[];
	return {
		head: {
			...fieldList(this.getNodeParameter('otherFields', i, {})),
			CUNO: str.call(this, 'customerNumber', i),
			CUOR: str.call(this, 'customerOrderReference', i),
		},
		address: null,
		lines: lines.map((l) => ({ ...l })),
	};
}

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const mode = this.getNodeParameter('orderInput', i, 'json') as string;
	const plan = mode === 'fields' ? planFromFields.call(this, i) : jsonParam.call(this, 'orderJson', i, 'Order (JSON)');
	const o = getOptions.call(this, i);
	const result = await createCustomerOrder(client, plan, {
		duplicateCheck: (o.duplicateCheck as DuplicateCheck) ?? 'lstHead',
		onFailure: (o.onFailure as 'delete' | 'keep') ?? 'delete',
		waitSeconds: o.waitSeconds === undefined ? 60 : Number(o.waitSeconds),
		takeOverStale: o.takeOverStale === true,
		aliasType: (o.aliasType as string) || '1',
	});
	return result as unknown as IDataObject;
}
