import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields of a secret that a caller must present to one of our webhook triggers (incoming only: nothing is sent
 * anywhere with it): an API key in a header of the caller's choice, or HTTP Basic. Checked by
 * nodes/shared/webhook/auth.ts. Used by the ION and the EventBridge webhook credentials, which differ only in name,
 * icon, documentation and the header the caller's product uses by default.
 */
export function webhookSecretProperties(defaultHeaderName: string): INodeProperties[] {
	return [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{ name: 'API Key in Header', value: 'headerKey' },
				{ name: 'Basic Auth', value: 'basic' },
			],
			default: 'headerKey',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: defaultHeaderName,
			required: true,
			displayOptions: { show: { authType: ['headerKey'] } },
			description: 'Name of the request header that carries the key (compared case-insensitively)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['headerKey'] } },
			description: 'The value callers must send in the header (at least 16 characters)',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authType: ['basic'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['basic'] } },
		},
	];
}
