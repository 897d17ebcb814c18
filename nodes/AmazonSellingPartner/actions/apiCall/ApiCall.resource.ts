import type { INodeProperties } from 'n8n-workflow';

import * as call from './call.operation';

export { call };

export const resourceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['apiCall'] } },
		options: [{ name: 'Call', value: 'call', action: 'Call any SP-API operation', description: 'Method, path, query and body of any SP-API operation' }],
		default: 'call',
	},
	...call.description,
];
