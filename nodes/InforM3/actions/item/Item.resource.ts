import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getForListings from './getForListings.operation';
import * as getMany from './getMany.operation';
import * as resolveAlias from './resolveAlias.operation';

export { get, getForListings, getMany, resolveAlias };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['item'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get an item', description: 'MMS200MI/Get' },
			{
				name: 'Get For Listings',
				value: 'getForListings',
				action: 'Get items for amazon listings',
				description: 'Items changed since a date with their Amazon SKU, EAN, custom fields and sales prices (MMS200MI, MMS025MI, CUSEXTMI, OIS017MI)',
			},
			{ name: 'Get Many', value: 'getMany', action: 'Get many items', description: 'MMS200MI list transactions' },
			{
				name: 'Resolve Alias',
				value: 'resolveAlias',
				action: 'Resolve an alias to an item number',
				description: 'MMS025MI/GetItem (SKU/EAN -> ITNO)',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...getForListings.description,
	...resolveAlias.description,
];
