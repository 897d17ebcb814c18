import type { INodeProperties } from 'n8n-workflow';

import * as execute from './execute.operation';

export { execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Execute',
				value: 'execute',
				action: 'Execute an MI transaction',
				description: 'Run any MI program/transaction (optionally as one bulk request)',
			},
		],
		default: 'execute',
	},
	...execute.description,
];
