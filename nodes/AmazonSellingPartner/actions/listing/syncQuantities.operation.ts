import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { failureItem } from '../../../shared/execution';
import { submitFeed, type SpApiClient } from '../../../shared/spapi';
import { marketplaces, requireSellerId } from '../../transport';
import { marketplaceIdsField } from '../common';
import { waitAndReport, waitOptions } from '../feed/shared';
import { acceptedOf, defaultQuantity, fbaSkus } from './guards';

/**
 * Sends the Transform node's "M3 Balance to Amazon Quantity" output as it comes (docs/contracts.md, Inventory):
 * - patch-mode items `{ sku, quantity, productType, patches }` -> one patchListingsItem per SKU (5 in flight, paced
 *   by the 5/s bucket);
 * - feed-mode items `{ feed: {header, messages}, skus, feedType, contentType }` -> one JSON_LISTINGS_FEED, optionally
 *   waited for, with its processing report turned into items.
 * SKU problems (INVALID submissions, ERROR issues, FATAL feeds) are failure items (nodes/shared/execution: `{ error,
 * details }`, the SKU's own input inside details), so with "On Error: Continue (using error output)" they leave on the
 * error output; everything else on the main output.
 * Guards (options): SKUs Amazon fulfils (FBA) never get a merchant (DEFAULT) quantity; with "Only Send Changed
 * Quantities" a quantity Amazon already accepted for the SKU is not sent again, and a quantity counts as accepted only
 * from Amazon's answer (patch response ACCEPTED, or the feed's processing report without an error for the message).
 */
const properties: INodeProperties[] = [
	marketplaceIdsField(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...waitOptions,
			{
				displayName: 'Never Send to FBA SKUs',
				name: 'skipFba',
				type: 'boolean',
				default: true,
				description:
					'Whether SKUs that Amazon lists as FBA inventory (FBA Inventory API, read once per run: first everything, then what changed) are left out of merchant (DEFAULT) quantity updates: such an update can turn an FBA offer into merchant-fulfilled',
			},
			{
				displayName: 'Only Send Changed Quantities',
				name: 'onlyChanged',
				type: 'boolean',
				default: false,
				description:
					'Whether a SKU whose quantity equals the one Amazon last accepted (kept per node in the workflow) is left out. Accepted = the patch answer, or the feed processing report (needs Wait for Completion); a rejected or unconfirmed quantity is sent again next time.',
			},
			{
				displayName: 'Validation Preview Only',
				name: 'validationPreview',
				type: 'boolean',
				default: false,
				description: 'Whether patch items are only validated (mode=VALIDATION_PREVIEW); feed items are always sent',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['listing'], operation: ['syncQuantities'] } }, properties);

export const concurrency = 5;

/** A SKU problem as a failure item: Amazon's answer for the SKU and what was sent for it (its input). */
function skuError(ctx: IExecuteFunctions, i: number, json: IDataObject, message: string, input: unknown): INodeExecutionData {
	return failureItem(
		{ message, system: 'spapi', kind: 'rejected', retryable: false, fields: json },
		{ node: ctx.getNode().name, operation: 'listing.syncQuantities', input, itemIndex: i },
	);
}

async function sendPatch(this: IExecuteFunctions, client: SpApiClient, i: number, item: IDataObject, options: IDataObject): Promise<INodeExecutionData[]> {
	const sellerId = requireSellerId(this, client, i);
	const sku = String(item.sku ?? '').trim();
	if (!sku) throw new NodeOperationError(this.getNode(), 'The item has neither "sku" (patch mode) nor "feed" (feed mode)', { itemIndex: i });
	let patches = item.patches as IDataObject[] | undefined;
	if (!Array.isArray(patches) || patches.length === 0) {
		const quantity = Number(item.quantity);
		if (!Number.isInteger(quantity) || quantity < 0) {
			throw new NodeOperationError(this.getNode(), `SKU ${sku}: no patches and no valid quantity`, { itemIndex: i });
		}
		patches = [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity }] }];
	}
	const marketplaceIds = marketplaces(this, client, this.getNodeParameter('marketplaceIds', i, ''), i);
	const merchantQty = defaultQuantity(patches);
	if (merchantQty !== undefined && options.skipFba !== false && (await fbaSkus(this, client, marketplaceIds)).has(sku)) {
		return [{ json: { mode: 'patch', sku, quantity: item.quantity as number, marketplaceIds, skipped: true, reason: 'fba' } }];
	}
	const accepted = options.onlyChanged === true && !options.validationPreview ? acceptedOf(this, marketplaceIds) : undefined;
	if (accepted && merchantQty !== undefined && accepted[sku] === merchantQty) {
		return [{ json: { mode: 'patch', sku, quantity: merchantQty, marketplaceIds, skipped: true, reason: 'unchanged' } }];
	}
	const res = await client.call<IDataObject>('listings.patchListingsItem', {
		pathParams: { sellerId, sku },
		query: { marketplaceIds, includedData: ['issues'], ...(options.validationPreview ? { mode: 'VALIDATION_PREVIEW' } : {}) },
		body: { productType: String(item.productType || 'PRODUCT'), patches },
	});
	const issues = (res.body.issues as IDataObject[] | undefined) ?? [];
	const json: IDataObject = { mode: 'patch', sku, quantity: item.quantity as number, marketplaceIds, ...res.body, requestId: res.requestId };
	const errors = issues.filter((x) => x.severity === 'ERROR');
	if (res.body.status === 'INVALID' || errors.length) {
		const why = errors.map((x) => `${String(x.code)}: ${String(x.message)}`).join('; ') || 'INVALID';
		return [skuError(this, i, json, `SKU ${sku} was not accepted: ${why}`, item)];
	}
	// sent = accepted: only Amazon's ACCEPTED answer is remembered
	if (accepted && merchantQty !== undefined && res.body.status === 'ACCEPTED') accepted[sku] = merchantQty;
	return [{ json }];
}

