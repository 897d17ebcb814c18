// @ts-check
/**
 * The payments-to-gl template (workflows/payments-to-gl.json; building blocks in ./blocks.js): a day's Amazon
 * Finances transactions -> balanced M3 GL batches. Kept per GL batch (KEY1) or transaction, replayed as the same
 * posting window.
 */
const { WINDOW, windowKey, idOrWindowKey, setting, firstSetting, ERRORS_TO_KEEP, template, schedule, inforM3, amazon, transform } = require('./blocks');

module.exports = template({
	file: 'payments-to-gl.json',
	name: 'Amazon payments to M3 general ledger (payments-to-GL)',
	id: 'm3amzPaymentsToGl',
	about: {
		height: 420,
		width: 600,
		text: "## Amazon payments -> balanced M3 GL batches, one per marketplace + currency + day\nEvery day at 03:00: yesterday's Finances transactions (API 2024-06-19) of every marketplace, plus the deferred ones Amazon released yesterday -> one GLS840MI batch per marketplace and currency whose clearing line equals Amazon's total to the cent.\n\n**Accounting** (Settings `accounting`, guide: docs/guide/accounting.md): merchant-fulfilled orders M3 invoiced clear the marketplace customer's receivable (never revenue twice); FBA sales are booked as revenue + VAT; fees to their accounts (`accountMap`) with VAT on fees per marketplace (`feeVat`); deferred transactions when Amazon releases them.\n\n**Idempotent**: KEY1 comes from marketplace, currency and window; a batch already posted is not posted again.\n\n**Set up**\n1. Credentials: *Amazon SP-API account*, *Infor M3 account*.\n2. Edit **Settings**: accounting, account map (fees), catch-all, clearing and rounding accounts, interface template (INTN).\n\n**Failures** (Amazon not readable, an invalid batch, a deferral Amazon has not released on its date, a batch M3 refuses) are kept in the data table *m3amz_dead_letter* with their posting window and the execution fails (the error handler reports it). **Replay dead letter** posts the same window again (idempotent on KEY1).",
	},
	triggers: [schedule('Every day at 03:00', [0, 0], { field: 'days', triggerAtHour: 3 })],
	settings: {
		// a replay brings its own window (the one that failed)
		windowStart: "={{ $json.windowStart || $now.minus({ days: 1 }).startOf('day').toISO() }}",
		windowEnd: "={{ $json.windowEnd || $now.startOf('day').toISO() }}",
		accounting: {
			roads: { MFN: 'order', AFN: 'settlement' },
			receivableAccount: '1510',
			revenueAccount: '3010',
			refundAccount: '3090',
			vatAccount: '2610',
			marketplaceTaxAccount: '2615',
			feeAccount: '6590',
			feeVat: {},
			// refunds of invoiced orders: 'receivable' = returns-to-m3 creates M3 returns (credit notes); 'gl' = GL only
			orderRefunds: 'receivable',
		},
		accountMap: {
			'Shipping': '3020',
			'ShippingCharge': '3020',
			'Commission': '6510',
			'FBAPerUnitFulfillmentFee': '6520',
		},
		catchAllAccount: '6590',
		clearingAccount: '1930',
		roundingAccount: '6999',
		interfaceTemplate: 'AMZ',
		keyPrefix: 'AMZ',
		marketplaceId: '',
		currency: '',
		deferredLookbackDays: 60,
	},
	nodes: [
		amazon(
			'Amazon transactions',
			[2, 0],
			{
				resource: 'finance',
				operation: 'listTransactions',
				postedAfter: setting('windowStart'),
				postedBefore: setting('windowEnd'),
				returnAll: true,
				deferredLookbackDays: setting('deferredLookbackDays'),
				filters: { marketplaceId: setting('marketplaceId') },
			},
			// per Settings item (a replay brings several windows); a window asked twice is read once
			{ alwaysOutputData: false, ...ERRORS_TO_KEEP },
		),
		transform('Transactions to GL batch', [3, 0], {
			resource: 'finance',
			operation: 'amazonToM3Gl',
			accounting: firstSetting('accounting'),
			accountMap: firstSetting('accountMap'),
			catchAllAccount: firstSetting('catchAllAccount'),
			clearingAccount: firstSetting('clearingAccount'),
			roundingAccount: firstSetting('roundingAccount'),
			// per item: a replay brings several posting windows in one execution, each makes its own batches
			windowStart: setting('windowStart'),
			windowEnd: setting('windowEnd'),
			keyPrefix: firstSetting('keyPrefix'),
			currency: firstSetting('currency'),
			INTN: firstSetting('interfaceTemplate'),
		}),
		inforM3('Post GL batch to M3', [4, 0], { resource: 'glBatch', operation: 'create', batchJson: '={{ $json }}' }, ERRORS_TO_KEEP),
	],
	links: [
		['Settings', 'Amazon transactions'],
		['Amazon transactions', 'Transactions to GL batch'],
		['Amazon transactions', 'Keep Amazon read errors', 1],
		['Transactions to GL batch', 'Post GL batch to M3'],
		['Transactions to GL batch', 'Keep unbalanced or invalid', 1],
		['Post GL batch to M3', 'Keep M3-rejected batches', 1],
	],
	deadLetter: {
		at: [6, 3],
		keep: [
			// Amazon could not be read (outage, LWA down): the window is kept, or the next daily run would post the next
			// day and this one never
			['Keep Amazon read errors', [3, 2], { key: windowKey('window'), input: WINDOW }],
			['Keep unbalanced or invalid', [4, 2], { key: idOrWindowKey('transactionId', 'transaction', 'window'), input: WINDOW }],
			['Keep M3-rejected batches', [5, 2], { key: idOrWindowKey('KEY1', 'KEY1', 'window'), input: WINDOW }],
		],
	},
	replay: { at: [0, 4], routes: [{ entry: 'Settings' }] },
});
