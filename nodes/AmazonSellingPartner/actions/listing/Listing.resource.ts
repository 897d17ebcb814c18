import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as patch from './patch.operation';
import * as search from './search.operation';
import * as syncListings from './syncListings.operation';
import * as syncQuantities from './syncQuantities.operation';
import * as updateQuantity from './updateQuantity.operation';

export { get, patch, search, syncListings, syncQuantities, updateQuantity };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['listing'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a listing', description: 'Get a listings item by SKU (Listings Items 2021-08-01)' },
			{ name: 'Patch', value: 'patch', action: 'Patch a listing', description: 'Apply raw JSON Patch operations to a listing' },
			{ name: 'Search', value: 'search', action: 'Search listings' },
			{
				name: 'Sync Listings',
				value: 'syncListings',
				action: 'Send changed listings and prices from the transform node',
				description:
					'Send the M3 item to Amazon listing items: only what changed, validated against the product type definition, a feed for many or a call per SKU; ASIN and status back',
			},
			{
				name: 'Sync Quantities',
				value: 'syncQuantities',
				action: 'Send quantities from the transform node',
				description: 'Send the M3 to Amazon quantity items as they come: one patch per SKU item, or a JSON_LISTINGS_FEED for a feed item',
			},
			{
				name: 'Update Quantity',
				value: 'updateQuantity',
				action: 'Update the quantity of a listing',
				description: 'Set the merchant-fulfilled quantity (fulfillment_availability, channel DEFAULT) of a SKU',
			},
		],
		default: 'get',
	},
	...get.description,
	...updateQuantity.description,
	...patch.description,
	...search.description,
	...syncQuantities.description,
	...syncListings.description,
];
