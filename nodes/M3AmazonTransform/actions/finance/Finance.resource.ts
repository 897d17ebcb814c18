import type { INodeProperties } from 'n8n-workflow';
import * as amazonToM3Gl from './amazonToM3Gl.operation';

export { amazonToM3Gl };

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
		],
		default: 'amazonToM3Gl',
	},
	...amazonToM3Gl.description,
];
