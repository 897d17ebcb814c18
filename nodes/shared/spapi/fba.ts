/**
 * Which seller SKUs Amazon fulfils (FBA) in a marketplace: an MFN quantity (fulfillment_availability with the
 * merchant channel DEFAULT) must never be sent for them, it can turn the offer into merchant-fulfilled
 * (marketplace-accounting.md §3). The set comes from FBA Inventory getInventorySummaries and is kept by the caller
 * (workflow static data): the first time every summary is read, afterwards only the summaries changed since the newest
 * lastUpdatedTime seen (Amazon's clock) minus an hour of overlap, so a run costs about one call.
 */
import type { IDataObject } from 'n8n-workflow';

import type { SpApiClient } from './client';
import { PAGES, paginate } from './pagination';

export interface FbaSkuCache {
	/** seller SKUs Amazon listed as FBA inventory */
	skus: string[];
	/** newest lastUpdatedTime seen (ISO), the next read starts an hour before it */
	seen?: string;
}

const OVERLAP_MS = 3600000;
/** getInventorySummaries refuses a startDateTime older than 18 months */
const MAX_BACK_MS = 540 * 86400000;

/** Reads what changed (or everything the first time) and returns the updated cache. */
export async function refreshFbaSkus(client: SpApiClient, marketplaceId: string, cache: FbaSkuCache | undefined, now = Date.now()): Promise<FbaSkuCache> {
	const query: IDataObject = { details: false, granularityType: 'Marketplace', granularityId: marketplaceId, marketplaceIds: [marketplaceId] };
	const seen = cache?.seen ? Date.parse(cache.seen) : NaN;
	const delta = !!cache && Number.isFinite(seen) && now - (seen - OVERLAP_MS) < MAX_BACK_MS;
	if (delta) query.startDateTime = new Date(seen - OVERLAP_MS).toISOString();
	const res = await paginate(client, 'fbaInventory.getInventorySummaries', { query }, PAGES['fbaInventory.getInventorySummaries'], { returnAll: true });
	const skus = new Set(delta ? cache?.skus ?? [] : []);
	let newest = delta ? seen : NaN;
	for (const r of res.records) {
		const sku = String(r.sellerSku ?? '').trim();
		if (sku) skus.add(sku);
		const t = Date.parse(String(r.lastUpdatedTime ?? ''));
		if (Number.isFinite(t) && !(t <= newest)) newest = t;
	}
	return { skus: [...skus].sort(), ...(Number.isFinite(newest) ? { seen: new Date(newest).toISOString() } : {}) };
}
