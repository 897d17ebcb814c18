// @ts-check
/** The inventory-reconciliation template (workflows/inventory-reconciliation.json); its building blocks are in ./blocks.js. */
const { P, CREDS, S, settingsNode, sticky, workflow, keepNode, failTheExecution, replayPath, quantityRule } = require('./blocks');

/** inventory-reconciliation: SKUs the report could not check (or fix) are kept; a replay runs the report again. */
const reconciliationFailures = (() => {
	const row = {
		key: "'sku ' + ($json.details?.input?.sku ?? $json.details?.input?.ITNO ?? $json.details?.sku ?? $json.sku ?? $itemIndex)",
		input: '{}',
		replays: `${S('deadLetter')}?.replays ?? 0`,
	};
	const end = failTheExecution(['Keep unchecked SKUs', 'Keep uncompared SKUs', 'Keep unfixed SKUs'], [8, 3]);
	return {
		nodes: [
			keepNode('Keep unchecked SKUs', [4, 2], row),
			keepNode('Keep uncompared SKUs', [5, 2], row),
			keepNode('Keep unfixed SKUs', [7, 2], row),
			...end.nodes,
		],
		links: end.links,
	};
})();

const inventoryReconciliation = workflow(
	'inventory-reconciliation.json',
	'M3 vs Amazon quantities (inventory reconciliation)',
	'm3amzInventoryReconciliation',
	[
		sticky(
			'About this workflow',
			"## Inventory reconciliation (MFN)\nEvery Monday at 06:00: every M3 balance of the listed warehouses with an Amazon SKU -> the figure **summed over the warehouses** per SKU -> the listing's quantity on Amazon (fulfillmentAvailability, channel DEFAULT) -> a **discrepancy report** per SKU: M3 figure, the quantity the sync would send (same buffer and clamp as inventory-sync), Amazon's quantity, difference, last update on Amazon.\n\n**FBA SKUs** (an Amazon fulfillment channel on the listing) are left out: their stock is Amazon's count.\nTo let it also **fix** MFN quantities, enable the node *Fix MFN quantity on Amazon* (it never sends a merchant quantity to an FBA SKU).\n\n**Set up**: credentials *Infor M3 account*, *Amazon SP-API account*; **Settings** as in inventory-sync.\n\nSKUs the report could not check (not on Amazon, an SP-API failure, data it cannot compare) are kept in the data table *m3amz_dead_letter* and the execution fails (the error handler lists them); **Replay dead letter** runs the report again.",
			440,
			640,
		),
		{
			name: 'Every Monday at 06:00',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			at: [0, 0],
			parameters: { rule: { interval: [{ field: 'weeks', triggerAtDay: [1], triggerAtHour: 6 }] } },
		},
		{
			...settingsNode({ warehouses: '001,002', figure: 'AV01', bufferType: 'absolute', bufferValue: 2, minQuantity: 0, maxQuantity: 999, skuAliasType: '1' }),
			at: [1, 0],
		},
		{
			name: 'M3 balances',
			type: `${P}inforM3`,
			at: [2, 0],
			parameters: {
				resource: 'inventory',
				operation: 'getChangedBalances',
				since: '',
				returnAll: true,
				options: {
					warehouses: `={{ ${S('warehouses')} }}`,
					figure: `={{ ${S('figure')} }}`,
					fullResync: true,
					includeSku: true,
					onlyWithSku: true,
					aliasType: `={{ ${S('skuAliasType')} }}`,
				},
			},
			credentials: CREDS.m3,
			executeOnce: true,
		},
		{
			name: 'Sum over warehouses',
			type: `${P}m3AmazonTransform`,
			at: [3, 0],
			parameters: {
				resource: 'inventory',
				operation: 'm3ToAmazon',
				inventoryOutput: 'canonical',
				...quantityRule(),
			},
		},
		{
			name: 'Amazon listing',
			type: `${P}amazonSellingPartner`,
			at: [4, 0],
			parameters: {
				resource: 'listing',
				operation: 'get',
				sku: '={{ $json.sku }}',
				includedData: ['summaries', 'fulfillmentAvailability'],
			},
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		{
			name: 'Compare quantities',
			type: `${P}m3AmazonTransform`,
			at: [5, 0],
			parameters: {
				resource: 'inventory',
				operation: 'compare',
				sku: "={{ $('Sum over warehouses').item.json.sku }}",
				m3Available: "={{ $('Sum over warehouses').item.json.available.value }}",
				amazonQuantity: "={{ (($json.fulfillmentAvailability || []).find(f => f.fulfillmentChannelCode === 'DEFAULT') || {}).quantity }}",
				lastSync: '={{ (($json.summaries || [])[0] || {}).lastUpdatedDate }}',
				leaveOut: "={{ ($json.fulfillmentAvailability || []).some(f => f.fulfillmentChannelCode !== 'DEFAULT') }}",
				bufferType: `={{ $('Settings').first().json.bufferType }}`,
				bufferValue: `={{ $('Settings').first().json.bufferValue }}`,
				minQuantity: `={{ $('Settings').first().json.minQuantity }}`,
				maxQuantity: `={{ $('Settings').first().json.maxQuantity }}`,
				onlyDifferences: true,
			},
		},
		{ name: 'Discrepancy report', type: 'n8n-nodes-base.noOp', at: [6, 0] },
		{
			name: 'Fix MFN quantity on Amazon',
			type: `${P}amazonSellingPartner`,
			at: [7, 0],
			disabled: true,
			parameters: { resource: 'listing', operation: 'updateQuantity', sku: '={{ $json.sku }}', quantity: '={{ $json.quantity }}' },
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		...reconciliationFailures.nodes,
		...replayPath([0, 5], [{ entry: 'Settings' }]).nodes,
	],
	[
		['Every Monday at 06:00', 'Settings'],
		['Settings', 'M3 balances'],
		['M3 balances', 'Sum over warehouses'],
		['Sum over warehouses', 'Amazon listing'],
		['Sum over warehouses', 'Keep uncompared SKUs', 1],
		['Amazon listing', 'Compare quantities'],
		['Amazon listing', 'Keep unchecked SKUs', 1],
		['Compare quantities', 'Discrepancy report'],
		['Compare quantities', 'Keep uncompared SKUs', 1],
		['Discrepancy report', 'Fix MFN quantity on Amazon'],
		['Fix MFN quantity on Amazon', 'Keep unfixed SKUs', 1],
		...reconciliationFailures.links,
		...replayPath([0, 5], [{ entry: 'Settings' }]).links,
	],
);

module.exports = inventoryReconciliation;
