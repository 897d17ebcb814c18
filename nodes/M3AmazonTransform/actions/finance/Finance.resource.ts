import type { INodeProperties } from 'n8n-workflow';
import * as amazonToM3Gl from './amazonToM3Gl.operation';
import * as amazonToM3Returns from './amazonToM3Returns.operation';

export { amazonToM3Gl, amazonToM3Returns };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['finance'] } },
		options: [
			{
				name: 'Amazon Transactions to M3 GL Batch',
				value: 'amazonToM3Gl',
				action: 'Map amazon transactions to an m3 gl batch',
				description: 'Finances 2024-06-19 transactions or v0 events to a balanced GLS840MI batch',
			},
			{
				name: 'Amazon Refunds to M3 Returns',
				value: 'amazonToM3Returns',
				action: 'Map amazon refunds and returns to m3 customer returns',
				description: 'Finances Refund transactions + returns report rows to one OIS390MI customer return per refund, with the restock decision',
			},
		],
		default: 'amazonToM3Gl',
	},
	...amazonToM3Gl.description,
	...amazonToM3Returns.description,
];
