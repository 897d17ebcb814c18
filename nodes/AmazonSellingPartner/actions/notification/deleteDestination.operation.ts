import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';

const properties: INodeProperties[] = [{ displayName: 'Destination ID', name: 'destinationId', type: 'string', default: '', required: true }];

export const description = updateDisplayOptions({ show: { resource: ['notification'], operation: ['deleteDestination'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const destinationId = String(this.getNodeParameter('destinationId', i)).trim();
	await client.call('notifications.deleteDestination', { pathParams: { destinationId } });
	return [{ json: { success: true, destinationId } }];
}
