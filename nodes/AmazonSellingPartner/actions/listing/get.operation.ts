import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { jsonItems, marketplaces, requireSellerId } from '../../transport';
import { marketplaceIdsField } from '../common';

export const LISTING_INCLUDED_DATA = [
	{ name: 'Attributes', value: 'attributes' },
	{ name: 'Fulfillment Availability', value: 'fulfillmentAvailability' },
	{ name: 'Identifiers', value: 'identifiers' },
	{ name: 'Issues', value: 'issues' },
	{ name: 'Offers', value: 'offers' },
	{ name: 'Procurement', value: 'procurement' },
	{ name: 'Product Types', value: 'productTypes' },
	{ name: 'Relationships', value: 'relationships' },
	{ name: 'Summaries', value: 'summaries' },
];

const properties: INodeProperties[] = [
	{ displayName: 'SKU', name: 'sku', type: 'string', default: '', required: true },
	marketplaceIdsField(),
	{
		displayName: 'Included Data',
		name: 'includedData',
		type: 'multiOptions',
		options: LISTING_INCLUDED_DATA,
		default: ['summaries', 'fulfillmentAvailability', 'issues'],
	},
	{
		displayName: 'Issue Locale',
		name: 'issueLocale',
		type: 'string',
		default: '',
		placeholder: 'en_US',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['listing'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const sellerId = requireSellerId(this, client, i);
	const sku = String(this.getNodeParameter('sku', i));
	const res = await client.call<Record<string, unknown>>('listings.getListingsItem', {
		pathParams: { sellerId, sku },
		query: {
			marketplaceIds: marketplaces(this, client, this.getNodeParameter('marketplaceIds', i, ''), i),
			includedData: this.getNodeParameter('includedData', i, []) as string[],
			issueLocale: this.getNodeParameter('issueLocale', i, '') as string,
		},
	});
	return jsonItems(res.body as never);
}
