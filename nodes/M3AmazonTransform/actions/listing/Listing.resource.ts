import type { INodeProperties } from 'n8n-workflow';
import * as m3ToAmazon from './m3ToAmazon.operation';

export { m3ToAmazon };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['listing'] } },
		options: [
			{
				name: 'M3 Item to Amazon Listing',
				value: 'm3ToAmazon',
				action: 'Map m3 items to amazon listings',
				description: 'Item master and custom fields to listing attributes (your mapping) and the price list price to the offer, per marketplace',
			},
		],
		default: 'm3ToAmazon',
	},
	...m3ToAmazon.description,
];
