// @ts-check
/**
 * Failure handling shared by every template (docs/guide/failures.md):
 *   failing output -> "Keep …" (n8n Data table upsert into m3amz_dead_letter: key, input, node, reason, details, time,
 *   replays) -> "Failed items" (Merge, append: n8n-core runs it after every other branch) -> "Fail the execution"
 *   (Stop and Error: the execution is marked failed and the error-handler workflow runs).
 *   "Replay dead letter" (manual) -> open rows of this workflow -> marked replayed -> their input re-enters the
 *   workflow; an item failing again is kept again (status open), one that succeeds stays "replayed".
 * Dead-letter rows are written with expressions (without {{ }}); the ones several templates use are here too.
 */

/** @typedef {[number, number]} At column, row on the canvas */
/** @typedef {[string, string, number?, number?]} Link from, to, fromOutput, toInput */
/** @typedef {{ nodes: any[], links: Link[] }} Part */
/** @typedef {{ key: string, input: string, replays?: string }} Row expressions for a dead-letter row (replays: REPLAYS) */

const S = (/** @type {string} */ k) => `$('Settings').item.json.${k}`;

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

/** The key a replayed item brings along (Replay item: deadLetter.key); `?? <new key>` for a fresh one. */
const REPLAYED_KEY = `${S('deadLetter')}?.key`;
/** How often the item was replayed (0 for a fresh one). */
const REPLAYS = `${S('deadLetter')}?.replays ?? 0`;
/** The posting window of the item (Settings windowStart/windowEnd): what a window-based template replays. */
const WINDOW = `{ windowStart: ${S('windowStart')}, windowEnd: ${S('windowEnd')} }`;
/** `'<label> <windowStart> - <windowEnd>'` @param {string} label */
const windowKey = (label) => `'${label} ' + ${S('windowStart')} + ' - ' + ${S('windowEnd')}`;
/**
 * `'<label> <id>'` when the failed item's input has `field`, else the window (windowKey(windowLabel)).
 * @param {string} field @param {string} label @param {string} windowLabel
 */
const idOrWindowKey = (field, label, windowLabel) =>
	`($json.details?.input?.${field} ? '${label} ' + $json.details.input.${field} : ${windowKey(windowLabel)})`;

/**
 * A data table node on the dead-letter rows.
 * @param {string} name @param {At} at @param {string} operation @param {any[]} conditions @param {Record<string, unknown>} more
 */
function rowsNode(name, at, operation, conditions, more) {
	return {
		name,
		type: 'n8n-nodes-base.dataTable',
		typeVersion: 1.1,
		at,
		parameters: { resource: 'row', operation, dataTableId: deadLetterTable, matchType: 'allConditions', filters: { conditions }, ...more },
	};
}

/** @param {Record<string, string>} value the columns written */
function columns(value) {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: deadLetterSchema,
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

/**
 * A "Keep …" node: the failed items of one branch into the dead letter, one row per key and workflow (a second
 * failure of the same item updates its row).
 * @param {string} name @param {At} at @param {Row} e
 */
function keepNode(name, at, e) {
	const key = `={{ String(${e.key}) }}`;
	return rowsNode(name, at, 'upsert', [thisWorkflow, { keyName: 'key', condition: 'eq', keyValue: key }], {
		columns: columns({
			workflow: '={{ $workflow.id }}',
			key,
			status: 'open',
			node: "={{ $json.details?.node ?? '' }}",
			reason: '={{ String($json.error ?? $json.message ?? "unknown failure") }}',
			retryable: '={{ $json.details?.retryable === true }}',
			input: `={{ JSON.stringify(${e.input}) }}`,
			details: '={{ JSON.stringify({ ...($json.details ?? {}), input: undefined }) }}',
			failedAt: '={{ $now.toISO() }}',
			replays: `={{ ${e.replays ?? REPLAYS} }}`,
			executionId: '={{ $execution.id }}',
		}),
		options: {},
	});
}

/**
 * The end of every failure branch: "Failed items" (append) -> "Fail the execution".
 * With `settled`: a "Done or kept" merge takes every item of `settled.from` (input 0) and the kept rows (input 1) and
 * feeds `settled.then` once every item of the execution is done, skipped or kept — n8n-core runs a merge that misses
 * an input only when nothing else is left, and runs the children of "Failed items" top to bottom, so `then` runs
 * before "Fail the execution" (placed below it). Used to acknowledge SQS messages only then.
 * @param {string[]} keepNodes @param {At} at position of the merge
 * @param {{ from: string, then: any }} [settled]
 * @returns {Part}
 */
function failTheExecution(keepNodes, at, settled) {
	/** @type {any[]} */
	const nodes = [];
	/** @type {Link[]} */
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
 * A template's failure branch: a "Keep …" node per failing output (in this order: the inputs of "Failed items"),
 * then failTheExecution.
 * @param {{ at: At, keep: Array<[string, At, Row]>, settled?: { from: string, then: any } }} d
 * @returns {Part}
 */
function deadLetterBranch(d) {
	const end = failTheExecution(
		d.keep.map(([name]) => name),
		d.at,
		d.settled,
	);
	return { nodes: [...d.keep.map(([name, at, row]) => keepNode(name, at, row)), ...end.nodes], links: end.links };
}

/**
 * "Replay dead letter" -> open rows of this workflow (optionally of some failing nodes) -> marked replayed ->
 * the stored input (+ deadLetter {key, replays}) -> `entry`.
 * @param {{ at: At, routes: Array<{ entry: string, nodes?: string[], suffix?: string }> }} r
 * @returns {Part}
 */
function replayPath({ at, routes }) {
	/** @type {any[]} */
	const nodes = [{ name: 'Replay dead letter', type: 'n8n-nodes-base.manualTrigger', at, parameters: {} }];
	/** @type {Link[]} */
	const links = [];
	routes.forEach((r, i) => {
		const sfx = r.suffix ? ` (${r.suffix})` : '';
		const row = at[1] + i;
		const open = [thisWorkflow, { keyName: 'status', condition: 'eq', keyValue: 'open' }];
		nodes.push(
			rowsNode(`Open dead letters${sfx}`, [at[0] + 1, row], 'get', r.nodes ? [...open, ...r.nodes.map((n) => ({ keyName: 'node', condition: 'eq', keyValue: n }))] : open, {
				returnAll: true,
			}),
			rowsNode(`Mark as replayed${sfx}`, [at[0] + 2, row], 'update', [{ keyName: 'id', condition: 'eq', keyValue: '={{ $json.id }}' }], {
				columns: columns({ status: 'replayed', replays: '={{ ($json.replays || 0) + 1 }}' }),
				options: {},
			}),
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

module.exports = {
	S,
	DEAD_LETTER_TABLE,
	DEAD_LETTER_COLUMNS,
	REPLAYED_KEY,
	REPLAYS,
	WINDOW,
	windowKey,
	idOrWindowKey,
	keepNode,
	failTheExecution,
	deadLetterBranch,
	replayPath,
};
