import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Secret that the EventBridge API destination's connection (API key or Basic authorization) must present when calling the trigger's webhook URL (incoming only: nothing is
 * sent anywhere with it). API key in a header of your choice, or HTTP Basic.
 */
export class AmazonEventBridgeWebhookApi implements ICredentialType {
	name = 'amazonEventBridgeWebhookApi';

	displayName = 'Amazon EventBridge Webhook API';

	icon: Icon = { light: 'file:amazonEventBridgeWebhook.svg', dark: 'file:amazonEventBridgeWebhook.dark.svg' };

	documentationUrl = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destination-connection-auth.html';

	properties: INodeProperties[] = [
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
			default: 'x-api-key',
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
