// @ts-check
/** The returns-to-m3 template (workflows/returns-to-m3.json); its building blocks are in ./blocks.js. */
const { P, CREDS, S, settingsNode, sticky, workflow, keepNode, failTheExecution, replayPath } = require('./blocks');

/** returns-to-m3: Amazon refunds (+ the returns reports) -> M3 customer returns; kept per refund or window. */
const returnsWindow = `{ windowStart: ${S('windowStart')}, windowEnd: ${S('windowEnd')} }`;
const returnsFailures = (() => {
	const replays = `${S('deadLetter')}?.replays ?? 0`;
	const windowKey = `'returns ' + ${S('windowStart')} + ' - ' + ${S('windowEnd')}`;
	const end = failTheExecution(['Keep Amazon errors', 'Keep invalid refunds', 'Keep returns M3 could not create'], [7, 4]);
	return {
		nodes: [
			keepNode('Keep Amazon errors', [5, 3], { key: windowKey, input: returnsWindow, replays }),
			keepNode('Keep invalid refunds', [6, 2], {
				key: `($json.details?.input?.transactionId ? 'refund ' + $json.details.input.transactionId : ${windowKey})`,
				input: returnsWindow,
				replays,
			}),
			keepNode('Keep returns M3 could not create', [7, 2], {
				key: `($json.details?.input?.returnKey ? 'refund ' + $json.details.input.returnKey : ${windowKey})`,
				input: returnsWindow,
				replays,
			}),
			...end.nodes,
		],
		links: end.links,
	};
})();
const returnsReplay = replayPath([0, 6], [{ entry: 'Settings' }]);
/** @param {string} name @param {[number, number]} at @param {string} reportType */
const returnsReport = (name, at, reportType) => [
	{
		name: `Request ${name} returns report`,
		type: `${P}amazonSellingPartner`,
		at,
		parameters: {
			resource: 'report',
			operation: 'create',
			reportType,
			marketplaceIds: `={{ ${S('marketplaceIds')} }}`,
			dataStartTime: `={{ ${S('windowStart')} }}`,
			dataEndTime: `={{ ${S('windowEnd')} }}`,
		},
		credentials: CREDS.sp,
		executeOnce: true,
		onError: 'continueErrorOutput',
	},
	{
		name: `Wait for ${name} returns report`,
		type: `${P}amazonSellingPartner`,
		at: [at[0] + 1, at[1]],
		parameters: { resource: 'report', operation: 'get', reportId: '={{ $json.reportId }}', options: { waitForCompletion: true, pollIntervalSeconds: `={{ ${S('reportPollSeconds')} }}` } },
		credentials: CREDS.sp,
		onError: 'continueErrorOutput',
	},
	{
		name: `Download ${name} returns`,
		type: `${P}amazonSellingPartner`,
		at: [at[0] + 2, at[1]],
		parameters: { resource: 'report', operation: 'downloadDocument', reportDocumentId: "={{ $json.reportDocumentId ?? '' }}", output: 'rows' },
		credentials: CREDS.sp,
		onError: 'continueErrorOutput',
	},
];
const returnsToM3 = workflow(
	'returns-to-m3.json',
	'Amazon refunds and returns to M3 customer returns (returns-to-M3)',
	'm3amzReturnsToM3',
	[
		sticky(
			'About this workflow',
			"## Amazon refunds -> M3 customer returns (credit by M3)\nEvery 6 hours: the Finances Refund transactions of the window, with Amazon's returns reports (merchant-fulfilled: GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE, FBA: GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA) -> one M3 customer return per refund (OIS390MI AddHead + AddLine against the customer order), each line restocked or scrapped by the **restock** setting. M3's return process (receipt, inspection, credit note) takes it from there.\n\n**One refund, booked once** (docs/guide/accounting.md): refunds of orders M3 invoiced (`roads`, as in payments-to-GL) become M3 returns, and payments-to-GL clears the receivable. With `mode` **glOnly** nothing is created here: set payments-to-GL's `accounting.orderRefunds` to `gl`.\n\n**Idempotent**: one key record per refund (CUSEXTMI OCHEAD); a replay never adds a return or a credit line twice. A refund whose item is not in a returns report yet waits `waitForReturnDays`.\n\n**Failures** (a report Amazon cannot produce, a refund that cannot be read, a return M3 refuses or an order M3 does not have) are kept in *m3amz_dead_letter* with their window; **Replay dead letter** runs the window again.",
			440,
			600,
		),
		{
			name: 'Every 6 hours',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			at: [0, 0],
			parameters: { rule: { interval: [{ field: 'hours', hoursInterval: 6 }] } },
		},
		{
			...settingsNode({
				// a replay brings its own window (the one that failed)
				windowStart: '={{ $json.windowStart || $now.minus({ days: 30 }).toISO() }}',
				windowEnd: '={{ $json.windowEnd || $now.minus({ minutes: 5 }).toISO() }}',
				marketplaceIds: '',
				mode: 'm3Return',
				customerMap: { ATVPDKIKX0DER: { CUNO: 'AMZUS01' }, A2EUQ1WTGCTBG2: { CUNO: 'AMZCA01' }, A1F83G8C2ARO7P: { CUNO: 'AMZUK01' }, A1PA6795UKMFR9: { CUNO: 'AMZDE01' }, A13V1IB3VIYZZH: { CUNO: 'AMZFR01' } },
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
			}),
			at: [1, 0],
		},
		...returnsReport('MFN', [2, 0], 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE'),
		...returnsReport('FBA', [2, 1], 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA'),
		{
			name: 'Amazon refunds',
			type: `${P}amazonSellingPartner`,
			at: [2, 2],
			parameters: {
				resource: 'finance',
				operation: 'listTransactions',
				postedAfter: `={{ ${S('windowStart')} }}`,
				postedBefore: `={{ ${S('windowEnd')} }}`,
				returnAll: true,
				filters: {},
			},
			credentials: CREDS.sp,
			executeOnce: true,
			onError: 'continueErrorOutput',
		},
		{ name: 'Refunds and returns', type: 'n8n-nodes-base.merge', typeVersion: 3.2, at: [5, 0], parameters: { numberInputs: 3 } },
		{
			name: 'Refunds to M3 returns',
			type: `${P}m3AmazonTransform`,
			at: [6, 0],
			parameters: {
				resource: 'finance',
				operation: 'amazonToM3Returns',
				mode: `={{ $('Settings').first().json.mode }}`,
				customerMap: `={{ $('Settings').first().json.customerMap }}`,
				roads: `={{ $('Settings').first().json.roads }}`,
				restock: `={{ $('Settings').first().json.restock }}`,
				waitForReturnDays: `={{ $('Settings').first().json.waitForReturnDays }}`,
				creditPrice: `={{ $('Settings').first().json.creditPrice }}`,
			},
		},
		{
			name: 'Create M3 customer return',
			type: `${P}inforM3`,
			at: [7, 0],
			parameters: { resource: 'customerReturn', operation: 'create', returnJson: '={{ $json }}', options: {} },
			credentials: CREDS.m3,
			onError: 'continueErrorOutput',
		},
		...returnsFailures.nodes,
		...returnsReplay.nodes,
	],
	[
		['Every 6 hours', 'Settings'],
		['Settings', 'Request MFN returns report'],
		['Settings', 'Request FBA returns report'],
		['Settings', 'Amazon refunds'],
		['Request MFN returns report', 'Wait for MFN returns report'],
		['Wait for MFN returns report', 'Download MFN returns'],
		['Request FBA returns report', 'Wait for FBA returns report'],
		['Wait for FBA returns report', 'Download FBA returns'],
		['Download MFN returns', 'Refunds and returns', 0, 0],
		['Download FBA returns', 'Refunds and returns', 0, 1],
		['Amazon refunds', 'Refunds and returns', 0, 2],
		...['Request MFN returns report', 'Wait for MFN returns report', 'Download MFN returns', 'Request FBA returns report', 'Wait for FBA returns report', 'Download FBA returns', 'Amazon refunds'].map(
			(/** @type {string} */ n) => /** @type {[string, string, number]} */ ([n, 'Keep Amazon errors', 1]),
		),
		['Refunds and returns', 'Refunds to M3 returns'],
		['Refunds to M3 returns', 'Create M3 customer return'],
		['Refunds to M3 returns', 'Keep invalid refunds', 1],
		['Create M3 customer return', 'Keep returns M3 could not create', 1],
		...returnsFailures.links,
		...returnsReplay.links,
	],
);

module.exports = returnsToM3;
