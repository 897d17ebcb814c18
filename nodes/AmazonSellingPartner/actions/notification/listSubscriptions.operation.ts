import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SpApiError, type SpApiClient } from '../../../shared/spapi';
import { jsonItems } from '../../transport';
import { notificationType, notificationTypeFields } from './common';

const properties: INodeProperties[] = [
	{ displayName: 'Payload Version', name: 'payloadVersion', type: 'string', default: '', description: 'Optional filter' },
];

export const description = [
	...notificationTypeFields('listSubscriptions'),
	...updateDisplayOptions({ show: { resource: ['notification'], operation: ['listSubscriptions'] } }, properties),
];

/** getSubscription for one type; "no subscription" (404) gives no item rather than an error. */
export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const type = notificationType(this, i);
	const payloadVersion = String(this.getNodeParameter('payloadVersion', i, '') ?? '').trim();
	try {
		const res = await client.call<{ payload?: IDataObject }>('notifications.getSubscription', {
			pathParams: { notificationType: type },
			query: payloadVersion ? { payloadVersion } : {},
		});
		return res.body.payload ? jsonItems({ notificationType: type, ...res.body.payload }) : [];
	} catch (error) {
		if (error instanceof SpApiError && error.status === 404) return [];
		return await Promise.reject(error);
	}
}
