// @ts-check
/**
 * The m3-cancellations template (workflows/m3-cancellations.json; building blocks in ./blocks.js): M3 closed order
 * lines without delivery (no stock) -> the Amazon order or items cancelled with the order acknowledgement feed. Every
 * failure is kept per M3 order and replayed as "read this M3 order again".
 */
const { REPLAYED_KEY, setting, firstSetting, ERRORS_TO_KEEP, EXAMPLE_SELLER, template, schedule, inforM3, amazon, transform } = require('./blocks');

const closedOrder = "$('M3 orders closed without delivery').item.json";
const cancelRow = { key: `${REPLAYED_KEY} ?? ('cancel ' + (${closedOrder}.ORNO ?? ''))`, input: `{ ORNO: ${closedOrder}.ORNO }` };

module.exports = template({
	file: 'm3-cancellations.json',
	name: 'M3 cancellations to Amazon (order lines closed without delivery)',
	id: 'm3amzM3Cancellations',
	about: {
		height: 520,
		width: 620,
		text: "## M3 closes an order line without delivery -> Amazon cancels the order or items\nEvery 30 minutes: the M3 customer orders of the Amazon customers whose change timestamp passed the **watermark kept in M3** (EXPORTMI on OOHEAD; cost grows with new changes, not with history) and that have a line **closed without delivery** (status 9x with nothing delivered: OIS100MI/CloLine, e.g. no stock) or **deleted** (DelLine) -> the Amazon order (getOrder) -> the items M3 will not deliver and Amazon has not cancelled yet -> **cancelled on Amazon** the way Amazon documents it for merchant-fulfilled orders: the order acknowledgement feed (POST_ORDER_ACKNOWLEDGEMENT_DATA; the whole order when every open item goes, else those items; CancelReason from Settings), waited for.\n\n**Idempotent**: an item Amazon already shows cancelled is never sent again (replays, the overlap of the watermark window, a lost feed answer); Amazon reports a repeated cancellation as already done.\n\n**Set up**\n1. Credentials: *Infor M3 account* (EXPORTMI, CUSEXTMI, OIS100MI), *Amazon SP-API account* (with the seller id).\n2. Edit **Settings**: Amazon customers, cancel reason (and M3 reason code -> Amazon reason), on a tenant with history *startFrom* (an M3 LMTS).\n3. Close lines in M3 with CloLine (status 99) when you cannot deliver: the line stays visible; deleted lines are found through gaps in the line numbers, a deleted last line against the number of lines the import entered (its key record, *Order Key Table* in Get Closed Orders' options; orders imported before that count was kept: not found).\n\n**Failures** (an M3 order that cannot be read, an Amazon order that cannot be fetched, an item Amazon shipped although M3 closed it, a cancellation Amazon refuses) are kept in the data table *m3amz_dead_letter* under `cancel <M3 order>` and the execution fails (the error handler reports it). **Replay dead letter** reads the M3 order again.",
	},
	triggers: [schedule('Every 30 minutes', [0, 0], { field: 'minutes', minutesInterval: 30 })],
	settings: {
		amazonCustomers: EXAMPLE_SELLER.amazonCustomers,
		// the CancelReason Amazon gets (NoInventory, ShippingAddressUndeliverable, CustomerExchange, BuyerCanceled,
		// GeneralAdjustment, ...), and per M3 reason code (the line's RSCD) another one
		cancelReason: 'NoInventory',
		reasonMap: {},
		markFile: 'OOHEAD',
		startFrom: '',
	},
	nodes: [
		inforM3(
			'M3 orders closed without delivery',
			[2, 0],
			{
				resource: 'customerOrder',
				operation: 'getClosed',
				closedSelection: "={{ $json.ORNO ? 'orderNumbers' : 'changedOrders' }}",
				orderNumber: "={{ $json.ORNO || '' }}",
				customerNumbers: setting('amazonCustomers'),
				options: { markFile: setting('markFile'), startFrom: setting('startFrom'), watermarkKey: 'CANCEL' },
			},
			ERRORS_TO_KEEP,
		),
		amazon('Get Amazon order', [3, 0], { resource: 'order', operation: 'get', orderId: '={{ $json.CUOR }}', includedData: ['FULFILLMENT', 'CANCELLATION'] }, ERRORS_TO_KEEP),
		transform('M3 closed lines to Amazon cancellation', [4, 0], {
			resource: 'order',
			operation: 'm3ToAmazonCancellation',
			m3Order: `={{ ${closedOrder} }}`,
			cancelReason: firstSetting('cancelReason'),
			reasonMap: firstSetting('reasonMap'),
		}),
		amazon(
			'Cancel on Amazon',
			[5, 0],
			{ resource: 'order', operation: 'cancelItems', cancellation: '={{ $json }}', options: { pollIntervalSeconds: 30, maxWaitSeconds: 900 } },
			ERRORS_TO_KEEP,
		),
	],
	links: [
		['Settings', 'M3 orders closed without delivery'],
		['M3 orders closed without delivery', 'Get Amazon order'],
		['M3 orders closed without delivery', 'Keep M3 read errors', 1],
		['Get Amazon order', 'M3 closed lines to Amazon cancellation'],
		['Get Amazon order', 'Keep Amazon errors', 1],
		['M3 closed lines to Amazon cancellation', 'Cancel on Amazon'],
		['M3 closed lines to Amazon cancellation', 'Keep invalid cancellations', 1],
		['Cancel on Amazon', 'Keep refused cancellations', 1],
	],
	deadLetter: {
		at: [6, 3],
		keep: [
			[
				'Keep M3 read errors',
				[3, 2],
				{
					key: `${REPLAYED_KEY} ?? ($json.details?.ORNO ? 'cancel ' + $json.details.ORNO : 'run ' + $execution.id)`,
					input: '($json.details?.ORNO ? { ORNO: $json.details.ORNO } : {})',
				},
			],
			['Keep Amazon errors', [4, 2], cancelRow],
			['Keep invalid cancellations', [5, 2], cancelRow],
			['Keep refused cancellations', [6, 2], cancelRow],
		],
	},
	replay: { at: [0, 5], routes: [{ entry: 'Settings' }] },
});
