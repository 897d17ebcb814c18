// @ts-check
/** The inventory-sync template (workflows/inventory-sync.json); its building blocks are in ./blocks.js. */
const { P, CREDS, S, settingsNode, sticky, workflow, keepNode, failTheExecution, replayPath, quantityRule } = require('./blocks');

/**
 * inventory-sync: a SKU Amazon refused is kept with what was sent for it and replayed straight to Amazon; a balance
 * that cannot be turned into a quantity is kept and replayed as a full resync.
 */
const inventoryFailures = (() => {
	const end = failTheExecution(['Keep SKU errors', 'Keep invalid balances'], [6, 3]);
	return {
		nodes: [
			keepNode('Keep SKU errors', [5, 2], {
				key: "'sku ' + ($json.details?.sku || $json.details?.input?.sku || ('feed ' + ($json.details?.feedId ?? $execution.id)))",
				input: '$json.details?.input ?? {}',
				replays: '$json.details?.input?.deadLetter?.replays ?? 0',
			}),
			keepNode('Keep invalid balances', [4, 2], {
				key: "'item ' + ($json.details?.input?.ITNO ?? '?') + ' ' + ($json.details?.input?.WHLO ?? '')",
				input: '{ fullResync: true }',
				replays: `${S('deadLetter')}?.replays ?? 0`,
			}),
			...end.nodes,
		],
		links: end.links,
	};
})();
const inventoryReplay = replayPath([0, 5], [
	{ entry: 'Send quantities to Amazon', nodes: ['Send quantities to Amazon'], suffix: 'SKUs' },
	{ entry: 'Settings', nodes: ['M3 balances to Amazon quantities'], suffix: 'balances' },
]);

const inventorySync = workflow(
	'inventory-sync.json',
	'M3 stock to Amazon quantities (inventory sync)',
	'm3amzInventorySync',
	[
		sticky(
			'About this workflow',
			"## M3 available stock -> Amazon listing quantities (MFN)\nEvery 15 minutes: balances changed in M3 since the cursor (OIS100MI/LstNewBalances; the cursor is **M3's own clock**, stamped on a CUSEXTMI record, with one run of overlap; a full resync every Sunday night) -> for each changed item **every listed warehouse** is read again -> quantity = the chosen M3 figure summed over the warehouses, minus a safety buffer, clamped -> one JSON_LISTINGS_FEED for many SKUs (or one patch per SKU when few).\n\n**Sent = accepted**: a quantity counts as sent only when Amazon accepted it (patch answer, feed processing report); unchanged quantities are not sent again. **FBA SKUs** (Amazon's FBA inventory) never get a merchant quantity.\n\n**Set up**\n1. Credentials: *Infor M3 account* (MI rights incl. CUSEXTMI), *Amazon SP-API account* (with the seller id).\n2. Edit **Settings**: warehouses that ship Amazon orders, M3 figure (AV01 = allocatable net), buffer, min/max, SKU alias type, feed threshold.\n3. SKUs are the M3 item aliases (MMS025MI, alias type in Settings).\n\n**Failures**: SKUs Amazon refuses and balances that cannot be mapped are kept in the data table *m3amz_dead_letter* and the execution fails (the error handler reports it). **Replay dead letter** sends the kept SKUs again and runs a full resync for kept balances.",
			520,
			640,
		),
		{
			name: 'Every 15 minutes',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			at: [0, 0],
			parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } },
		},
		{
			...settingsNode({
				warehouses: '001,002',
				figure: 'AV01',
				bufferType: 'absolute',
				bufferValue: 2,
				minQuantity: 0,
				maxQuantity: 999,
				skuAliasType: '1',
				feedThreshold: 20,
				sellerId: 'A1EXAMPLESELLERID',
				fullResync: "={{ $json.fullResync === true || ($now.weekday === 7 && $now.hour === 2 && $now.minute < 15) }}",
			}),
			at: [1, 0],
		},
		{
			name: 'Changed balances in M3',
			type: `${P}inforM3`,
			at: [2, 0],
			parameters: {
				resource: 'inventory',
				operation: 'getChangedBalances',
				since: '',
				returnAll: true,
				options: {
					warehouses: `={{ ${S('warehouses')} }}`,
					allWarehouses: true,
					figure: `={{ ${S('figure')} }}`,
					rememberPosition: true,
					fullResync: `={{ ${S('fullResync')} }}`,
					includeSku: true,
					// items not sold on Amazon are not failures: they never reach the Transform
					onlyWithSku: true,
					aliasType: `={{ ${S('skuAliasType')} }}`,
				},
			},
			credentials: CREDS.m3,
			executeOnce: true,
		},
		{
			name: 'M3 balances to Amazon quantities',
			type: `${P}m3AmazonTransform`,
			at: [3, 0],
			parameters: {
				resource: 'inventory',
				operation: 'm3ToAmazon',
				inventoryOutput: 'auto',
				feedThreshold: `={{ $('Settings').first().json.feedThreshold }}`,
				sellerId: `={{ $('Settings').first().json.sellerId }}`,
				...quantityRule(),
			},
		},
		{
			name: 'Send quantities to Amazon',
			type: `${P}amazonSellingPartner`,
			at: [4, 0],
			parameters: {
				resource: 'listing',
				operation: 'syncQuantities',
				options: { waitForCompletion: true, maxWaitSeconds: 900, onlyChanged: true, skipFba: true },
			},
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		...inventoryFailures.nodes,
		...inventoryReplay.nodes,
	],
	[
		['Every 15 minutes', 'Settings'],
		['Settings', 'Changed balances in M3'],
		['Changed balances in M3', 'M3 balances to Amazon quantities'],
		['M3 balances to Amazon quantities', 'Send quantities to Amazon'],
		['M3 balances to Amazon quantities', 'Keep invalid balances', 1],
		['Send quantities to Amazon', 'Keep SKU errors', 1],
		...inventoryFailures.links,
		...inventoryReplay.links,
	],
);

module.exports = inventorySync;
