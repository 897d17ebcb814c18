import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customerReturn'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a customer return',
				description: 'OIS390MI AddHead + AddLine against the customer order, idempotent per Amazon refund (CUSEXTMI key record)',
			},
		],
		default: 'create',
	},
	...create.description,
];
