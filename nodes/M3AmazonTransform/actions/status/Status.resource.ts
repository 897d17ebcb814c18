import type { INodeProperties } from 'n8n-workflow';
import * as amazonToM3 from './amazonToM3.operation';
import * as m3ToAmazon from './m3ToAmazon.operation';

export { amazonToM3, m3ToAmazon };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['status'] } },
		options: [
			{
				name: 'Amazon Status to M3',
				value: 'amazonToM3',
				action: 'Map an amazon order status to m3',
				description: 'What M3 should do with an order in this Amazon status',
			},
			{
				name: 'M3 Status to Amazon',
				value: 'm3ToAmazon',
				action: 'Map an m3 order status to amazon',
				description: 'ORSL/ORST of an M3 order head to the Amazon fulfillment status',
			},
		],
		default: 'm3ToAmazon',
	},
	...amazonToM3.description,
	...m3ToAmazon.description,
];
