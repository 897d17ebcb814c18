// @ts-check
'use strict';
/**
 * Catalog sync at scale: 10,000 changed M3 items through the shipped catalog-sync template (workflows/catalog-sync.json:
 * Infor M3 Get For Listings -> Transform M3 Item to Amazon Listing -> Amazon Sync Listings -> Infor M3 Set Many), run by
 * n8n-core's engine (test/harness/engine.js) with the built node types (dist/) against both simulators on 127.0.0.1 at
 * a time scale (default 30), one marketplace (Amazon.com, price list AMZUS).
 *
 * Setup (test data): a first run syncs the simulator's seeded items; then 10,000 new items are added to the M3
 * simulator's state as an M3 user would have created them today: item master (MITMAS), SKU and EAN aliases, custom
 * fields (brand, colour, material, ...), a line in the AMZUS price list. The measured run is the second run of the
 * template: it must create all 10,000 listings in ONE JSON_LISTINGS_FEED, validated against their product type
 * definitions, and write ASIN and status back into M3. The feed poll interval (template: 30 s) is divided by the time
 * scale, like the simulator's feed processing time.
 *
 * Prints exactly one line on stdout:
 *   BENCH catalog-sync items=10000 spapi_calls=<n> m3_calls=<n> feeds=<n> definitions=<n> ms=<n>
 * items        bench items whose listing (attributes and offer price) is on Amazon and whose ASIN is in M3 afterwards
 * spapi_calls  SP-API operations called during the measured run (request log entries of kind 'api'; schema and feed
 *              document downloads/uploads are presigned URLs, listed on stderr)
 * m3_calls     HTTP requests to the M3 MI API during the measured run (a v2 bulk request is one; MI transactions per
 *              program on stderr)
 * feeds        JSON_LISTINGS_FEED documents submitted (must be 1)
 * definitions  getDefinitionsProductType calls (one per product type used, then cached)
 * ms           wall time of the measured run
 * Exit code 1 (and no BENCH line) if the run failed or the listings did not arrive.
 */
const fs = require('node:fs');
const path = require('node:path');
const { runBench } = require('./lib/main');
const { node, setSetting, startWorld } = require('../test/templates/flows');

const ROOT = path.resolve(__dirname, '..');
const ITEMS = Number(process.env.CATALOG_BENCH_ITEMS || 10000);
const TIME_SCALE = Number(process.env.CATALOG_BENCH_TIMESCALE || 30);
const US = 'ATVPDKIKX0DER';

/** @param {string} msg */
const log = (msg) => process.stderr.write(`catalog-sync: ${msg}\n`);

/** @param {Record<string, number>} after @param {Record<string, number>} before */
function diffCounts(after, before) {
	/** @type {Record<string, number>} */
	const d = {};
	for (const [k, v] of Object.entries(after)) if (v - (before[k] || 0) > 0) d[k] = v - (before[k] || 0);
	return d;
}

/** EAN-13 with its check digit. @param {string} twelve */
function ean13(twelve) {
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 ? 3 : 1);
	return twelve + String((10 - (sum % 10)) % 10);
}

