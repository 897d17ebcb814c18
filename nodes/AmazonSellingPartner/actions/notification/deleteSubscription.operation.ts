import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { notificationType, notificationTypeFields } from './common';

/** deleteSubscriptionById (grantless). */
const properties: INodeProperties[] = [{ displayName: 'Subscription ID', name: 'subscriptionId', type: 'string', default: '', required: true }];

export const description = [
	...notificationTypeFields('deleteSubscription'),
	...updateDisplayOptions({ show: { resource: ['notification'], operation: ['deleteSubscription'] } }, properties),
];

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const type = notificationType(this, i);
	const subscriptionId = String(this.getNodeParameter('subscriptionId', i)).trim();
	await client.call('notifications.deleteSubscriptionById', { pathParams: { notificationType: type, subscriptionId } });
	return [{ json: { success: true, notificationType: type, subscriptionId } }];
}
