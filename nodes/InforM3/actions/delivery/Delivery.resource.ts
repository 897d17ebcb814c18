import type { INodeProperties } from 'n8n-workflow';

import * as getHead from './getHead.operation';
import * as getOrderDeliveries from './getOrderDeliveries.operation';
import * as getPackages from './getPackages.operation';
import * as getShipmentFeedback from './getShipmentFeedback.operation';
import * as markConfirmed from './markConfirmed.operation';

export { getHead, getOrderDeliveries, getPackages, getShipmentFeedback, markConfirmed };

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
				description: 'Deliveries to confirm to Amazon: changed since the watermark or of orders, one item each (or one item per order)',
			},
			{
				name: 'Mark Confirmed',
				value: 'markConfirmed',
				action: 'Mark deliveries confirmed to amazon',
				description: 'Lasting per-delivery mark in CUSEXTMI once Amazon has all its packages',
			},
		],
		default: 'getShipmentFeedback',
	},
	...getOrderDeliveries.description,
	...getHead.description,
	...getPackages.description,
	...getShipmentFeedback.description,
	...markConfirmed.description,
];
