// @ts-check
'use strict';
/**
 * Inventory sync at scale: 10,000 SKUs whose M3 balances changed, through the shipped inventory-sync template
 * (workflows/inventory-sync.json: Settings -> Infor M3 getChangedBalances (M3 clock stamp as cursor, every listed
 * warehouse of a changed item, SKUs by alias: from 500 items one MMS025MI/LstAliasViaCat) -> M3 Amazon Transform (auto:
 * feed above the threshold) -> Amazon Selling Partner listing syncQuantities (FBA guard, only changed)), run by
 * n8n-core's engine (test/harness/engine.js) with the built node types (dist/), against both simulators on 127.0.0.1
 * at a time scale (default 30).
 *
 * Setup (test data, not product code): a first run of the template syncs the simulators' seeded SKUs and stamps the
 * cursor (M3's clock; the measured run reads from that stamp); then 10,000 items are added to the M3 simulator's state (item, ALWT 1 alias = SKU, a new
 * warehouse-001 balance through control.setStock, which gives it a fresh LMTS) and 10,000 matching listings
 * (quantity 0) to the SP-API simulator's state. The measured run is the second run of the template.
 * The feed's poll interval (template: 30 s, Amazon's pace) is divided by the time scale like the simulator's feed
 * processing time, so the run is not dominated by one real-time sleep.
 *
 * Prints exactly one line on stdout:
 *   BENCH inventory-sync skus=10000 spapi_calls=<n> m3_calls=<n> ms=<n>
 * skus        SKUs whose Amazon quantity ended at the expected value (checked in the SP-API simulator's state)
 * spapi_calls SP-API operations called during the measured run (SP-API simulator request log, entries of kind 'api';
 *             feed document upload/download, LWA and SQS requests are listed on stderr)
 * m3_calls    HTTP requests to the M3 MI API during the measured run (bulk = one request; the simulator's own
 *             requestCounts count MI transactions, i.e. every record of a bulk: listed on stderr)
 * ms          wall time of the measured workflow run
 * Details on stderr. Exit code 1 (and no BENCH line) if the run failed or the quantities did not arrive.
 */
const fs = require('node:fs');
const path = require('node:path');
const { startCountedM3, diffCounts } = require('./lib/counted-m3');
const { runBench } = require('./lib/main');
const { node, setSetting } = require('../test/templates/flows');

const ROOT = path.resolve(__dirname, '..');
const SKUS = Number(process.env.INVENTORY_BENCH_SKUS || 10000);
const TIME_SCALE = Number(process.env.INVENTORY_BENCH_TIMESCALE || 30);
const DEADLINE_MS = 170000; // hard stop: the bench must end in < 3 minutes

/** @param {string} msg */
const log = (msg) => process.stderr.write(`inventory-sync: ${msg}\n`);

