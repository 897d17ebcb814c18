import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { downloadDocument, parseProcessingReport, waitForFeed, type SpApiClient } from '../../../shared/spapi';
import { waitFields, waitTimes } from '../common';

/** how long an operation waits for a feed by default */
export const FEED_MAX_WAIT_SECONDS = 900;

export const waitOptions: INodeProperties[] = waitFields({
	waitForCompletion: {
		default: false,
		description: 'Whether to poll getFeed until the feed is DONE, FATAL or CANCELLED (bounded by Max Wait)',
		hideWhenOff: true,
	},
	maxWait: { default: FEED_MAX_WAIT_SECONDS, description: 'Give up waiting after this long and output the last status (timedOut = true)' },
	whileWaiting: [
		{
			displayName: 'Include Processing Report',
			name: 'includeReport',
			type: 'boolean',
			default: true,
			description: 'Whether to download and parse the processing report once the feed is done',
		},
	],
});

/** The processing report's bytes (un-gzipped) as Amazon made them. */
export async function downloadReport(
	ctx: IExecuteFunctions,
	client: SpApiClient,
	resultFeedDocumentId: string,
): Promise<{ bytes: Buffer; compressionAlgorithm: string | undefined }> {
	const doc = await client.call<IDataObject>('feeds.getFeedDocument', {
		pathParams: { feedDocumentId: resultFeedDocumentId },
		query: { enableContentEncodingUrlHeader: true },
	});
	return { bytes: await downloadDocument(ctx, String(doc.body.url)), compressionAlgorithm: doc.body.compressionAlgorithm as string | undefined };
}

export async function fetchReport(ctx: IExecuteFunctions, client: SpApiClient, resultFeedDocumentId: string): Promise<IDataObject> {
	const { bytes, compressionAlgorithm } = await downloadReport(ctx, client, resultFeedDocumentId);
	const parsed = parseProcessingReport(bytes);
	return {
		resultFeedDocumentId,
		compressionAlgorithm,
		format: parsed.format,
		...(parsed.header ? { header: parsed.header } : {}),
		summary: parsed.summary,
		results: parsed.results,
		...(parsed.items ? { items: parsed.items } : {}),
		...(parsed.raw !== undefined ? { raw: parsed.raw } : {}),
	};
}

export async function waitAndReport(ctx: IExecuteFunctions, client: SpApiClient, feedId: string, options: IDataObject): Promise<IDataObject> {
	const waited = await waitForFeed(client, feedId, waitTimes(options, FEED_MAX_WAIT_SECONDS));
	const out: IDataObject = { ...waited.feed, timedOut: waited.timedOut, polls: waited.polls };
	const resultId = waited.feed.resultFeedDocumentId as string | undefined;
	if (!waited.timedOut && resultId && options.includeReport !== false) {
		out.report = await fetchReport(ctx, client, resultId);
	}
	return out;
}
