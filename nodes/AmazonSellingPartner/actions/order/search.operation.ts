import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { hintLimitReached, params, returnAllFields } from '../../../shared/execution';
import { PAGES, paginate, type SpApiClient } from '../../../shared/spapi';
import { jsonItems, marketplaces } from '../../transport';
import { ORDER_INCLUDED_DATA, marketplaceIdsField } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Filter By',
		name: 'filterBy',
		type: 'options',
		options: [
			{ name: 'Last Updated', value: 'lastUpdated', description: 'Orders changed at or after a time (backstop polling)' },
			{ name: 'Created', value: 'created', description: 'Orders created at or after a time' },
		],
		default: 'lastUpdated',
	},
	{
		displayName: 'Last Updated After',
		name: 'lastUpdatedAfter',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'ISO 8601 time; orders updated at or after it are returned',
		displayOptions: { show: { filterBy: ['lastUpdated'] } },
	},
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'ISO 8601 time; orders created at or after it are returned',
		displayOptions: { show: { filterBy: ['created'] } },
	},
	marketplaceIdsField(),
	...returnAllFields(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Before',
				name: 'before',
				type: 'dateTime',
				default: '',
				description: 'Upper bound (createdBefore / lastUpdatedBefore); must be at least 2 minutes in the past',
			},
			{
				displayName: 'Fulfilled By',
				name: 'fulfilledBy',
				type: 'multiOptions',
				options: [
					{ name: 'Amazon (FBA)', value: 'AMAZON' },
					{ name: 'Merchant (FBM)', value: 'MERCHANT' },
				],
				default: [],
			},
			{
				displayName: 'Fulfillment Statuses',
				name: 'fulfillmentStatuses',
				type: 'multiOptions',
				options: [
					{ name: 'Cancelled', value: 'CANCELLED' },
					{ name: 'Partially Shipped', value: 'PARTIALLY_SHIPPED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Pending Availability', value: 'PENDING_AVAILABILITY' },
					{ name: 'Shipped', value: 'SHIPPED' },
					{ name: 'Unfulfillable', value: 'UNFULFILLABLE' },
					{ name: 'Unshipped', value: 'UNSHIPPED' },
				],
				default: [],
			},
			{
				displayName: 'Included Data',
				name: 'includedData',
				type: 'multiOptions',
				options: ORDER_INCLUDED_DATA,
				default: [],
				description: 'Datasets to include with each order (items are always included)',
			},
			{
				displayName: 'Max Results Per Page',
				name: 'maxResultsPerPage',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 100,
				description: 'Page size (searchOrders allows about one call every 3 minutes, so keep it large)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['search'] } }, properties);

function iso(v: unknown): string {
	const s = String(v ?? '').trim();
	if (!s) return '';
	const d = new Date(s);
	return Number.isNaN(d.getTime()) ? s : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const filterBy = this.getNodeParameter('filterBy', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const limit = params(this, i).limit();
	const returnAll = limit === undefined;
	const query: IDataObject = {};
	if (filterBy === 'created') {
		query.createdAfter = iso(this.getNodeParameter('createdAfter', i));
		if (options.before) query.createdBefore = iso(options.before);
	} else {
		query.lastUpdatedAfter = iso(this.getNodeParameter('lastUpdatedAfter', i));
		if (options.before) query.lastUpdatedBefore = iso(options.before);
	}
	if (!query.createdAfter && !query.lastUpdatedAfter) {
		throw new NodeOperationError(this.getNode(), 'Set the time to search from (createdAfter or lastUpdatedAfter)', { itemIndex: i });
	}
	query.marketplaceIds = marketplaces(this, client, this.getNodeParameter('marketplaceIds', i, ''), i);
	if ((options.fulfillmentStatuses as string[] | undefined)?.length) query.fulfillmentStatuses = options.fulfillmentStatuses;
	if ((options.fulfilledBy as string[] | undefined)?.length) query.fulfilledBy = options.fulfilledBy;
	if ((options.includedData as string[] | undefined)?.length) query.includedData = options.includedData;
	query.maxResultsPerPage = Math.min(100, Math.max(1, Number(options.maxResultsPerPage ?? 100)));
	if (!returnAll && limit !== undefined && limit < Number(query.maxResultsPerPage)) query.maxResultsPerPage = limit;
	const res = await paginate(client, 'orders2026.searchOrders', { query }, PAGES['orders2026.searchOrders'], { returnAll, limit });
	if (res.more && limit !== undefined) hintLimitReached(this, 'orders', limit, true);
	return jsonItems(res.records);
}
