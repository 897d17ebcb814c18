import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getClosed from './getClosed.operation';
import * as getDeliveries from './getDeliveries.operation';
import * as getLines from './getLines.operation';
import * as getMany from './getMany.operation';

export { cancel, create, get, getClosed, getDeliveries, getLines, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customerOrder'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a customer order or lines',
				description: 'Deletes the lines Amazon cancelled (OIS100MI/DelLine) while M3 still allows it; idempotent',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a customer order',
				description: 'Batch order entry (OIS100MI), idempotent on CUOR',
			},
			{ name: 'Get', value: 'get', action: 'Get a customer order', description: 'OIS100MI/GetHead' },
			{
				name: 'Get Closed Without Delivery',
				value: 'getClosed',
				action: 'Get orders with lines closed without delivery',
				description: 'Changed orders (watermark in M3) whose lines M3 closed or deleted without delivering them',
			},
			{
				name: 'Get Deliveries',
				value: 'getDeliveries',
				action: 'Get the deliveries of an order',
				description: 'MWS411MI/LstDelLnByOrd',
			},
			{ name: 'Get Lines', value: 'getLines', action: 'Get the lines of an order', description: 'OIS100MI/LstLine' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many customer orders',
				description: 'OIS100MI/LstHead by customer and status range',
			},
		],
		default: 'create',
	},
	...cancel.description,
	...create.description,
	...get.description,
	...getClosed.description,
	...getDeliveries.description,
	...getLines.description,
	...getMany.description,
];
