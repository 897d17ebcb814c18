import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signRequest, withQuery } from '../nodes/shared/aws/sigv4';

function str(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

/** SQS endpoint for the credential: the custom endpoint (simulator, LocalStack, VPC endpoint) or the regional one. */
export function sqsEndpoint(c: ICredentialDataDecryptedObject): string {
	const custom = str(c.customEndpoint);
	if (custom) return custom.replace(/\/+$/, '');
	return `https://sqs.${str(c.region) || 'us-east-1'}.amazonaws.com`;
}

/**
 * AWS access keys for the seller's own SQS queue that SP-API notifications are delivered to
 * (not for SP-API itself, which needs no AWS signature since October 2023).
 */
export class AwsSqsApi implements ICredentialType {
	name = 'awsSqsApi';

	displayName = 'AWS SQS (SP-API Notifications Queue)';

	icon: Icon = { light: 'file:awsSqs.svg', dark: 'file:awsSqs.dark.svg' };

	documentationUrl = 'https://developer-docs.amazon.com/sp-api/docs/set-up-notifications-with-amazon-sqs';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: 'us-east-1',
			required: true,
			description: 'AWS region of the queue, e.g. us-east-1 or eu-west-1',
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials (STS)',
		},
		{
			displayName: 'Custom Endpoint',
			name: 'customEndpoint',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4566',
			description: 'Leave empty for AWS. Set for a VPC endpoint, LocalStack or the project simulator (its /sqs URL).',
		},
	];

	/**
	 * Signs every request with AWS Signature Version 4 (service "sqs"). The request's URL may be empty or
	 * relative (then the credential's endpoint is used); `qs` is folded into the URL and a JSON body is
	 * serialised here, so that the bytes sent are exactly the bytes signed.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const endpoint = sqsEndpoint(credentials);
		const base = str(requestOptions.baseURL) || endpoint;
		const given = str(requestOptions.url);
		const url = /^https?:\/\//i.test(given)
			? given
			: base.replace(/\/+$/, '') + (given === '' ? '/' : given.startsWith('/') ? given : `/${given}`);
		const fullUrl = withQuery(url, requestOptions.qs as Record<string, unknown> | undefined);
		let body: string | undefined;
		const b = requestOptions.body as unknown;
		if (typeof b === 'string') body = b;
		else if (b !== undefined && b !== null && !(typeof b === 'object' && Object.keys(b as object).length === 0 && requestOptions.method !== 'POST')) {
			body = Buffer.isBuffer(b) ? b.toString('utf8') : JSON.stringify(b);
		}
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(requestOptions.headers ?? {})) {
			if (v !== undefined && v !== null) headers[k] = String(v);
		}
		const signed = signRequest(
			{ method: requestOptions.method ?? 'GET', url: fullUrl, headers, body },
			{
				accessKeyId: str(credentials.accessKeyId),
				secretAccessKey: str(credentials.secretAccessKey),
				sessionToken: str(credentials.sessionToken) || undefined,
			},
			{ region: str(credentials.region) || 'us-east-1', service: 'sqs' },
		);
		const out: IHttpRequestOptions = { ...requestOptions, url: fullUrl, headers: signed.headers };
		delete out.baseURL;
		delete out.qs;
		if (body !== undefined) out.body = body;
		return out;
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '',
			headers: { 'X-Amz-Target': 'AmazonSQS.ListQueues', 'Content-Type': 'application/x-amz-json-1.0' },
			body: { MaxResults: 1 },
		},
		rules: [
			{
				// SQS answers JSON; a body that is text starting with "<" (its first character is "<") is an HTML or XML
				// page from something else: a proxy, a captive portal or a wrong endpoint
				type: 'responseSuccessBody',
				properties: {
					key: '0',
					value: '<',
					message:
						'The endpoint answered with an HTML/XML page, not SQS: check the region and Custom Endpoint (a proxy, captive portal or wrong URL?)',
				},
			},
		],
	};
}
