import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['glBatch'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a GL batch',
				description: 'GLS840MI AddBatchHead + AddBatchLine + UpdBatch, idempotent on KEY1',
			},
		],
		default: 'create',
	},
	...create.description,
];
