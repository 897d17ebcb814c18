// @ts-check
'use strict';
/**
 * Order import throughput against the SP-API getOrder rate limit: N new Amazon orders (UNSHIPPED, MFN, US, lines
 * whose SKUs are M3 item aliases) -> one ORDER_CHANGE each in the simulated SQS queue -> the shipped order-to-cash
 * template (workflows/order-to-cash.json: SQS trigger poll -> Settings -> Get Amazon order (Orders 2026-01-01) ->
 * Transform -> Create M3 customer order), polled and run until the queue is empty, through
 * n8n-core's engine (test/harness/engine.js) with the built node types (dist/), against both simulators on
 * 127.0.0.1 at a time scale (default 20: getOrder 0.5 rps x 20 = 10 rps, burst 30).
 *
 * A warm-up order goes through the same path first (modules, LWA and ION tokens); then the bench waits until the
 * getOrder bucket is full again, so the ceiling below may count the whole burst.
 *
 * Prints exactly one line on stdout:
 *   BENCH order-import orders=<n> ratio_of_ceiling=<n> throttled=<n> m3_calls_per_order=<n>
 * orders              orders created in M3 (CUOR = Amazon order id, checked in the M3 simulator's state); must be N
 * ratio_of_ceiling    ceiling_time / actual_time, where ceiling_time = (N - burst) / (rate x timeScale) is the fastest
 *                     the getOrder bucket allows (the burst is free; rate x timeScale is what x-amzn-RateLimit-Limit
 *                     reports) and actual_time runs from the first poll to the end of the last workflow run
 * throttled           items on the template's error branches whose error is a 429 / QuotaExceeded (429s the
 *                     client absorbed by waiting and retrying are listed on stderr, from the simulator's log)
 * m3_calls_per_order  HTTP requests to the M3 simulator (MI API + ION token, not the control API) during the
 *                     measured runs / orders created; MI transactions per order are listed on stderr
 * Exit code 1 (and no BENCH line) if orders are missing, duplicated, or the workflow failed.
 */
const fs = require('node:fs');
const path = require('node:path');
const { startCountedM3 } = require('./lib/counted-m3');

const ROOT = path.resolve(__dirname, '..');
const N = Number(process.env.ORDER_BENCH_ORDERS || 150);
const TIME_SCALE = Number(process.env.ORDER_BENCH_TIMESCALE || 20);
const DEADLINE_MS = 170000; // hard stop: the bench must end in < 3 minutes
const TRIGGER = 'Amazon order notifications (SQS)';
const ERROR_NODES = ['Amazon errors', 'Invalid orders', 'M3 rejected orders'];

/** @param {string} msg */
const log = (msg) => process.stderr.write(`order-import: ${msg}\n`);
/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {any} wf @param {string} name */
function node(wf, name) {
	const n = wf.nodes.find((/** @type {any} */ x) => x.name === name);
	if (!n) throw new Error(`template ${wf.name} has no node "${name}"`);
	return n;
}

/** @param {Record<string, number>} after @param {Record<string, number>} before */
function diffCounts(after, before) {
	/** @type {Record<string, number>} */
	const d = {};
	for (const [k, v] of Object.entries(after)) if (v - (before[k] || 0) > 0) d[k] = v - (before[k] || 0);
	return d;
}

/** Text of an error-branch item, to tell 429s from other errors. @param {any} j */
function errorText(j) {
	try {
		return JSON.stringify(j.error ?? j.issues ?? j);
	} catch {
		return String(j);
	}
}

