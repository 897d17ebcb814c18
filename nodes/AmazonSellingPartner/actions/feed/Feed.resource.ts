import type { INodeProperties } from 'n8n-workflow';

import * as getResult from './getResult.operation';
import * as getStatus from './getStatus.operation';
import * as submit from './submit.operation';

export { getResult, getStatus, submit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['feed'] } },
		options: [
			{ name: 'Get Result', value: 'getResult', action: 'Get the processing report of a feed', description: 'Download and parse the processing report (JSON or XML), or keep it as a file' },
			{ name: 'Get Status', value: 'getStatus', action: 'Get the status of a feed' },
			{ name: 'Submit', value: 'submit', action: 'Submit a feed', description: 'Create the feed document, upload the content and create the feed' },
		],
		default: 'submit',
	},
	...submit.description,
	...getStatus.description,
	...getResult.description,
];
