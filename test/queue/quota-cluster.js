// @ts-check
'use strict';
/**
 * Quota simulation of n8n queue mode: W worker *processes* share one seller's SP-API quota.
 *
 * This process plays n8n's main instance and its Redis queue: it starts both simulators (127.0.0.1, time-scaled),
 * creates N Amazon orders with one ORDER_CHANGE each, receives them through the order-to-cash template's own SQS
 * trigger (engine.runPoll), and puts one job per notification on a queue, as n8n does for webhook-delivered
 * notifications (SP-API EventBridge Trigger: one execution per notification). A share of the notifications is
 * queued twice at the same moment, the way two webhook processors may each accept the same delivery.
 * W child processes (`node quota-cluster.js --worker`) play `n8n worker --concurrency=C`: each loads the built
 * package (dist/) into n8n-core's engine (test/harness/engine.js) and runs the template from the trigger's output on
 * the jobs it takes. A worker takes a job whenever it has a free slot, like Bull. Every process has its own module
 * state, so its own SP-API token buckets, exactly as n8n workers do.
 *
 * Used by bench/order-import-queue.bench.js (figures) and test/queue/quota.js (`npm run test:quota`, counts).
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const TRIGGER = 'Amazon order notifications (SQS)';
// where the template's failed items go (on to the dead letter and "Fail the execution")
const ERROR_NODES = ['Failed items'];

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The order-to-cash template, its SQS trigger pointed at the simulator's queue. @param {string} queueUrl */
function orderToCash(queueUrl) {
	const wf = JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', 'order-to-cash.json'), 'utf8'));
	const trigger = wf.nodes.find((/** @type {any} */ n) => n.name === TRIGGER);
	if (!trigger) throw new Error(`order-to-cash has no node "${TRIGGER}"`);
	trigger.parameters.queueUrl = queueUrl;
	// an empty queue answers at once instead of a (scaled) long poll
	trigger.parameters.sqsOptions = { waitTimeSeconds: 0 };
	return wf;
}

/** Text of an error-branch item. @param {any} j */
function errorText(j) {
	try {
		return JSON.stringify(j.error ?? j.issues ?? j);
	} catch {
		return String(j);
	}
}

// ------------------------------------------------------------------------------------------------ worker process
async function workerMain() {
	const engine = require('../harness/engine');
	/** @type {any} */
	let session;
	/** @type {any} */
	let wf;
	process.on('message', async (/** @type {any} */ msg) => {
		if (msg.type === 'init') {
			session = engine.createSession({ from: 'dist', credentials: msg.credentials });
			if (session.missing.length) throw new Error(`built package is missing ${session.missing.join(', ')}`);
			wf = msg.workflow;
			/** @type {any} */ (process).send({ type: 'ready', pid: process.pid });
		} else if (msg.type === 'job') {
			/** @type {any} */
			const reply = { type: 'done', id: msg.id, created: [], existing: [], errors: [], status: 'error', nodeMs: {} };
			try {
				const r = await session.run(wf, { startNode: TRIGGER, input: msg.items, mode: 'trigger' });
				reply.status = r.status;
				if (r.status !== 'success') reply.errors.push({ node: '(workflow)', text: String(r.error && r.error.message) });
				for (const j of r.output('Create M3 customer order') ?? []) (j.created === true ? reply.created : reply.existing).push(j.CUOR);
				for (const n of ERROR_NODES) for (const j of r.output(n) ?? []) reply.errors.push({ node: n, text: errorText(j).slice(0, 400) });
				for (const [n, runs] of Object.entries(r.runData)) {
					for (const x of /** @type {any[]} */ (runs)) reply.nodeMs[n] = (reply.nodeMs[n] ?? 0) + (x.executionTime ?? 0);
				}
			} catch (e) {
				reply.errors.push({ node: '(engine)', text: String(e && /** @type {any} */ (e).stack) });
			}
			/** @type {any} */ (process).send(reply);
		} else if (msg.type === 'exit') {
			process.exit(0);
		}
	});
}

// ------------------------------------------------------------------------------------------------ main process
/**
 * @typedef {{ workers: number, orders: number, duplicatePercent?: number, concurrency?: number, timeScale?: number,
 *   quotaProcesses?: number, seed?: number, log?: (msg: string) => void }} ClusterOptions
 * @typedef {{ workers: number, quotaProcesses: number, orders: number, jobs: number, duplicatesDelivered: number,
 *   inM3: number, duplicates: number, created: number, existing: number, failedItems: Array<{node: string, text: string}>,
 *   throttled: number, spRequests: Record<string, {count: number, throttled: number}>, seconds: number, ceiling: number,
 *   ratioOfCeiling: number, rate: number, burst: number, jobsPerWorker: number[] }} ClusterResult
 */

/**
 * @param {ClusterOptions} opts
 * @returns {Promise<ClusterResult>}
 */
