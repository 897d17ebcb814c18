import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { webhookSecretProperties } from './shared/webhookSecret';

/**
 * Secret that the ION API connection point (target endpoint security: API Key or Basic) must present when calling the trigger's webhook URL (incoming only: nothing is
 * sent anywhere with it). API key in a header of your choice, or HTTP Basic.
 */
export class InforIonWebhookApi implements ICredentialType {
	name = 'inforIonWebhookApi';

	displayName = 'Infor ION Webhook API';

	icon: Icon = { light: 'file:inforIonWebhook.svg', dark: 'file:inforIonWebhook.dark.svg' };

	documentationUrl = 'https://docs.infor.com/inforos/2024.x/en-us/useradminlib_cloud/apigatewayag_cloud/bmg1489588707659.html';

	properties: INodeProperties[] = webhookSecretProperties('X-API-Key');
}
