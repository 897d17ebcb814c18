import type { INodeProperties } from 'n8n-workflow';
import * as m3ToAmazon from './m3ToAmazon.operation';

export { m3ToAmazon };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'M3 Balance to Amazon Quantity',
				value: 'm3ToAmazon',
				action: 'Map m3 balances to amazon quantities',
				description: 'M3 warehouse balances to patchListingsItem bodies or a JSON_LISTINGS_FEED',
			},
		],
		default: 'm3ToAmazon',
	},
	...m3ToAmazon.description,
];
