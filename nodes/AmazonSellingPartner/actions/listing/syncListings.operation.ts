import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { offerAttribute, stableJson } from '../../../shared/mapping/listing';
import { getProductTypeSchema, SpApiError, type SpApiClient } from '../../../shared/spapi';
import { waitFields } from '../common';
import { FEED_MAX_WAIT_SECONDS } from '../feed/shared';
import { sendCalls, sendFeed, skuError, type Work } from './syncListingsSend';

const [feedPollInterval, feedMaxWait] = waitFields({
	maxWait: {
		displayName: 'Max Wait for a Feed (Seconds)',
		default: FEED_MAX_WAIT_SECONDS,
		description: 'Give up waiting for the processing report after this long: the items are reported as still processing and sent again next run',
	},
});

/**
 * Sends the Transform node's "M3 Item to Amazon Listing" items (docs/contracts.md, Catalog), only what changed:
 * - per SKU and marketplace it remembers (workflow static data of this node) a hash of the attributes and the offer
 *   price Amazon accepted; unchanged items are not sent (a replay sends nothing), a price-only change sends only the
 *   offer;
 * - a listing that does not exist yet (nothing remembered, no ASIN in M3) is created with all attributes
 *   (putListingsItem / feed UPDATE), an existing one gets JSON-Patch `replace` operations for what changed
 *   (patchListingsItem / feed PATCH);
 * - everything is validated first against the product type definition's JSON Schema (requirements enforced for a
 *   creation, structure only for a patch); invalid items are not sent and leave with the schema's messages;
 * - many changes go as one JSON_LISTINGS_FEED per marketplace (feed threshold), few as one call per SKU; the
 *   processing report is read and each SKU's issues leave as an error item naming the SKU;
 * - accepted items carry the ASIN and listing status Amazon reports, for writing back into M3 (remembered too: an
 *   unchanged listing whose ASIN / status M3 does not hold, e.g. after a failed write-back, is output again for it).
 * SKU problems are failure items (nodes/shared/execution: `{ error, details }` with the SKU's input inside details):
 * with "On Error: Continue (using error output)" they leave on the error output.
 * Sending (calls or feed) and the items per SKU: syncListingsSend.ts.
 */
const properties: INodeProperties[] = [
	{
		displayName: 'Send As',
		name: 'sendMode',
		type: 'options',
		options: [
			{ name: 'Auto (Feed for Many, Calls for Few)', value: 'auto', description: 'A JSON_LISTINGS_FEED per marketplace from "Feed Threshold" changed listings on, else one call per SKU' },
			{ name: 'JSON Listings Feed', value: 'feed' },
			{ name: 'One Call per SKU', value: 'calls', description: 'New listings with putListingsItem, changes with patchListingsItem' },
		],
		default: 'auto',
	},
	{
		displayName: 'Feed Threshold',
		name: 'feedThreshold',
		type: 'number',
		default: 20,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { sendMode: ['auto'] } },
		description: 'Changed listings of one marketplace from which one feed is sent instead of a call per SKU (the Listings API allows 5 calls per second)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Definition Cache (Minutes)',
				name: 'definitionCacheMinutes',
				type: 'number',
				default: 60,
				typeOptions: { minValue: 0 },
				description: 'How long a product type definition is reused before Amazon is asked again (the schema itself is downloaded again only when its checksum changes)',
			},
			{ displayName: 'Issue Locale', name: 'issueLocale', type: 'string', default: 'en_US', description: 'Language of Amazon\'s issue messages' },
			feedMaxWait,
			feedPollInterval,
			{
				displayName: 'Read Back ASIN and Status',
				name: 'readBack',
				type: 'boolean',
				default: true,
				description: 'Whether a SKU sent by a call is read back (getListingsItem summaries) for its ASIN and listing status',
			},
			{
				displayName: 'Remember Accepted Listings',
				name: 'remember',
				type: 'boolean',
				default: true,
				description: 'Whether what Amazon accepted is kept (workflow static data of this node) so that unchanged listings are not sent again',
			},
			{
				displayName: 'Resend Everything',
				name: 'resendAll',
				type: 'boolean',
				default: false,
				description: 'Whether to send every item as if nothing had been sent before (what was remembered is replaced)',
			},
			{
				displayName: 'Validate Against Product Type Definition',
				name: 'validate',
				type: 'boolean',
				default: true,
				description: 'Whether each listing is checked against the JSON Schema of its product type before it is sent',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['listing'], operation: ['syncListings'] } }, properties);