/** Adds `n` items created today, with everything the template maps, to the M3 simulator's state. @param {any} st */
function addItems(st, n) {
	const today = new Date(st.clock.now()).toISOString().slice(0, 10).replace(/-/g, '');
	const groups = [['MUG', 'Coffee mug', 'ceramic'], ['BAG', 'Tote bag', 'canvas'], ['PEN', 'Fountain pen', 'brass'], ['TSH', 'T-shirt', 'cotton']];
	const header = st.priceLists.find((/** @type {any} */ h) => h.PRRF === 'AMZUS' && h.FVDT <= today && h.LVDT >= today);
	/** @type {Array<{ sku: string, itno: string }>} */
	const added = [];
	for (let i = 0; i < n; i++) {
		const [g, name, material] = groups[i % groups.length];
		const ITNO = `B${g}${String(100000 + i)}`;
		const sku = `BENCH-${g}-${String(i + 1).padStart(5, '0')}`;
		added.push({ sku, itno: ITNO });
		st.items[ITNO] = { ITNO, ITDS: `${name} ${i}`, FUDS: `${name} number ${i}`, STAT: '20', UNMS: 'EA', ITGR: g, ITCL: g, ITTY: 'FG', NEWE: '0.5', GRWE: '0.6', LMDT: today, RGDT: today, SAPR: '9.99' };
		st.aliases.push({ CONO: st.cono, ALWT: '1', ALWQ: '', ITNO, POPN: sku, LMDT: today });
		st.aliases.push({ CONO: st.cono, ALWT: '2', ALWQ: 'EA13', ITNO, POPN: ean13(`499${String(100000000 + i).slice(-9)}`), LMDT: today });
		st.customFields[['MITMAS', ITNO, '', '', '', '', '', '', ''].join('|')] = {
			FILE: 'MITMAS', PK01: ITNO, A030: 'Contoso Bench', A130: 'blue', A230: material, A330: 'DE', A430: ['S', 'M', 'L'][i % 3], A530: 'unisex-adult', A630: `Bullet for item ${i}`,
			A730: '', A830: '', A930: '', N096: '0', RGDT: today, LMDT: today, CHNO: '1',
		};
		st.priceLines[`AMZUS|USD|${header.FVDT}|${ITNO}`] = { PRRF: 'AMZUS', CUCD: 'USD', FVDT: header.FVDT, ITNO, SAPR: (10 + (i % 90) + 0.99).toFixed(2), SACD: '1', SPUN: 'EA', NTCD: '0', LMDT: today };
	}
	return added;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'package.json'))) throw new Error('dist/ not built (npm run build)');
	// both simulators and a session with the error handler's dead-letter table (the seed has items without a brand:
	// their listings are kept there, and the runs fail on purpose)
	const world = await startWorld({ seed: 1, timeScale: TIME_SCALE, from: 'dist', ion: true, spapi: { record: false } });
	const { m3, sp, session } = world;
	/** @param {any} r @param {string} what */
	const doneOrKept = (r, what) => {
		if (r.status !== 'success' && r.runData['Fail the execution'] === undefined) throw new Error(`${what} ended ${r.status}: ${r.error && r.error.message}`);
	};
	try {
		if (session.missing.length) throw new Error(`built package is missing ${session.missing.join(', ')}`);
		const wf = world.template('catalog-sync.json');
		setSetting(wf, 'marketplaces', [{ marketplaceId: US, priceList: 'AMZUS', pricesInclude: 'gross', statusField: 'A830' }]);
		setSetting(wf, 'priceLists', 'AMZUS/USD');
		const send = node(wf, 'Send listings to Amazon');
		send.parameters.options = { ...send.parameters.options, pollIntervalSeconds: 30 / TIME_SCALE };

		const w0 = performance.now();
		const warm = await session.run(wf, { startNode: 'Every hour' });
		doneOrKept(warm, 'warm-up run');
		log(`warm-up run: ${(warm.output('Send listings to Amazon') ?? []).length} seeded listings, ${((performance.now() - w0) / 1000).toFixed(1)} s`);

		const added = addItems(m3.state, ITEMS);
		const spBefore = sp.state.requestLog.length;
		const m3RequestsBefore = m3.state.rowsRead.requests;
		const m3TxBefore = { ...m3.state.requestCounts };
		const feedsBefore = sp.state.feeds.size;
		const defsBefore = sp.state.definitionRequests.length;
		const schemasBefore = sp.state.schemaDownloads;
		const t0 = performance.now();
		const r = await session.run(wf, { startNode: 'Every hour' });
		const ms = Math.round(performance.now() - t0);
		doneOrKept(r, 'measured run');

		const entries = sp.state.requestLog.slice(spBefore);
		/** @type {Record<string, number>} */
		const ops = {};
		for (const e of entries) {
			const k = e.kind === 'api' ? e.operation : `${e.kind}${e.operation ? `:${e.operation}` : ''}`;
			ops[k] = (ops[k] || 0) + 1;
		}
		const spapiCalls = entries.filter((/** @type {any} */ e) => e.kind === 'api').length;
		const m3Calls = m3.state.rowsRead.requests - m3RequestsBefore;
		const feeds = sp.state.feeds.size - feedsBefore;
		const definitions = sp.state.definitionRequests.length - defsBefore;
		const fields = (/** @type {string} */ itno) => m3.state.customFields[['MITMAS', itno, '', '', '', '', '', '', ''].join('|')];
		let arrived = 0;
		for (const { sku, itno } of added) {
			const l = sp.state.listings.get(sku);
			if (l && l.attributes && l.attributes[US] && l.attributes[US].item_name && l.offers && l.offers[US] && fields(itno) && fields(itno).A730 === l.asin) arrived++;
		}
		const errors = ['Send listings to Amazon', 'M3 items to Amazon listings', 'Write ASIN and status to M3'].reduce((n, name) => n + (r.output(name, 1) ?? []).length, 0);
		log(`measured run: ${(r.output('Send listings to Amazon') ?? []).length} listings accepted, ${errors} on error branches, ${(ms / 1000).toFixed(1)} s`);
		log(`SP-API requests: ${JSON.stringify(ops)}; schema downloads: ${sp.state.schemaDownloads - schemasBefore}`);
		log(`M3 MI transactions (bulk records counted one by one): ${JSON.stringify(diffCounts(m3.state.requestCounts, m3TxBefore))}`);
		if (arrived !== ITEMS) throw new Error(`only ${arrived} of ${ITEMS} listings arrived complete (attributes, price, ASIN in M3)`);
		if (feeds !== 1) throw new Error(`expected one feed for ${ITEMS} items, got ${feeds}`);
		process.stdout.write(`BENCH catalog-sync items=${arrived} spapi_calls=${spapiCalls} m3_calls=${m3Calls} feeds=${feeds} definitions=${definitions} ms=${ms}\n`);
	} finally {
		await world.close();
	}
}

runBench(main, 170000, log);
