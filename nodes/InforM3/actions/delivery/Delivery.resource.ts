import type { INodeProperties } from 'n8n-workflow';

import * as getHead from './getHead.operation';
import * as getOrderDeliveries from './getOrderDeliveries.operation';
import * as getPackages from './getPackages.operation';
import * as getShipmentFeedback from './getShipmentFeedback.operation';

export { getHead, getOrderDeliveries, getPackages, getShipmentFeedback };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['delivery'] } },
		options: [
			{
				name: 'Get Head',
				value: 'getHead',
				action: 'Get a delivery head with tracking',
				description: 'MWS410MI/GetHead (ETRN, FWNO, MODL, DSDT)',
			},
			{
				name: 'Get Order Deliveries',
				value: 'getOrderDeliveries',
				action: 'Get the delivery lines of an order',
				description: 'MWS411MI/LstDelLnByOrd',
			},
			{
				name: 'Get Packages',
				value: 'getPackages',
				action: 'Get the packages of a delivery',
				description: 'MWS423MI/LstPackages',
			},
			{
				name: 'Get Shipment Feedback',
				value: 'getShipmentFeedback',
				action: 'Get shipment feedback for an order',
				description: 'Order head + deliveries + lines + packages in one item',
			},
		],
		default: 'getShipmentFeedback',
	},
	...getOrderDeliveries.description,
	...getHead.description,
	...getPackages.description,
	...getShipmentFeedback.description,
];
