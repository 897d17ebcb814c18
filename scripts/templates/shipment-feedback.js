// @ts-check
/**
 * The shipment-feedback template (workflows/shipment-feedback.json; building blocks in ./blocks.js): M3 deliveries
 * (ION Sync.Shipment BODs + a schedule) -> Amazon shipment confirmations -> confirmed marks in M3. A failed
 * confirmation or delivery is kept per package / order and replayed as "read this M3 order again"; a failed M3 read is
 * replayed as the BOD (or schedule run) it came from.
 */
const { P, CREDS, S, REPLAYED_KEY, setting, firstSetting, ERRORS_TO_KEEP, EXAMPLE_SELLER, template, schedule, inforM3, amazon, transform } = require('./blocks');

const replayOrder = (/** @type {string} */ orno) => `{ bodId: 'replay', extract: { salesOrderNumbers: [${orno}] } }`;

module.exports = template({
	file: 'shipment-feedback.json',
	name: 'M3 shipments to Amazon shipment confirmations (shipment feedback)',
	id: 'm3amzShipmentFeedback',
	about: {
		height: 600,
		width: 640,
		text: '## M3 deliveries -> Amazon shipment confirmations\nStarts from the **Sync.Shipment** BOD that ION sends when a delivery is shipped (its orders\' deliveries), and every 30 minutes from M3 itself: the deliveries whose M3 change timestamp passed the **watermark kept in M3** (EXPORTMI on MHDISH), plus those still waiting in the queue. Cost grows with new deliveries, not with history.\n\n**Only issued deliveries** (PGRS at or above *issuedFrom*, 60 by default) are confirmed; a tracking number on a delivery still in picking is not a shipment. One item per delivery: a delivery without tracking waits (and is retried) without holding back its shipped siblings. Ship dates go out in the **warehouse\'s time zone**, ISO 8601 with offset.\n\n**Idempotent** per order + package (checked on Amazon), and each delivery gets a lasting *confirmed* mark in M3 (CUSEXTMI) once Amazon has all its packages.\n\n**Set up**\n1. Credentials: *Infor M3 account* (MI rights for EXPORTMI and CUSEXTMI), *Amazon SP-API account*, *ION API connection point*.\n2. In ION Desk, an API connection point to this workflow\'s production webhook URL and a document flow M3 -> Sync.Shipment -> that connection point.\n3. Edit **Settings**: Amazon customers, marketplace per customer, carrier map, time zone per warehouse; on a tenant with history set *startFrom* (an M3 LMTS) before the first run.\n\n**Failures** (a delivery M3 data does not let us confirm, deliveries that cannot be mapped, confirmations Amazon refuses, marks not written) are kept in the data table *m3amz_dead_letter* and the execution fails (the error handler reports it). **Replay dead letter** reads the orders from M3 again.',
	},
	triggers: [
		{
			name: 'ION Sync.Shipment',
			type: `${P}inforIonTrigger`,
			at: [0, 0],
			webhookId: 'm3amz-ion-shipment',
			parameters: { nouns: 'Shipment', verbs: 'Sync' },
			credentials: CREDS.ion,
		},
		schedule('Every 30 minutes', [0, 1], { field: 'minutes', minutesInterval: 30 }),
	],
	settings: {
		amazonCustomers: EXAMPLE_SELLER.amazonCustomers,
		issuedFrom: '60',
		marketplaceByCustomer: EXAMPLE_SELLER.marketplaceByCustomer,
		carrierMap: {
			UPS: { carrierCode: 'UPS', shippingMethod: 'Ground' },
			FEDEX: { carrierCode: 'FedEx', shippingMethod: 'Ground' },
			FDX: { carrierCode: 'FedEx', shippingMethod: 'Ground' },
			DHL: { carrierCode: 'DHL', shippingMethod: 'Express' },
			USPS: { carrierCode: 'USPS', shippingMethod: 'Priority' },
		},
		timeZone: 'America/New_York',
		warehouseTimeZones: { '001': 'America/New_York', '002': 'America/Chicago' },
		markFile: 'MHDISH',
		startFrom: '',
		giveUpAfterRuns: 48,
		// FBA orders imported as shipped (order-to-cash): Amazon shipped them, their M3 deliveries are not confirmed
		fbaWarehouse: 'FBA',
	},
	nodes: [
		inforM3(
			'Shipment feedback from M3',
			[2, 0],
			{
				resource: 'delivery',
				operation: 'getShipmentFeedback',
				orderSelection: "={{ $json.bodId ? 'orderNumbers' : 'changedDeliveries' }}",
				orderNumber: "={{ ($json.extract && $json.extract.salesOrderNumbers || []).join(',') }}",
				customerNumbers: setting('amazonCustomers'),
				issuedFrom: setting('issuedFrom'),
				options: {
					markFile: setting('markFile'),
					startFrom: setting('startFrom'),
					maxAttempts: setting('giveUpAfterRuns'),
					skipWarehouses: setting('fbaWarehouse'),
				},
			},
			ERRORS_TO_KEEP,
		),
		transform('M3 delivery to Amazon shipment', [3, 0], {
			resource: 'shipment',
			operation: 'm3ToAmazon',
			shipmentOutput: 'confirmShipment',
			carrierMap: setting('carrierMap'),
			marketplaceByCustomer: setting('marketplaceByCustomer'),
			timeZone: setting('timeZone'),
			warehouseTimeZones: setting('warehouseTimeZones'),
			issuedFrom: setting('issuedFrom'),
			// an order with nothing shipped yet is not a failure: a later BOD or schedule run confirms it
			notShippedYet: 'skip',
		}),
		amazon(
			'Confirm shipment on Amazon',
			[4, 0],
			{ resource: 'order', operation: 'confirmShipment', inputMode: 'json', shipment: '={{ $json }}', options: { duplicateCheck: 'amazon', ifConfirmed: 'skip' } },
			ERRORS_TO_KEEP,
		),
		inforM3('Mark deliveries confirmed in M3', [5, 0], { resource: 'delivery', operation: 'markConfirmed', options: { markFile: firstSetting('markFile') } }, ERRORS_TO_KEEP),
	],
	links: [
		['Settings', 'Shipment feedback from M3'],
		['Shipment feedback from M3', 'M3 delivery to Amazon shipment'],
		['Shipment feedback from M3', 'Keep M3 read errors', 1],
		['M3 delivery to Amazon shipment', 'Confirm shipment on Amazon'],
		['M3 delivery to Amazon shipment', 'Keep invalid shipments', 1],
		['Confirm shipment on Amazon', 'Mark deliveries confirmed in M3'],
		['Confirm shipment on Amazon', 'Keep rejected confirmations', 1],
		['Mark deliveries confirmed in M3', 'Keep unmarked deliveries', 1],
	],
	deadLetter: {
		at: [7, 3],
		keep: [
			// a delivery that failed alone (details.DLIX) is kept per delivery; a failed read per BOD or schedule run
			[
				'Keep M3 read errors',
				[3, 2],
				{
					key: `${REPLAYED_KEY} ?? ($json.details?.DLIX ? 'delivery ' + $json.details.DLIX : ${S('bodId')} ? 'BOD ' + ${S('bodId')} : 'run ' + $execution.id)`,
					input: `($json.details?.ORNO ? ${replayOrder('$json.details.ORNO')} : ${S('bodId')} ? { bodId: ${S('bodId')}, extract: ${S('extract')} } : {})`,
				},
			],
			[
				'Keep invalid shipments',
				[4, 2],
				{
					key: "'delivery ' + ($json.details?.input?.DLIX || $json.details?.input?.CUOR || $json.details?.input?.ORNO)",
					input: replayOrder('$json.details?.input?.ORNO'),
				},
			],
			[
				'Keep rejected confirmations',
				[5, 2],
				{ key: '$json.details?.input?.idempotencyKey', input: replayOrder("$json.details?.input?.m3?.ORNO ?? $('Shipment feedback from M3').item.json.ORNO") },
			],
			[
				'Keep unmarked deliveries',
				[6, 2],
				{ key: "'mark ' + ($json.details?.input?.m3?.DLIX ?? $json.details?.input?.packageReferenceId)", input: replayOrder('$json.details?.input?.m3?.ORNO') },
			],
		],
	},
	replay: { at: [0, 5], routes: [{ entry: 'Settings' }] },
});
