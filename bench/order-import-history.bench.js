// @ts-check
'use strict';
/**
 * Order import next to a year of history: the same N Amazon orders go through the shipped order-to-cash template
 * (workflows/order-to-cash.json, from its SQS trigger's output: Settings -> Get Amazon order -> Transform -> Create M3
 * customer order) into two M3 simulators started in the same process, one empty and one holding HISTORY historical
 * orders (deliveries, invoices, released batch orders) over the Amazon customers. Batches of BATCH orders (one SQS
 * receive) alternate between the two, so load on the machine hits both alike. Then every order is imported again
 * (what the backstop does) and must be found, not entered; and a few orders go through the old LstHead duplicate
 * check to show what a list of the customer's history costs.
 *
 * Prints exactly one line on stdout:
 *   BENCH order-import-history history=<n> orders=<n> m3_calls_per_order=<n> m3_rows_read_per_order=<n>
 *     per_order_ratio=<n> duplicates=0 batch=<n> repeat_calls_per_order=<n> create_node_ratio=<n>
 *     legacy_lsthead_rows_per_order=<n>
 * history                 historical orders in the second simulator
 * orders                  orders created in each simulator (CUOR = Amazon order id, checked in the simulators' state)
 * m3_calls_per_order      HTTP requests to the history simulator (MI requests + ION token requests) during the
 *                         measured runs / orders; a v2 bulk request is one
 * m3_rows_read_per_order  rows the history simulator's MI transactions read (its control.rowsRead()) / orders
 * per_order_ratio         workflow time per order with history / without: the median over the batches of the ratio of
 *                         the two runs of the batch, run back to back (the first run alternates)
 * duplicates              CUORs with more than one order in either simulator after import and re-import (must be 0)
 * batch                   orders per workflow run
 * repeat_calls_per_order  M3 requests per order when the same orders are imported again (all found)
 * create_node_ratio       the same median ratio for the "Create M3 customer order" node alone
 * legacy_lsthead_rows_per_order  rows read per order by duplicate check lstHead (LstHead of the customer) on 3 orders
 * Exit code 1 (and no BENCH line) if an order is missing, duplicated, or a run failed.
 */
const fs = require('node:fs');
const path = require('node:path');
const { runBench } = require('./lib/main');

const ROOT = path.resolve(__dirname, '..');
const N = Number(process.env.HISTORY_BENCH_ORDERS || 150);
const HISTORY = Number(process.env.HISTORY_BENCH_HISTORY || 200000);
const BATCH = Number(process.env.HISTORY_BENCH_BATCH || 10);
const TIME_SCALE = 200; // SP-API: getOrder 0.5 rps x 200, so Amazon's rate limit is not what is measured
const DEADLINE_MS = 280000;
const TRIGGER = 'Amazon order notifications (SQS)';
const CREATE = 'Create M3 customer order';
const ERROR_NODES = ['Amazon errors', 'Invalid orders', 'M3 rejected orders'];

/** @param {string} msg */
const log = (msg) => process.stderr.write(`order-import-history: ${msg}\n`);

/** @param {any} m3 */
function m3Counts(m3) {
	const r = m3.control.rowsRead();
	return { requests: r.requests + (m3.state.requestCounts.token || 0), rows: r.total };
}

