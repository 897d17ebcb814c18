// @ts-check
/**
 * The inventory-sync template (workflows/inventory-sync.json; building blocks in ./blocks.js): M3 balances changed
 * since the cursor -> Amazon MFN quantities. A SKU Amazon refused is kept with what was sent for it and replayed
 * straight to Amazon; a balance that cannot be turned into a quantity is kept and replayed as a full resync.
 */
const { setting, firstSetting, ERRORS_TO_KEEP, QUANTITY_SETTINGS, template, schedule, inforM3, amazon, transform, quantityRule } = require('./blocks');

module.exports = template({
	file: 'inventory-sync.json',
	name: 'M3 stock to Amazon quantities (inventory sync)',
	id: 'm3amzInventorySync',
	about: {
		height: 520,
		width: 640,
		text: "## M3 available stock -> Amazon listing quantities (MFN)\nEvery 15 minutes: balances changed in M3 since the cursor (OIS100MI/LstNewBalances; the cursor is **M3's own clock**, stamped on a CUSEXTMI record, with one run of overlap; a full resync every Sunday night) -> for each changed item **every listed warehouse** is read again -> quantity = the chosen M3 figure summed over the warehouses, minus a safety buffer, clamped -> one JSON_LISTINGS_FEED for many SKUs (or one patch per SKU when few).\n\n**Sent = accepted**: a quantity counts as sent only when Amazon accepted it (patch answer, feed processing report); unchanged quantities are not sent again. **FBA SKUs** (Amazon's FBA inventory) never get a merchant quantity.\n\n**Set up**\n1. Credentials: *Infor M3 account* (MI rights incl. CUSEXTMI), *Amazon SP-API account* (with the seller id).\n2. Edit **Settings**: warehouses that ship Amazon orders, M3 figure (AV01 = allocatable net), buffer, min/max, SKU alias type, feed threshold.\n3. SKUs are the M3 item aliases (MMS025MI, alias type in Settings).\n\n**Failures**: SKUs Amazon refuses and balances that cannot be mapped are kept in the data table *m3amz_dead_letter* and the execution fails (the error handler reports it). **Replay dead letter** sends the kept SKUs again and runs a full resync for kept balances.",
	},
	triggers: [schedule('Every 15 minutes', [0, 0], { field: 'minutes', minutesInterval: 15 })],
	settings: {
		...QUANTITY_SETTINGS,
		feedThreshold: 20,
		sellerId: 'A1EXAMPLESELLERID',
		fullResync: "={{ $json.fullResync === true || ($now.weekday === 7 && $now.hour === 2 && $now.minute < 15) }}",
	},
	nodes: [
		inforM3(
			'Changed balances in M3',
			[2, 0],
			{
				resource: 'inventory',
				operation: 'getChangedBalances',
				since: '',
				returnAll: true,
				options: {
					warehouses: setting('warehouses'),
					allWarehouses: true,
					figure: setting('figure'),
					rememberPosition: true,
					fullResync: setting('fullResync'),
					includeSku: true,
					// items not sold on Amazon are not failures: they never reach the Transform
					onlyWithSku: true,
					aliasType: setting('skuAliasType'),
				},
			},
			{ executeOnce: true },
		),
		transform('M3 balances to Amazon quantities', [3, 0], {
			resource: 'inventory',
			operation: 'm3ToAmazon',
			inventoryOutput: 'auto',
			feedThreshold: firstSetting('feedThreshold'),
			sellerId: firstSetting('sellerId'),
			...quantityRule(),
		}),
		amazon(
			'Send quantities to Amazon',
			[4, 0],
			{ resource: 'listing', operation: 'syncQuantities', options: { waitForCompletion: true, maxWaitSeconds: 900, onlyChanged: true, skipFba: true } },
			ERRORS_TO_KEEP,
		),
	],
	links: [
		['Settings', 'Changed balances in M3'],
		['Changed balances in M3', 'M3 balances to Amazon quantities'],
		['M3 balances to Amazon quantities', 'Send quantities to Amazon'],
		['M3 balances to Amazon quantities', 'Keep invalid balances', 1],
		['Send quantities to Amazon', 'Keep SKU errors', 1],
	],
	deadLetter: {
		at: [6, 3],
		keep: [
			[
				'Keep SKU errors',
				[5, 2],
				{
					key: "'sku ' + ($json.details?.sku || $json.details?.input?.sku || ('feed ' + ($json.details?.feedId ?? $execution.id)))",
					input: '$json.details?.input ?? {}',
					replays: '$json.details?.input?.deadLetter?.replays ?? 0',
				},
			],
			['Keep invalid balances', [4, 2], { key: "'item ' + ($json.details?.input?.ITNO ?? '?') + ' ' + ($json.details?.input?.WHLO ?? '')", input: '{ fullResync: true }' }],
		],
	},
	replay: {
		at: [0, 5],
		routes: [
			{ entry: 'Send quantities to Amazon', nodes: ['Send quantities to Amazon'], suffix: 'SKUs' },
			{ entry: 'Settings', nodes: ['M3 balances to Amazon quantities'], suffix: 'balances' },
		],
	},
});
