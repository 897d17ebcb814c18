import type { INodeProperties } from 'n8n-workflow';

import * as getSummaries from './getSummaries.operation';

export { getSummaries };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'Get Summaries',
				value: 'getSummaries',
				action: 'Get FBA inventory summaries',
				description: 'FBA inventory per SKU in one marketplace (FBA Inventory v1)',
			},
		],
		default: 'getSummaries',
	},
	...getSummaries.description,
];
