/**
 * Sending for listing "Sync Listings" (syncListings.operation.ts): the work for one SKU and marketplace, one call per
 * SKU (putListingsItem / patchListingsItem, 5 at a time, read back for ASIN and status) or one JSON_LISTINGS_FEED per
 * marketplace (waited for, its processing report read per message), and the items that leave for each SKU.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failureItem } from '../../../shared/execution';
import { uniqueMessageIds } from '../../../shared/mapping/inventory';
import { submitFeed, type SpApiClient } from '../../../shared/spapi';
import { requireSellerId } from '../../transport';
import { waitAndReport } from '../feed/shared';

export interface Work {
	i: number;
	sku: string;
	marketplaceId: string;
	productType: string;
	kind: 'create' | 'update';
	/** attributes to send: all (create) or the changed product facts + offer (update) */
	attributes: IDataObject;
	sent: string[];
	/** what is remembered once Amazon accepted it: attributes hash and price (ASIN and status are added then) */
	state: string;
	/** ASIN and listing status remembered from before (kept when Amazon's answer has none) */
	prevAsin: string;
	prevStatus: string;
	m3?: IDataObject;
	/** the input item's json (kept with a failure) */
	input: IDataObject;
}

interface Accepted {
	asin?: string;
	listingStatus?: string;
	extra: IDataObject;
}

const CONCURRENCY = 5;

/** A SKU problem as a failure item: what Amazon (or the schema) said and the SKU's input. */
export function skuError(ctx: IExecuteFunctions, w: Work, fields: IDataObject, message: string, kind: 'invalid' | 'rejected' = 'rejected'): INodeExecutionData[] {
	const { reasons, ...rest } = fields;
	return [
		failureItem(
			{ message, system: 'spapi', kind, retryable: false, reasons: Array.isArray(reasons) ? reasons : undefined, fields: { sku: w.sku, marketplaceId: w.marketplaceId, productType: w.productType, listingOperation: w.kind, ...rest } },
			{ node: ctx.getNode().name, operation: 'listing.syncListings', input: w.input, itemIndex: w.i },
		),
	];
}

function statusText(summaries: unknown, marketplaceId: string): { asin?: string; listingStatus?: string } {
	const list = Array.isArray(summaries) ? (summaries as IDataObject[]) : [];
	const s = list.find((x) => x.marketplaceId === marketplaceId) ?? list[0];
	if (!s) return {};
	const st = Array.isArray(s.status) ? (s.status as string[]).join(',') : s.status ? String(s.status) : undefined;
	return { ...(s.asin ? { asin: String(s.asin) } : {}), ...(st ? { listingStatus: st } : {}) };
}

/** Amazon's issues of severity ERROR as one line. */
function amazonIssues(issues: unknown): string {
	return (Array.isArray(issues) ? (issues as IDataObject[]) : [])
		.filter((x) => x.severity === 'ERROR')
		.map((x) => `${String(x.code ?? '')}: ${String(x.message ?? '')}`.replace(/^: /, ''))
		.join('; ');
}

function acceptedItem(w: Work, a: Accepted): INodeExecutionData[] {
	return [
		{
			json: {
				sku: w.sku,
				marketplaceId: w.marketplaceId,
				productType: w.productType,
				operation: w.kind,
				sent: w.sent,
				status: 'ACCEPTED',
				...(a.asin ? { asin: a.asin } : {}),
				...(a.listingStatus ? { listingStatus: a.listingStatus } : {}),
				...a.extra,
				...(w.m3 ? { m3: w.m3 } : {}),
			},
		},
	];
}

/** One call per SKU: putListingsItem (create) or patchListingsItem (update), 5 at a time. */
export async function sendCalls(ctx: IExecuteFunctions, client: SpApiClient, list: Work[], o: IDataObject, done: (w: Work, out: INodeExecutionData[] | Error, ok: boolean) => void): Promise<void> {
	const sellerId = requireSellerId(ctx, client, list[0].i);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < list.length) {
			const w = list[next++];
			try {
				const query = { marketplaceIds: [w.marketplaceId], includedData: ['issues', 'identifiers'], issueLocale: String(o.issueLocale ?? 'en_US') };
				const res =
					w.kind === 'create'
						? await client.call<IDataObject>('listings.putListingsItem', { pathParams: { sellerId, sku: w.sku }, query, body: { productType: w.productType, requirements: 'LISTING', attributes: w.attributes } })
						: await client.call<IDataObject>('listings.patchListingsItem', {
								pathParams: { sellerId, sku: w.sku },
								query,
								body: { productType: w.productType, patches: Object.entries(w.attributes).map(([k, value]) => ({ op: 'replace', path: `/attributes/${k}`, value })) },
							});
				const bad = amazonIssues(res.body.issues);
				if (res.body.status === 'INVALID' || bad) {
					done(w, skuError(ctx, w, { submissionId: res.body.submissionId as string, reasons: res.body.issues as IDataObject[], requestId: res.requestId }, `SKU ${w.sku} (${w.marketplaceId}) was not accepted by Amazon: ${bad || 'INVALID'}`), false);
					continue;
				}
				const ids = Array.isArray(res.body.identifiers) ? (res.body.identifiers as IDataObject[]) : [];
				const a: Accepted = { asin: (ids.find((x) => x.marketplaceId === w.marketplaceId) ?? ids[0])?.asin as string | undefined, extra: { submissionId: res.body.submissionId as string } };
				if (o.readBack !== false) {
					const got = await client.call<IDataObject>('listings.getListingsItem', { pathParams: { sellerId, sku: w.sku }, query: { marketplaceIds: [w.marketplaceId], includedData: ['summaries'] } });
					const st = statusText(got.body.summaries, w.marketplaceId);
					a.asin = st.asin ?? a.asin;
					a.listingStatus = st.listingStatus;
				}
				done(w, acceptedItem(w, a), true);
			} catch (e) {
				done(w, e as Error, false);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, list.length) }, async () => await worker()));
}

