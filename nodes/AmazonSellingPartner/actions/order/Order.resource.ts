import type { INodeProperties } from 'n8n-workflow';

import * as cancelItems from './cancelItems.operation';
import * as confirmShipment from './confirmShipment.operation';
import * as get from './get.operation';
import * as getV0 from './getV0.operation';
import * as search from './search.operation';

export { cancelItems, confirmShipment, get, getV0, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Cancel Items',
				value: 'cancelItems',
				action: 'Cancel an order or items',
				description: 'Cancel a merchant-fulfilled order or items with the order acknowledgement feed (POST_ORDER_ACKNOWLEDGEMENT_DATA), waited for',
			},
			{
				name: 'Confirm Shipment',
				value: 'confirmShipment',
				action: 'Confirm a shipment',
				description: 'Send carrier and tracking of a package (Orders v0 confirmShipment; idempotent per package)',
			},
			{ name: 'Get', value: 'get', action: 'Get an order', description: 'Get an order with its items (Orders API 2026-01-01)' },
			{
				name: 'Get (Legacy V0, Deprecated)',
				value: 'getV0',
				action: 'Get an order with the deprecated v0 API',
				description: 'Orders API v0 getOrder — deprecated by Amazon, for migration only',
			},
			{ name: 'Search', value: 'search', action: 'Search orders', description: 'Search orders by creation or last update time (Orders API 2026-01-01)' },
		],
		default: 'get',
	},
	...search.description,
	...get.description,
	...confirmShipment.description,
	...cancelItems.description,
	...getV0.description,
];
