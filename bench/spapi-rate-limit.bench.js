// @ts-check
'use strict';
/**
 * Rate limiting under Amazon's real usage plan, time-scaled: 100 Orders 2026-01-01 getOrder calls (one per item)
 * through the compiled Amazon Selling Partner node, run by n8n-core's engine (test/harness/engine.js), against the
 * SP-API simulator at timeScale 20 (getOrder: 0.5 rps x 20 = 10 rps, burst 30).
 * The client learns the scaled rate from x-amzn-RateLimit-Limit (nothing here tells it).
 *
 * Prints: BENCH spapi-rate-limit calls=<n> throttled=<429 answers the simulator sent> ratio=<actual/theoretical>
 * theoretical = (calls - burst) / rate (the burst is free), in seconds of the scaled clock.
 *
 * Needs compiled code: M3AMZ_DIST (e.g. /tmp/spapi-dist from `npx tsc -p tsconfig.json --outDir /tmp/spapi-dist`)
 * or <repo>/dist (`npm run build`).
 */
const path = require('node:path');
const fs = require('node:fs');

const ROOT = path.resolve(__dirname, '..');
const DIST = process.env.M3AMZ_DIST || path.join(ROOT, 'dist');
const CALLS = Number(process.env.SPAPI_BENCH_CALLS || 100);
const TIME_SCALE = Number(process.env.SPAPI_BENCH_TIMESCALE || 20);

/** Compiled code outside the repo (e.g. /tmp) must still resolve n8n-workflow etc. from the repo, as n8n does via NODE_PATH. */
function useRepoModules() {
	const extra = path.join(ROOT, 'node_modules');
	process.env.NODE_PATH = [extra, process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
	/** @type {any} */ (require('node:module')).Module._initPaths();
}

async function main() {
	useRepoModules();
	const nodeFile = path.join(DIST, 'nodes/AmazonSellingPartner/AmazonSellingPartner.node.js');
	const credFile = path.join(DIST, 'credentials/AmazonSpApi.credentials.js');
	if (!fs.existsSync(nodeFile) || !fs.existsSync(credFile)) {
		throw new Error(`compiled code not found under ${DIST} (set M3AMZ_DIST or build first)`);
	}
	const { AmazonSellingPartner } = require(nodeFile);
	const { AmazonSpApi } = require(credFile);
	const { createSession, linearWorkflow } = require(path.join(ROOT, 'test/harness/engine.js'));
	const { startSpApiSimulator } = require(path.join(ROOT, 'simulators/spapi'));
	const { OPERATIONS } = require(path.join(DIST, 'nodes/shared/spapi/operations.js'));

	const sim = await startSpApiSimulator({ timeScale: TIME_SCALE, record: false });
	try {
		const c = sim.credentials;
		const session = createSession({
			from: 'dist',
			extraNodeTypes: { 'n8n-nodes-m3-amazon.amazonSellingPartner': new AmazonSellingPartner() },
			extraCredentialTypes: { amazonSpApi: new AmazonSpApi() },
			credentials: {
				amazonSpApi: {
					region: 'na',
					sandbox: false,
					clientId: c.clientId,
					clientSecret: c.clientSecret,
					refreshToken: c.refreshToken,
					sellerId: c.sellerId,
					marketplaceIds: c.marketplaceIds[0],
					customEndpoint: c.endpoint,
					lwaTokenUrl: c.lwaEndpoint,
					accessToken: '',
				},
			},
		});
		const ids = [...sim.state.orders.keys()];
		const input = Array.from({ length: CALLS }, (_v, i) => ({ json: { orderId: ids[i % ids.length] } }));
		const wf = linearWorkflow([
			{
				type: 'amazonSellingPartner',
				name: 'Get orders',
				parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.orderId }}', includedData: [] },
				credentials: ['amazonSpApi'],
				onError: 'continueRegularOutput',
			},
		]);
		// Warm-up on another operation (own bucket): LWA token fetched, engine and modules loaded — so the timing below
		// is about the 100 getOrder calls and their rate limit, not about process start-up.
		const sku = [...sim.state.listings.keys()][0];
		const warm = await session.run(
			linearWorkflow([
				{
					type: 'amazonSellingPartner',
					name: 'Warm-up',
					parameters: { resource: 'listing', operation: 'get', sku, includedData: ['summaries'] },
					credentials: ['amazonSpApi'],
				},
			]),
			{ input: [{ json: {} }] },
		);
		if (warm.status !== 'success') throw new Error(`warm-up failed: ${JSON.stringify(warm.error)}`);
		const started = performance.now();
		const result = await session.run(wf, { input });
		const seconds = (performance.now() - started) / 1000;
		if (result.status !== 'success') throw new Error(`workflow failed: ${JSON.stringify(result.error)}`);
		const out = result.output('Get orders') || [];
		const failed = out.filter((o) => o.error);
		if (out.length !== CALLS || failed.length) {
			throw new Error(`expected ${CALLS} orders, got ${out.length - failed.length} (+${failed.length} errors: ${JSON.stringify(failed[0]?.error)})`);
		}
		const op = OPERATIONS['orders2026.getOrder'];
		const stats = sim.control.requestStats().byOperation['orders2026.getOrder'] || { count: 0, throttled: 0 };
		const rate = op.rate * TIME_SCALE;
		const theoretical = Math.max(0, CALLS - op.burst) / rate;
		const ratio = theoretical > 0 ? seconds / theoretical : 0;
		process.stderr.write(
			`spapi-rate-limit: ${CALLS} getOrder in ${seconds.toFixed(3)} s, theoretical ${theoretical.toFixed(3)} s ` +
				`(burst ${op.burst}, ${rate} rps scaled), requests ${stats.count}, 429s ${stats.throttled}\n`,
		);
		process.stdout.write(`BENCH spapi-rate-limit calls=${CALLS} throttled=${stats.throttled} ratio=${ratio.toFixed(3)}\n`);
	} finally {
		await sim.close();
	}
}

main().catch((e) => {
	process.stderr.write(`spapi-rate-limit failed: ${e && e.stack ? e.stack : e}\n`);
	process.exitCode = 1;
});
