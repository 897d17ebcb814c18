import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as resolveAlias from './resolveAlias.operation';

export { get, getMany, resolveAlias };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['item'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get an item', description: 'MMS200MI/Get' },
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
	...resolveAlias.description,
];
