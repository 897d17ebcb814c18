// @ts-check
/**
 * The order-to-cash template (workflows/order-to-cash.json; building blocks in ./blocks.js): Amazon orders (SQS
 * notifications + a backstop poll) -> M3 customer orders, buyer cancellations -> M3 line deletions. Every failure is
 * kept under the Amazon order id; a replay fetches the order again.
 */
const { P, CREDS, S, REPLAYED_KEY, setting, ERRORS_TO_KEEP, EXAMPLE_SELLER, template, inforM3, amazon, transform } = require('./blocks');

const orderRow = {
	key: `${REPLAYED_KEY} ?? ${S('amazonOrderId')} ?? ${S('notificationId')} ?? ${S('sqs')}?.messageId ?? ('item ' + $execution.id + '/' + $itemIndex)`,
	input: `{ amazonOrderId: ${S('amazonOrderId')}, notificationId: ${S('notificationId')}, notificationType: ${S('notificationType')}, body: ${S('body')} }`,
};
/** a cancellation kept apart from a failed create of the same order (one dead-letter row per key) */
const cancelRow = { ...orderRow, key: `${REPLAYED_KEY} ?? (${S('amazonOrderId')} + ' cancel')` };

module.exports = template({
	file: 'order-to-cash.json',
	name: 'Amazon orders to M3 customer orders (order-to-cash)',
	id: 'm3amzOrderToCash',
	about: {
		height: 480,
		width: 600,
		text: '## Amazon orders -> M3 customer orders\nORDER_CHANGE notifications from your SQS queue (and a 15-minute backstop poll that recovers anything missed) -> the order from Orders API 2026-01-01 -> the canonical model -> an M3 batch order, confirmed.\n\n**Idempotent**: the Amazon order id is the M3 CUOR, kept in a CUSEXTMI key record per order (one key read whatever your order history); an order that already exists is returned with `created: false`, never created twice, also when the answer of M3 to a write was lost.\n\n**Set up**\n1. Credentials: *Amazon SP-API account* (LWA app + refresh token), *AWS SQS* (IAM user allowed to receive/delete on the queue), *Infor M3 account* (.ionapi file).\n2. Put your queue URL in **Amazon order notifications (SQS)**; subscribe ORDER_CHANGE to that queue (Amazon node, *Notification* resource).\n3. Edit **Settings**: M3 customer per marketplace, order type, facility, warehouse, SKU handling.\n4. Import the *Error handler* workflow first, run its **Create the dead-letter table** once and publish it.\n\n**Cancellations**: a buyer cancellation (whole order or items) deletes the M3 lines (OIS100MI/DelLine) while they are at most *cancelUpToStatus* (33 = allocated); once a line is on a picking list it is too late: the order is kept in the dead letter with its lines and statuses, for a person to stop the shipment. Replays never delete twice.\n\n**FBA orders** (*fbaOrders*): `skip` (default; book them from the settlements), or `importAsShipped`: once Amazon has shipped one, an M3 order in *fbaWarehouse* with *fbaOrderType* (its dispatch policy must release, report picking and issue at once: no picking list), requested delivery date = the date Amazon shipped, a head text with channel, carrier and tracking; the order must reach status 66 or it is kept in the dead letter (FBA_NOT_DELIVERED). Set the *Fulfilled By* of the backstop to *Any* to recover missed FBA orders too.\n\n**Failures**: an order Amazon, the mapping or M3 refuses is kept in the data table *m3amz_dead_letter* (input, node, reason, time) and the execution fails, so the error handler reports it; its SQS message is acknowledged only once the order is done or kept. Fix the cause, then run **Replay dead letter**.',
	},
	triggers: [
		{
			name: 'Amazon order notifications (SQS)',
			type: `${P}amazonSpApiTrigger`,
			at: [0, 0],
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				mode: 'sqs',
				queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/sp-api-notifications',
				notificationTypes: ['ORDER_CHANGE'],
			},
			credentials: CREDS.sqs,
		},
		{
			name: 'Missed orders backstop',
			type: `${P}amazonSpApiTrigger`,
			at: [0, 1],
			parameters: {
				pollTimes: { item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] },
				mode: 'backstop',
				backstopOptions: { fulfilledBy: 'MERCHANT' },
			},
			credentials: CREDS.sp,
		},
	],
	settings: {
		customerMap: EXAMPLE_SELLER.customerMap,
		headDefaults: { ORTP: 'A01', FACI: 'A01', WHLO: '001' },
		// VAT as M3 computes it: where the goods leave, the VAT percent of your M3 VAT code per destination
		// (CRS031), the 0 % charge that takes rounding differences (docs/guide/accounting.md)
		vat: { sellerCountry: '', rates: { DE: '19', FR: '20', IT: '22', ES: '21', GB: '20' }, roundingCharge: 'RND' },
		importStatuses: 'UNSHIPPED',
		skuAliasType: '1',
		orderKeyTable: 'OOHEAD',
		// buyer cancellations: M3 lines up to this status are deleted (33 = allocated), later ones are kept for a person
		cancelUpToStatus: '33',
		cancelReasonCode: '',
		// FBA (AFN) orders: 'skip' (book them from settlements) or 'importAsShipped' (an M3 order in the FBA
		// warehouse, delivered by the FBA order type's dispatch policy without picking, once Amazon shipped it)
		fbaOrders: 'skip',
		fbaWarehouse: 'FBA',
		fbaOrderType: 'FBA',
	},
	nodes: [
		amazon(
			'Get Amazon order',
			[2, 0],
			{
				resource: 'order',
				operation: 'get',
				orderId: '={{ $json.amazonOrderId }}',
				includedData: ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'TAX', 'CANCELLATION'],
			},
			ERRORS_TO_KEEP,
		),
		transform('Amazon order to M3 order', [3, 0], {
			resource: 'order',
			operation: 'amazonToM3',
			importStatuses: setting('importStatuses'),
			customerMap: setting('customerMap'),
			headDefaults: setting('headDefaults'),
			itemMode: 'alias',
			aliasType: setting('skuAliasType'),
			vat: setting('vat'),
			fbaOrders: setting('fbaOrders'),
			fbaWarehouse: setting('fbaWarehouse'),
			fbaOrderType: setting('fbaOrderType'),
		}),
		inforM3(
			'Create M3 customer order',
			[4, 0],
			{
				resource: 'customerOrder',
				operation: 'create',
				orderInput: 'json',
				orderJson: '={{ $json }}',
				// one CUSEXTMI key record per Amazon order: cost independent of history, lost answers converge
				options: { aliasType: setting('skuAliasType'), duplicateCheck: 'keyRecord', keyFile: setting('orderKeyTable') },
			},
			ERRORS_TO_KEEP,
		),
		transform('Amazon cancellation to M3', [3, 1], { resource: 'order', operation: 'amazonToM3Cancellation', customerMap: setting('customerMap') }),
		inforM3(
			'Cancel M3 order lines',
			[4, 1],
			{
				resource: 'customerOrder',
				operation: 'cancel',
				cancellationJson: '={{ $json }}',
				options: { keyFile: setting('orderKeyTable'), maxStatus: setting('cancelUpToStatus'), reasonCode: setting('cancelReasonCode') },
			},
			ERRORS_TO_KEEP,
		),
	],
	links: [
		['Settings', 'Get Amazon order'],
		['Get Amazon order', 'Amazon order to M3 order'],
		['Get Amazon order', 'Keep Amazon errors', 1],
		['Amazon order to M3 order', 'Create M3 customer order'],
		['Amazon order to M3 order', 'Keep invalid orders', 1],
		['Create M3 customer order', 'Keep M3-rejected orders', 1],
		['Get Amazon order', 'Amazon cancellation to M3'],
		['Amazon cancellation to M3', 'Cancel M3 order lines'],
		['Amazon cancellation to M3', 'Keep invalid cancellations', 1],
		['Cancel M3 order lines', 'Keep cancellations M3 could not do', 1],
	],
	deadLetter: {
		at: [6, 4],
		keep: [
			['Keep Amazon errors', [3, 3], orderRow],
			['Keep invalid orders', [4, 2], orderRow],
			['Keep M3-rejected orders', [5, 2], orderRow],
			['Keep invalid cancellations', [4, 3], cancelRow],
			['Keep cancellations M3 could not do', [5, 3], cancelRow],
		],
		settled: {
			from: 'Settings',
			then: {
				name: 'Acknowledge SQS messages',
				type: `${P}amazonSellingPartner`,
				// every notification of the run is done, skipped on purpose or kept: now SQS may forget it
				parameters: { resource: 'queue', operation: 'acknowledge', message: '={{ $json.sqs }}' },
				credentials: CREDS.sqs,
				// a message that could not be deleted comes back and is processed again (idempotent on the CUOR)
				onError: 'continueRegularOutput',
			},
		},
	},
	replay: { at: [0, 6], routes: [{ entry: 'Settings' }] },
});
