// @ts-check
/**
 * Writes the workflow templates in workflows/*.json from the definitions below (`node scripts/build-templates.js`;
 * `--check` exits 1 when a committed template differs). Keeping them as code keeps node names, connections and
 * positions consistent; the JSON files are what users import.
 *
 * Conventions: node types "n8n-nodes-m3-amazon.<name>" (the package installed under ~/.n8n/nodes); one "Settings"
 * node (Edit Fields) per template holds every value a user configures; downstream nodes read it with
 * `$('Settings').item.json.<name>`; failing items go to clearly named branches and the workflow names the
 * error-handler workflow in settings.errorWorkflow.
 */
const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');

const P = 'n8n-nodes-m3-amazon.';
const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'workflows');
const ERROR_WORKFLOW_ID = 'm3amzErrorHandler';

const CREDS = {
	m3: { inforM3Api: { id: 'm3amzInforM3', name: 'Infor M3 account' } },
	sp: { amazonSpApi: { id: 'm3amzAmazonSpApi', name: 'Amazon SP-API account' } },
	sqs: { awsSqsApi: { id: 'm3amzAwsSqs', name: 'AWS SQS (SP-API notifications)' } },
	ion: { inforIonWebhookApi: { id: 'm3amzIonWebhook', name: 'ION API connection point' } },
};

