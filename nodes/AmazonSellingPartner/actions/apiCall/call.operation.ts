import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { HttpMethod, SpApiClient } from '../../../shared/spapi';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/sellers/v1/marketplaceParticipations',
		description:
			'Path of any SP-API operation, relative to the credential\'s endpoint. Known operations share their rate-limit bucket; grantless operations get a grantless token.',
	},
	{
		displayName: 'Query Parameters',
		name: 'query',
		type: 'json',
		default: '{}',
		description: 'Object of query parameters; arrays are sent comma-joined',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'json',
		default: '',
		description: 'JSON body (POST, PUT, PATCH)',
		displayOptions: { show: { method: ['POST', 'PUT', 'PATCH'] } },
	},
	{
		displayName: 'Full Response',
		name: 'fullResponse',
		type: 'boolean',
		default: false,
		description: 'Whether to output { statusCode, requestId, rateLimit, body } instead of just the body',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['apiCall'], operation: ['call'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const method = this.getNodeParameter('method', i) as HttpMethod;
	const path = String(this.getNodeParameter('path', i)).trim();
	if (!path.startsWith('/')) throw new NodeOperationError(this.getNode(), 'Path must start with "/"', { itemIndex: i });
	const query = params(this, i).json<IDataObject>('query', { fallback: {} });
	const body = ['POST', 'PUT', 'PATCH'].includes(method) ? params(this, i).json('body', { shape: 'any' }) : undefined;
	const res = await client.raw<unknown>(method, path, { query, body });
	if (this.getNodeParameter('fullResponse', i, false)) {
		return [{ json: { statusCode: res.status, requestId: res.requestId, rateLimit: res.rateLimit, body: res.body as IDataObject } }];
	}
	const b = res.body;
	if (b && typeof b === 'object' && !Array.isArray(b)) return [{ json: b as IDataObject }];
	return [{ json: { body: b as IDataObject, statusCode: res.status } }];
}
