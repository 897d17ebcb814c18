import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { hintLimitReached, splitList, params, returnAllFields } from '../../../shared/execution';
import { PAGES, paginate, type SpApiClient } from '../../../shared/spapi';
import { jsonItems, marketplaces, requireSellerId } from '../../transport';
import { marketplaceIdsField } from '../common';
import { LISTING_INCLUDED_DATA } from './get.operation';

const properties: INodeProperties[] = [
	marketplaceIdsField(),
	...returnAllFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
			{
				displayName: 'Identifiers',
				name: 'identifiers',
				type: 'string',
				default: '',
				description: 'Comma-separated SKUs, ASINs, etc. Set Identifiers Type too.',
			},
			{
				displayName: 'Identifiers Type',
				name: 'identifiersType',
				type: 'options',
				options: [
					{ name: 'ASIN', value: 'ASIN' },
					{ name: 'EAN', value: 'EAN' },
					{ name: 'FNSKU', value: 'FNSKU' },
					{ name: 'GTIN', value: 'GTIN' },
					{ name: 'ISBN', value: 'ISBN' },
					{ name: 'JAN', value: 'JAN' },
					{ name: 'MINSAN', value: 'MINSAN' },
					{ name: 'SKU', value: 'SKU' },
					{ name: 'UPC', value: 'UPC' },
				],
				default: 'SKU',
			},
			{
				displayName: 'Included Data',
				name: 'includedData',
				type: 'multiOptions',
				options: LISTING_INCLUDED_DATA.filter((o) => o.value !== 'productTypes' && o.value !== 'relationships'),
				default: [],
			},
			{ displayName: 'Last Updated After', name: 'lastUpdatedAfter', type: 'dateTime', default: '' },
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 20,
			},
			{
				displayName: 'With Status',
				name: 'withStatus',
				type: 'multiOptions',
				options: [
					{ name: 'Buyable', value: 'BUYABLE' },
					{ name: 'Discoverable', value: 'DISCOVERABLE' },
				],
				default: [],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['listing'], operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const sellerId = requireSellerId(this, client, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const limit = params(this, i).limit();
	const returnAll = limit === undefined;
	const query: IDataObject = {
		marketplaceIds: marketplaces(this, client, this.getNodeParameter('marketplaceIds', i, ''), i),
		pageSize: Math.min(20, Math.max(1, Number(filters.pageSize ?? 20))),
	};
	const ids = splitList(filters.identifiers);
	if (ids.length) {
		query.identifiers = ids;
		query.identifiersType = filters.identifiersType ?? 'SKU';
	}
	if ((filters.includedData as string[] | undefined)?.length) query.includedData = filters.includedData;
	if ((filters.withStatus as string[] | undefined)?.length) query.withStatus = filters.withStatus;
	for (const k of ['createdAfter', 'lastUpdatedAfter']) {
		if (filters[k]) query[k] = new Date(String(filters[k])).toISOString();
	}
	const res = await paginate(client, 'listings.searchListingsItems', { pathParams: { sellerId }, query }, PAGES['listings.searchListingsItems'], {
		returnAll,
		limit,
	});
	if (res.more && limit !== undefined) hintLimitReached(this, 'listings', limit, true);
	return jsonItems(res.records);
}
