import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { hintLimitReached, splitList, params, returnAllFields } from '../../../shared/execution';
import { PAGES, paginate, type SpApiClient } from '../../../shared/spapi';
import { jsonItems, marketplaces } from '../../transport';
import { marketplaceLocator } from '../common';

const properties: INodeProperties[] = [
	marketplaceLocator(),
	{
		displayName: 'Details',
		name: 'details',
		type: 'boolean',
		default: true,
		description: 'Whether to include inventoryDetails (fulfillable, inbound, reserved, unfulfillable quantities)',
	},
	...returnAllFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Seller SKUs',
				name: 'sellerSkus',
				type: 'string',
				default: '',
				description: 'Comma-separated, up to 50 SKUs',
			},
			{
				displayName: 'Changed Since',
				name: 'startDateTime',
				type: 'dateTime',
				default: '',
				description: 'Only summaries changed since this time (overrides the SKU filter on Amazon\'s side)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['inventory'], operation: ['getSummaries'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const marketplaceId = marketplaces(this, client, this.getNodeParameter('marketplaceId', i, '', { extractValue: true }), i)[0];
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const limit = params(this, i).limit();
	const returnAll = limit === undefined;
	const query: IDataObject = {
		details: this.getNodeParameter('details', i, true) as boolean,
		granularityType: 'Marketplace',
		granularityId: marketplaceId,
		marketplaceIds: [marketplaceId],
	};
	const skus = splitList(filters.sellerSkus);
	if (skus.length) query.sellerSkus = skus;
	if (filters.startDateTime) query.startDateTime = new Date(String(filters.startDateTime)).toISOString();
	const res = await paginate(client, 'fbaInventory.getInventorySummaries', { query }, PAGES['fbaInventory.getInventorySummaries'], {
		returnAll,
		limit,
	});
	if (res.more && limit !== undefined) hintLimitReached(this, 'inventory summaries', limit, true);
	return jsonItems(res.records.map((r) => ({ marketplaceId, ...r })));
}
