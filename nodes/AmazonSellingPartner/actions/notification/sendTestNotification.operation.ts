import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { notificationType, notificationTypeFields } from './common';

/** sendTestNotification: in the model, grantless and sandbox-only. */
const properties: INodeProperties[] = [
	{
		displayName:
			'sendTestNotification is a sandbox-only operation in Amazon\'s model: it works only with a credential whose Sandbox switch is on (or a simulator).',
		name: 'sandboxNotice',
		type: 'notice',
		default: '',
	},
	{ displayName: 'Destination ID', name: 'destinationId', type: 'string', default: '', required: true },
	{ displayName: 'Payload Version', name: 'payloadVersion', type: 'string', default: '1.0', required: true },
	{
		displayName: 'Test Scenario',
		name: 'testScenario',
		type: 'string',
		default: '',
		description: 'Scenario of the notification type (see the Notifications API guide); empty -> Amazon answers 400',
	},
];

export const description = [
	...notificationTypeFields('sendTestNotification'),
	...updateDisplayOptions({ show: { resource: ['notification'], operation: ['sendTestNotification'] } }, properties),
];

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const type = notificationType(this, i);
	const testNotification: IDataObject = { payloadVersion: String(this.getNodeParameter('payloadVersion', i)) };
	const scenario = String(this.getNodeParameter('testScenario', i, '') ?? '').trim();
	if (scenario) testNotification.testScenario = scenario;
	const res = await client.call<IDataObject>('notifications.sendTestNotification', {
		pathParams: { notificationType: type },
		body: { destinationId: String(this.getNodeParameter('destinationId', i)).trim(), testNotification },
	});
	return [{ json: { success: true, notificationType: type, ...(res.body ?? {}) } }];
}