/** One JSON_LISTINGS_FEED per marketplace (at most 25,000 messages each), waited for, report read per message. */
export async function sendFeed(ctx: IExecuteFunctions, client: SpApiClient, list: Work[], o: IDataObject, done: (w: Work, out: INodeExecutionData[] | Error, ok: boolean) => void): Promise<void> {
	const sellerId = requireSellerId(ctx, client, list[0].i);
	for (let start = 0; start < list.length; start += 25000) {
		const chunk = list.slice(start, start + 25000);
		const ids = uniqueMessageIds(chunk.map((w) => w.sku));
		const byId = new Map(chunk.map((w, k) => [ids[k], w]));
		const feed = {
			header: { sellerId, version: '2.0', issueLocale: String(o.issueLocale ?? 'en_US'), report: { includedData: ['issues', 'summaries'], apiVersion: '2021-08-01' } },
			messages: chunk.map((w, k) =>
				w.kind === 'create'
					? { messageId: ids[k], sku: w.sku, operationType: 'UPDATE', productType: w.productType, requirements: 'LISTING', attributes: w.attributes }
					: { messageId: ids[k], sku: w.sku, operationType: 'PATCH', productType: w.productType, patches: Object.entries(w.attributes).map(([k2, value]) => ({ op: 'replace', path: `/attributes/${k2}`, value })) },
			),
		};
		let submitted: { feedId: string };
		try {
			submitted = await submitFeed(ctx, client, { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [chunk[0].marketplaceId], content: Buffer.from(JSON.stringify(feed), 'utf8'), contentType: 'application/json; charset=UTF-8' });
		} catch (e) {
			for (const w of chunk) done(w, e as Error, false);
			continue;
		}
		const feedId = submitted.feedId;
		let waited: IDataObject;
		try {
			waited = await waitAndReport(ctx, client, feedId, { pollIntervalSeconds: o.pollIntervalSeconds, maxWaitSeconds: o.maxWaitSeconds, includeReport: true });
		} catch (e) {
			// submitted, outcome unknown: not remembered, so the next run sends these again (idempotent updates)
			for (const w of chunk) done(w, e as Error, false);
			continue;
		}
		const status = String(waited.processingStatus ?? '');
		const report = waited.report as IDataObject | undefined;
		if (waited.timedOut) {
			// not known to be accepted: not remembered, so the next run sends them again (listing updates are idempotent)
			for (const w of chunk) done(w, [{ json: { sku: w.sku, marketplaceId: w.marketplaceId, productType: w.productType, operation: w.kind, sent: w.sent, status: 'IN_PROGRESS', feedId, timedOut: true, ...(w.m3 ? { m3: w.m3 } : {}) } }], false);
			continue;
		}
		if (status !== 'DONE') {
			const why = amazonIssues(report?.results) || `the feed ended ${status}`;
			for (const w of chunk) done(w, skuError(ctx, w, { feedId, processingStatus: status }, `SKU ${w.sku} (${w.marketplaceId}): feed ${feedId} ended ${status}: ${why}`), false);
			continue;
		}
		const issuesOf = new Map<Work, IDataObject[]>();
		for (const issue of (report?.results as IDataObject[] | undefined) ?? []) {
			const w = byId.get(Number(issue.messageId)) ?? chunk.find((x) => x.sku === issue.sku);
			if (!w) continue;
			const l = issuesOf.get(w) ?? [];
			l.push(issue);
			issuesOf.set(w, l);
		}
		const summaries = new Map<string, unknown>();
		for (const it of (report?.items as IDataObject[] | undefined) ?? []) summaries.set(String(it.sku), it.summaries);
		for (const w of chunk) {
			const issues = issuesOf.get(w) ?? [];
			const bad = amazonIssues(issues);
			if (bad) done(w, skuError(ctx, w, { feedId, reasons: issues }, `SKU ${w.sku} (${w.marketplaceId}) was not accepted by Amazon (feed ${feedId}): ${bad}`), false);
			else done(w, acceptedItem(w, { ...statusText(summaries.get(w.sku), w.marketplaceId), extra: { feedId, ...(issues.length ? { warnings: issues } : {}) } }), true);
		}
	}
}