/** @param {any[]} entries */
function byOperation(entries) {
	/** @type {Record<string, number>} */
	const out = {};
	for (const e of entries) {
		const k = e.kind === 'api' ? e.operation : `${e.kind}${e.operation ? `:${e.operation}` : ''}`;
		out[k] = (out[k] || 0) + 1;
	}
	return out;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'package.json'))) throw new Error('dist/ not built (npm run build)');
	const { startSpApiSimulator } = require('../simulators/spapi');
	const { demoCredentials } = require('../simulators/cli');
	const engine = require('../test/harness/engine');

	const { sim: m3, counter: m3Http } = await startCountedM3({ seed: 1, timeScale: TIME_SCALE });
	const sp = await startSpApiSimulator({ seed: 1, timeScale: TIME_SCALE, record: false });
	try {
		const creds = demoCredentials(m3, sp);
		const session = engine.createSession({
			from: 'dist',
			credentials: { inforM3Api: creds.n8n.inforM3ApiIon, amazonSpApi: creds.n8n.amazonSpApi },
		});
		if (session.missing.length) throw new Error(`built package is missing ${session.missing.join(', ')}`);

		const wf = JSON.parse(fs.readFileSync(path.join(ROOT, 'workflows', 'inventory-sync.json'), 'utf8'));
		setSetting(wf, 'sellerId', creds.spapi.sellerId);
		const send = node(wf, 'Send quantities to Amazon');
		send.parameters.options = { ...send.parameters.options, pollIntervalSeconds: 30 / TIME_SCALE };
		const settings = Object.fromEntries(
			node(wf, 'Settings').parameters.assignments.assignments.map((/** @type {any} */ a) => [a.name, a.value]),
		);
		if (settings.figure !== 'AV01' || settings.bufferType !== 'absolute') {
			throw new Error(`the bench expects figure AV01 with an absolute buffer, template has ${settings.figure}/${settings.bufferType}`);
		}
		const whlo = String(settings.warehouses).split(',')[0].trim();
		const aliasType = String(settings.skuAliasType);
		const buffer = Number(settings.bufferValue);
		const minQ = Number(settings.minQuantity);
		const maxQ = Number(settings.maxQuantity);

		// ---------------------------------------------------------------- warm-up: seeded SKUs, cursor, LWA/ION tokens
		const w0 = performance.now();
		const warm = await session.run(wf, { startNode: 'Every 15 minutes' });
		if (warm.status !== 'success') throw new Error(`warm-up run ended ${warm.status}: ${warm.error && warm.error.message}`);
		log(
			`warm-up run: ${(warm.output('Changed balances in M3') ?? []).length} seeded balances, ` +
				`${((performance.now() - w0) / 1000).toFixed(1)} s`,
		);

		// ---------------------------------------------------------------- test data: SKUS items with changed balances
		const st = m3.state;
		const d = new Date(st.clock.now()).toISOString().slice(0, 10).replace(/-/g, '');
		const template = [...sp.state.listings.values()][0];
		/** @type {Map<string, number>} sku -> expected Amazon quantity */
		const expected = new Map();
		for (let i = 0; i < SKUS; i++) {
			const ITNO = `BNC${String(i + 1).padStart(7, '0')}`;
			const sku = `BENCH-${String(i + 1).padStart(5, '0')}`;
			st.items[ITNO] = {
				...st.items[Object.keys(st.items)[0]],
				ITNO, ITDS: `Bench item ${i + 1}`, FUDS: `Bench item ${i + 1} (benchmark)`, STAT: '20', LMDT: d, RGDT: d,
			};
			st.aliases.push({
				CONO: st.cono, ALWT: aliasType, ALWQ: '', ITNO, POPN: sku, E0PA: '', VFDT: d, LVDT: '', CNQT: '1', ALUN: 'EA',
				REMK: 'Amazon seller SKU', RGDT: d, LMDT: d,
			});
			const stqt = 10 + ((i * 7919) % 900); // 10..909
			if (!m3.control.setStock(whlo, ITNO, stqt)) throw new Error(`could not set stock of ${ITNO}`);
			expected.set(sku, Math.min(maxQ, Math.max(minQ, stqt - buffer)));
			sp.state.listings.set(sku, {
				...template,
				sku, itno: ITNO, title: `Bench item ${i + 1}`, fnSku: undefined, fba: null, quantity: 0,
				marketplaceIds: [...template.marketplaceIds],
			});
		}

		// ---------------------------------------------------------------- measured run
		const logStart = sp.state.requestLog.length;
		const feedsBefore = sp.state.feeds.size;
		const m3CountsBefore = { ...m3.state.requestCounts };
		const m3HttpBefore = m3Http.mi;
		const m3TokenBefore = m3Http.token;
		const t0 = performance.now();
		const r = await session.run(wf, { startNode: 'Every 15 minutes' });
		const ms = performance.now() - t0;
		if (r.status !== 'success') throw new Error(`measured run ended ${r.status}: ${r.error && r.error.message}`);
		if (sp.state.requestLog.length >= 20000) throw new Error('SP-API simulator request log reached its cap: counts would be wrong');

		const entries = sp.state.requestLog.slice(logStart);
		const spapiCalls = entries.filter((/** @type {any} */ e) => e.kind === 'api').length;
		const throttled = entries.filter((/** @type {any} */ e) => e.status === 429).length;
		const m3Calls = m3Http.mi - m3HttpBefore;
		const m3Trn = diffCounts(m3.state.requestCounts, m3CountsBefore);
		const balances = (r.output('Changed balances in M3') ?? []).length;
		// the template's failure branches (node() throws for a name the template does not have)
		const skuErrors = (node(wf, 'Keep SKU errors'), r.output('Keep SKU errors') ?? []);
		const invalid = (node(wf, 'Keep invalid balances'), r.output('Keep invalid balances') ?? []);
		const sent = r.output('Send quantities to Amazon') ?? [];
		let arrived = 0;
		for (const [sku, q] of expected) if (sp.state.listings.get(sku)?.quantity === q) arrived++;
		const feeds = [...sp.state.feeds.values()].slice(feedsBefore);

		log(`time scale ${TIME_SCALE}; feed poll interval ${(30 / TIME_SCALE).toFixed(2)} s (template 30 s / time scale)`);
		log(`${balances} changed balances from M3; ${invalid.length} invalid; ${skuErrors.length} SKU error item(s)`);
		log(
			`${feeds.length} feed(s): ${feeds.map((f) => `${f.feedId} ${f.feedType} ${f.processingStatus}`).join(', ') || 'none'}; ` +
				`summary ${JSON.stringify(sent[0] && sent[0].summary)}`,
		);
		log(`SP-API simulator requests: ${JSON.stringify(byOperation(entries))} (429s: ${throttled})`);
		log(
			`M3: ${m3Calls} MI HTTP request(s), ${m3Http.token - m3TokenBefore} token request(s); MI transactions ` +
				`${JSON.stringify(m3Trn)}`,
		);
		log(
			`time per node (s): ${Object.entries(r.runData)
				.map(([n, runs]) => `${n} ${(/** @type {any[]} */ (runs).reduce((a, x) => a + (x.executionTime ?? 0), 0) / 1000).toFixed(2)}`)
				.join(', ')}`,
		);
		log(`${arrived}/${SKUS} bench SKUs have the expected quantity on Amazon; measured run ${(ms / 1000).toFixed(2)} s`);
		for (const e of skuErrors.slice(0, 3)) log(`  SKU error: ${String(e.message || JSON.stringify(e)).slice(0, 200)}`);

		if (balances !== SKUS) throw new Error(`expected ${SKUS} changed balances, M3 node returned ${balances}`);
		if (skuErrors.length || invalid.length) throw new Error(`${skuErrors.length} SKU error(s), ${invalid.length} invalid balance(s)`);
		if (arrived !== SKUS) throw new Error(`only ${arrived} of ${SKUS} quantities arrived on Amazon`);
		process.stdout.write(`BENCH inventory-sync skus=${arrived} spapi_calls=${spapiCalls} m3_calls=${m3Calls} ms=${Math.round(ms)}\n`);
	} finally {
		await Promise.allSettled([m3.close(), sp.close()]);
	}
}

runBench(main, DEADLINE_MS, log);
