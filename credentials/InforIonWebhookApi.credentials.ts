import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Secret that the ION API connection point (target endpoint security: API Key or Basic) must present when calling the trigger's webhook URL (incoming only: nothing is
 * sent anywhere with it). API key in a header of your choice, or HTTP Basic.
 */
export class InforIonWebhookApi implements ICredentialType {
	name = 'inforIonWebhookApi';

	displayName = 'Infor ION Webhook API';

	icon: Icon = { light: 'file:inforIonWebhook.svg', dark: 'file:inforIonWebhook.dark.svg' };

	documentationUrl = 'https://docs.infor.com/inforos/2024.x/en-us/useradminlib_cloud/apigatewayag_cloud/bmg1489588707659.html';

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
			default: 'X-API-Key',
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