async function sendFeed(this: IExecuteFunctions, client: SpApiClient, i: number, item: IDataObject, options: IDataObject): Promise<INodeExecutionData[]> {
	const feed = { ...(item.feed as IDataObject) };
	const header = { ...((feed.header as IDataObject) ?? {}) };
	if (!header.sellerId) header.sellerId = requireSellerId(this, client, i);
	if (!header.version) header.version = '2.0';
	feed.header = header;
	let messages = (feed.messages as IDataObject[] | undefined) ?? [];
	const feedType = String(item.feedType || 'JSON_LISTINGS_FEED');
	const contentType = String(item.contentType || 'application/json; charset=UTF-8');
	const marketplaceIds = marketplaces(this, client, this.getNodeParameter('marketplaceIds', i, ''), i);
	// the guards drop messages before the feed is built: FBA SKUs, quantities Amazon already has
	const skippedFba: string[] = [];
	let skippedUnchanged = 0;
	const fba = options.skipFba !== false && messages.some((m) => defaultQuantity(m.patches) !== undefined) ? await fbaSkus(this, client, marketplaceIds) : undefined;
	const accepted = options.onlyChanged === true ? acceptedOf(this, marketplaceIds) : undefined;
	messages = messages.filter((m) => {
		const q = defaultQuantity(m.patches);
		const sku = String(m.sku ?? '');
		if (q === undefined) return true;
		if (fba?.has(sku)) {
			skippedFba.push(sku);
			return false;
		}
		if (accepted && accepted[sku] === q) {
			skippedUnchanged++;
			return false;
		}
		return true;
	});
	feed.messages = messages;
	const guards: IDataObject = { skippedUnchanged, skippedFba: skippedFba.length, ...(skippedFba.length ? { fbaSkus: skippedFba.slice(0, 100) } : {}) };
	if (messages.length === 0) return [{ json: { mode: 'feed', skus: 0, skipped: true, reason: 'no messages', ...guards } }];
	const submitted = await submitFeed(this, client, { feedType, marketplaceIds, content: Buffer.from(JSON.stringify(feed), 'utf8'), contentType });
	const base: IDataObject = { mode: 'feed', ...submitted, skus: messages.length, ...guards };
	if (options.waitForCompletion === false || options.waitForCompletion === undefined) return [{ json: base }];
	const waited = await waitAndReport(this, client, submitted.feedId, { ...options, includeReport: options.includeReport ?? true });
	const report = waited.report as IDataObject | undefined;
	const summaryJson: IDataObject = {
		...base,
		processingStatus: waited.processingStatus,
		resultFeedDocumentId: waited.resultFeedDocumentId,
		timedOut: waited.timedOut,
		...(report ? { summary: report.summary } : {}),
	};
	const out: INodeExecutionData[] = [];
	if (waited.processingStatus === 'FATAL' || waited.processingStatus === 'CANCELLED') {
		out.push(skuError(this, i, summaryJson, `Feed ${submitted.feedId} ended ${String(waited.processingStatus)}`, item));
	} else {
		out.push({ json: summaryJson });
	}
	const byId = new Map(messages.map((m) => [String(m.messageId), m]));
	const results = (report?.results as IDataObject[] | undefined) ?? [];
	if (accepted && report && waited.processingStatus === 'DONE') {
		// sent = accepted: a message the processing report has no error for
		const refused = new Set(results.filter((r) => r.severity === 'ERROR').map((r) => String(r.messageId)));
		for (const m of messages) {
			const q = defaultQuantity(m.patches);
			if (q !== undefined && !refused.has(String(m.messageId))) accepted[String(m.sku)] = q;
		}
	}
	for (const issue of results) {
		const message = byId.get(String(issue.messageId));
		const sku = String(issue.sku ?? message?.sku ?? '');
		const json: IDataObject = { mode: 'feed', feedId: submitted.feedId, sku, ...issue };
		if (issue.severity === 'ERROR') {
			out.push(skuError(this, i, json, `SKU ${sku}: ${String(issue.code)} ${String(issue.message)}`, message ?? { sku }));
		} else out.push({ json });
	}
	return out;
}

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const item = this.getInputData()[i].json;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	if (item.feed && typeof item.feed === 'object') return await sendFeed.call(this, client, i, item, options);
	return await sendPatch.call(this, client, i, item, options);
}
