import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as findOrCreate from './findOrCreate.operation';
import * as get from './get.operation';
import * as search from './search.operation';
import * as update from './update.operation';

export { create, findOrCreate, get, search, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a customer', description: 'CRS610MI/Add from a template' },
			{
				name: 'Find or Create',
				value: 'findOrCreate',
				action: 'Find or create a customer',
				description: 'By e-mail, external ID (custom field) or customer number',
			},
			{ name: 'Get', value: 'get', action: 'Get a customer', description: 'CRS610MI/GetBasicData' },
			{
				name: 'Search',
				value: 'search',
				action: 'Search customers',
				description: 'CRS610MI/SearchCustomer or LstByNumber',
			},
			{ name: 'Update', value: 'update', action: 'Update a customer', description: 'CRS610MI/ChgBasicData' },
		],
		default: 'get',
	},
	...create.description,
	...findOrCreate.description,
	...get.description,
	...search.description,
	...update.description,
];