function hash(v: unknown): string {
	return createHash('sha256').update(stableJson(v)).digest('base64').slice(0, 16);
}

/**
 * Parses one input item into the work to do; null when there is nothing to do; `writeBack` when Amazon has nothing
 * new but M3 does not hold the ASIN / status Amazon gave (e.g. a write-back that failed): the item goes to the
 * write-back again, without a call to Amazon.
 */
function plan(
	ctx: IExecuteFunctions,
	json: IDataObject,
	i: number,
	prev: Record<string, string>,
	defaultMarketplace: string,
): Work | { writeBack: INodeExecutionData[] } | null {
	const fail = (m: string): never => {
		throw new NodeOperationError(ctx.getNode(), m, { itemIndex: i, description: 'Feed this operation with the "M3 Item to Amazon Listing" items of the M3 Amazon Transform node' });
	};
	const sku = typeof json.sku === 'string' ? json.sku.trim() : '';
	if (!sku) fail('The item has no "sku"');
	const marketplaceId = String(json.marketplaceId ?? defaultMarketplace ?? '').trim();
	if (!marketplaceId) fail(`SKU ${sku}: the item has no "marketplaceId" and the credential has no default marketplace`);
	const productType = String(json.productType ?? '').trim();
	if (!productType) fail(`SKU ${sku}: the item has no "productType"`);
	const attrs = json.attributes as IDataObject | undefined;
	if (attrs !== undefined && (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs))) fail(`SKU ${sku}: "attributes" must be an object of attribute arrays`);
	const offer = json.offer as { currency?: string; price?: string } | undefined;
	if (offer !== undefined && (!offer || !offer.currency || !(Number(offer.price) > 0))) fail(`SKU ${sku}: "offer" needs a currency and a positive price`);
	const key = `${marketplaceId}|${sku}`;
	const [prevAttr = '', prevPrice = '', prevAsin = '', prevStatus = ''] = (prev[key] ?? '').split('|');
	const attrHash = attrs ? hash({ productType, attrs }) : prevAttr;
	const priceKey = offer ? `${String(offer.currency)} ${String(offer.price)}` : prevPrice;
	const m3 = (json.m3 as IDataObject | undefined) ?? undefined;
	const exists = prev[key] !== undefined || !!(m3 && m3.asin) || !!json.asin;
	const sendAttrs = !!attrs && attrHash !== prevAttr;
	const sendPrice = !!offer && priceKey !== prevPrice;
	if (exists && !sendAttrs && !sendPrice) {
		// M3's values are known only when its custom fields were read for this item (not for price-only records)
		const stale = !!m3?.fieldsRead && ((!!m3.asinField && prevAsin !== '' && String(m3.asin ?? '') !== prevAsin) || (!!m3.statusField && prevStatus !== '' && String(m3.status ?? '') !== prevStatus));
		if (!stale) return null;
		return { writeBack: [{ json: { sku, marketplaceId, productType, operation: 'none', sent: [], status: 'UNCHANGED', ...(prevAsin ? { asin: prevAsin } : {}), ...(prevStatus ? { listingStatus: prevStatus } : {}), m3 } }] };
	}
	const purchasable = offer ? { purchasable_offer: offerAttribute({ currency: String(offer.currency), price: String(offer.price) }, marketplaceId) } : {};
	if (!exists) {
		// a price for a listing this workflow has not created yet (its creation failed, and is kept with its own reason,
		// or it is new): it goes with the creation, when the item's attributes are read next (change or full run)
		if (!attrs) return null;
		return { i, sku, marketplaceId, productType, kind: 'create', attributes: { ...(attrs as IDataObject), ...purchasable }, sent: offer ? ['attributes', 'price'] : ['attributes'], state: `${attrHash}|${offer ? priceKey : ''}`, prevAsin, prevStatus, m3, input: json };
	}
	return {
		i,
		sku,
		marketplaceId,
		productType,
		kind: 'update',
		attributes: { ...(sendAttrs ? (attrs as IDataObject) : {}), ...(sendPrice ? purchasable : {}) },
		sent: [...(sendAttrs ? ['attributes'] : []), ...(sendPrice ? ['price'] : [])],
		state: `${attrHash}|${priceKey}`,
		prevAsin,
		prevStatus,
		m3,
		input: json,
	};
}