/** deterministic ids so regenerating does not churn the files @param {string} wf @param {string} name */
function uuid(wf, name) {
	const h = createHash('sha1').update(`${wf}/${name}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** @param {Record<string, unknown>} values */
function settingsNode(values) {
	let n = 0;
	return {
		name: 'Settings',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			assignments: {
				assignments: Object.entries(values).map(([name, value]) => ({
					id: String(++n),
					name,
					value: typeof value === 'object' ? JSON.stringify(value, null, 2) : value,
					type: Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value,
				})),
			},
			includeOtherFields: true,
			options: {},
		},
	};
}

/** @param {string} content @param {number} height @param {number} width */
function sticky(name, content, height = 300, width = 480) {
	return { name, type: 'n8n-nodes-base.stickyNote', typeVersion: 1, parameters: { content, height, width, color: 4 } };
}

/**
 * @param {string} file @param {string} name @param {string} id
 * @param {Array<any>} nodes each with optional `at: [col, row]`
 * @param {Array<[string, string, number?, number?]>} links [from, to, fromOutput, toInput]
 * @param {{ errorWorkflow?: boolean }} [opts]
 */
function workflow(file, name, id, nodes, links, opts = {}) {
	/** @type {Record<string, any>} */
	const connections = {};
	for (const [from, to, out = 0, input = 0] of links) {
		connections[from] = connections[from] ?? { main: [] };
		while (connections[from].main.length <= out) connections[from].main.push([]);
		connections[from].main[out].push({ node: to, type: 'main', index: input });
	}
	const names = new Set(nodes.map((n) => n.name));
	for (const [from, to] of links) {
		if (!names.has(from) || !names.has(to)) throw new Error(`${file}: link ${from} -> ${to} names an unknown node`);
	}
	return {
		file,
		json: {
			id,
			name,
			nodes: nodes.map((n) => {
				const { at, ...rest } = n;
				const node = {
					id: uuid(id, n.name),
					name: n.name,
					type: n.type,
					typeVersion: n.typeVersion ?? 1,
					// sticky notes (no `at`) sit above the first row of nodes, clear of them
					position: at ? [at[0] * 260, at[1] * 200] : [-60, -((n.parameters?.height ?? 300) + 60)],
					parameters: n.parameters ?? {},
				};
				for (const k of ['credentials', 'disabled', 'onError', 'retryOnFail', 'maxTries', 'waitBetweenTries', 'notes', 'executeOnce', 'alwaysOutputData', 'webhookId']) {
					if (rest[k] !== undefined) /** @type {any} */ (node)[k] = rest[k];
				}
				return node;
			}),
			connections,
			settings: {
				executionOrder: 'v1',
				timezone: 'UTC',
				saveDataErrorExecution: 'all',
				saveDataSuccessExecution: 'all',
				...(opts.errorWorkflow === false ? {} : { errorWorkflow: ERROR_WORKFLOW_ID }),
			},
			pinData: {},
			meta: { templateCredsSetupCompleted: false },
			tags: [],
		},
	};
}

const S = (/** @type {string} */ k) => `$('Settings').item.json.${k}`;

// ---------------------------------------------------------------------------------------------------------------
// Failure handling shared by every template (docs/guide/failures.md):
//   failing output -> "Keep …" (n8n Data table upsert into m3amz_dead_letter: key, input, node, reason, details, time,
//   replays) -> "Failed items" (Merge, append: n8n-core runs it after every other branch) -> "Fail the execution"
//   (Stop and Error: the execution is marked failed and the error-handler workflow runs).
//   "Replay dead letter" (manual) -> open rows of this workflow -> marked replayed -> their input re-enters the
//   workflow; an item failing again is kept again (status open), one that succeeds stays "replayed".
// ---------------------------------------------------------------------------------------------------------------
const DEAD_LETTER_TABLE = 'm3amz_dead_letter';
/** @type {Array<[string, string]>} name, n8n data table column type */
const DEAD_LETTER_COLUMNS = [
	['workflow', 'string'],
	['key', 'string'],
	['status', 'string'],
	['node', 'string'],
	['reason', 'string'],
	['retryable', 'boolean'],
	['input', 'string'],
	['details', 'string'],
	['failedAt', 'date'],
	['replays', 'number'],
	['executionId', 'string'],
];
const deadLetterTable = { __rl: true, mode: 'name', value: DEAD_LETTER_TABLE };
const deadLetterSchema = DEAD_LETTER_COLUMNS.map(([id, type]) => ({
	id,
	displayName: id,
	required: false,
	defaultMatch: false,
	display: true,
	type,
	canBeUsedToMatch: true,
}));
const thisWorkflow = { keyName: 'workflow', condition: 'eq', keyValue: '={{ $workflow.id }}' };

/**
 * A "Keep …" node: the failed items of one branch into the dead letter, one row per key and workflow (a second
 * failure of the same item updates its row).
 * @param {string} name @param {[number, number]} at
 * @param {{ key: string, input: string, replays: string }} e expressions (without {{ }}) for the row
 */
function keepNode(name, at, e) {
	return {
		name,
		type: 'n8n-nodes-base.dataTable',
		typeVersion: 1.1,
		at,
		parameters: {
			resource: 'row',
			operation: 'upsert',
			dataTableId: deadLetterTable,
			matchType: 'allConditions',
			filters: { conditions: [thisWorkflow, { keyName: 'key', condition: 'eq', keyValue: `={{ String(${e.key}) }}` }] },
			columns: {
				mappingMode: 'defineBelow',
				value: {
					workflow: '={{ $workflow.id }}',
					key: `={{ String(${e.key}) }}`,
					status: 'open',
					node: "={{ $json.details?.node ?? '' }}",
					reason: '={{ String($json.error ?? $json.message ?? "unknown failure") }}',
					retryable: '={{ $json.details?.retryable === true }}',
					input: `={{ JSON.stringify(${e.input}) }}`,
					details: '={{ JSON.stringify({ ...($json.details ?? {}), input: undefined }) }}',
					failedAt: '={{ $now.toISO() }}',
					replays: `={{ ${e.replays} }}`,
					executionId: '={{ $execution.id }}',
				},
				matchingColumns: [],
				schema: deadLetterSchema,
				attemptToConvertTypes: false,
				convertFieldsToString: false,
			},
			options: {},
		},
	};
}

/**
 * The end of every failure branch: "Failed items" (append) -> "Fail the execution".
 * With `settled`: a "Done or kept" merge takes every item of `settled.from` (input 0) and the kept rows (input 1) and
 * feeds `settled.then` once every item of the execution is done, skipped or kept — n8n-core runs a merge that misses
 * an input only when nothing else is left, and runs the children of "Failed items" top to bottom, so `then` runs
 * before "Fail the execution" (placed below it). Used to acknowledge SQS messages only then.
 * @param {string[]} keepNodes @param {[number, number]} at position of the merge
 * @param {{ from: string, then: any }} [settled]
 */
function failTheExecution(keepNodes, at, settled) {
	/** @type {any[]} */
	const nodes = [];
	/** @type {Array<[string, string, number?, number?]>} */
	const links = [];
	let last;
	if (keepNodes.length > 1) {
		nodes.push({ name: 'Failed items', type: 'n8n-nodes-base.merge', typeVersion: 3.2, at, parameters: { numberInputs: keepNodes.length } });
		keepNodes.forEach((k, i) => links.push([k, 'Failed items', 0, i]));
		last = 'Failed items';
	} else last = keepNodes[0];
	if (settled) {
		nodes.push(
			{ name: 'Done or kept', type: 'n8n-nodes-base.merge', typeVersion: 3.2, at: [at[0] + 1, at[1] - 1], parameters: { numberInputs: 2 } },
			{ ...settled.then, at: [at[0] + 2, at[1] - 1] },
		);
		links.push([settled.from, 'Done or kept', 0, 0], [last, 'Done or kept', 0, 1], ['Done or kept', settled.then.name]);
	}
	nodes.push({
		name: 'Fail the execution',
		type: 'n8n-nodes-base.stopAndError',
		typeVersion: 1,
		at: [at[0] + 1, at[1] + 1],
		parameters: {
			errorType: 'errorMessage',
			errorMessage:
				`={{ $input.all().length }} failed item(s) kept in the dead letter (data table ${DEAD_LETTER_TABLE}), ` +
				"first: {{ $input.all().slice(0, 3).map(i => i.json.key + ' - ' + i.json.reason).join(' | ') }}. " +
				'Fix the cause, then run "Replay dead letter" in this workflow.',
		},
	});
	links.push([last, 'Fail the execution']);
	return { nodes, links };
}

/**
 * "Replay dead letter" -> open rows of this workflow (optionally of some failing nodes) -> marked replayed ->
 * the stored input (+ deadLetter {key, replays}) -> `entry`.
 * @param {[number, number]} at @param {Array<{ entry: string, nodes?: string[], suffix?: string }>} routes
 */
function replayPath(at, routes) {
	/** @type {any[]} */
	const nodes = [{ name: 'Replay dead letter', type: 'n8n-nodes-base.manualTrigger', at, parameters: {} }];
	/** @type {Array<[string, string, number?, number?]>} */
	const links = [];
	routes.forEach((r, i) => {
		const sfx = r.suffix ? ` (${r.suffix})` : '';
		const row = at[1] + i;
		const conditions = [thisWorkflow, { keyName: 'status', condition: 'eq', keyValue: 'open' }];
		nodes.push(
			{
				name: `Open dead letters${sfx}`,
				type: 'n8n-nodes-base.dataTable',
				typeVersion: 1.1,
				at: [at[0] + 1, row],
				parameters: {
					resource: 'row',
					operation: 'get',
					dataTableId: deadLetterTable,
					matchType: 'allConditions',
					filters: {
						conditions: r.nodes
							? [...conditions, ...r.nodes.map((n) => ({ keyName: 'node', condition: 'eq', keyValue: n }))]
							: conditions,
					},
					returnAll: true,
				},
			},
			{
				name: `Mark as replayed${sfx}`,
				type: 'n8n-nodes-base.dataTable',
				typeVersion: 1.1,
				at: [at[0] + 2, row],
				parameters: {
					resource: 'row',
					operation: 'update',
					dataTableId: deadLetterTable,
					matchType: 'allConditions',
					filters: { conditions: [{ keyName: 'id', condition: 'eq', keyValue: '={{ $json.id }}' }] },
					columns: {
						mappingMode: 'defineBelow',
						value: { status: 'replayed', replays: '={{ ($json.replays || 0) + 1 }}' },
						matchingColumns: [],
						schema: deadLetterSchema,
						attemptToConvertTypes: false,
						convertFieldsToString: false,
					},
					options: {},
				},
			},
			{
				name: `Replay item${sfx}`,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				at: [at[0] + 3, row],
				parameters: {
					mode: 'raw',
					jsonOutput: '={{ JSON.stringify({ ...JSON.parse($json.input), sqs: null, deadLetter: { key: $json.key, replays: $json.replays } }) }}',
					options: {},
				},
			},
		);
		links.push(['Replay dead letter', `Open dead letters${sfx}`], [`Open dead letters${sfx}`, `Mark as replayed${sfx}`], [`Mark as replayed${sfx}`, `Replay item${sfx}`], [`Replay item${sfx}`, r.entry]);
	});
	return { nodes, links };
}


// ---------------------------------------------------------------------------------------------------------------
/** order-to-cash: every failure is kept under the Amazon order id; a replay fetches the order again. */
const o2cRow = {
	key: `${S('deadLetter')}?.key ?? ${S('amazonOrderId')} ?? ${S('notificationId')} ?? ${S('sqs')}?.messageId ?? ('item ' + $execution.id + '/' + $itemIndex)`,
	input: `{ amazonOrderId: ${S('amazonOrderId')}, notificationId: ${S('notificationId')}, notificationType: ${S('notificationType')}, body: ${S('body')} }`,
	replays: `${S('deadLetter')}?.replays ?? 0`,
};
/** a cancellation kept apart from a failed create of the same order (one dead-letter row per key) */
const o2cCancelRow = { ...o2cRow, key: `${S('deadLetter')}?.key ?? (${S('amazonOrderId')} + ' cancel')` };
const o2cKeep = ['Keep Amazon errors', 'Keep invalid orders', 'Keep M3-rejected orders', 'Keep invalid cancellations', 'Keep cancellations M3 could not do'];
const orderToCashFailures = (() => {
	const end = failTheExecution(o2cKeep, [6, 4], {
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
	});
	return {
		nodes: [
			keepNode('Keep Amazon errors', [3, 3], o2cRow),
			keepNode('Keep invalid orders', [4, 2], o2cRow),
			keepNode('Keep M3-rejected orders', [5, 2], o2cRow),
			keepNode('Keep invalid cancellations', [4, 3], o2cCancelRow),
			keepNode('Keep cancellations M3 could not do', [5, 3], o2cCancelRow),
			...end.nodes,
		],
		links: end.links,
	};
})();

const orderToCash = workflow(
	'order-to-cash.json',
	'Amazon orders to M3 customer orders (order-to-cash)',
	'm3amzOrderToCash',
	[
		sticky(
			'About this workflow',
			'## Amazon orders -> M3 customer orders\nORDER_CHANGE notifications from your SQS queue (and a 15-minute backstop poll that recovers anything missed) -> the order from Orders API 2026-01-01 -> the canonical model -> an M3 batch order, confirmed.\n\n**Idempotent**: the Amazon order id is the M3 CUOR, kept in a CUSEXTMI key record per order (one key read whatever your order history); an order that already exists is returned with `created: false`, never created twice, also when the answer of M3 to a write was lost.\n\n**Set up**\n1. Credentials: *Amazon SP-API account* (LWA app + refresh token), *AWS SQS* (IAM user allowed to receive/delete on the queue), *Infor M3 account* (.ionapi file).\n2. Put your queue URL in **Amazon order notifications (SQS)**; subscribe ORDER_CHANGE to that queue (Amazon node, *Notification* resource).\n3. Edit **Settings**: M3 customer per marketplace, order type, facility, warehouse, SKU handling.\n4. Import the *Error handler* workflow first, run its **Create the dead-letter table** once and publish it.\n\n**Cancellations**: a buyer cancellation (whole order or items) deletes the M3 lines (OIS100MI/DelLine) while they are at most *cancelUpToStatus* (33 = allocated); once a line is on a picking list it is too late: the order is kept in the dead letter with its lines and statuses, for a person to stop the shipment. Replays never delete twice.\n\n**FBA orders** (*fbaOrders*): `skip` (default; book them from the settlements), or `importAsShipped`: once Amazon has shipped one, an M3 order in *fbaWarehouse* with *fbaOrderType* (its dispatch policy must release, report picking and issue at once: no picking list), requested delivery date = the date Amazon shipped, a head text with channel, carrier and tracking; the order must reach status 66 or it is kept in the dead letter (FBA_NOT_DELIVERED). Set the *Fulfilled By* of the backstop to *Any* to recover missed FBA orders too.\n\n**Failures**: an order Amazon, the mapping or M3 refuses is kept in the data table *m3amz_dead_letter* (input, node, reason, time) and the execution fails, so the error handler reports it; its SQS message is acknowledged only once the order is done or kept. Fix the cause, then run **Replay dead letter**.',
			480,
			600,
		),
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
		{
			...settingsNode({
				customerMap: {
					ATVPDKIKX0DER: { CUNO: 'AMZUS01' },
					A2EUQ1WTGCTBG2: { CUNO: 'AMZCA01' },
					A1F83G8C2ARO7P: { CUNO: 'AMZUK01' },
					A1PA6795UKMFR9: { CUNO: 'AMZDE01' },
					A13V1IB3VIYZZH: { CUNO: 'AMZFR01' },
				},
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
			}),
			at: [1, 0],
		},
		{
			name: 'Get Amazon order',
			type: `${P}amazonSellingPartner`,
			at: [2, 0],
			parameters: {
				resource: 'order',
				operation: 'get',
				orderId: '={{ $json.amazonOrderId }}',
				includedData: ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'TAX', 'CANCELLATION'],
			},
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		{
			name: 'Amazon order to M3 order',
			type: `${P}m3AmazonTransform`,
			at: [3, 0],
			parameters: {
				resource: 'order',
				operation: 'amazonToM3',
				importStatuses: `={{ ${S('importStatuses')} }}`,
				customerMap: `={{ ${S('customerMap')} }}`,
				headDefaults: `={{ ${S('headDefaults')} }}`,
				itemMode: 'alias',
				aliasType: `={{ ${S('skuAliasType')} }}`,
				vat: `={{ ${S('vat')} }}`,
				fbaOrders: `={{ ${S('fbaOrders')} }}`,
				fbaWarehouse: `={{ ${S('fbaWarehouse')} }}`,
				fbaOrderType: `={{ ${S('fbaOrderType')} }}`,
			},
		},
		{
			name: 'Create M3 customer order',
			type: `${P}inforM3`,
			at: [4, 0],
			parameters: {
				resource: 'customerOrder',
				operation: 'create',
				orderInput: 'json',
				orderJson: '={{ $json }}',
				// one CUSEXTMI key record per Amazon order: cost independent of history, lost answers converge
				options: {
					aliasType: `={{ ${S('skuAliasType')} }}`,
					duplicateCheck: 'keyRecord',
					keyFile: `={{ ${S('orderKeyTable')} }}`,
				},
			},
			credentials: CREDS.m3,
			onError: 'continueErrorOutput',
		},
		{
			name: 'Amazon cancellation to M3',
			type: `${P}m3AmazonTransform`,
			at: [3, 1],
			parameters: {
				resource: 'order',
				operation: 'amazonToM3Cancellation',
				customerMap: `={{ ${S('customerMap')} }}`,
			},
		},
		{
			name: 'Cancel M3 order lines',
			type: `${P}inforM3`,
			at: [4, 1],
			parameters: {
				resource: 'customerOrder',
				operation: 'cancel',
				cancellationJson: '={{ $json }}',
				options: {
					keyFile: `={{ ${S('orderKeyTable')} }}`,
					maxStatus: `={{ ${S('cancelUpToStatus')} }}`,
					reasonCode: `={{ ${S('cancelReasonCode')} }}`,
				},
			},
			credentials: CREDS.m3,
			onError: 'continueErrorOutput',
		},
		...orderToCashFailures.nodes,
		...replayPath([0, 6], [{ entry: 'Settings' }]).nodes,
	],
	[
		['Amazon order notifications (SQS)', 'Settings'],
		['Missed orders backstop', 'Settings'],
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
		...orderToCashFailures.links,
		...replayPath([0, 6], [{ entry: 'Settings' }]).links,
	],
);

// ---------------------------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------------------------
/** The quantity rule inventory-sync and inventory-reconciliation share (Transform inventory parameters, from Settings). */
function quantityRule() {
	const fromSettings = (/** @type {string} */ k) => `={{ $('Settings').first().json.${k} }}`;
	return {
		figure: fromSettings('figure'),
		bufferType: fromSettings('bufferType'),
		bufferValue: fromSettings('bufferValue'),
		minQuantity: fromSettings('minQuantity'),
		maxQuantity: fromSettings('maxQuantity'),
		itemMode: 'field',
		warehouses: fromSettings('warehouses'),
	};
}

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

// ---------------------------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------------------------
const errorHandler = workflow(
	'error-handler.json',
	'Error handler (M3 <-> Amazon)',
	ERROR_WORKFLOW_ID,
	[
		sticky(
			'About this workflow',
			"## Error handler\nThe other templates name this workflow in *Settings -> Error workflow*. When one of them fails, this records which workflow, execution, node and message, with a link to the execution.\nA template fails its execution on purpose when it kept failed items in the dead letter (data table **m3amz_dead_letter**: input, node, reason, time, replays); the message names them. See them under *Overview -> Data tables*; fix the cause and run *Replay dead letter* in that workflow.\n\n**Set up once**: run **Create the dead-letter table** (it keeps an existing table), then **publish** this workflow: n8n 2.x runs an error workflow only when it is published.\nConnect **Notify** to e-mail, Slack or a ticket system of your choice.",
			340,
			560,
		),
		{ name: 'When a workflow fails', type: 'n8n-nodes-base.errorTrigger', at: [0, 0], parameters: {} },
		{
			name: 'Failure report',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			at: [1, 0],
			parameters: {
				assignments: {
					assignments: [
						{ id: '1', name: 'workflow', value: '={{ $json.workflow.name }}', type: 'string' },
						{ id: '2', name: 'executionId', value: '={{ $json.execution.id }}', type: 'string' },
						{ id: '3', name: 'executionUrl', value: '={{ $json.execution.url }}', type: 'string' },
						{ id: '4', name: 'failedNode', value: '={{ $json.execution.lastNodeExecuted }}', type: 'string' },
						{ id: '5', name: 'message', value: '={{ $json.execution.error.message }}', type: 'string' },
						{ id: '6', name: 'description', value: '={{ $json.execution.error.description }}', type: 'string' },
					],
				},
				options: {},
			},
		},
		{ name: 'Notify', type: 'n8n-nodes-base.noOp', at: [2, 0] },
		{ name: 'Create the dead-letter table', type: 'n8n-nodes-base.manualTrigger', at: [0, 2], parameters: {} },
		{
			name: 'Dead-letter table',
			type: 'n8n-nodes-base.dataTable',
			typeVersion: 1.1,
			at: [1, 2],
			parameters: {
				resource: 'table',
				operation: 'create',
				tableName: DEAD_LETTER_TABLE,
				columns: { column: DEAD_LETTER_COLUMNS.map(([name, type]) => ({ name, type })) },
				options: { createIfNotExists: true },
			},
		},
	],
	[
		['When a workflow fails', 'Failure report'],
		['Failure report', 'Notify'],
		['Create the dead-letter table', 'Dead-letter table'],
	],
	{ errorWorkflow: false },
);


// ---------------------------------------------------------------------------------------------------------------
/** inventory-reconciliation: SKUs the report could not check (or fix) are kept; a replay runs the report again. */
const reconciliationFailures = (() => {
	const row = {
		key: "'sku ' + ($json.details?.input?.sku ?? $json.details?.input?.ITNO ?? $json.details?.sku ?? $json.sku ?? $itemIndex)",
		input: '{}',
		replays: `${S('deadLetter')}?.replays ?? 0`,
	};
	const end = failTheExecution(['Keep unchecked SKUs', 'Keep uncompared SKUs', 'Keep unfixed SKUs'], [8, 3]);
	return {
		nodes: [
			keepNode('Keep unchecked SKUs', [4, 2], row),
			keepNode('Keep uncompared SKUs', [5, 2], row),
			keepNode('Keep unfixed SKUs', [7, 2], row),
			...end.nodes,
		],
		links: end.links,
	};
})();

const inventoryReconciliation = workflow(
	'inventory-reconciliation.json',
	'M3 vs Amazon quantities (inventory reconciliation)',
	'm3amzInventoryReconciliation',
	[
		sticky(
			'About this workflow',
			"## Inventory reconciliation (MFN)\nEvery Monday at 06:00: every M3 balance of the listed warehouses with an Amazon SKU -> the figure **summed over the warehouses** per SKU -> the listing's quantity on Amazon (fulfillmentAvailability, channel DEFAULT) -> a **discrepancy report** per SKU: M3 figure, the quantity the sync would send (same buffer and clamp as inventory-sync), Amazon's quantity, difference, last update on Amazon.\n\n**FBA SKUs** (an Amazon fulfillment channel on the listing) are left out: their stock is Amazon's count.\nTo let it also **fix** MFN quantities, enable the node *Fix MFN quantity on Amazon* (it never sends a merchant quantity to an FBA SKU).\n\n**Set up**: credentials *Infor M3 account*, *Amazon SP-API account*; **Settings** as in inventory-sync.\n\nSKUs the report could not check (not on Amazon, an SP-API failure, data it cannot compare) are kept in the data table *m3amz_dead_letter* and the execution fails (the error handler lists them); **Replay dead letter** runs the report again.",
			440,
			640,
		),
		{
			name: 'Every Monday at 06:00',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			at: [0, 0],
			parameters: { rule: { interval: [{ field: 'weeks', triggerAtDay: [1], triggerAtHour: 6 }] } },
		},
		{
			...settingsNode({ warehouses: '001,002', figure: 'AV01', bufferType: 'absolute', bufferValue: 2, minQuantity: 0, maxQuantity: 999, skuAliasType: '1' }),
			at: [1, 0],
		},
		{
			name: 'M3 balances',
			type: `${P}inforM3`,
			at: [2, 0],
			parameters: {
				resource: 'inventory',
				operation: 'getChangedBalances',
				since: '',
				returnAll: true,
				options: {
					warehouses: `={{ ${S('warehouses')} }}`,
					figure: `={{ ${S('figure')} }}`,
					fullResync: true,
					includeSku: true,
					onlyWithSku: true,
					aliasType: `={{ ${S('skuAliasType')} }}`,
				},
			},
			credentials: CREDS.m3,
			executeOnce: true,
		},
		{
			name: 'Sum over warehouses',
			type: `${P}m3AmazonTransform`,
			at: [3, 0],
			parameters: {
				resource: 'inventory',
				operation: 'm3ToAmazon',
				inventoryOutput: 'canonical',
				...quantityRule(),
			},
		},
		{
			name: 'Amazon listing',
			type: `${P}amazonSellingPartner`,
			at: [4, 0],
			parameters: {
				resource: 'listing',
				operation: 'get',
				sku: '={{ $json.sku }}',
				includedData: ['summaries', 'fulfillmentAvailability'],
			},
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		{
			name: 'Compare quantities',
			type: `${P}m3AmazonTransform`,
			at: [5, 0],
			parameters: {
				resource: 'inventory',
				operation: 'compare',
				sku: "={{ $('Sum over warehouses').item.json.sku }}",
				m3Available: "={{ $('Sum over warehouses').item.json.available.value }}",
				amazonQuantity: "={{ (($json.fulfillmentAvailability || []).find(f => f.fulfillmentChannelCode === 'DEFAULT') || {}).quantity }}",
				lastSync: '={{ (($json.summaries || [])[0] || {}).lastUpdatedDate }}',
				leaveOut: "={{ ($json.fulfillmentAvailability || []).some(f => f.fulfillmentChannelCode !== 'DEFAULT') }}",
				bufferType: `={{ $('Settings').first().json.bufferType }}`,
				bufferValue: `={{ $('Settings').first().json.bufferValue }}`,
				minQuantity: `={{ $('Settings').first().json.minQuantity }}`,
				maxQuantity: `={{ $('Settings').first().json.maxQuantity }}`,
				onlyDifferences: true,
			},
		},
		{ name: 'Discrepancy report', type: 'n8n-nodes-base.noOp', at: [6, 0] },
		{
			name: 'Fix MFN quantity on Amazon',
			type: `${P}amazonSellingPartner`,
			at: [7, 0],
			disabled: true,
			parameters: { resource: 'listing', operation: 'updateQuantity', sku: '={{ $json.sku }}', quantity: '={{ $json.quantity }}' },
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		...reconciliationFailures.nodes,
		...replayPath([0, 5], [{ entry: 'Settings' }]).nodes,
	],
	[
		['Every Monday at 06:00', 'Settings'],
		['Settings', 'M3 balances'],
		['M3 balances', 'Sum over warehouses'],
		['Sum over warehouses', 'Amazon listing'],
		['Sum over warehouses', 'Keep uncompared SKUs', 1],
		['Amazon listing', 'Compare quantities'],
		['Amazon listing', 'Keep unchecked SKUs', 1],
		['Compare quantities', 'Discrepancy report'],
		['Compare quantities', 'Keep uncompared SKUs', 1],
		['Discrepancy report', 'Fix MFN quantity on Amazon'],
		['Fix MFN quantity on Amazon', 'Keep unfixed SKUs', 1],
		...reconciliationFailures.links,
		...replayPath([0, 5], [{ entry: 'Settings' }]).links,
	],
);

// ---------------------------------------------------------------------------------------------------------------
const LISTING_MAPPING = {
	productType: {
		from: 'ITGR',
		map: { MUG: 'HOME', BOT: 'HOME', LMP: 'HOME', TWL: 'HOME', PLT: 'HOME', TSH: 'SHIRT', CAP: 'HAT', BAG: 'LUGGAGE', PEN: 'OFFICE_PRODUCTS', NBK: 'OFFICE_PRODUCTS', CHG: 'ELECTRONIC_CABLE', CBL: 'ELECTRONIC_CABLE' },
	},
	attributes: {
		item_name: { format: '{custom.A030} {ITDS}', language: true, transform: [{ truncate: 200 }] },
		brand: { from: 'custom.A030', language: true },
		externally_assigned_product_identifier: { template: { type: 'ean', value: { from: 'ean' } } },
		condition_type: { const: 'new_new' },
		bullet_point: { from: ['custom.A630', 'FUDS'], language: true },
		product_description: { from: 'FUDS', language: true },
		country_of_origin: 'custom.A330',
		item_package_weight: { from: 'GRWE', transform: ['number'], unit: 'kilograms' },
		batteries_required: { from: 'custom.N096', transform: ['nonZero'] },
		num_batteries: { from: 'custom.N096', transform: [{ omit: ['0'] }, 'integer'] },
		supplier_declared_dg_hz_regulation: { const: 'not_applicable' },
		color: { from: 'custom.A130', language: true },
		material: { from: 'custom.A230', language: true },
	},
	productTypes: {
		SHIRT: { attributes: { size: { from: 'custom.A430', language: true }, department: { from: 'custom.A530', language: true }, fabric_type: { from: 'custom.A230', language: true } } },
		HAT: { attributes: { department: { from: 'custom.A530', language: true } } },
		ELECTRONIC_CABLE: { attributes: { connector_type: 'custom.A430' } },
	},
};

/**
 * catalog-sync: a listing that fails (the product type schema, Amazon, the mapping) is kept under its SKU and
 * marketplace; a replay reads every M3 item again (full resync), so what was fixed in M3 is sent, and only that: what
 * Amazon accepted before is not sent again.
 */
const catalogFailures = (() => {
	const replays = `${S('deadLetter')}?.replays ?? 0`;
	const end = failTheExecution(['Keep listing errors', 'Keep invalid M3 items', 'Keep M3 write-back errors'], [7, 3]);
	return {
		nodes: [
			keepNode('Keep listing errors', [5, 2], {
				key: "'listing ' + ($json.details?.marketplaceId ?? $json.details?.input?.marketplaceId ?? '') + ' ' + ($json.details?.sku ?? $json.details?.input?.sku ?? '?')",
				input: '{ fullResync: true }',
				replays,
			}),
			keepNode('Keep invalid M3 items', [4, 2], {
				key: "'item ' + ($json.details?.input?.ITNO ?? '?') + ' ' + ($json.details?.input?.sku ?? '')",
				input: '{ fullResync: true }',
				replays,
			}),
			keepNode('Keep M3 write-back errors', [6, 2], {
				key: "'write-back ' + ($json.details?.input?.m3?.ITNO ?? '?') + ' ' + ($json.details?.input?.marketplaceId ?? '')",
				input: '{ fullResync: true }',
				replays,
			}),
			...end.nodes,
		],
		links: end.links,
	};
})();
const catalogReplay = replayPath([0, 5], [{ entry: 'Settings' }]);

const catalogSync = workflow(
	'catalog-sync.json',
	'M3 items and prices to Amazon listings (catalog sync)',
	'm3amzCatalogSync',
	[
		sticky(
			'About this workflow',
			"## M3 item master and prices -> Amazon listings\nEvery hour: items changed in M3 since the last run (MMS200MI by change date; every item at the 02:00 run, since custom fields carry no item change date) with their Amazon SKU and EAN (MMS025 aliases), custom fields (CUSEXTMI, file MITMAS) and sales prices (OIS017 price lists) -> **your mapping** (Settings > mapping: Amazon attribute <- M3 field, custom field or constant, with transforms; product type from the item group) -> offer price per marketplace (VAT added to net EU prices) -> each listing checked against Amazon's **product type definition** -> **only what changed** is sent: a JSON_LISTINGS_FEED per marketplace for many, a call per SKU for few -> the processing report, one item per SKU issue -> **ASIN and listing status back into M3** (custom fields named in Settings).\n\n**Set up**\n1. Credentials: *Infor M3 account*, *Amazon SP-API account* (with the seller id).\n2. Edit **Settings**: mapping, marketplaces (price list, VAT, status field), price lists, SKU/EAN alias types, custom fields for ASIN and status.\n\n**Failures**: listings the product type schema or Amazon refuse (nothing is sent for a schema failure), items the mapping cannot use and failed write-backs are kept in the data table *m3amz_dead_letter* with the reasons, and the execution fails (the error handler reports it). Fix the cause in M3 (or the mapping), then **Replay dead letter**: every item is read again and what changed is sent.",
			480,
			600,
		),
		{
			name: 'Every hour',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			at: [0, 0],
			parameters: { rule: { interval: [{ field: 'hours', hoursInterval: 1 }] } },
		},
		{
			...settingsNode({
				mapping: LISTING_MAPPING,
				marketplaces: [
					{ marketplaceId: 'ATVPDKIKX0DER', priceList: 'AMZUS', pricesInclude: 'gross', statusField: 'A830' },
					{ marketplaceId: 'A1PA6795UKMFR9', priceList: 'AMZEU', pricesInclude: 'net', vatPercent: '19', statusField: 'A930' },
				],
				priceLists: 'AMZUS/USD, AMZEU/EUR',
				skuAliasType: '1',
				eanAliasType: '2',
				customFieldFile: 'MITMAS',
				asinField: 'A730',
				itemStatuses: '20',
				feedThreshold: 20,
				fullResync: '={{ $json.fullResync === true || $now.hour === 2 }}',
			}),
			at: [1, 0],
		},
		{
			name: 'Items for listings in M3',
			type: `${P}inforM3`,
			at: [2, 0],
			parameters: {
				resource: 'item',
				operation: 'getForListings',
				changedSince: '',
				priceLists: `={{ ${S('priceLists')} }}`,
				options: {
					aliasType: `={{ ${S('skuAliasType')} }}`,
					eanAliasType: `={{ ${S('eanAliasType')} }}`,
					customFieldFile: `={{ ${S('customFieldFile')} }}`,
					itemStatuses: `={{ ${S('itemStatuses')} }}`,
					fullResync: `={{ ${S('fullResync')} }}`,
					rememberPosition: true,
				},
			},
			credentials: CREDS.m3,
			executeOnce: true,
		},
		{
			name: 'M3 items to Amazon listings',
			type: `${P}m3AmazonTransform`,
			at: [3, 0],
			parameters: {
				resource: 'listing',
				operation: 'm3ToAmazon',
				listingMapping: `={{ $('Settings').first().json.mapping }}`,
				listingMarketplaces: `={{ $('Settings').first().json.marketplaces }}`,
				asinField: `={{ $('Settings').first().json.asinField }}`,
			},
		},
		{
			name: 'Send listings to Amazon',
			type: `${P}amazonSellingPartner`,
			at: [4, 0],
			parameters: {
				resource: 'listing',
				operation: 'syncListings',
				sendMode: 'auto',
				feedThreshold: `={{ $('Settings').first().json.feedThreshold }}`,
				options: { maxWaitSeconds: 900, pollIntervalSeconds: 30 },
			},
			credentials: CREDS.sp,
			onError: 'continueErrorOutput',
		},
		{
			name: 'Write ASIN and status to M3',
			type: `${P}inforM3`,
			at: [5, 0],
			parameters: {
				resource: 'customField',
				operation: 'setMany',
				file: `={{ $('Settings').first().json.customFieldFile }}`,
				pk01: '={{ $json.m3.ITNO }}',
				values: {
					value: [
						{ field: '={{ $json.m3.asinField }}', value: '={{ $json.asin }}' },
						{ field: '={{ $json.m3.statusField }}', value: '={{ $json.listingStatus }}' },
					],
				},
				options: { onlyChanges: true, ignoreEmpty: true },
			},
			credentials: CREDS.m3,
			onError: 'continueErrorOutput',
		},
		...catalogFailures.nodes,
		...catalogReplay.nodes,
	],
	[
		['Every hour', 'Settings'],
		['Settings', 'Items for listings in M3'],
		['Items for listings in M3', 'M3 items to Amazon listings'],
		['M3 items to Amazon listings', 'Send listings to Amazon'],
		['M3 items to Amazon listings', 'Keep invalid M3 items', 1],
		['Send listings to Amazon', 'Write ASIN and status to M3'],
		['Send listings to Amazon', 'Keep listing errors', 1],
		['Write ASIN and status to M3', 'Keep M3 write-back errors', 1],
		...catalogFailures.links,
		...catalogReplay.links,
	],
);

// ---------------------------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------------------------
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

const ALL = [orderToCash, shipmentFeedback, inventorySync, inventoryReconciliation, catalogSync, paymentsToGl, returnsToM3, m3Cancellations, errorHandler];

function main() {
	const check = process.argv.includes('--check');
	let stale = 0;
	fs.mkdirSync(OUT, { recursive: true });
	for (const t of ALL) {
		const text = JSON.stringify(t.json, null, '\t') + '\n';
		const file = path.join(OUT, t.file);
		if (check) {
			if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
				stale++;
				process.stderr.write(`${t.file} differs from scripts/build-templates.js\n`);
			}
		} else fs.writeFileSync(file, text);
	}
	process.exit(stale ? 1 : 0);
}

if (require.main === module) main();

module.exports = { templates: ALL.map((t) => t.json), ERROR_WORKFLOW_ID };
