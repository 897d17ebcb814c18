import type { INodeProperties } from 'n8n-workflow';
import * as m3ToAmazon from './m3ToAmazon.operation';

export { m3ToAmazon };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shipment'] } },
		options: [
			{
				name: 'M3 Delivery to Amazon Shipment',
				value: 'm3ToAmazon',
				action: 'Map an m3 delivery to an amazon shipment confirmation',
				description: 'M3 delivery (MWS410MI/MWS411MI/MWS423MI) to confirmShipment input or fulfillment feed',
			},
		],
		default: 'm3ToAmazon',
	},
	...m3ToAmazon.description,
];