async function validate(ctx: IExecuteFunctions, client: SpApiClient, w: Work, maxAgeMs: number, failed: Map<string, Error>): Promise<INodeExecutionData[] | null> {
	// a definition that could not be read fails every listing of that product type once, not once per listing
	const key = `${w.productType}|${w.marketplaceId}`;
	const known = failed.get(key);
	if (known) throw known;
	let schema;
	try {
		schema = await getProductTypeSchema(ctx, client, { productType: w.productType, marketplaceId: w.marketplaceId }, { maxAgeMs });
	} catch (e) {
		// name the product type and marketplace: Amazon's own message is often just "Invalid input"
		const why = e instanceof SpApiError ? `${e.message}${e.details && e.details !== e.message ? ` (${e.details})` : ''}` : (e as Error).message;
		const err =
			e instanceof SpApiError
				? new SpApiError({ operation: e.operation, status: e.status, code: e.code, details: e.details, requestId: e.requestId, errors: e.errors, message: `The product type definition of ${w.productType} (${w.marketplaceId}) could not be read: ${why}` })
				: (e as Error);
		failed.set(key, err);
		throw err;
	}
	const issues = schema.validator.validate(w.attributes, { enforceRequired: w.kind === 'create', maxIssues: 20 });
	if (!issues.length) return null;
	const message = `SKU ${w.sku} (${w.marketplaceId}, ${w.productType}) does not meet Amazon's product type definition: ${issues.map((x) => x.message).join('; ')}`;
	return skuError(ctx, w, { productTypeVersion: schema.version, reasons: issues as unknown as IDataObject[], nothingSent: true }, message, 'invalid');
}

export async function executeBatch(this: IExecuteFunctions, client: SpApiClient, items: INodeExecutionData[]): Promise<Array<INodeExecutionData[] | Error>> {
	const results: Array<INodeExecutionData[] | Error> = items.map(() => []);
	const o = (this.getNodeParameter('options', 0, {}) as IDataObject) ?? {};
	const mode = String(this.getNodeParameter('sendMode', 0, 'auto'));
	const threshold = Math.max(1, Number(this.getNodeParameter('feedThreshold', 0, 20)) || 20);
	const store = o.remember === false ? undefined : (this.getWorkflowStaticData('node') as { listings?: Record<string, string> });
	const prev = o.resendAll === true ? {} : { ...(store?.listings ?? {}) };
	const seen = new Set<string>();
	const byMarketplace = new Map<string, Work[]>();
	items.forEach((item, i) => {
		try {
			const w = plan(this, item.json, i, prev, client.marketplaceIds[0]);
			if (!w) return;
			if ('writeBack' in w) {
				results[i] = w.writeBack;
				return;
			}
			const key = `${w.marketplaceId}|${w.sku}`;
			if (seen.has(key)) throw new NodeOperationError(this.getNode(), `SKU ${w.sku} (${w.marketplaceId}) comes twice in this run: only the first is sent`, { itemIndex: i });
			seen.add(key);
			const l = byMarketplace.get(w.marketplaceId) ?? [];
			l.push(w);
			byMarketplace.set(w.marketplaceId, l);
		} catch (e) {
			results[i] = e as Error;
		}
	});
	const accepted: Record<string, string> = {};
	const done = (w: Work, out: INodeExecutionData[] | Error, ok: boolean): void => {
		results[w.i] = out;
		if (!ok) return;
		const j = Array.isArray(out) ? out[0]?.json : undefined;
		accepted[`${w.marketplaceId}|${w.sku}`] = [w.state, String(j?.asin ?? w.prevAsin), String(j?.listingStatus ?? w.prevStatus)].join('|');
	};
	const maxAgeMs = Math.max(0, Number(o.definitionCacheMinutes ?? 60)) * 60000;
	const failedDefinitions = new Map<string, Error>();
	for (const list of byMarketplace.values()) {
		const valid: Work[] = [];
		for (const w of list) {
			if (o.validate === false) {
				valid.push(w);
				continue;
			}
			try {
				const invalid = await validate(this, client, w, maxAgeMs, failedDefinitions);
				if (invalid) results[w.i] = invalid;
				else valid.push(w);
			} catch (e) {
				results[w.i] = e as Error;
			}
		}
		if (!valid.length) continue;
		const asFeed = mode === 'feed' || (mode === 'auto' && valid.length >= threshold);
		if (asFeed) await sendFeed(this, client, valid, o, done);
		else await sendCalls(this, client, valid, o, done);
	}
	if (store && Object.keys(accepted).length) store.listings = { ...(o.resendAll === true ? {} : store.listings ?? {}), ...accepted };
	return results;
}

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const [r] = await executeBatch.call(this, client, [this.getInputData()[i]]);
	if (r instanceof Error) throw r;
	return r;
}
