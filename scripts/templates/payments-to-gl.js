// @ts-check
/** The payments-to-gl template (workflows/payments-to-gl.json); its building blocks are in ./blocks.js. */
const { P, CREDS, S, settingsNode, sticky, workflow, keepNode, failTheExecution, replayPath } = require('./blocks');

/** payments-to-gl: kept per GL batch (KEY1) or transaction, replayed as the same posting window. */
const glWindow = `{ windowStart: ${S('windowStart')}, windowEnd: ${S('windowEnd')} }`;
const glFailures = (() => {
	const replays = `${S('deadLetter')}?.replays ?? 0`;
	const windowKey = `'window ' + ${S('windowStart')} + ' - ' + ${S('windowEnd')}`;
	const end = failTheExecution(['Keep Amazon read errors', 'Keep unbalanced or invalid', 'Keep M3-rejected batches'], [6, 3]);
	return {
		nodes: [
			// Amazon could not be read (outage, LWA down): the window is kept, or the next daily run would post the next
			// day and this one never
			keepNode('Keep Amazon read errors', [3, 2], { key: windowKey, input: glWindow, replays }),
			keepNode('Keep unbalanced or invalid', [4, 2], {
				key: `($json.details?.input?.transactionId ? 'transaction ' + $json.details.input.transactionId : ${windowKey})`,
				input: glWindow,
				replays,
			}),
			keepNode('Keep M3-rejected batches', [5, 2], {
				key: `($json.details?.input?.KEY1 ? 'KEY1 ' + $json.details.input.KEY1 : ${windowKey})`,
				input: glWindow,
				replays,
			}),
			...end.nodes,
		],
		links: end.links,
	};
})();

const paymentsToGl = workflow(
	'payments-to-gl.json',
	'Amazon payments to M3 general ledger (payments-to-GL)',
	'm3amzPaymentsToGl',
	[
		sticky(
			'About this workflow',
			"## Amazon payments -> balanced M3 GL batches, one per marketplace + currency + day\nEvery day at 03:00: yesterday's Finances transactions (API 2024-06-19) of every marketplace, plus the deferred ones Amazon released yesterday -> one GLS840MI batch per marketplace and currency whose clearing line equals Amazon's total to the cent.\n\n**Accounting** (Settings `accounting`, guide: docs/guide/accounting.md): merchant-fulfilled orders M3 invoiced clear the marketplace customer's receivable (never revenue twice); FBA sales are booked as revenue + VAT; fees to their accounts (`accountMap`) with VAT on fees per marketplace (`feeVat`); deferred transactions when Amazon releases them.\n\n**Idempotent**: KEY1 comes from marketplace, currency and window; a batch already posted is not posted again.\n\n**Set up**\n1. Credentials: *Amazon SP-API account*, *Infor M3 account*.\n2. Edit **Settings**: accounting, account map (fees), catch-all, clearing and rounding accounts, interface template (INTN).\n\n**Failures** (Amazon not readable, an invalid batch, a deferral Amazon has not released on its date, a batch M3 refuses) are kept in the data table *m3amz_dead_letter* with their posting window and the execution fails (the error handler reports it). **Replay dead letter** posts the same window again (idempotent on KEY1).",
			420,
			600,
		),
		{
			name: 'Every day at 03:00',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			at: [0, 0],
			parameters: { rule: { interval: [{ field: 'days', triggerAtHour: 3 }] } },
		},
		{
			...settingsNode({
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
			}),
			at: [1, 0],
		},
		{
			name: 'Amazon transactions',
			type: `${P}amazonSellingPartner`,
			at: [2, 0],
			parameters: {
				resource: 'finance',
				operation: 'listTransactions',
				postedAfter: `={{ ${S('windowStart')} }}`,
				postedBefore: `={{ ${S('windowEnd')} }}`,
				returnAll: true,
				deferredLookbackDays: `={{ ${S('deferredLookbackDays')} }}`,
				filters: { marketplaceId: `={{ ${S('marketplaceId')} }}` },
			},
			credentials: CREDS.sp,
			// per Settings item (a replay brings several windows); a window asked twice is read once
			alwaysOutputData: false,
			onError: 'continueErrorOutput',
		},
		{
			name: 'Transactions to GL batch',
			type: `${P}m3AmazonTransform`,
			at: [3, 0],
			parameters: {
				resource: 'finance',
				operation: 'amazonToM3Gl',
				accounting: `={{ $('Settings').first().json.accounting }}`,
				accountMap: `={{ $('Settings').first().json.accountMap }}`,
				catchAllAccount: `={{ $('Settings').first().json.catchAllAccount }}`,
				clearingAccount: `={{ $('Settings').first().json.clearingAccount }}`,
				roundingAccount: `={{ $('Settings').first().json.roundingAccount }}`,
				// per item: a replay brings several posting windows in one execution, each makes its own batches
				windowStart: `={{ $('Settings').item.json.windowStart }}`,
				windowEnd: `={{ $('Settings').item.json.windowEnd }}`,
				keyPrefix: `={{ $('Settings').first().json.keyPrefix }}`,
				currency: `={{ $('Settings').first().json.currency }}`,
				INTN: `={{ $('Settings').first().json.interfaceTemplate }}`,
			},
		},
		{
			name: 'Post GL batch to M3',
			type: `${P}inforM3`,
			at: [4, 0],
			parameters: { resource: 'glBatch', operation: 'create', batchJson: '={{ $json }}' },
			credentials: CREDS.m3,
			onError: 'continueErrorOutput',
		},
		...glFailures.nodes,
		...replayPath([0, 4], [{ entry: 'Settings' }]).nodes,
	],
	[
		['Every day at 03:00', 'Settings'],
		['Settings', 'Amazon transactions'],
		['Amazon transactions', 'Transactions to GL batch'],
		['Amazon transactions', 'Keep Amazon read errors', 1],
		['Transactions to GL batch', 'Post GL batch to M3'],
		['Transactions to GL batch', 'Keep unbalanced or invalid', 1],
		['Post GL batch to M3', 'Keep M3-rejected batches', 1],
		...glFailures.links,
		...replayPath([0, 4], [{ entry: 'Settings' }]).links,
	],
);

module.exports = paymentsToGl;
