import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binaryFile, documentKindOf, fileNamePart, outputBinaryField } from '../../../shared/binary';
import type { SpApiClient } from '../../../shared/spapi';
import { downloadReport, fetchReport } from './shared';

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
			{ name: 'The Processing Report as a File', value: 'file' },
		],
		default: 'summary',
		description: 'A file keeps the processing report as Amazon made it (un-gzipped): JSON, XML or tab-separated text',
	},
	outputBinaryField({ output: ['file'] }, 'processing report'),
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
	if (output === 'file') {
		const { bytes, compressionAlgorithm } = await downloadReport(this, client, resultId);
		const kind = documentKindOf(bytes);
		const fileName = `feed-${fileNamePart(feedId, 'feed')}-processing-report.${kind.extension}`;
		const binary = await binaryFile(this, this.getNodeParameter('binaryPropertyName', i, 'data'), bytes, fileName, kind);
		const json = { feedId, feedType: feed.feedType, processingStatus: feed.processingStatus, resultFeedDocumentId: resultId, compressionAlgorithm, bytes: bytes.length };
		return [{ json, binary }];
	}
	const report = await fetchReport(this, client, resultId);
	if (output === 'results') {
		const results = (report.results as IDataObject[]) ?? [];
		return results.map((r) => ({ json: { feedId, feedType: feed.feedType, ...r } }));
	}
	return [{ json: { feedId, feedType: feed.feedType, processingStatus: feed.processingStatus, ...report } }];
}
