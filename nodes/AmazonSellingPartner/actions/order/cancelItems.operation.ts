import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { orderAcknowledgementXml, type AmazonCancellation } from '../../../shared/mapping/sellerCancellation';
import { SpApiError, submitFeed, waitForFeed, type SpApiClient } from '../../../shared/spapi';
import { waitFields, waitTimes } from '../common';
import { FEED_MAX_WAIT_SECONDS, fetchReport } from '../feed/shared';
import { params } from '../../../shared/execution';

/**
 * Cancels a merchant-fulfilled order or some of its items the way Amazon documents it for sellers: the order
 * acknowledgement feed POST_ORDER_ACKNOWLEDGEMENT_DATA (XML OrderAcknowledgement; StatusCode Failure = the whole order,
 * Success + Items with a CancelReason = those items; docs/contracts.md "Cancellations M3 -> Amazon"). One feed per item
 * (cancellations are few), waited for; the processing report decides: an Error result fails the item with Amazon's
 * description, a Warning "already cancelled" is success (a replay never cancels twice).
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Cancellation',
		name: 'cancellation',
		type: 'json',
		default: '={{ $json }}',
		description: 'The M3 Amazon Transform "M3 Closed Order to Amazon Cancellation" output: { orderId, statusCode, items: [{ orderItemId, reason }] }',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: waitFields({
			maxWait: {
				default: FEED_MAX_WAIT_SECONDS,
				description: 'A feed not done by then fails the item as retryable (a replay looks at the order again first)',
			},
		}),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['cancelItems'] } }, properties);

function check(c: unknown): AmazonCancellation {
	const x = c as Partial<AmazonCancellation> | null;
	if (!x || typeof x !== 'object' || !x.orderId || !Array.isArray(x.items) || !x.items.length || (x.statusCode !== 'Failure' && x.statusCode !== 'Success')) {
		throw new Error('The cancellation needs orderId, statusCode (Failure | Success) and items [{ orderItemId, reason }]');
	}
	return x as AmazonCancellation;
}

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const given = params(this, i).json('cancellation', { shape: 'any' });
	let c: AmazonCancellation;
	try {
		c = check(given);
	} catch (e) {
		throw new NodeOperationError(this.getNode(), (e as Error).message, { itemIndex: i });
	}
	if (!client.sellerId) throw new NodeOperationError(this.getNode(), 'The Amazon SP-API credential has no Seller ID (Merchant Token): the feed names the merchant', { itemIndex: i });
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const marketplaceIds = c.marketplaceId ? [c.marketplaceId] : client.marketplaceIds.slice(0, 1);
	const content = Buffer.from(orderAcknowledgementXml(client.sellerId, [c]), 'utf8');
	const submitted = await submitFeed(this, client, { feedType: 'POST_ORDER_ACKNOWLEDGEMENT_DATA', marketplaceIds, content, contentType: 'text/xml; charset=UTF-8', feedOptions: {} });
	const waited = await waitForFeed(client, submitted.feedId, waitTimes(options, FEED_MAX_WAIT_SECONDS));
	const status = String(waited.feed.processingStatus ?? '');
	const resultId = waited.feed.resultFeedDocumentId as string | undefined;
	if (waited.timedOut || status !== 'DONE' || !resultId) {
		const report = resultId ? await fetchReport(this, client, resultId) : undefined;
		const why = report?.results && Array.isArray(report.results) && report.results.length ? String((report.results[0] as IDataObject).resultDescription ?? '') : '';
		throw new SpApiError({
			operation: 'feeds.createFeed',
			status: waited.timedOut ? 503 : 400,
			code: waited.timedOut ? 'FeedNotDone' : `Feed${status || 'Failed'}`,
			message: `Cancellation of Amazon order ${c.orderId}: feed ${submitted.feedId} ${waited.timedOut ? 'not done in time' : `ended ${status}`}${why ? `: ${why}` : ''}`,
		});
	}
	const report = await fetchReport(this, client, resultId);
	const results = (Array.isArray(report.results) ? report.results : []) as IDataObject[];
	const error = results.find((r) => r.resultCode === 'Error');
	if (error) {
		throw new SpApiError({
			operation: 'feeds.POST_ORDER_ACKNOWLEDGEMENT_DATA',
			status: 400,
			code: String(error.resultMessageCode ?? 'FeedResultError'),
			message: `Amazon refused the cancellation of order ${c.orderId} (feed ${submitted.feedId}): ${String(error.resultDescription ?? 'error')}`,
		});
	}
	const warning = results.find((r) => r.resultCode === 'Warning');
	return [
		{
			json: {
				orderId: c.orderId,
				m3OrderNumber: c.m3OrderNumber,
				outcome: warning ? 'alreadyCancelled' : 'cancelled',
				scope: c.scope,
				statusCode: c.statusCode,
				items: c.items as unknown as IDataObject[],
				feedId: submitted.feedId,
				...(warning ? { warning: String(warning.resultDescription ?? '') } : {}),
			},
		},
	];
}
