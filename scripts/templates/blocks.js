// @ts-check
/**
 * The building blocks every workflow template is made of (scripts/templates/<template>.js; scripts/build-templates.js
 * writes them to workflows/*.json): node types, credential placeholders, the Settings node, sticky notes, the
 * workflow envelope (ids, positions, connections, settings) and the failure handling all templates share.
 *
 * Conventions: node types "n8n-nodes-m3-amazon.<name>" (the package installed under ~/.n8n/nodes); one "Settings"
 * node (Edit Fields) per template holds every value a user configures; downstream nodes read it with
 * `$('Settings').item.json.<name>`; failing items go to clearly named branches and the workflow names the
 * error-handler workflow in settings.errorWorkflow.
 */
const { createHash } = require('node:crypto');

const P = 'n8n-nodes-m3-amazon.';
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

/** @param {string} name @param {string} content @param {number} height @param {number} width */
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

module.exports = {
	P,
	CREDS,
	ERROR_WORKFLOW_ID,
	S,
	settingsNode,
	sticky,
	workflow,
	DEAD_LETTER_TABLE,
	DEAD_LETTER_COLUMNS,
	keepNode,
	failTheExecution,
	replayPath,
	quantityRule,
};
