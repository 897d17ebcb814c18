import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { fetchReport } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Feed ID',
		name: 'feedId',
		type: 'string',
		default: '={{ $json.feedId }}',
		required: true,
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Feed (Summary + Results)', value: 'summary' },
			{ name: 'One Item per Result / Issue', value: 'results' },
		],
		default: 'summary',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['feed'], operation: ['getResult'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const feedId = String(this.getNodeParameter('feedId', i)).trim();
	const output = this.getNodeParameter('output', i) as string;
	const feed = (await client.call<IDataObject>('feeds.getFeed', { pathParams: { feedId } })).body;
	const resultId = feed.resultFeedDocumentId as string | undefined;
	if (!resultId) {
		throw new NodeOperationError(
			this.getNode(),
			`Feed ${feedId} has no processing report yet (processingStatus ${String(feed.processingStatus)})`,
			{ itemIndex: i, description: 'Use "Get Status" with "Wait for Completion", or try again when the feed is DONE.' },
		);
	}
	const report = await fetchReport(this, client, resultId);
	if (output === 'results') {
		const results = (report.results as IDataObject[]) ?? [];
		return results.map((r) => ({ json: { feedId, feedType: feed.feedType, ...r } }));
	}
	return [{ json: { feedId, feedType: feed.feedType, processingStatus: feed.processingStatus, ...report } }];
}
