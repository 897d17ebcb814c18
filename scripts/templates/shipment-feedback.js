// @ts-check
/** The shipment-feedback template (workflows/shipment-feedback.json); its building blocks are in ./blocks.js. */
const { P, CREDS, S, settingsNode, sticky, workflow, keepNode, failTheExecution, replayPath } = require('./blocks');

/**
 * shipment-feedback: a failed confirmation or delivery is kept per package / order and replayed as "read this M3
 * order again"; a failed M3 read is replayed as the BOD (or schedule run) it came from.
 */
const replayOrder = (/** @type {string} */ orno) => `{ bodId: 'replay', extract: { salesOrderNumbers: [${orno}] } }`;
const shipmentFailures = (() => {
	const replays = `${S('deadLetter')}?.replays ?? 0`;
	const keep = ['Keep M3 read errors', 'Keep invalid shipments', 'Keep rejected confirmations', 'Keep unmarked deliveries'];
	const end = failTheExecution(keep, [7, 3]);
	return {
		nodes: [
			// a delivery that failed alone (details.DLIX) is kept per delivery; a failed read per BOD or schedule run
			keepNode('Keep M3 read errors', [3, 2], {
				key: `${S('deadLetter')}?.key ?? ($json.details?.DLIX ? 'delivery ' + $json.details.DLIX : ${S('bodId')} ? 'BOD ' + ${S('bodId')} : 'run ' + $execution.id)`,
				input: `($json.details?.ORNO ? ${replayOrder('$json.details.ORNO')} : ${S('bodId')} ? { bodId: ${S('bodId')}, extract: ${S('extract')} } : {})`,
				replays,
			}),
			keepNode('Keep invalid shipments', [4, 2], {
				key: "'delivery ' + ($json.details?.input?.DLIX || $json.details?.input?.CUOR || $json.details?.input?.ORNO)",
				input: replayOrder('$json.details?.input?.ORNO'),
				replays,
			}),
			keepNode('Keep rejected confirmations', [5, 2], {
				key: '$json.details?.input?.idempotencyKey',
				input: replayOrder("$json.details?.input?.m3?.ORNO ?? $('Shipment feedback from M3').item.json.ORNO"),
				replays,
			}),
			keepNode('Keep unmarked deliveries', [6, 2], {
				key: "'mark ' + ($json.details?.input?.m3?.DLIX ?? $json.details?.input?.packageReferenceId)",
				input: replayOrder('$json.details?.input?.m3?.ORNO'),
				replays,
			}),
			...end.nodes,
		],
		links: end.links,
	};
})();

