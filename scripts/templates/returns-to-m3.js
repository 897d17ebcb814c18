// @ts-check
/**
 * The returns-to-m3 template (workflows/returns-to-m3.json; building blocks in ./blocks.js): Amazon refunds (+ the
 * MFN and FBA returns reports) -> M3 customer returns. Kept per refund or window; a replay runs the window again.
 */
const { WINDOW, windowKey, idOrWindowKey, setting, firstSetting, ERRORS_TO_KEEP, EXAMPLE_SELLER, template, schedule, inforM3, amazon, transform } = require('./blocks');

/**
 * Request -> wait for -> download one returns report (rows).
 * @param {string} name @param {[number, number]} at @param {string} reportType
 * @returns {{ nodes: any[], links: Array<[string, string]> }}
 */
function returnsReport(name, at, reportType) {
	const [request, wait, download] = [`Request ${name} returns report`, `Wait for ${name} returns report`, `Download ${name} returns`];
	return {
		nodes: [
			amazon(
				request,
				at,
				{
					resource: 'report',
					operation: 'create',
					reportType,
					marketplaceIds: setting('marketplaceIds'),
					dataStartTime: setting('windowStart'),
					dataEndTime: setting('windowEnd'),
				},
				{ executeOnce: true, ...ERRORS_TO_KEEP },
			),
			amazon(
				wait,
				[at[0] + 1, at[1]],
				{ resource: 'report', operation: 'get', reportId: '={{ $json.reportId }}', options: { waitForCompletion: true, pollIntervalSeconds: setting('reportPollSeconds') } },
				ERRORS_TO_KEEP,
			),
			amazon(
				download,
				[at[0] + 2, at[1]],
				{ resource: 'report', operation: 'downloadDocument', reportDocumentId: "={{ $json.reportDocumentId ?? '' }}", output: 'rows' },
				ERRORS_TO_KEEP,
			),
		],
		links: [
			[request, wait],
			[wait, download],
		],
	};
}
const mfn = returnsReport('MFN', [2, 0], 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE');
const fba = returnsReport('FBA', [2, 1], 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA');
const refunds = amazon(
	'Amazon refunds',
	[2, 2],
	{ resource: 'finance', operation: 'listTransactions', postedAfter: setting('windowStart'), postedBefore: setting('windowEnd'), returnAll: true, filters: {} },
	{ executeOnce: true, ...ERRORS_TO_KEEP },
);
/** every Amazon read: a failure keeps the window */
const amazonReads = [...mfn.nodes, ...fba.nodes, refunds];

module.exports = template({
	file: 'returns-to-m3.json',
	name: 'Amazon refunds and returns to M3 customer returns (returns-to-M3)',
	id: 'm3amzReturnsToM3',
	about: {
		height: 440,
		width: 600,
		text: "## Amazon refunds -> M3 customer returns (credit by M3)\nEvery 6 hours: the Finances Refund transactions of the window, with Amazon's returns reports (merchant-fulfilled: GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE, FBA: GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA) -> one M3 customer return per refund (OIS390MI AddHead + AddLine against the customer order), each line restocked or scrapped by the **restock** setting. M3's return process (receipt, inspection, credit note) takes it from there.\n\n**One refund, booked once** (docs/guide/accounting.md): refunds of orders M3 invoiced (`roads`, as in payments-to-GL) become M3 returns, and payments-to-GL clears the receivable. With `mode` **glOnly** nothing is created here: set payments-to-GL's `accounting.orderRefunds` to `gl`.\n\n**Idempotent**: one key record per refund (CUSEXTMI OCHEAD); a replay never adds a return or a credit line twice. A refund whose item is not in a returns report yet waits `waitForReturnDays`.\n\n**Failures** (a report Amazon cannot produce, a refund that cannot be read, a return M3 refuses or an order M3 does not have) are kept in *m3amz_dead_letter* with their window; **Replay dead letter** runs the window again.",
	},
	triggers: [schedule('Every 6 hours', [0, 0], { field: 'hours', hoursInterval: 6 })],
	settings: {
		// a replay brings its own window (the one that failed)
		windowStart: '={{ $json.windowStart || $now.minus({ days: 30 }).toISO() }}',
		windowEnd: '={{ $json.windowEnd || $now.minus({ minutes: 5 }).toISO() }}',
		marketplaceIds: '',
		mode: 'm3Return',
		customerMap: EXAMPLE_SELLER.customerMap,
		roads: { MFN: 'order', AFN: 'settlement' },
		restock: {
			mode: 'disposition',
			warehouse: '',
			fbaWarehouse: '',
			location: '',
			reasonCode: '',
			scrapLocation: 'SCRAP',
			scrapReasonCode: '',
			dispositions: { SELLABLE: 'restock', NO_LONGER_NEEDED: 'restock', UNWANTED_ITEM: 'restock', '*': 'scrap' },
			notReturned: 'scrap',
		},
		waitForReturnDays: 14,
		creditPrice: 'amazonRefund',
		reportPollSeconds: 30,
	},
	nodes: [
		...amazonReads,
		{ name: 'Refunds and returns', type: 'n8n-nodes-base.merge', typeVersion: 3.2, at: [5, 0], parameters: { numberInputs: 3 } },
		transform('Refunds to M3 returns', [6, 0], {
			resource: 'finance',
			operation: 'amazonToM3Returns',
			mode: firstSetting('mode'),
			customerMap: firstSetting('customerMap'),
			roads: firstSetting('roads'),
			restock: firstSetting('restock'),
			waitForReturnDays: firstSetting('waitForReturnDays'),
			creditPrice: firstSetting('creditPrice'),
		}),
		inforM3('Create M3 customer return', [7, 0], { resource: 'customerReturn', operation: 'create', returnJson: '={{ $json }}', options: {} }, ERRORS_TO_KEEP),
	],
	links: [
		['Settings', mfn.nodes[0].name],
		['Settings', fba.nodes[0].name],
		['Settings', refunds.name],
		...mfn.links,
		...fba.links,
		['Download MFN returns', 'Refunds and returns', 0, 0],
		['Download FBA returns', 'Refunds and returns', 0, 1],
		['Amazon refunds', 'Refunds and returns', 0, 2],
		...amazonReads.map((n) => /** @type {[string, string, number]} */ ([n.name, 'Keep Amazon errors', 1])),
		['Refunds and returns', 'Refunds to M3 returns'],
		['Refunds to M3 returns', 'Create M3 customer return'],
		['Refunds to M3 returns', 'Keep invalid refunds', 1],
		['Create M3 customer return', 'Keep returns M3 could not create', 1],
	],
	deadLetter: {
		at: [7, 4],
		keep: [
			['Keep Amazon errors', [5, 3], { key: windowKey('returns'), input: WINDOW }],
			['Keep invalid refunds', [6, 2], { key: idOrWindowKey('transactionId', 'refund', 'returns'), input: WINDOW }],
			['Keep returns M3 could not create', [7, 2], { key: idOrWindowKey('returnKey', 'refund', 'returns'), input: WINDOW }],
		],
	},
	replay: { at: [0, 6], routes: [{ entry: 'Settings' }] },
});