async function runQuotaCluster(opts) {
	const W = opts.workers;
	const N = opts.orders;
	const dupPercent = opts.duplicatePercent ?? 10;
	const concurrency = opts.concurrency ?? 10;
	const timeScale = opts.timeScale ?? 20;
	const quotaProcesses = opts.quotaProcesses ?? W;
	const log = opts.log ?? (() => undefined);
	if (!fs.existsSync(path.join(ROOT, 'dist', 'package.json'))) throw new Error('dist/ not built (npm run build)');

	const { startSpApiSimulator } = require('../../simulators/spapi');
	const { startM3Simulator } = require('../../simulators/m3');
	const { demoCredentials, orderableSkus, newMfnOrder } = require('../../simulators/cli');
	const engine = require('../harness/engine');

	const m3 = await startM3Simulator({ seed: opts.seed ?? 1, timeScale });
	const sp = await startSpApiSimulator({ seed: opts.seed ?? 1, timeScale, record: false });
	/** @type {import('node:child_process').ChildProcess[]} */
	const children = [];
	try {
		const creds = demoCredentials(m3, sp);
		const credentials = {
			inforM3Api: creds.n8n.inforM3ApiIon,
			amazonSpApi: { ...creds.n8n.amazonSpApi, quotaProcesses },
			awsSqsApi: creds.n8n.awsSqsApi,
		};
		const wf = orderToCash(creds.spapi.sqs.queueUrl);

		const skus = orderableSkus(m3, sp);
		if (skus.length < 10) throw new Error(`only ${skus.length} usable SKUs`);
		/** @param {number} k */
		const newOrder = (k) => newMfnOrder(sp, skus, k);

		// ---------------------------------------------------------------- workers up (each loads n8n-core + the package)
		const ready = [];
		for (let i = 0; i < W; i++) {
			const child = fork(__filename, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
			children.push(child);
			ready.push(
				new Promise((resolve, reject) => {
					child.once('message', (/** @type {any} */ m) => (m.type === 'ready' ? resolve(m) : reject(new Error(JSON.stringify(m)))));
					child.once('exit', (code) => reject(new Error(`worker ${i + 1} exited with ${code} before it was ready`)));
				}),
			);
			child.send({ type: 'init', credentials, workflow: wf });
		}
		await Promise.all(ready);
		for (const c of children) c.removeAllListeners('exit');

		/** @type {Map<number, (r: any) => void>} */
		const pending = new Map();
		const running = children.map(() => 0);
		const jobsPerWorker = children.map(() => 0);
		children.forEach((c, i) =>
			c.on('message', (/** @type {any} */ m) => {
				if (m.type !== 'done') return;
				running[i]--;
				pending.get(m.id)?.(m);
				pending.delete(m.id);
			}),
		);
		let nextId = 0;
		/** @typedef {{ items: any[], resolve: (r: any) => void, twinOf?: QueuedJob, worker?: number }} QueuedJob */
		/** @type {QueuedJob[]} */
		const queue = [];
		const dispatch = () => {
			while (queue.length > 0) {
				const job = queue[0];
				// a duplicate delivery goes to another worker than its twin when one has a free slot
				const avoid = job.twinOf?.worker;
				// the free worker with the fewest running executions (Bull: whichever free worker asks first)
				let best = -1;
				for (let i = 0; i < W; i++) {
					if (running[i] >= concurrency || i === avoid) continue;
					if (best < 0 || running[i] < running[best]) best = i;
				}
				if (best < 0 && avoid !== undefined && running[avoid] < concurrency) best = avoid;
				if (best < 0) return;
				queue.shift();
				const id = nextId++;
				const worker = best;
				job.worker = worker;
				running[worker]++;
				jobsPerWorker[worker]++;
				pending.set(id, (r) => {
					job.resolve({ ...r, worker });
					dispatch();
				});
				children[worker].send({ type: 'job', id, items: job.items });
			}
		};
		/** @param {any[]} items @param {QueuedJob} [twinOf] @returns {{ job: QueuedJob, done: Promise<any> }} */
		const enqueue = (items, twinOf) => {
			/** @type {any} */
			const job = { items, twinOf };
			const done = new Promise((resolve) => (job.resolve = resolve));
			queue.push(job);
			return { job, done };
		};

		// ---------------------------------------------------------------- warm-up: one order per worker (tokens, modules)
		const warmOrders = Array.from({ length: W }, (_v, i) => newOrder(N + i));
		for (const o of warmOrders) sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		const trigger = engine.createSession({ from: 'dist', credentials });
		const receive = async () => {
			/** @type {any[]} */
			const items = [];
			for (let round = 0; round < 1000; round++) {
				const polled = await engine.runPoll(trigger, wf, TRIGGER);
				if (!polled || polled[0].length === 0) break;
				items.push(...polled[0]);
			}
			return items;
		};
		const warmItems = await receive();
		const warmJobs = warmItems.map((it) => enqueue([it]).done);
		dispatch();
		const warm = await Promise.all(warmJobs);
		const warmErrors = warm.flatMap((r) => r.errors);
		if (warmErrors.length) throw new Error(`warm-up failed: ${JSON.stringify(warmErrors[0])}`);
		const bucketKey = Object.keys(sp.sim.limiter.snapshot()).find((k) => k.endsWith('|orders2026.getOrder'));
		if (!bucketKey) throw new Error('no getOrder rate-limit bucket after the warm-up');
		const { rate, burst } = sp.sim.limiter.snapshot()[bucketKey]; // rate is scaled: what x-amzn-RateLimit-Limit says
		await sleep(Math.ceil((burst / rate) * 1000) + 300); // let Amazon's bucket (and every worker's share) fill up again

		// ---------------------------------------------------------------- N orders, one notification each (+ duplicates)
		const orders = Array.from({ length: N }, (_v, k) => newOrder(k));
		for (const o of orders) sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		const items = await receive();
		if (items.length !== N) throw new Error(`the trigger emitted ${items.length} notifications for ${N} orders`);
		const dupEvery = dupPercent > 0 ? Math.max(1, Math.round(100 / dupPercent)) : 0;
		const logStart = sp.state.requestLog.length;
		const t0 = performance.now();
		/** @type {Promise<any>[]} */
		const jobs = [];
		let duplicatesDelivered = 0;
		for (let k = 0; k < items.length; k++) {
			const first = enqueue([items[k]]);
			jobs.push(first.done);
			if (dupEvery && k % dupEvery === 0) {
				// the same notification again at the same moment (two webhook processors accepted the same delivery)
				duplicatesDelivered++;
				jobs.push(enqueue([items[k]], first.job).done);
			}
		}
		dispatch();
		const results = await Promise.all(jobs);
		const seconds = (performance.now() - t0) / 1000;

		// ---------------------------------------------------------------- counts
		const ids = new Set(orders.map((o) => o.orderId));
		/** @type {Map<string, number>} */
		const byCuor = new Map();
		for (const o of Object.values(m3.state.orders)) {
			const c = /** @type {any} */ (o).head.CUOR;
			if (ids.has(c)) byCuor.set(c, (byCuor.get(c) ?? 0) + 1);
		}
		/** @type {Record<string, {count: number, throttled: number}>} */
		const spRequests = {};
		for (const e of sp.state.requestLog.slice(logStart)) {
			const k = e.operation || e.kind || e.path;
			const b = (spRequests[k] = spRequests[k] || { count: 0, throttled: 0 });
			b.count++;
			if (e.status === 429) b.throttled++;
		}
		const throttled = Object.values(spRequests).reduce((a, b) => a + b.throttled, 0);
		const ceiling = Math.max(0, jobs.length - burst) / rate;
		const result = {
			workers: W,
			quotaProcesses,
			orders: N,
			jobs: jobs.length,
			duplicatesDelivered,
			inM3: byCuor.size,
			duplicates: [...byCuor.values()].filter((n) => n > 1).length,
			created: results.reduce((a, r) => a + r.created.length, 0),
			existing: results.reduce((a, r) => a + r.existing.length, 0),
			failedItems: results.flatMap((r) => r.errors),
			throttled,
			spRequests,
			seconds,
			ceiling,
			ratioOfCeiling: ceiling / seconds,
			rate,
			burst,
			jobsPerWorker: jobsPerWorker.map((n, i) => n - warm.filter((r) => r.worker === i).length),
		};
		log(
			`workers ${W} (quota share 1/${quotaProcesses}, concurrency ${concurrency}): ${N} orders + ${duplicatesDelivered} duplicate deliveries ` +
				`= ${jobs.length} executions (per worker ${result.jobsPerWorker.join('/')}); getOrder ${rate} rps + burst ${burst}: ceiling ` +
				`${ceiling.toFixed(2)} s, actual ${seconds.toFixed(2)} s; ${result.created} created, ${result.existing} found existing, ` +
				`${result.inM3}/${N} in M3, ${result.duplicates} duplicated; SP-API ${JSON.stringify(spRequests)}`,
		);
		/** @type {Record<string, number>} */
		const nodeMs = {};
		for (const r of results) for (const [n, v] of Object.entries(r.nodeMs)) nodeMs[n] = (nodeMs[n] ?? 0) + /** @type {number} */ (v);
		log(`  mean ms per execution: ${Object.entries(nodeMs).map(([n, v]) => `${n} ${Math.round(v / results.length)}`).join(', ')}`);
		for (const e of result.failedItems.slice(0, 5)) log(`  failed item [${e.node}] ${e.text.slice(0, 300)}`);
		return result;
	} finally {
		for (const c of children) {
			if (c.connected) c.send({ type: 'exit' });
		}
		await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
		await Promise.allSettled([m3.close(), sp.close()]);
	}
}

module.exports = { runQuotaCluster };

if (process.argv[2] === '--worker') {
	workerMain().catch((e) => {
		process.stderr.write(`quota worker failed: ${e && e.stack ? e.stack : e}\n`);
		process.exit(1);
	});
}
