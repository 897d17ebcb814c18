import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { waitAndReport, waitOptions } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Feed ID',
		name: 'feedId',
		type: 'string',
		default: '={{ $json.feedId }}',
		required: true,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: waitOptions,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['feed'], operation: ['getStatus'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const feedId = String(this.getNodeParameter('feedId', i)).trim();
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	if (options.waitForCompletion) return [{ json: await waitAndReport(this, client, feedId, options) }];
	const res = await client.call<IDataObject>('feeds.getFeed', { pathParams: { feedId } });
	return [{ json: res.body }];
}
