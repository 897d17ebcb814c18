// @ts-check
/**
 * The shipped templates in a real n8n: credentials pointing at the simulators, templates imported as a user would,
 * the event-driven ones published and driven through their real triggers (SQS poll, ION webhook), the scheduled
 * ones run with `n8n execute` on a copy whose schedule trigger is replaced by a Manual Trigger.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('../../scripts/lib/n8n-runtime');
const { startM3Simulator } = require('../../simulators/m3');
const { startSpApiSimulator } = require('../../simulators/spapi');
const { demoCredentials } = require('../../simulators/cli');

const TEMPLATES = ['order-to-cash', 'shipment-feedback', 'inventory-sync', 'catalog-sync', 'payments-to-gl', 'returns-to-m3', 'error-handler'];

/** @param {string} name */
function template(name) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', `${name}.json`), 'utf8'));
}

/** A copy of a scheduled template that `n8n execute` can start: the schedule trigger becomes a Manual Trigger. */
function manualCopy(/** @type {any} */ wf, /** @type {string} */ scheduleNode) {
	const copy = JSON.parse(JSON.stringify(wf));
	copy.id = `${wf.id}Manual`;
	copy.name = `${wf.name} (manual run)`;
	const n = copy.nodes.find((/** @type {any} */ x) => x.name === scheduleNode);
	n.type = 'n8n-nodes-base.manualTrigger';
	n.typeVersion = 1;
	n.parameters = {};
	delete copy.settings.errorWorkflow;
	return copy;
}

/** @param {any} wf @param {string} name @param {unknown} value */
function setSetting(wf, name, value) {
	const a = wf.nodes.find((/** @type {any} */ x) => x.name === 'Settings').parameters.assignments.assignments.find((/** @type {any} */ x) => x.name === name);
	a.value = typeof value === 'object' ? JSON.stringify(value) : value;
}

async function startSimulators() {
	const m3 = await startM3Simulator({ seed: 3, timeScale: 30 });
	const sp = await startSpApiSimulator({ seed: 3, timeScale: 30 });
	const creds = demoCredentials(m3, sp);
	const n8nCredentials = [
		{ id: 'm3amzInforM3', name: 'Infor M3 account', type: 'inforM3Api', data: creds.n8n.inforM3ApiIon },
		{ id: 'm3amzAmazonSpApi', name: 'Amazon SP-API account', type: 'amazonSpApi', data: creds.n8n.amazonSpApi },
		{ id: 'm3amzAwsSqs', name: 'AWS SQS (SP-API notifications)', type: 'awsSqsApi', data: creds.n8n.awsSqsApi },
		{ id: 'm3amzIonWebhook', name: 'ION API connection point', type: 'inforIonWebhookApi', data: creds.n8n.inforIonWebhookApi },
	];
	const workflows = TEMPLATES.map((t) => template(t));
	const byName = Object.fromEntries(TEMPLATES.map((t, i) => [t, workflows[i]]));
	byName['order-to-cash'].nodes.find((/** @type {any} */ n) => n.name === 'Amazon order notifications (SQS)').parameters.queueUrl = creds.spapi.sqs.queueUrl;
	byName['order-to-cash'].nodes.find((/** @type {any} */ n) => n.name === 'Amazon order notifications (SQS)').parameters.sqsOptions = { waitTimeSeconds: 1 };
	const inventory = manualCopy(byName['inventory-sync'], 'Every 15 minutes');
	setSetting(inventory, 'sellerId', creds.spapi.sellerId);
	const payments = manualCopy(byName['payments-to-gl'], 'Every day at 03:00');
	setSetting(payments, 'windowStart', new Date(Date.now() - 60 * 86400000).toISOString().slice(0, 10) + 'T00:00:00.000Z');
	setSetting(payments, 'windowEnd', new Date(Date.now() - 10 * 60000).toISOString());
	const shipmentsManual = manualCopy(byName['shipment-feedback'], 'Every 30 minutes');
	const catalog = manualCopy(byName['catalog-sync'], 'Every hour');
	const sendListings = catalog.nodes.find((/** @type {any} */ n) => n.name === 'Send listings to Amazon');
	sendListings.parameters.options = { ...sendListings.parameters.options, pollIntervalSeconds: 1 };
	const returns = manualCopy(byName['returns-to-m3'], 'Every 6 hours');
	setSetting(returns, 'reportPollSeconds', 1);
	return {
		m3,
		sp,
		creds,
		n8nCredentials,
		workflows: [...workflows, inventory, payments, shipmentsManual, catalog, returns],
		ids: {
			orderToCash: byName['order-to-cash'].id,
			shipmentFeedback: byName['shipment-feedback'].id,
			shipmentsManual: shipmentsManual.id,
			inventory: inventory.id,
			catalog: catalog.id,
			payments: payments.id,
			returns: returns.id,
			errorHandler: byName['error-handler'].id,
		},
		/** SQS counters of the notifications queue (sent, received, deleted) */
		queue() {
			const q = /** @type {any} */ (sp).sim.sqs.snapshot().find((/** @type {any} */ x) => x.name === 'sp-api-notifications');
			return { sent: q.sent, received: q.received, deleted: q.deleted, left: q.messages.length };
		},
		bod(/** @type {string} */ orno, /** @type {string} */ bodId) {
			return fs
				.readFileSync(path.join(ROOT, 'test', 'fixtures', 'bods', 'SyncShipment.xml'), 'utf8')
				.replace(/<BODID>[^<]*<\/BODID>/, `<BODID>${bodId}</BODID>`)
				.replace(/(<SalesOrderReference>\s*<DocumentID><ID>)[^<]*(<\/ID>)/g, `$1${orno}$2`);
		},
		async close() {
			await Promise.allSettled([m3.close(), sp.close()]);
		},
	};
}

