import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { webhookSecretProperties } from './shared/webhookSecret';

/**
 * Secret that the EventBridge API destination's connection (API key or Basic authorization) must present when calling the trigger's webhook URL (incoming only: nothing is
 * sent anywhere with it). API key in a header of your choice, or HTTP Basic.
 */
export class AmazonEventBridgeWebhookApi implements ICredentialType {
	name = 'amazonEventBridgeWebhookApi';

	displayName = 'Amazon EventBridge Webhook API';

	icon: Icon = { light: 'file:amazonEventBridgeWebhook.svg', dark: 'file:amazonEventBridgeWebhook.dark.svg' };

	documentationUrl = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destination-connection-auth.html';

	properties: INodeProperties[] = webhookSecretProperties('x-api-key');
}