/** CUOR -> number of orders, for the given ids. @param {any} m3 @param {Set<string>} ids */
function ordersByCuor(m3, ids) {
	const m = new Map();
	for (const o of Object.values(m3.state.orders)) {
		const c = /** @type {any} */ (o).head.CUOR;
		if (ids.has(c)) m.set(c, (m.get(c) || 0) + 1);
	}
	return m;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'package.json'))) throw new Error('dist/ not built (npm run build)');
	const { startM3Simulator } = require('../simulators/m3');
	const { startSpApiSimulator } = require('../simulators/spapi');
	const { demoCredentials } = require('../simulators/cli');
	const engine = require('../test/harness/engine');
	const wf = JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', 'order-to-cash.json'), 'utf8'));

	const t0 = performance.now();
	const sp = await startSpApiSimulator({ seed: 1, timeScale: TIME_SCALE, record: false });
	const plain = await startM3Simulator({ seed: 1 });
	const history = await startM3Simulator({ seed: 1, history: HISTORY });
	log(`simulators up in ${((performance.now() - t0) / 1000).toFixed(1)} s (history ${history.state.history.count} orders)`);
	try {
		/** @param {any} m3 */
		const sessionFor = (m3) => {
			const creds = demoCredentials(m3, sp);
			const s = engine.createSession({
				from: 'dist',
				credentials: { inforM3Api: creds.n8n.inforM3ApiIon, amazonSpApi: creds.n8n.amazonSpApi, awsSqsApi: creds.n8n.awsSqsApi },
			});
			if (s.missing.length) throw new Error(`built package is missing ${s.missing.join(', ')}`);
			return s;
		};
		const sims = [
			{ name: 'empty', m3: plain, session: sessionFor(plain), ms: 0, createMs: 0 },
			{ name: 'history', m3: history, session: sessionFor(history), ms: 0, createMs: 0 },
		];

		// SKUs M3 knows as ALWT 1 aliases of active items with stock (the same in both: same seed)
		const active = new Set(Object.values(plain.state.items).filter((it) => it.STAT === '20').map((it) => it.ITNO));
		const skus = plain.state.aliases
			.filter((a) => a.ALWT === '1' && active.has(a.ITNO) && (plain.state.balances[`001|${a.ITNO}`]?.STQT ?? 0) > 0)
			.map((a) => a.POPN)
			.filter((s) => sp.state.listings.has(s));
		/** @param {number} k */
		const newOrder = (k) =>
			sp.control.createOrder({
				country: 'US',
				status: 'UNSHIPPED',
				fulfilledBy: 'MERCHANT',
				items: Array.from({ length: 1 + (k % 3) }, (_v, j) => ({ sku: skus[(k * 7 + j * 13) % skus.length], quantity: 1 + ((k + j) % 2) })),
			});
		/** the trigger's output for an order, as the SQS trigger emits it @param {any} o */
		const notification = (o) => ({ json: { notificationType: 'ORDER_CHANGE', amazonOrderId: o.orderId, orderStatus: 'UNSHIPPED' } });

		/** @param {any} sim @param {any[]} batch */
		const runBatch = async (sim, batch) => {
			const start = performance.now();
			const r = await sim.session.run(wf, { startNode: TRIGGER, input: batch.map(notification), mode: 'trigger' });
			const ms = performance.now() - start;
			if (r.status !== 'success') throw new Error(`${sim.name}: workflow ended ${r.status}: ${r.error && r.error.message}`);
			for (const n of ERROR_NODES) {
				const bad = r.output(n) ?? [];
				if (bad.length) throw new Error(`${sim.name}: ${bad.length} item(s) on "${n}": ${JSON.stringify(bad[0]).slice(0, 400)}`);
			}
			const out = r.output(CREATE) ?? [];
			const createMs = (r.runData[CREATE] || []).reduce((/** @type {number} */ s, /** @type {any} */ x) => s + (x.executionTime || 0), 0);
			return { ms, createMs, out };
		};

		// warm-up: modules, tokens, one order each
		const warm = newOrder(N + 1);
		for (const sim of sims) await runBatch(sim, [warm]);

		const orders = Array.from({ length: N }, (_v, k) => newOrder(k));
		const ids = new Set(orders.map((o) => o.orderId));
		const before = m3Counts(history);
		const beforeEmpty = m3Counts(plain);
		let created = { empty: 0, history: 0 };
		/** history/empty time of each batch, the two runs of a batch back to back @type {Array<[number, number]>} */
		const pairs = [];
		for (let b = 0; b < N; b += BATCH) {
			const batch = orders.slice(b, b + BATCH);
			const pair = (b / BATCH) % 2 === 0 ? sims : [sims[1], sims[0]];
			/** @type {Record<string, { ms: number, createMs: number }>} */
			const t = {};
			for (const sim of pair) {
				const r = await runBatch(sim, batch);
				t[sim.name] = r;
				sim.ms += r.ms;
				sim.createMs += r.createMs;
				created = { ...created, [sim.name]: created[/** @type {'empty'|'history'} */ (sim.name)] + r.out.filter((/** @type {any} */ j) => j.created === true).length };
			}
			pairs.push([t.history.ms / t.empty.ms, t.history.createMs / t.empty.createMs]);
		}
		const after = m3Counts(history);
		const afterEmpty = m3Counts(plain);

		// the backstop brings them all again: found, nothing entered
		const repeatBefore = m3Counts(history);
		let found = 0;
		for (let b = 0; b < N; b += BATCH) {
			const r = await runBatch(sims[1], orders.slice(b, b + BATCH));
			found += r.out.filter((/** @type {any} */ j) => j.created === false).length;
		}
		const repeatAfter = m3Counts(history);

		// what the old duplicate check (LstHead of the customer) reads, on 3 orders
		const legacy = JSON.parse(JSON.stringify(wf));
		legacy.nodes.find((/** @type {any} */ n) => n.name === CREATE).parameters.options.duplicateCheck = 'lstHead';
		const legacyOrders = [0, 1, 2].map((k) => newOrder(N + 10 + k));
		const legacyBefore = m3Counts(history);
		const lr = await sims[1].session.run(legacy, { startNode: TRIGGER, input: legacyOrders.map(notification), mode: 'trigger' });
		if (lr.status !== 'success') throw new Error(`legacy check run ended ${lr.status}`);
		const legacyRows = (m3Counts(history).rows - legacyBefore.rows) / legacyOrders.length;

		const dupes = sims.map((sim) => [...ordersByCuor(sim.m3, ids).values()].filter((n) => n > 1).length);
		const inM3 = sims.map((sim) => ordersByCuor(sim.m3, ids).size);
		const calls = (after.requests - before.requests) / N;
		const rows = (after.rows - before.rows) / N;
		/** @param {number[]} xs */
		const median = (xs) => {
			const v = xs.slice().sort((a, b) => a - b);
			return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
		};
		// the median of the batch pairs: a burst of load from other processes hits one batch, not the figure
		const ratio = median(pairs.map((p) => p[0]));
		const createRatio = median(pairs.map((p) => p[1]));
		log(`time ratio history/empty: median of ${pairs.length} batch pairs ${ratio.toFixed(3)}, of the sums ${(sims[1].ms / sims[0].ms).toFixed(3)}; pairs ${pairs.map((p) => p[0].toFixed(2)).join(" ")}`);
		const repeatCalls = (repeatAfter.requests - repeatBefore.requests) / N;
		log(`per order: empty ${(sims[0].ms / N).toFixed(1)} ms, history ${(sims[1].ms / N).toFixed(1)} ms (create node ${(sims[0].createMs / N).toFixed(1)} / ${(sims[1].createMs / N).toFixed(1)} ms)`);
		log(`created ${JSON.stringify(created)}; in M3 ${inM3.join('/')} of ${N}; duplicated ${dupes.join('/')}; re-import found ${found}/${N}`);
		log(`empty M3: ${((afterEmpty.requests - beforeEmpty.requests) / N).toFixed(2)} requests and ${((afterEmpty.rows - beforeEmpty.rows) / N).toFixed(1)} rows read per new order`);
		log(`history M3: ${calls.toFixed(2)} requests and ${rows.toFixed(1)} rows read per new order; ${repeatCalls.toFixed(2)} requests per repeat; ` +
			`lstHead check reads ${legacyRows.toFixed(0)} rows per order`);
		const byTrn = history.control.rowsRead().byTransaction;
		log(`rows read by transaction (history, whole run): ${JSON.stringify(byTrn)}`);
		if (inM3.some((n) => n !== N)) throw new Error(`orders missing in M3: ${inM3.join('/')} of ${N}`);
		if (dupes.some((n) => n > 0)) throw new Error(`duplicated orders: ${dupes.join('/')}`);
		if (found !== N) throw new Error(`re-import found ${found} of ${N}`);
		process.stdout.write(
			`BENCH order-import-history history=${HISTORY} orders=${N} m3_calls_per_order=${calls.toFixed(2)} ` +
				`m3_rows_read_per_order=${rows.toFixed(1)} per_order_ratio=${ratio.toFixed(3)} duplicates=0 batch=${BATCH} ` +
				`repeat_calls_per_order=${repeatCalls.toFixed(2)} create_node_ratio=${createRatio.toFixed(3)} ` +
				`legacy_lsthead_rows_per_order=${legacyRows.toFixed(0)}\n`,
		);
	} finally {
		await Promise.allSettled([plain.close(), history.close(), sp.close()]);
	}
}

runBench(main, DEADLINE_MS, log);
