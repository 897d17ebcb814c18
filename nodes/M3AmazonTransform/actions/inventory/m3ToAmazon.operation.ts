import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import {
	changedOnly,
	inventoryLevelsToFeeds,
	inventoryLevelToPatchItem,
	m3BalancesToInventoryLevels,
	type InventoryOptions,
	type InventoryOverride,
} from '../../../shared/mapping/inventory';
import { guardBatch, inputFieldProperty, inputOf, invalidItem, parameterProblem, validItem, type OperationOutput } from '../common';
import { params, parameterError } from '../../../shared/execution';
import { safetyBufferFields, safetyBufferOf } from './buffer';

const properties: INodeProperties[] = [
	inputFieldProperty,
	{
		displayName: 'Output',
		name: 'inventoryOutput',
		type: 'options',
		options: [
			{ name: 'Canonical Inventory Levels', value: 'canonical' },
			{ name: 'JSON Listings Feed', value: 'feed', description: 'One item per feed document (max 25,000 SKUs each)' },
			{ name: 'Patch per SKU', value: 'patch', description: 'One item per SKU: patchListingsItem body' },
			{
				name: 'Auto (Feed for Many, Patches for Few)',
				value: 'auto',
				description: 'A JSON listings feed when at least "Feed Threshold" SKUs changed, otherwise one patch per SKU',
			},
		],
		default: 'patch',
	},
	{
		displayName: 'Feed Threshold',
		name: 'feedThreshold',
		type: 'number',
		default: 20,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { inventoryOutput: ['auto'] } },
		description: 'Number of changed SKUs from which one feed is sent instead of a patch per SKU (patchListingsItem is 5 requests/s)',
	},
	{
		displayName: 'Seller ID (Merchant Token)',
		name: 'sellerId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { inventoryOutput: ['feed', 'auto'] } },
	},
	{
		displayName: 'M3 Figure',
		name: 'figure',
		type: 'string',
		default: 'AV01',
		description: 'M3 balance field or +/- formula: AV01 (allocatable net, default), AV02, STQT - REQT, STQT - ALQT',
	},
	...safetyBufferFields,
	{
		displayName: 'Per-SKU Overrides (JSON)',
		name: 'overrides',
		type: 'json',
		default: '{}',
		description: 'SKU to {bufferType, bufferValue, min, max, fixed, exclude}',
	},
	{
		displayName: 'SKU Mode',
		name: 'itemMode',
		type: 'options',
		options: [
			{ name: 'Identity (SKU = ITNO)', value: 'identity' },
			{ name: 'SKU Map', value: 'map' },
			{ name: 'SKU Field of Each Balance', value: 'field', description: 'The balance carries its SKU(s) in "sku" / "skus" (e.g. Infor M3 balances with "Include Amazon SKU"); items without one are left out' },
		],
		default: 'identity',
	},
	{
		displayName: 'SKU Map (JSON)',
		name: 'skuMap',
		type: 'json',
		default: '{}',
		displayOptions: { show: { itemMode: ['map'] } },
		description: 'Amazon SKU to M3 item number (same table as for orders; one ITNO may feed several SKUs)',
	},
	{
		displayName: 'Warehouses',
		name: 'warehouses',
		type: 'string',
		default: '',
		placeholder: 'e.g. 001,002',
		description: 'Comma-separated WHLO values to sum; empty = all',
	},
	{ displayName: 'Fulfillment Channel Code', name: 'channel', type: 'string', default: 'DEFAULT' },
	{ displayName: 'Product Type', name: 'productType', type: 'string', default: 'PRODUCT' },
	{
		displayName: 'Previously Sent Quantities (JSON)',
		name: 'previousQuantities',
		type: 'json',
		default: '{}',
		description: 'SKU to last quantity sent; SKUs whose quantity did not change are left out. Empty = send all.',
	},
	{
		displayName: 'Remember Sent Quantities',
		name: 'rememberSent',
		type: 'boolean',
		default: false,
		description:
			'Whether the quantities output are kept in the workflow (static data, per node) and used as the previously sent state of the next run, so only changes are sent. An empty or full resync run still compares against them; clear them by turning this off once.',
	},
	{
		displayName: 'Include Sent State',
		name: 'includeState',
		type: 'boolean',
		default: false,
		description: 'Whether feed/patch output carries sentQuantities {sku: qty} to store for the next run',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['inventory'], operation: ['m3ToAmazon'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<OperationOutput> {
	const out: OperationOutput = { valid: [], invalid: [] };
	const p = params(this, 0);
	if (items.length === 0) return out;
	let options: InventoryOptions;
	let previous: Record<string, unknown>;
	let mode: string;
	let remembered: { sentQuantities?: Record<string, number> } | undefined;
	try {
		const buffer = safetyBufferOf(p);
		const im = p.str('itemMode', 'identity');
		if (im !== 'identity' && im !== 'map' && im !== 'field') throw parameterError(this, 'itemMode', 'itemMode must be identity, map or field');
		const warehouses = p.list('warehouses');
		options = {
			figure: p.str('figure', 'AV01'),
			...buffer,
			overrides: p.json<Record<string, InventoryOverride>>('overrides', { fallback: {}, cache: true }),
			itemMode: im,
			skuMap: im === 'map' ? p.json<Record<string, string>>('skuMap', { fallback: {}, cache: true }) : undefined,
			warehouses: warehouses.length ? warehouses : undefined,
			channel: p.str('channel', 'DEFAULT'),
		};
		previous = p.json<Record<string, unknown>>('previousQuantities', { fallback: {}, cache: true });
		mode = p.str('inventoryOutput', 'patch');
		if (this.getNodeParameter('rememberSent', 0, false) as boolean) {
			remembered = this.getWorkflowStaticData('node') as { sentQuantities?: Record<string, number> };
			previous = { ...(remembered.sentQuantities ?? {}), ...previous };
		}
	} catch (e) {
		parameterProblem(this, e, 0, undefined, out);
		return out;
	}
	const records = items.map((it, index) => ({ index, json: inputOf(this, it, index) }));
	const mapped = guardBatch(() => m3BalancesToInventoryLevels(records, options), items, out);
	if (!mapped) return out;
	const { levels, invalid, configIssues } = mapped;
	if (configIssues.length) {
		parameterProblem(this, parameterError(this, configIssues[0].path, configIssues[0].message), 0, undefined, out);
		return out;
	}
	for (const bad of invalid) out.invalid.push(invalidItem(bad.issues, records[bad.index].json, bad.index));
	const hasPrevious = Object.keys(previous).length > 0;
	const { changed } = changedOnly(levels, hasPrevious ? previous : undefined);
	const includeState = this.getNodeParameter('includeState', 0, false) as boolean;
	const productType = p.str('productType', 'PRODUCT');
	if (mode === 'auto') mode = changed.length >= (p.num('feedThreshold') ?? 20) ? 'feed' : 'patch';
	if (remembered && mode !== 'canonical' && changed.length) {
		// kept when output, not when Amazon accepted: SKUs Amazon rejects are reported per SKU by the listings
		// node and are sent again when their M3 figure changes or on the next full resync
		const state = { ...(remembered.sentQuantities ?? {}) };
		for (const c of changed) state[c.level.sku] = c.level.quantity;
		remembered.sentQuantities = state;
	}
	if (mode === 'canonical') {
		for (const l of changed) out.valid.push(validItem(l.level, l.sources));
	} else if (mode === 'feed') {
		if (changed.length === 0) return out;
		const sellerId = p.str('sellerId');
		if (!sellerId) {
			parameterProblem(this, parameterError(this, 'sellerId', 'Seller ID is required for the listings feed'), 0, undefined, out);
			return out;
		}
		const feeds = inventoryLevelsToFeeds(
			changed.map((c) => c.level),
			{ sellerId, productType },
		);
		const sources = [...new Set(changed.flatMap((c) => c.sources))].sort((a, b) => a - b);
		const bySku = new Map(changed.map((c) => [c.level.sku, c]));
		for (const feed of feeds) {
			const json: Record<string, unknown> = { feed, skus: feed.messages.length, feedType: 'JSON_LISTINGS_FEED', contentType: 'application/json; charset=UTF-8' };
			if (includeState) {
				const state: Record<string, number> = {};
				for (const m of feed.messages) state[m.sku] = (bySku.get(m.sku) as (typeof changed)[number]).level.quantity;
				json.sentQuantities = state;
			}
			out.valid.push(validItem(json, feeds.length === 1 ? sources : [...new Set(feed.messages.flatMap((m) => (bySku.get(m.sku) as (typeof changed)[number]).sources))]));
		}
	} else {
		for (const l of changed) {
			const json: Record<string, unknown> = inventoryLevelToPatchItem(l.level, productType);
			if (includeState) json.sentQuantities = { [l.level.sku]: l.level.quantity };
			out.valid.push(validItem(json, l.sources));
		}
	}
	return out;
}
