import type { IDataObject } from 'n8n-workflow';

import type { SpApiClient, SpApiRequest } from './client';

/**
 * Where an operation keeps its page of records and its continuation token.
 * - `tokenIn`: response path of the next token (e.g. `pagination.nextToken`, `payload.NextToken`, `nextToken`)
 * - `tokenParam`: query parameter that takes it back (`paginationToken`, `nextToken`, `NextToken`, `pageToken`)
 * - `records`: response path of the array of records
 */
export interface PageSpec {
	records: string;
	tokenIn: string[];
	tokenParam: string;
	/** query parameters to drop when sending a token (e.g. FBA inventory keeps all, searchOrders keeps all) */
	dropOnToken?: string[];
}

export function getPath(obj: unknown, path: string): unknown {
	let cur: unknown = obj;
	for (const part of path.split('.')) {
		if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
		cur = (cur as IDataObject)[part];
	}
	return cur;
}

export interface PaginateOptions {
	returnAll: boolean;
	/** max records when returnAll is false */
	limit?: number;
	/** hard stop on pages (safety) */
	maxPages?: number;
}

export interface PageResult {
	records: IDataObject[];
	pages: number;
	/** token to resume from when stopped by the limit (undefined when exhausted) */
	nextToken?: string;
	/** stopped at the limit while Amazon had more (records past the limit on the last page, or a next page) */
	more: boolean;
}

/**
 * Follows nextToken/paginationToken until done or `limit` records are collected. Each page goes through the
 * client (rate limiter + retries), so a long pagination simply waits for the bucket.
 */
export async function paginate(
	client: SpApiClient,
	operationKey: string,
	req: SpApiRequest,
	spec: PageSpec,
	opts: PaginateOptions,
): Promise<PageResult> {
	const records: IDataObject[] = [];
	let token: string | undefined;
	let pages = 0;
	const maxPages = opts.maxPages ?? 10000;
	const limit = opts.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, opts.limit ?? 50);
	for (;;) {
		const query: IDataObject = { ...(req.query ?? {}) };
		if (token) {
			for (const d of spec.dropOnToken ?? []) delete query[d];
			query[spec.tokenParam] = token;
		}
		const res = await client.call<IDataObject>(operationKey, { ...req, query });
		pages++;
		const page = getPath(res.body, spec.records);
		if (Array.isArray(page)) records.push(...(page as IDataObject[]));
		token = undefined;
		for (const p of spec.tokenIn) {
			const t = getPath(res.body, p);
			if (typeof t === 'string' && t !== '') {
				token = t;
				break;
			}
		}
		if (records.length >= limit) {
			return { records: records.slice(0, limit), pages, nextToken: token, more: records.length > limit || token !== undefined };
		}
		if (!token || pages >= maxPages) return { records, pages, nextToken: token, more: token !== undefined };
	}
}

export const PAGES: Record<string, PageSpec> = {
	'orders2026.searchOrders': { records: 'orders', tokenIn: ['pagination.nextToken'], tokenParam: 'paginationToken' },
	'listings.searchListingsItems': { records: 'items', tokenIn: ['pagination.nextToken'], tokenParam: 'pageToken' },
	'fbaInventory.getInventorySummaries': {
		records: 'payload.inventorySummaries',
		tokenIn: ['pagination.nextToken'],
		tokenParam: 'nextToken',
	},
	'finances2024.listTransactions': { records: 'payload.transactions', tokenIn: ['payload.nextToken', 'nextToken'], tokenParam: 'nextToken' },
	'notifications.getSubscriptions': { records: 'payload.subscriptions', tokenIn: ['payload.nextToken', 'nextToken', 'pagination.nextToken'], tokenParam: 'nextToken' },
	'feeds.getFeeds': { records: 'feeds', tokenIn: ['nextToken'], tokenParam: 'nextToken', dropOnToken: ['feedTypes', 'marketplaceIds', 'pageSize', 'processingStatuses', 'createdSince', 'createdUntil'] },
};
