import type { INodeProperties } from 'n8n-workflow';

import * as acknowledge from './acknowledge.operation';

export { acknowledge };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['queue'] } },
		options: [
			{
				name: 'Acknowledge Messages',
				value: 'acknowledge',
				action: 'Acknowledge SQS messages',
				description: 'Delete the SQS messages of items that are done or kept in the dead letter',
			},
		],
		default: 'acknowledge',
	},
	...acknowledge.description,
];