/** @param {any} j */
const is429 = (j) => /\b429\b|QuotaExceeded|Too Many Requests|throttl/i.test(errorText(j));

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'package.json'))) throw new Error('dist/ not built (npm run build)');
	const { startSpApiSimulator } = require('../simulators/spapi');
	const { demoCredentials, orderableSkus, newMfnOrder } = require('../simulators/cli');
	const engine = require('../test/harness/engine');

	const { sim: m3, counter: m3Http } = await startCountedM3({ seed: 1, timeScale: TIME_SCALE });
	const sp = await startSpApiSimulator({ seed: 1, timeScale: TIME_SCALE, record: false });
	try {
		const creds = demoCredentials(m3, sp);
		const session = engine.createSession({
			from: 'dist',
			credentials: {
				inforM3Api: creds.n8n.inforM3ApiIon,
				amazonSpApi: creds.n8n.amazonSpApi,
				awsSqsApi: creds.n8n.awsSqsApi,
			},
		});
		if (session.missing.length) throw new Error(`built package is missing ${session.missing.join(', ')}`);
		const wf = JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', 'order-to-cash.json'), 'utf8'));
		node(wf, TRIGGER).parameters.queueUrl = creds.spapi.sqs.queueUrl;
		// an empty queue answers at once instead of a (scaled) long poll: the bench polls until it is empty
		node(wf, TRIGGER).parameters.sqsOptions = { waitTimeSeconds: 0 };

		const skus = orderableSkus(m3, sp);
		if (skus.length < 10) throw new Error(`only ${skus.length} usable SKUs`);
		/** @param {number} k */
		const newOrder = (k) => newMfnOrder(sp, skus, k);
		const emitted = new Set();
		/** @param {any} o */
		const emit = (o) => {
			sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
			emitted.add(o.orderId);
		};

		/**
		 * Polls the trigger and runs the workflow on what it emitted until a poll comes back empty.
		 * @returns {Promise<{ notifications: number, runs: number, lastRunEnd: number, errorItems: any[], created: number, nodeMs: Record<string, number> }>}
		 */
		const drain = async () => {
			let notifications = 0;
			let runs = 0;
			let lastRunEnd = performance.now();
			let created = 0;
			/** @type {any[]} */
			const errorItems = [];
			/** @type {Record<string, number>} node -> ms, summed over the runs */
			const nodeMs = {};
			for (let round = 0; round < 1000; round++) {
				const polled = await engine.runPoll(session, wf, TRIGGER);
				if (!polled || polled[0].length === 0) break;
				notifications += polled[0].length;
				const r = await session.run(wf, { startNode: TRIGGER, input: polled[0], mode: 'trigger' });
				runs++;
				lastRunEnd = performance.now();
				if (r.status !== 'success') throw new Error(`workflow ended ${r.status}: ${r.error && r.error.message}`);
				created += (r.output('Create M3 customer order') ?? []).filter((/** @type {any} */ j) => j.created === true).length;
				for (const n of ERROR_NODES) for (const j of r.output(n) ?? []) errorItems.push({ node: n, item: j });
				for (const [n, runsOf] of Object.entries(r.runData)) {
					for (const x of /** @type {any[]} */ (runsOf)) nodeMs[n] = (nodeMs[n] ?? 0) + (x.executionTime ?? 0);
				}
			}
			return { notifications, runs, lastRunEnd, errorItems, created, nodeMs };
		};

		// ---------------------------------------------------------------- warm-up: one order end to end
		const warmOrder = newOrder(N);
		emit(warmOrder);
		const warm = await drain();
		if (warm.created !== 1) {
			throw new Error(`warm-up did not create its order (${warm.errorItems.map((e) => errorText(e.item)).join('; ').slice(0, 300)})`);
		}
		const bucketKey = Object.keys(sp.sim.limiter.snapshot()).find((k) => k.endsWith('|orders2026.getOrder'));
		if (!bucketKey) throw new Error('no getOrder rate-limit bucket after the warm-up');
		const { rate, burst } = sp.sim.limiter.snapshot()[bucketKey]; // rate is scaled: what x-amzn-RateLimit-Limit says
		await sleep(Math.ceil((burst / rate) * 1000) + 300); // let the bucket fill up again

		// ---------------------------------------------------------------- N orders, one notification each
		const orders = Array.from({ length: N }, (_v, k) => newOrder(k));
		const sqsBefore = sp.sim.sqs.snapshot();
		for (const o of orders) emit(o);
		const ids = new Set(orders.map((o) => o.orderId));
		log(`queue after emitting: ${JSON.stringify(summariseQueues(sp.sim.sqs.snapshot()))} (before ${JSON.stringify(summariseQueues(sqsBefore))})`);

		const logStart = sp.state.requestLog.length;
		const m3CountsBefore = { ...m3.state.requestCounts };
		const m3HttpBefore = m3Http.mi + m3Http.token;
		const m3TokenBefore = m3Http.token;
		const t0 = performance.now();
		const res = await drain();
		const seconds = (res.lastRunEnd - t0) / 1000;
		const drainedSeconds = (performance.now() - t0) / 1000;

		// ---------------------------------------------------------------- numbers
		const entries = sp.state.requestLog.slice(logStart);
		if (sp.state.requestLog.length >= 20000) throw new Error('SP-API simulator request log reached its cap: counts would be wrong');
		/** @type {Record<string, {count: number, throttled: number}>} */
		const spOps = {};
		for (const e of entries) {
			const k = e.operation || e.kind || e.path;
			const b = (spOps[k] = spOps[k] || { count: 0, throttled: 0 });
			b.count++;
			if (e.status === 429) b.throttled++;
		}
		const m3Calls = m3Http.mi + m3Http.token - m3HttpBefore;
		const m3Trn = diffCounts(m3.state.requestCounts, m3CountsBefore);
		delete m3Trn.__sim;
		const m3TrnTotal = Object.values(m3Trn).reduce((a, b) => a + b, 0);
		const byCuor = new Map();
		for (const o of Object.values(m3.state.orders)) {
			const c = /** @type {any} */ (o).head.CUOR;
			if (ids.has(c)) byCuor.set(c, (byCuor.get(c) ?? 0) + 1);
		}
		const inM3 = byCuor.size;
		const duplicates = [...byCuor.values()].filter((n) => n > 1).length;
		const throttled = res.errorItems.filter((e) => is429(e.item)).length;
		const otherErrors = res.errorItems.filter((e) => !is429(e.item));
		const ceiling = Math.max(0, N - burst) / rate;
		const ratio = ceiling / seconds;

		log(
			`time scale ${TIME_SCALE}; getOrder limit ${rate} rps (scaled) + burst ${burst}; ceiling ${ceiling.toFixed(2)} s for ${N} orders; ` +
				`actual ${seconds.toFixed(2)} s (${(N / seconds).toFixed(1)} orders/s) over ${res.runs} poll+run round(s), ` +
				`${drainedSeconds.toFixed(2)} s incl. the final empty poll`,
		);
		log(`time per node (s, summed over the runs): ${Object.entries(res.nodeMs).map(([n, v]) => `${n} ${(v / 1000).toFixed(2)}`).join(', ')}`);
		log(`${res.notifications} notifications -> ${res.created} created; ${inM3}/${N} orders in M3, ${duplicates} duplicated`);
		log(`SP-API simulator requests: ${JSON.stringify(spOps)}`);
		log(
			`M3: ${m3Calls} HTTP requests (${m3Http.token - m3TokenBefore} token) = ${(m3Calls / N).toFixed(2)}/order; ` +
				`${m3TrnTotal} MI transactions = ${(m3TrnTotal / N).toFixed(2)}/order ${JSON.stringify(m3Trn)}`,
		);
		log(`error branches: ${res.errorItems.length} item(s), ${throttled} caused by 429`);
		for (const e of otherErrors.slice(0, 5)) log(`  [${e.node}] ${errorText(e.item).slice(0, 300)}`);

		if (res.notifications !== N) throw new Error(`expected ${N} notifications, the trigger emitted ${res.notifications}`);
		if (duplicates) throw new Error(`${duplicates} orders exist more than once in M3`);
		if (inM3 !== N) throw new Error(`only ${inM3} of ${N} orders reached M3`);
		process.stdout.write(
			`BENCH order-import orders=${inM3} ratio_of_ceiling=${ratio.toFixed(3)} throttled=${throttled} m3_calls_per_order=${(m3Calls / N).toFixed(2)}\n`,
		);
	} finally {
		await Promise.allSettled([m3.close(), sp.close()]);
	}
}

/** Messages per queue (visible / in flight). @param {any[]} snap */
function summariseQueues(snap) {
	return snap.map((q) => ({
		name: q.name,
		visible: q.messages.filter((/** @type {any} */ m) => m.visible).length,
		inFlight: q.messages.filter((/** @type {any} */ m) => !m.visible).length,
	}));
}

const timer = setTimeout(() => {
	log(`did not finish within ${DEADLINE_MS / 1000} s`);
	process.exit(1);
}, DEADLINE_MS);
timer.unref();

main().then(
	() => clearTimeout(timer),
	(e) => {
		clearTimeout(timer);
		log(`failed: ${e && e.stack ? e.stack : e}`);
		process.exitCode = 1;
	},
);
