import type { IExecuteFunctions, INodeExecutionData, INodeProperties, IDataObject } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { jsonItems } from '../../transport';

/** getDestinations (grantless); no parameters. */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, client: SpApiClient): Promise<INodeExecutionData[]> {
	const res = await client.call<{ payload?: IDataObject[] }>('notifications.getDestinations');
	return jsonItems(Array.isArray(res.body.payload) ? res.body.payload : []);
}
