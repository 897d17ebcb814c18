// @ts-check
/** The m3-cancellations template (workflows/m3-cancellations.json); its building blocks are in ./blocks.js. */
const { P, CREDS, S, settingsNode, sticky, workflow, keepNode, failTheExecution, replayPath } = require('./blocks');

/**
 * m3-cancellations: M3 closed order lines without delivery (no stock) -> the Amazon order or items cancelled with the
 * order acknowledgement feed. Every failure is kept per M3 order and replayed as "read this M3 order again".
 */
const closedOrder = "$('M3 orders closed without delivery').item.json";
const cancelRow = {
	key: `${S('deadLetter')}?.key ?? ('cancel ' + (${closedOrder}.ORNO ?? ''))`,
	input: `{ ORNO: ${closedOrder}.ORNO }`,
	replays: `${S('deadLetter')}?.replays ?? 0`,
};
const m3CancelFailures = (() => {
	const keep = ['Keep M3 read errors', 'Keep Amazon errors', 'Keep invalid cancellations', 'Keep refused cancellations'];
	const end = failTheExecution(keep, [6, 3]);
	return {
		nodes: [
			keepNode('Keep M3 read errors', [3, 2], {
				key: `${S('deadLetter')}?.key ?? ($json.details?.ORNO ? 'cancel ' + $json.details.ORNO : 'run ' + $execution.id)`,
				input: '($json.details?.ORNO ? { ORNO: $json.details.ORNO } : {})',
				replays: `${S('deadLetter')}?.replays ?? 0`,
			}),
			keepNode('Keep Amazon errors', [4, 2], cancelRow),
			keepNode('Keep invalid cancellations', [5, 2], cancelRow),
			keepNode('Keep refused cancellations', [6, 2], cancelRow),
			...end.nodes,
		],
		links: end.links,
	};
})();

const m3Cancellations = workflow(
	'm3-cancellations.json',
	'M3 cancellations to Amazon (order lines closed without delivery)',
	'm3amzM3Cancellations',
	[
		sticky(
			'About this workflow',
			"## M3 closes an order line without delivery -> Amazon cancels the order or items\nEvery 30 minutes: the M3 customer orders of the Amazon customers whose change timestamp passed the **watermark kept in M3** (EXPORTMI on OOHEAD; cost grows with new changes, not with history) and that have a line **closed without delivery** (status 9x with nothing delivered: OIS100MI/CloLine, e.g. no stock) or **deleted** (DelLine) -> the Amazon order (getOrder) -> the items M3 will not deliver and Amazon has not cancelled yet -> **cancelled on Amazon** the way Amazon documents it for merchant-fulfilled orders: the order acknowledgement feed (POST_ORDER_ACKNOWLEDGEMENT_DATA; the whole order when every open item goes, else those items; CancelReason from Settings), waited for.\n\n**Idempotent**: an item Amazon already shows cancelled is never sent again (replays, the overlap of the watermark window, a lost feed answer); Amazon reports a repeated cancellation as already done.\n\n**Set up**\n1. Credentials: *Infor M3 account* (EXPORTMI, CUSEXTMI, OIS100MI), *Amazon SP-API account* (with the seller id).\n2. Edit **Settings**: Amazon customers, cancel reason (and M3 reason code -> Amazon reason), on a tenant with history *startFrom* (an M3 LMTS).\n3. Close lines in M3 with CloLine (status 99) when you cannot deliver: the line stays visible; deleted lines are found through gaps in the line numbers (a deleted last line of an order is not).\n\n**Failures** (an M3 order that cannot be read, an Amazon order that cannot be fetched, an item Amazon shipped although M3 closed it, a cancellation Amazon refuses) are kept in the data table *m3amz_dead_letter* under `cancel <M3 order>` and the execution fails (the error handler reports it). **Replay dead letter** reads the M3 order again.",
			520,
			620,
		),
		{
			name: 'Every 30 minutes',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			at: [0, 0],
			parameters: { rule: { interval: [{ field: 'minutes', minutesInterval: 30 }] } },
		},
		{
			...settingsNode({
				amazonCustomers: 'AMZUS01,AMZCA01,AMZUK01,AMZDE01,AMZFR01',
				// the CancelReason Amazon gets (NoInventory, ShippingAddressUndeliverable, CustomerExchange, BuyerCanceled,
				// GeneralAdjustment, ...), and per M3 reason code (the line's RSCD) another one
				cancelReason: 'NoInventory',
				reasonMap: {},
				markFile: 'OOHEAD',
				startFrom: '',
			}),
			at: [1, 0],
		},
		{
			name: 'M3 orders closed without delivery',
			type: `${P}inforM3`,
			at: [2, 0],
			parameters: {
				resource: 'customerOrder',
				operation: 'getClosed',
				closedSelection: "={{ $json.ORNO ? 'orderNumbers' : 'changedOrders' }}",
				orderNumber: "={{ $json.ORNO || '' }}",
				customerNumbers: `={{ ${S('amazonCustomers')} }}`,
				options: {
					markFile: `={{ ${S('markFile')} }}`,
					startFrom: `={{ ${S('startFrom')} }}`,
					watermarkKey: 'CANCEL',
				},
			},
			credentials: CREDS.m3,
			onError: 'continueErrorOutput',
		},
		{
			name: 'Get Amazon order',
			type: `${P}amazonSellingPartner`,
			at: [3, 0],
			parameters: {
				resource: 'order',
				operation: 'get',
				orderId: '={{ $json.CUOR }}',
				includedData: ['FULFILLMENT', 'CANCELLATION'],
			},
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		{
			name: 'M3 closed lines to Amazon cancellation',
			type: `${P}m3AmazonTransform`,
			at: [4, 0],
			parameters: {
				resource: 'order',
				operation: 'm3ToAmazonCancellation',
				m3Order: `={{ ${closedOrder} }}`,
				cancelReason: `={{ $('Settings').first().json.cancelReason }}`,
				reasonMap: `={{ $('Settings').first().json.reasonMap }}`,
			},
		},
		{
			name: 'Cancel on Amazon',
			type: `${P}amazonSellingPartner`,
			at: [5, 0],
			parameters: {
				resource: 'order',
				operation: 'cancelItems',
				cancellation: '={{ $json }}',
				options: { pollIntervalSeconds: 30, maxWaitSeconds: 900 },
			},
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		...m3CancelFailures.nodes,
		...replayPath([0, 5], [{ entry: 'Settings' }]).nodes,
	],
	[
		['Every 30 minutes', 'Settings'],
		['Settings', 'M3 orders closed without delivery'],
		['M3 orders closed without delivery', 'Get Amazon order'],
		['M3 orders closed without delivery', 'Keep M3 read errors', 1],
		['Get Amazon order', 'M3 closed lines to Amazon cancellation'],
		['Get Amazon order', 'Keep Amazon errors', 1],
		['M3 closed lines to Amazon cancellation', 'Cancel on Amazon'],
		['M3 closed lines to Amazon cancellation', 'Keep invalid cancellations', 1],
		['Cancel on Amazon', 'Keep refused cancellations', 1],
		...m3CancelFailures.links,
		...replayPath([0, 5], [{ entry: 'Settings' }]).links,
	],
);

module.exports = m3Cancellations;
