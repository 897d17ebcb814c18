import type { INodeProperties } from 'n8n-workflow';
import * as compare from './compare.operation';
import * as m3ToAmazon from './m3ToAmazon.operation';

export { compare, m3ToAmazon };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'Compare M3 and Amazon Quantities',
				value: 'compare',
				action: 'Compare m3 and amazon quantities',
				description: 'Reconciliation report per SKU: M3 figure, the quantity the sync would send, Amazon\'s quantity, difference',
			},
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
	...compare.description,
];
