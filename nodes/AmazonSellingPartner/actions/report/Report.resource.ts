import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as downloadDocument from './downloadDocument.operation';
import * as get from './get.operation';

export { create, downloadDocument, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Request a report', description: 'Calls createReport (Reports API 2021-06-30)' },
			{ name: 'Download Document', value: 'downloadDocument', action: 'Download a report document', description: 'Calls getReportDocument, downloads (and gunzips) the document: one item per row of a tab-separated report, the text, or the document as a file' },
			{ name: 'Get', value: 'get', action: 'Get a report', description: 'Calls getReport, optionally waiting until it is DONE, CANCELLED or FATAL' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...downloadDocument.description,
];
