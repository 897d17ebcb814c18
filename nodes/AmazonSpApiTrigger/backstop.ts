/** Orders backstop mode: searchOrders by lastUpdatedAfter, emitted as ORDER_CHANGE-shaped items. */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PAGES, SpApiClient, paginate } from '../shared/spapi';
import { splitList } from '../shared/execution';
import { hasSeen, markSeen, pruneSeen } from '../shared/webhook/dedupe';
import { normalizeNotification, orderToOrderChangeEnvelope } from '../shared/spapi/notifications';
import { MINUTE, asNodeError } from './common';

interface BackstopState extends IDataObject {
	watermark?: string;
	emitted?: IDataObject;
	resume?: { token: string; after: string; before: string };
}

export async function pollBackstop(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const o = this.getNodeParameter('backstopOptions', {}) as IDataObject;
	const manual = this.getMode() === 'manual';
	const lagMs = Math.max(2, Number(o.lagMinutes ?? 2)) * MINUTE;
	const state = this.getWorkflowStaticData('node') as BackstopState;
	const now = Date.now();
	const edge = new Date(now - lagMs).toISOString();

	let client: SpApiClient;
	try {
		client = await SpApiClient.create(this);
	} catch (e) {
		throw new NodeOperationError(this.getNode(), e as Error);
	}
	const marketplaceIds = splitList(this.getNodeParameter('marketplaceIds', ''));
	const markets = marketplaceIds.length > 0 ? marketplaceIds : client.marketplaceIds;
	if (markets.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No marketplace IDs: set them on the node or in the Amazon SP-API credential');
	}
	const baseQuery: IDataObject = {
		marketplaceIds: markets,
		maxResultsPerPage: 100,
		includedData: ['FULFILLMENT'],
	};
	if (o.fulfilledBy) baseQuery.fulfilledBy = o.fulfilledBy;

	const publishTime = new Date(now).toISOString();
	const toItem = (order: IDataObject): INodeExecutionData => ({
		json: normalizeNotification(orderToOrderChangeEnvelope(order, client.sellerId || null, publishTime), 'backstop'),
	});

	try {
		if (manual) {
			// A sample for the editor: the most recent orders of the last week, state untouched.
			const res = await client.call<IDataObject>('orders2026.searchOrders', {
				query: {
					...baseQuery,
					maxResultsPerPage: 10,
					lastUpdatedAfter: new Date(now - 7 * 24 * 60 * MINUTE).toISOString(),
					lastUpdatedBefore: edge,
				},
			});
			const orders = (Array.isArray(res.body.orders) ? res.body.orders : []) as IDataObject[];
			return orders.length > 0 ? [orders.slice(-5).map(toItem)] : null;
		}

		// Resume an unfinished window (same after/before, continuation token), or start the next one.
		let after: string;
		let before: string;
		let token: string | undefined;
		if (state.resume && state.resume.token) {
			({ after, before, token } = state.resume);
		} else {
			const initial = new Date(now - lagMs - Math.max(0, Number(o.initialLookbackMinutes ?? 60)) * MINUTE).toISOString();
			after = state.watermark ?? initial;
			before = edge;
			if (Date.parse(before) <= Date.parse(after)) return null;
		}
		const query: IDataObject = { ...baseQuery, lastUpdatedAfter: after, lastUpdatedBefore: before };
		if (token) query.paginationToken = token;
		const page = await paginate(client, 'orders2026.searchOrders', { query }, PAGES['orders2026.searchOrders'], {
			returnAll: true,
			maxPages: Math.max(1, Number(o.maxPages ?? 20)),
		});

		// lastUpdatedAfter is inclusive: orders at the watermark come back; drop (orderId, lastUpdatedTime) already emitted.
		const window = { windowMs: 3 * 24 * 60 * MINUTE, maxEntries: 50000, now };
		const items: INodeExecutionData[] = [];
		pruneSeen(state, 'emitted', window);
		for (const order of page.records) {
			const key = `${String(order.orderId)}@${String(order.lastUpdatedTime)}`;
			if (hasSeen(state, 'emitted', key, window)) continue;
			markSeen(state, 'emitted', key, window, false);
			items.push(toItem(order));
		}
		pruneSeen(state, 'emitted', window);
		if (page.nextToken) {
			state.resume = { token: page.nextToken, after, before };
		} else {
			delete state.resume;
			state.watermark = before;
		}
		return items.length > 0 ? [items] : null;
	} catch (e) {
		throw asNodeError(this.getNode(), e);
	}
}