const shipmentFeedback = workflow(
	'shipment-feedback.json',
	'M3 shipments to Amazon shipment confirmations (shipment feedback)',
	'm3amzShipmentFeedback',
	[
		sticky(
			'About this workflow',
			'## M3 deliveries -> Amazon shipment confirmations\nStarts from the **Sync.Shipment** BOD that ION sends when a delivery is shipped (its orders\' deliveries), and every 30 minutes from M3 itself: the deliveries whose M3 change timestamp passed the **watermark kept in M3** (EXPORTMI on MHDISH), plus those still waiting in the queue. Cost grows with new deliveries, not with history.\n\n**Only issued deliveries** (PGRS at or above *issuedFrom*, 60 by default) are confirmed; a tracking number on a delivery still in picking is not a shipment. One item per delivery: a delivery without tracking waits (and is retried) without holding back its shipped siblings. Ship dates go out in the **warehouse\'s time zone**, ISO 8601 with offset.\n\n**Idempotent** per order + package (checked on Amazon), and each delivery gets a lasting *confirmed* mark in M3 (CUSEXTMI) once Amazon has all its packages.\n\n**Set up**\n1. Credentials: *Infor M3 account* (MI rights for EXPORTMI and CUSEXTMI), *Amazon SP-API account*, *ION API connection point*.\n2. In ION Desk, an API connection point to this workflow\'s production webhook URL and a document flow M3 -> Sync.Shipment -> that connection point.\n3. Edit **Settings**: Amazon customers, marketplace per customer, carrier map, time zone per warehouse; on a tenant with history set *startFrom* (an M3 LMTS) before the first run.\n\n**Failures** (a delivery M3 data does not let us confirm, deliveries that cannot be mapped, confirmations Amazon refuses, marks not written) are kept in the data table *m3amz_dead_letter* and the execution fails (the error handler reports it). **Replay dead letter** reads the orders from M3 again.',
			600,
			640,
		),
		{
			name: 'ION Sync.Shipment',
			type: `${P}inforIonTrigger`,
			at: [0, 0],
			webhookId: 'm3amz-ion-shipment',
			parameters: { nouns: 'Shipment', verbs: 'Sync' },
			credentials: CREDS.ion,
		},
		{
			name: 'Every 30 minutes',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			at: [0, 1],
			parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 30 }] } },
		},
		{
			...settingsNode({
				amazonCustomers: 'AMZUS01,AMZCA01,AMZUK01,AMZDE01,AMZFR01',
				issuedFrom: '60',
				marketplaceByCustomer: {
					AMZUS01: 'ATVPDKIKX0DER',
					AMZCA01: 'A2EUQ1WTGCTBG2',
					AMZUK01: 'A1F83G8C2ARO7P',
					AMZDE01: 'A1PA6795UKMFR9',
					AMZFR01: 'A13V1IB3VIYZZH',
				},
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
			}),
			at: [1, 0],
		},
		{
			name: 'Shipment feedback from M3',
			type: `${P}inforM3`,
			at: [2, 0],
			parameters: {
				resource: 'delivery',
				operation: 'getShipmentFeedback',
				orderSelection: "={{ $json.bodId ? 'orderNumbers' : 'changedDeliveries' }}",
				orderNumber: "={{ ($json.extract && $json.extract.salesOrderNumbers || []).join(',') }}",
				customerNumbers: `={{ ${S('amazonCustomers')} }}`,
				issuedFrom: `={{ ${S('issuedFrom')} }}`,
				options: {
					markFile: `={{ ${S('markFile')} }}`,
					startFrom: `={{ ${S('startFrom')} }}`,
					maxAttempts: `={{ ${S('giveUpAfterRuns')} }}`,
					skipWarehouses: `={{ ${S('fbaWarehouse')} }}`,
				},
			},
			credentials: CREDS.m3,
			onError: 'continueErrorOutput',
		},
		{
			name: 'M3 delivery to Amazon shipment',
			type: `${P}m3AmazonTransform`,
			at: [3, 0],
			parameters: {
				resource: 'shipment',
				operation: 'm3ToAmazon',
				shipmentOutput: 'confirmShipment',
				carrierMap: `={{ ${S('carrierMap')} }}`,
				marketplaceByCustomer: `={{ ${S('marketplaceByCustomer')} }}`,
				timeZone: `={{ ${S('timeZone')} }}`,
				warehouseTimeZones: `={{ ${S('warehouseTimeZones')} }}`,
				issuedFrom: `={{ ${S('issuedFrom')} }}`,
				// an order with nothing shipped yet is not a failure: a later BOD or schedule run confirms it
				notShippedYet: 'skip',
			},
		},
		{
			name: 'Confirm shipment on Amazon',
			type: `${P}amazonSellingPartner`,
			at: [4, 0],
			parameters: {
				resource: 'order',
				operation: 'confirmShipment',
				inputMode: 'json',
				shipment: '={{ $json }}',
				options: { duplicateCheck: 'amazon', ifConfirmed: 'skip' },
			},
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		{
			name: 'Mark deliveries confirmed in M3',
			type: `${P}inforM3`,
			at: [5, 0],
			parameters: {
				resource: 'delivery',
				operation: 'markConfirmed',
				options: { markFile: `={{ $('Settings').first().json.markFile }}` },
			},
			credentials: CREDS.m3,
			onError: 'continueErrorOutput',
		},
		...shipmentFailures.nodes,
		...replayPath([0, 5], [{ entry: 'Settings' }]).nodes,
	],
	[
		['ION Sync.Shipment', 'Settings'],
		['Every 30 minutes', 'Settings'],
		['Settings', 'Shipment feedback from M3'],
		['Shipment feedback from M3', 'M3 delivery to Amazon shipment'],
		['Shipment feedback from M3', 'Keep M3 read errors', 1],
		['M3 delivery to Amazon shipment', 'Confirm shipment on Amazon'],
		['M3 delivery to Amazon shipment', 'Keep invalid shipments', 1],
		['Confirm shipment on Amazon', 'Mark deliveries confirmed in M3'],
		['Confirm shipment on Amazon', 'Keep rejected confirmations', 1],
		['Mark deliveries confirmed in M3', 'Keep unmarked deliveries', 1],
		...shipmentFailures.links,
		...replayPath([0, 5], [{ entry: 'Settings' }]).links,
	],
);

module.exports = shipmentFeedback;
