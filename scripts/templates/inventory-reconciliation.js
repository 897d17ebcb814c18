// @ts-check
/**
 * The inventory-reconciliation template (workflows/inventory-reconciliation.json; building blocks in ./blocks.js):
 * every M3 balance with a SKU vs the Amazon listing's quantity -> a discrepancy report (optionally fixed). SKUs the
 * report could not check (or fix) are kept; a replay runs the report again.
 */
const { setting, ERRORS_TO_KEEP, QUANTITY_SETTINGS, template, schedule, inforM3, amazon, transform, bufferRule, quantityRule } = require('./blocks');

const skuRow = {
	key: "'sku ' + ($json.details?.input?.sku ?? $json.details?.input?.ITNO ?? $json.details?.sku ?? $json.sku ?? $itemIndex)",
	input: '{}',
};

module.exports = template({
	file: 'inventory-reconciliation.json',
	name: 'M3 vs Amazon quantities (inventory reconciliation)',
	id: 'm3amzInventoryReconciliation',
	about: {
		height: 440,
		width: 640,
		text: "## Inventory reconciliation (MFN)\nEvery Monday at 06:00: every M3 balance of the listed warehouses with an Amazon SKU -> the figure **summed over the warehouses** per SKU -> the listing's quantity on Amazon (fulfillmentAvailability, channel DEFAULT) -> a **discrepancy report** per SKU: M3 figure, the quantity the sync would send (same buffer and clamp as inventory-sync), Amazon's quantity, difference, last update on Amazon.\n\n**FBA SKUs** (an Amazon fulfillment channel on the listing) are left out: their stock is Amazon's count.\nTo let it also **fix** MFN quantities, enable the node *Fix MFN quantity on Amazon* (it never sends a merchant quantity to an FBA SKU).\n\n**Set up**: credentials *Infor M3 account*, *Amazon SP-API account*; **Settings** as in inventory-sync.\n\nSKUs the report could not check (not on Amazon, an SP-API failure, data it cannot compare) are kept in the data table *m3amz_dead_letter* and the execution fails (the error handler lists them); **Replay dead letter** runs the report again.",
	},
	triggers: [schedule('Every Monday at 06:00', [0, 0], { field: 'weeks', triggerAtDay: [1], triggerAtHour: 6 })],
	settings: QUANTITY_SETTINGS,
	nodes: [
		inforM3(
			'M3 balances',
			[2, 0],
			{
				resource: 'inventory',
				operation: 'getChangedBalances',
				since: '',
				returnAll: true,
				options: {
					warehouses: setting('warehouses'),
					figure: setting('figure'),
					fullResync: true,
					includeSku: true,
					onlyWithSku: true,
					aliasType: setting('skuAliasType'),
				},
			},
			{ executeOnce: true },
		),
		transform('Sum over warehouses', [3, 0], { resource: 'inventory', operation: 'm3ToAmazon', inventoryOutput: 'canonical', ...quantityRule() }),
		amazon('Amazon listing', [4, 0], { resource: 'listing', operation: 'get', sku: '={{ $json.sku }}', includedData: ['summaries', 'fulfillmentAvailability'] }, ERRORS_TO_KEEP),
		transform('Compare quantities', [5, 0], {
			resource: 'inventory',
			operation: 'compare',
			sku: "={{ $('Sum over warehouses').item.json.sku }}",
			m3Available: "={{ $('Sum over warehouses').item.json.available.value }}",
			amazonQuantity: "={{ (($json.fulfillmentAvailability || []).find(f => f.fulfillmentChannelCode === 'DEFAULT') || {}).quantity }}",
			lastSync: '={{ (($json.summaries || [])[0] || {}).lastUpdatedDate }}',
			leaveOut: "={{ ($json.fulfillmentAvailability || []).some(f => f.fulfillmentChannelCode !== 'DEFAULT') }}",
			// the same buffer and clamp as inventory-sync
			...bufferRule(),
			onlyDifferences: true,
		}),
		{ name: 'Discrepancy report', type: 'n8n-nodes-base.noOp', at: [6, 0] },
		amazon(
			'Fix MFN quantity on Amazon',
			[7, 0],
			{ resource: 'listing', operation: 'updateQuantity', sku: '={{ $json.sku }}', quantity: '={{ $json.quantity }}' },
			{ disabled: true, ...ERRORS_TO_KEEP },
		),
	],
	links: [
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
	],
	deadLetter: {
		at: [8, 3],
		keep: [
			['Keep unchecked SKUs', [4, 2], skuRow],
			['Keep uncompared SKUs', [5, 2], skuRow],
			['Keep unfixed SKUs', [7, 2], skuRow],
		],
	},
	replay: { at: [0, 5], routes: [{ entry: 'Settings' }] },
});
