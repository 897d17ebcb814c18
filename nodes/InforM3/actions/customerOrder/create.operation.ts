import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	createCustomerOrder,
	prefetchOrderLookups,
	type BatchOrderPlan,
	type DuplicateCheck,
	type M3Client,
	type OrderLookupCache,
} from '../../../shared/m3';
import { asShippedOf, checkAsShippedPlan, checkDelivered } from '../../../shared/m3/fbaOrders';
import { fieldList, optionsProperty, otherFieldsProperty, show, type OperationContext } from '../common';
import { params } from '../../../shared/execution';

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
			displayName: 'Also Check Orders Placed Before',
			name: 'legacyCheckBefore',
			type: 'string',
			default: '',
			placeholder: '20261201',
			description:
				'With a LstHead/SearchHead duplicate check: only orders placed (head ORDT) before this date (yyyyMMdd) are also looked for that way, e.g. the day you upgraded. Empty = every order without a key record.',
		},
		{
			displayName: 'Duplicate Check',
			name: 'duplicateCheck',
			type: 'options',
			options: [
				{
					name: 'Key Record per CUOR (CUSEXTMI)',
					value: 'keyRecord',
					description: 'One key read per order, whatever the order history; safe under concurrency and lost answers',
				},
				{
					name: 'Key Record, Older Orders by Search Engine (SearchHead)',
					value: 'searchHead',
					description: 'Also finds orders entered before key records existed; one more request per new order',
				},
				{
					name: 'Key Record, Older Orders by Listing the Customer (LstHead)',
					value: 'lstHead',
					description: 'Also finds orders entered before key records existed; reads every order of the customer',
				},
				{ name: 'None (Not Idempotent)', value: 'none' },
			],
			default: 'keyRecord',
			description: 'How an existing order with the same CUNO + CUOR is found',
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
			displayName: 'Order Key Table (FILE)',
			name: 'keyFile',
			type: 'string',
			default: 'OOHEAD',
			description:
				'CUSEXTMI table of the key records (PK01 = CUNO, PK02 = CUOR, PK03 = attempt; written with VEXI 1)',
		},
		{
			displayName: 'Read Lines Back',
			name: 'readLines',
			type: 'boolean',
			default: false,
			description: 'Whether to read the order lines from M3 (OIS100MI LstLine) instead of reporting the lines entered',
		},
		{
			displayName: 'Wait for Concurrent Create (Seconds)',
			name: 'waitSeconds',
			type: 'number',
			default: 60,
			description:
				'How long another run\'s create of the same CUOR is waited for (counted from when it started); after that it is taken over',
		},
	]),
];

function planFromFields(this: IExecuteFunctions, i: number): BatchOrderPlan {
	const lines = ((this.getNodeParameter('lines', i, {}) as IDataObject).line ?? []) as IDataObject[];
	return {
		head: {
			...fieldList(this.getNodeParameter('otherFields', i, {})),
			CUNO: params(this, i).str('customerNumber'),
			CUOR: params(this, i).str('customerOrderReference'),
		},
		address: null,
		lines: lines.map((l) => ({ ...l })),
	};
}

/** Key records and aliases of all items of this run, read ahead once per client (one bulk request each). */
const lookahead = new WeakMap<object, Map<M3Client, Promise<OrderLookupCache>>>();

function cacheFor(this: IExecuteFunctions, client: M3Client, o: IDataObject): Promise<OrderLookupCache> {
	let perClient = lookahead.get(this);
	if (!perClient) {
		perClient = new Map();
		lookahead.set(this, perClient);
	}
	let cache = perClient.get(client);
	if (!cache) {
		const scope = (x: IDataObject) => `${String(x.company ?? '').trim()}|${String(x.division ?? '').trim()}`;
		const plans: unknown[] = [];
		this.getInputData().forEach((_item, j) => {
			try {
				if (scope(params(this, j).collection()) !== scope(o)) return;
				const mode = this.getNodeParameter('orderInput', j, 'json') as string;
				plans.push(mode === 'fields' ? planFromFields.call(this, j) : params(this, j).json('orderJson', { required: true, shape: 'any' }));
			} catch {
				// the item fails on its own turn, with its own error
			}
		});
		cache = prefetchOrderLookups(client, plans, {
			aliasType: (o.aliasType as string) || '1',
			keyFile: (o.keyFile as string) || 'OOHEAD',
			keys: o.duplicateCheck !== 'none',
		});
		perClient.set(client, cache);
	}
	return cache;
}

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const mode = this.getNodeParameter('orderInput', i, 'json') as string;
	const plan = mode === 'fields' ? planFromFields.call(this, i) : params(this, i).json('orderJson', { required: true, shape: 'any' });
	const o = params(this, i).collection();
	// an FBA order imported as shipped (docs/contracts.md "FBA orders"): only the FBA warehouse, and M3 must deliver it
	const asShipped = asShippedOf(plan);
	if (asShipped) checkAsShippedPlan(plan as BatchOrderPlan, asShipped);
	const result = await createCustomerOrder(client, plan, {
		duplicateCheck: (o.duplicateCheck as DuplicateCheck) ?? 'keyRecord',
		legacyCheckBefore: (o.legacyCheckBefore as string) ?? '',
		keyFile: (o.keyFile as string) || 'OOHEAD',
		onFailure: (o.onFailure as 'delete' | 'keep') ?? 'delete',
		waitSeconds: o.waitSeconds === undefined ? 60 : Number(o.waitSeconds),
		readLines: o.readLines === true,
		aliasType: (o.aliasType as string) || '1',
		cache: await cacheFor.call(this, client, o),
	});
	if (asShipped) {
		const exec = { company: o.company as string | undefined, division: o.division as string | undefined };
		return (await checkDelivered(client, result, asShipped, exec)) as unknown as IDataObject;
	}
	return result as unknown as IDataObject;
}
