// @ts-check
'use strict';
/**
 * Shipment feedback one year in: the shipped shipment-feedback template (schedule path) against an M3 with 200,000
 * historical orders, each delivered (and mostly invoiced), run by n8n-core's engine with the built node types (dist/).
 *
 * Setup (test data, not product code): the state previous runs left in M3 - the watermark at the newest historical
 * delivery's change timestamp, that delivery marked confirmed - then NEW Amazon MFN orders (SP-API simulator) entered
 * in M3 and shipped: NEW deliveries issued with a tracking number, plus NEW/5 deliveries still in picking that already
 * have one (not shipments). The measured run is one schedule run of the template; a second run follows (nothing new).
 *
 * Prints exactly one line on stdout:
 *   BENCH shipment-feedback-history history=200000 new_deliveries=100 m3_calls=<n> spapi_calls=<n> confirmed=100 repeated=0
 *     m3_rows_read=<n> idle_m3_calls=<n> idle_spapi_calls=<n> throttled=<n> m3_transactions=<n>
 * m3_calls        HTTP requests to the M3 MI API during the measured run (a v2 bulk request is one; MI transactions on stderr)
 * spapi_calls     SP-API operations answered during the measured run (getOrder duplicate checks + confirmShipment)
 * throttled       requests the simulator answered 429 (the client waited and sent them again): not in spapi_calls
 * confirmed       issued new deliveries whose package Amazon has (SP-API simulator state)
 * repeated        package confirmations Amazon received more than once over both runs
 * m3_rows_read    rows the M3 simulator read for the measured run (lists, EXPORTMI, key reads)
 * idle_*          the same counts for the second run, when nothing changed
 * m3_transactions MI transactions in the measured run's requests (each record of a bulk request counts; no target)
 * Targets (issue 13): m3_calls <= 4 per new delivery, spapi_calls <= 2 per package. Exit code 1 (no BENCH line) if the
 * run failed, a delivery in picking was confirmed, or the counts are off.
 */
const fs = require('node:fs');
const path = require('node:path');
const { startCountedM3, diffCounts } = require('./lib/counted-m3');
const { runBench } = require('./lib/main');
const { node } = require('../test/templates/flows');

const ROOT = path.resolve(__dirname, '..');
const HISTORY = Number(process.env.SHIPMENT_BENCH_HISTORY || 200000);
const NEW = Number(process.env.SHIPMENT_BENCH_NEW || 100);
const TIME_SCALE = Number(process.env.SHIPMENT_BENCH_TIMESCALE || 30);
const DEADLINE_MS = 170000;
const KEEP_NODES = ['Keep M3 read errors', 'Keep invalid shipments', 'Keep rejected confirmations', 'Keep unmarked deliveries'];

/** @param {string} msg */
const log = (msg) => process.stderr.write(`shipment-feedback-history: ${msg}\n`);

/** @param {any} wf */
function settings(wf) {
	return Object.fromEntries(node(wf, 'Settings').parameters.assignments.assignments.map((/** @type {any} */ a) => [a.name, a.value]));
}

