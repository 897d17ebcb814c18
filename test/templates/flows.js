// @ts-check
/**
 * The shipped templates run the way n8n runs them, against both simulators (test/harness): shared by the failure-path
 * tests (test/templates/failures.test.ts), the fault suite (scripts/faults.js) and the e2e preparation.
 *
 *   const w = await startWorld({ seed: 3 });          // simulators + a session with the error handler and its
 *   const o2c = w.template('order-to-cash.json');     //   dead-letter table; templates pointed at the simulators
 *   await w.orderToCash(o2c);                          // SQS polls until the queue is empty, each batch run
 *   w.deadLetter('m3amzOrderToCash');                  // rows of the dead letter (n8n data table)
 */
const fs = require('node:fs');
const path = require('node:path');
const engine = require('../harness/engine');
const { startM3Simulator } = require('../../simulators/m3');
const { startSpApiSimulator } = require('../../simulators/spapi');
const { demoCredentials } = require('../../simulators/cli');

const ROOT = path.resolve(__dirname, '..', '..');
const DEAD_LETTER_TABLE = 'm3amz_dead_letter';

/** @param {string} file */
function loadTemplate(file) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', file), 'utf8'));
}

/** @param {any} wf @param {string} name */
function node(wf, name) {
	const n = wf.nodes.find((/** @type {any} */ x) => x.name === name);
	if (!n) throw new Error(`template ${wf.name} has no node "${name}"`);
	return n;
}

/** @param {any} wf @param {string} name @param {unknown} value */
function setSetting(wf, name, value) {
	const a = node(wf, 'Settings').parameters.assignments.assignments.find((/** @type {any} */ x) => x.name === name);
	if (!a) throw new Error(`template ${wf.name} has no setting "${name}"`);
	a.value = typeof value === 'object' ? JSON.stringify(value) : value;
}

/**
 * @param {{ seed?: number, timeScale?: number, from?: 'source'|'dist'|'compiled', m3?: any, spapi?: any, ion?: boolean }} [opts]
 */
async function startWorld(opts = {}) {
	const seed = opts.seed ?? 5;
	const m3 = await startM3Simulator({ seed, timeScale: opts.timeScale ?? 30, ...(opts.m3 ?? {}) });
	const sp = await startSpApiSimulator({ seed, timeScale: opts.timeScale ?? 30, ...(opts.spapi ?? {}) });
	const creds = demoCredentials(m3, sp);
	const credentials = {
		inforM3Api: opts.ion ? creds.n8n.inforM3ApiIon : creds.n8n.inforM3ApiDirect,
		amazonSpApi: creds.n8n.amazonSpApi,
		awsSqsApi: creds.n8n.awsSqsApi,
		inforIonWebhookApi: creds.n8n.inforIonWebhookApi,
	};
	const session = engine.createSession({ credentials, ...(opts.from ? { from: opts.from } : {}) });
	const errorHandler = loadTemplate('error-handler.json');
	session.register(errorHandler);
	const setup = await session.run(errorHandler, { startNode: 'Create the dead-letter table' });
	if (setup.status !== 'success') throw new Error(`dead-letter table set-up failed: ${setup.error?.message}`);

	/** A template pointed at the simulators (queue URL, seller id, look-back of the seeded history). @param {string} file */
	function template(file) {
		const wf = loadTemplate(file);
		if (file === 'order-to-cash.json') {
			const q = node(wf, 'Amazon order notifications (SQS)');
			q.parameters.queueUrl = creds.spapi.sqs.queueUrl;
			q.parameters.sqsOptions = { waitTimeSeconds: 0, visibilityTimeout: 600 };
			node(wf, 'Missed orders backstop').parameters.backstopOptions = { fulfilledBy: 'MERCHANT', initialLookbackMinutes: 60 * 24 * 30 };
		}
		if (file === 'inventory-sync.json') {
			setSetting(wf, 'sellerId', creds.spapi.sellerId);
			// a feed's processing report comes within seconds at the simulator's time scale
			const send = node(wf, 'Send quantities to Amazon');
			send.parameters.options = { ...send.parameters.options, pollIntervalSeconds: 0.2 };
		}
		if (file === 'catalog-sync.json') {
			// the feed's processing report comes within seconds at the simulator's time scale
			const send = node(wf, 'Send listings to Amazon');
			send.parameters.options = { ...send.parameters.options, pollIntervalSeconds: 0.2 };
		}
		if (file === 'payments-to-gl.json') {
			setSetting(wf, 'windowStart', `={{ $json.windowStart || '${new Date(Date.now() - 60 * 86400000).toISOString().slice(0, 10)}T00:00:00.000Z' }}`);
			setSetting(wf, 'windowEnd', `={{ $json.windowEnd || '${new Date(Date.now() - 5 * 60000).toISOString()}' }}`);
		}
		return wf;
	}

	/**
	 * order-to-cash as n8n runs it: poll SQS, run the emitted items, until the queue gives nothing more.
	 * @param {any} wf @param {{ rounds?: number }} [o]
	 */
	async function orderToCash(wf, o = {}) {
		const runs = [];
		for (let round = 0; round < (o.rounds ?? 30); round++) {
			const polled = await engine.runPoll(session, wf, 'Amazon order notifications (SQS)');
			if (!polled || polled[0].length === 0) break;
			runs.push(await session.run(wf, { startNode: 'Amazon order notifications (SQS)', input: polled[0], mode: 'trigger' }));
		}
		return runs;
	}

	/** Runs a template from one of its start nodes (a schedule "fires"). @param {any} wf @param {string} start */
	async function fire(wf, start) {
		return await session.run(wf, { startNode: start, mode: 'trigger' });
	}

	/** "Replay dead letter" in the editor. @param {any} wf */
	async function replay(wf) {
		return await session.run(wf, { startNode: 'Replay dead letter', mode: 'manual' });
	}

	/** @param {string} [workflowId] @returns {any[]} */
	function deadLetter(workflowId) {
		return session.dataTables.rows(DEAD_LETTER_TABLE).filter((/** @type {any} */ r) => !workflowId || r.workflow === workflowId);
	}

	return {
		m3,
		sp,
		creds,
		session,
		template,
		orderToCash,
		fire,
		replay,
		deadLetter,
		/** messages still on the notifications queue (in flight or visible) */
		queued: () => sp.sim.sqs.snapshot().reduce((/** @type {number} */ n, /** @type {any} */ q) => n + q.messages.length, 0),
		close: async () => {
			await Promise.allSettled([m3.close(), sp.close()]);
		},
	};
}

module.exports = { startWorld, loadTemplate, node, setSetting, DEAD_LETTER_TABLE };
