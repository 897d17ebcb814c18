import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { hintLimitReached, params, returnAllFields } from '../../../shared/execution';
import { PAGES, paginate, type SpApiClient } from '../../../shared/spapi';
import { jsonItems } from '../../transport';

const MAX_WINDOW_MS = 180 * 24 * 3600 * 1000;
const MIN_LAG_MS = 2 * 60 * 1000;

const properties: INodeProperties[] = [
	{
		displayName: 'Posted After',
		name: 'postedAfter',
		type: 'dateTime',
		default: '',
		description: 'Start of the posting window (required unless filtering by a related identifier)',
	},
	{
		displayName: 'Posted Before',
		name: 'postedBefore',
		type: 'dateTime',
		default: '',
		description: 'End of the window (default: now minus 2 minutes). Spans over 180 days are split into 180-day windows.',
	},
	...returnAllFields(),
	{
		displayName: 'Deferred Look-Back (Days)',
		name: 'deferredLookbackDays',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 179 },
		default: 0,
		description:
			'Also return the deferred transactions (DEFERRED, DEFERRED_RELEASED) posted up to this many days before Posted After, so that a release is booked in the window it happens in (Amazon keeps the original posted date on release). 0 = off.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Marketplace ID',
				name: 'marketplaceId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Related Identifier Name',
				name: 'relatedIdentifierName',
				type: 'options',
				options: [
					{ name: 'Financial Event Group ID', value: 'FINANCIAL_EVENT_GROUP_ID' },
					{ name: 'Order ID', value: 'ORDER_ID' },
				],
				default: 'ORDER_ID',
			},
			{
				displayName: 'Related Identifier Value',
				name: 'relatedIdentifierValue',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Transaction Status',
				name: 'transactionStatus',
				type: 'options',
				options: [
					{ name: 'Deferred', value: 'DEFERRED' },
					{ name: 'Deferred Released', value: 'DEFERRED_RELEASED' },
					{ name: 'Released', value: 'RELEASED' },
				],
				default: 'RELEASED',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['finance'], operation: ['listTransactions'] } }, properties);

function isoZ(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Queries already read per node execution (the execute context is one object per node run). */
const alreadyAsked = new WeakMap<object, Set<string>>();

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const limit = params(this, i).limit();
	const returnAll = limit === undefined;
	let remaining = limit ?? Number.POSITIVE_INFINITY;
	const base: IDataObject = {};
	if (filters.marketplaceId) base.marketplaceId = filters.marketplaceId;
	if (filters.transactionStatus) base.transactionStatus = filters.transactionStatus;
	const relatedValue = String(filters.relatedIdentifierValue ?? '').trim();
	if (relatedValue) {
		base.relatedIdentifierName = filters.relatedIdentifierName ?? 'ORDER_ID';
		base.relatedIdentifierValue = relatedValue;
	}
	const afterRaw = String(this.getNodeParameter('postedAfter', i, '') ?? '').trim();
	const beforeRaw = String(this.getNodeParameter('postedBefore', i, '') ?? '').trim();
	const windows: Array<{ postedAfter?: string; postedBefore?: string; transactionStatus?: string }> = [];
	if (!afterRaw) {
		if (!relatedValue) {
			throw new NodeOperationError(this.getNode(), 'Set Posted After (or a related identifier filter)', { itemIndex: i });
		}
		windows.push(beforeRaw ? { postedBefore: isoZ(new Date(beforeRaw).getTime()) } : {});
	} else {
		const start = new Date(afterRaw).getTime();
		const end = beforeRaw ? new Date(beforeRaw).getTime() : Date.now() - MIN_LAG_MS;
		if (Number.isNaN(start) || Number.isNaN(end)) throw new NodeOperationError(this.getNode(), 'Posted After/Before must be dates', { itemIndex: i });
		if (end <= start) throw new NodeOperationError(this.getNode(), 'Posted Before must be after Posted After', { itemIndex: i });
		for (let from = start; from < end; from += MAX_WINDOW_MS) {
			windows.push({ postedAfter: isoZ(from), postedBefore: isoZ(Math.min(end, from + MAX_WINDOW_MS)) });
		}
	}
	const lookbackDays = Number(this.getNodeParameter('deferredLookbackDays', i, 0) ?? 0);
	if (lookbackDays > 0 && afterRaw && !base.transactionStatus && windows.length) {
		// deferred transactions keep their posted date when Amazon releases them: read them back over the look-back
		const start = Date.parse(windows[0].postedAfter as string) - lookbackDays * 86400000;
		const end = Date.parse(windows[windows.length - 1].postedBefore as string);
		for (const status of ['DEFERRED_RELEASED', 'DEFERRED']) {
			for (let from = start; from < end; from += MAX_WINDOW_MS) {
				windows.push({ postedAfter: isoZ(from), postedBefore: isoZ(Math.min(end, from + MAX_WINDOW_MS)), transactionStatus: status });
			}
		}
	}
	// the same query asked again by a later item of this execution (a dead-letter replay brings one row per batch of a
	// window) is read once: its transactions stay paired with the first item that asked
	const key = JSON.stringify([base, windows, returnAll, remaining]);
	const asked = alreadyAsked.get(this) ?? new Set<string>();
	alreadyAsked.set(this, asked);
	if (asked.has(key)) return [];
	asked.add(key);
	const out: IDataObject[] = [];
	const ids = new Set<string>();
	let more = false;
	for (const w of windows) {
		if (remaining <= 0) break;
		const res = await paginate(client, 'finances2024.listTransactions', { query: { ...base, ...w } }, PAGES['finances2024.listTransactions'], {
			returnAll,
			limit: returnAll ? undefined : remaining,
		});
		for (const r of res.records) {
			// a deferred transaction of the window comes back from the look-back too: once
			const id = typeof r.transactionId === 'string' ? r.transactionId : '';
			if (id && ids.has(id)) continue;
			if (id) ids.add(id);
			out.push(r);
			remaining--;
		}
		more = res.more;
	}
	// stopped by the limit: Amazon said there is more, or windows were left unread
	if (!returnAll && remaining <= 0) hintLimitReached(this, 'transactions', out.length, more || undefined);
	return jsonItems(out);
}
