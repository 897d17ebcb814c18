import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as set from './set.operation';
import * as setMany from './setMany.operation';

export { get, set, setMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customField'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get custom field values', description: 'CUSEXTMI/GetFieldValue' },
			{
				name: 'Set',
				value: 'set',
				action: 'Set custom field values',
				description: 'CUSEXTMI/AddFieldValue, or ChgFieldValue when the record exists',
			},
			{
				name: 'Set Many',
				value: 'setMany',
				action: 'Set custom field values of many records',
				description: 'All items in a few v2 bulk requests; only the fields that changed are written',
			},
		],
		default: 'set',
	},
	...set.description,
	...get.description,
	...setMany.description,
];