/**
 * Polls `check` every second until it returns a truthy value or the time is up.
 * @template T @param {() => T | Promise<T>} check @param {number} timeoutMs @returns {Promise<T | undefined>}
 */
async function waitFor(check, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = await check();
		if (v) return v;
		if (Date.now() > deadline) return undefined;
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/**
 * Every top-level JSON object in a text, found by a scanner that knows JSON strings (so braces inside strings,
 * log lines before, between or after do not matter). Returns the parsed objects in order.
 * @param {string} text @returns {unknown[]}
 */
function jsonDocuments(text) {
	/** @type {unknown[]} */
	const docs = [];
	let i = 0;
	while (i < text.length) {
		const start = text.indexOf('{', i);
		if (start < 0) break;
		let depth = 0;
		let inString = false;
		let end = -1;
		for (let k = start; k < text.length; k++) {
			const c = text[k];
			if (inString) {
				if (c === '\\') k++;
				else if (c === '"') inString = false;
			} else if (c === '"') inString = true;
			else if (c === '{' || c === '[') depth++;
			else if (c === '}' || c === ']') {
				depth--;
				if (depth === 0) {
					end = k;
					break;
				}
			}
		}
		if (end < 0) break;
		try {
			docs.push(JSON.parse(text.slice(start, end + 1)));
			i = end + 1;
		} catch {
			i = start + 1; // a brace in a log line: look further
		}
	}
	return docs;
}

/**
 * The run data that `n8n execute --rawOutput` prints between its log lines: the JSON document that has the shape
 * of a run (`data.resultData` or `status`). Throws with the reason (and the output's tail) when there is none.
 * @param {string} stdout
 */
function parseRun(stdout) {
	const docs = jsonDocuments(stdout);
	const run = docs.find(
		(d) => typeof d === 'object' && d !== null && ('status' in d || (/** @type {any} */ (d).data && /** @type {any} */ (d).data.resultData)),
	);
	if (run) return /** @type {any} */ (run);
	const why = docs.length
		? `${docs.length} JSON document(s) in the output, none with "status" or "data.resultData"`
		: stdout.trim()
			? 'no complete JSON document in the output'
			: 'the output is empty';
	throw new Error(`cannot read the result of n8n execute: ${why}. Output tail:\n${stdout.slice(-1500)}`);
}

module.exports = { startSimulators, waitFor, parseRun, jsonDocuments, TEMPLATES };
