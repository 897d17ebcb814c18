import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as set from './set.operation';

export { get, set };

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
		],
		default: 'set',
	},
	...set.description,
	...get.description,
];