/** One MI call for the setup (Basic auth, v2). @param {any} m3 @param {string} pgm @param {string} trn @param {Record<string, string>} q */
async function mi(m3, pgm, trn, q) {
	const b = m3.credentials.basic;
	const url = new URL(`${b.url}/v2/execute/${pgm}/${trn}`);
	for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
	const res = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${b.user}:${b.password}`).toString('base64')}` } });
	const body = /** @type {any} */ (await res.json());
	if (res.status !== 200) throw new Error(`${pgm}/${trn}: ${body.errorMessage}`);
	return body;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'package.json'))) throw new Error('dist/ not built (npm run build)');
	const { startSpApiSimulator } = require('../simulators/spapi');
	const { demoCredentials } = require('../simulators/cli');
	const { confirmBatch } = require('../simulators/m3/orders');
	const engine = require('../test/harness/engine');

	const { sim: m3, counter } = await startCountedM3({ seed: 3, timeScale: TIME_SCALE, history: HISTORY });
	const sp = await startSpApiSimulator({ seed: 3, timeScale: TIME_SCALE, record: false });
	try {
		const creds = demoCredentials(m3, sp);
		const session = engine.createSession({
			from: 'dist',
			credentials: { inforM3Api: creds.n8n.inforM3ApiIon, amazonSpApi: creds.n8n.amazonSpApi },
		});
		if (session.missing.length) throw new Error(`built package is missing ${session.missing.join(', ')}`);
		const wf = JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', 'shipment-feedback.json'), 'utf8'));
		const s = settings(wf);
		const customerOf = Object.fromEntries(Object.entries(JSON.parse(s.marketplaceByCustomer)).map(([c, m]) => [m, c]));

		// ------------------------------------------------------------ what previous runs left in M3
		const st = m3.state;
		const newest = st.history.at(st.history.count - 1).delivery.head;
		await mi(m3, 'CUSEXTMI', 'AddFieldValue', { FILE: s.markFile, PK01: 'AMZSHIPWM', PK02: 'DEFAULT', A030: newest.LMTS, A130: newest.LMTS, VEXI: '1' });
		await mi(m3, 'CUSEXTMI', 'AddFieldValue', { FILE: s.markFile, PK01: 'AMZSHIP', PK02: newest.DLIX, A030: 'CONFIRMED', A130: newest.CUOR, VEXI: '1' });

		// ------------------------------------------------------------ new Amazon orders, entered in M3 and shipped
		const active = new Set(Object.values(st.items).filter((/** @type {any} */ it) => it.STAT === '20').map((/** @type {any} */ it) => it.ITNO));
		const listings = [...sp.state.listings.values()].filter((/** @type {any} */ l) => l.itno && !l.fba && active.has(l.itno));
		const itemOfSku = new Map(st.aliases.filter((/** @type {any} */ a) => String(a.ALWT) === '1').map((/** @type {any} */ a) => [a.POPN, a.ITNO]));
		const picking = Math.ceil(NEW / 5);
		/** @type {string[]} */
		const issued = [];
		/** @type {string[]} */
		const inPicking = [];
		for (let k = 0; k < NEW + picking; k++) {
			const o = sp.control.createOrder({
				country: 'US',
				status: 'UNSHIPPED',
				fulfilledBy: 'MERCHANT',
				items: Array.from({ length: 1 + (k % 3) }, (_v, j) => ({ sku: listings[(k * 7 + j * 13) % listings.length].sku, quantity: 1 })),
			});
			const lines = o.items.map((/** @type {any} */ it, j) => ({ PONR: String(j + 1), ITNO: itemOfSku.get(it.sku), ORQT: String(it.quantity), CUOR: it.orderItemId, SAPR: '10' }));
			for (const l of lines) m3.control.setStock('001', l.ITNO, 10000);
			const batch = {
				ORNO: `B${k}`, STAT: '10', errors: [], address: [], headCharges: [], lineCharges: [], lines,
				head: { CUNO: customerOf[o.marketplaceId], ORTP: 'A01', FACI: 'A01', WHLO: '001', CUOR: o.orderId, CUCD: 'USD' },
			};
			confirmBatch(st, batch);
			if (!batch.ORNR) throw new Error(`bench order ${o.orderId} was not created in M3: ${JSON.stringify(batch.errors)}`);
			const shipped = /** @type {any} */ (m3.control.ship(batch.ORNR, { carrier: 'UPS', ...(k < NEW ? {} : { pgrs: '05' }) }));
			if (shipped.error) throw new Error(`bench order ${batch.ORNR}: ${shipped.error}`);
			(k < NEW ? issued : inPicking).push(String(shipped.DLIX));
		}
		log(`M3 history ${st.history.count} orders (deliveries up to LMTS ${newest.LMTS}); ${issued.length} new issued deliveries, ${inPicking.length} in picking with a tracking number`);

		// ------------------------------------------------------------ measured run
		/** @param {string} what */
		const measure = async (what) => {
			const logStart = sp.state.requestLog.length;
			const counts = { ...st.requestCounts };
			const http0 = counter.mi;
			const rows0 = m3.control.rowsRead().total;
			const t0 = performance.now();
			const r = await session.run(wf, { startNode: 'Every 30 minutes' });
			const ms = performance.now() - t0;
			if (r.status !== 'success') throw new Error(`${what} ended ${r.status}: ${r.error && r.error.message}`);
			const entries = sp.state.requestLog.slice(logStart).filter((/** @type {any} */ e) => e.kind === 'api');
			/** @type {Record<string, number>} */
			const byOp = {};
			for (const e of entries) byOp[`${e.operation}${e.status === 429 ? ' (429)' : ''}`] = (byOp[`${e.operation}${e.status === 429 ? ' (429)' : ''}`] || 0) + 1;
			const out = {
				m3Calls: counter.mi - http0,
				rows: m3.control.rowsRead().total - rows0,
				spapiCalls: entries.filter((/** @type {any} */ e) => e.status !== 429).length,
				throttled: entries.filter((/** @type {any} */ e) => e.status === 429).length,
				// the template's failure branches (node() throws for a name the template does not have)
				errors: KEEP_NODES.flatMap((n) => (node(wf, n), r.output(n) ?? [])),
				transactions: Object.entries(diffCounts(st.requestCounts, counts)).reduce((a, [k, v]) => a + (k === 'token' ? 0 : v), 0),
			};
			log(`${what}: ${(ms / 1000).toFixed(2)} s; M3 ${out.m3Calls} HTTP request(s), ${out.rows} rows read, MI transactions ${JSON.stringify(diffCounts(st.requestCounts, counts))}`);
			log(`${what}: SP-API ${JSON.stringify(byOp)}; ${out.errors.length} item(s) on error branches`);
			for (const e of out.errors.slice(0, 3)) log(`  error: ${String(/** @type {any} */ (e).error || JSON.stringify(e)).slice(0, 200)}`);
			return out;
		};
		const confirmationsBefore = sp.state.shipmentConfirmations.length;
		const run = await measure('measured run');
		const idle = await measure('second run (nothing new)');

		const sent = sp.state.shipmentConfirmations.slice(confirmationsBefore);
		const keys = sent.map((/** @type {any} */ c) => `${c.orderId}#${c.packageDetail.packageReferenceId}`);
		const repeated = keys.length - new Set(keys).size;
		const refs = new Set(sent.map((/** @type {any} */ c) => String(c.packageDetail.packageReferenceId)));
		const confirmed = issued.filter((d) => refs.has(d)).length;
		const wrong = inPicking.filter((d) => refs.has(d));
		log(`confirmed ${confirmed}/${issued.length} issued deliveries; ${wrong.length} in picking confirmed; ${repeated} repeated`);
		log(`per new delivery: ${(run.m3Calls / issued.length).toFixed(2)} M3 requests (target <= 4); per package: ${(run.spapiCalls / confirmed).toFixed(2)} SP-API calls (target <= 2)`);
		if (run.errors.length) throw new Error(`${run.errors.length} item(s) ended on an error branch`);
		if (wrong.length) throw new Error(`deliveries still in picking were confirmed: ${wrong.join(', ')}`);
		if (confirmed !== issued.length) throw new Error(`only ${confirmed} of ${issued.length} issued deliveries were confirmed`);
		process.stdout.write(
			`BENCH shipment-feedback-history history=${st.history.count} new_deliveries=${issued.length} m3_calls=${run.m3Calls} ` +
				`spapi_calls=${run.spapiCalls} confirmed=${confirmed} repeated=${repeated} m3_rows_read=${run.rows} ` +
				`idle_m3_calls=${idle.m3Calls} idle_spapi_calls=${idle.spapiCalls} throttled=${run.throttled + idle.throttled} ` +
				`m3_transactions=${run.transactions}\n`,
		);
	} finally {
		await Promise.allSettled([m3.close(), sp.close()]);
	}
}

runBench(main, DEADLINE_MS, log);
