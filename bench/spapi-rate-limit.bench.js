// @ts-check
'use strict';
/**
 * Rate limiting under Amazon's real usage plan, time-scaled: 100 Orders 2026-01-01 getOrder calls (one per item)
 * through the compiled Amazon Selling Partner node, run by n8n-core's engine (test/harness/engine.js), against the
 * SP-API simulator at timeScale 20 (getOrder: 0.5 rps x 20 = 10 rps, burst 30).
 * The client learns the scaled rate from x-amzn-RateLimit-Limit (nothing here tells it).
 *
 * Two cases, each against its own fresh simulator (so both start with Amazon's bucket full):
 * - sequential: the 100 calls as 100 items of one execution, after a warm-up on another operation;
 * - cold burst: the 100 calls as 100 one-item executions started at once, before this process has seen any
 *   x-amzn-RateLimit-Limit for getOrder: the client starts at the documented 0.5 rps while the simulator allows 10 rps,
 *   and the calls already waiting must be re-timed when the first answer tells the live rate. Its clock starts when the
 *   first getOrder reaches the simulator (before that, n8n-core sets up the 100 executions) and ends with the last run.
 *
 * Prints: BENCH spapi-rate-limit calls=<n> throttled=<n> ratio=<n> cold_burst_ratio=<n>
 * ratio / cold_burst_ratio = actual time / theoretical, theoretical = (calls - burst) / rate (the burst is free), in
 * seconds of the scaled clock; throttled = 429 answers the simulator sent in both cases together.
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

	const op = OPERATIONS['orders2026.getOrder'];
	const rate = op.rate * TIME_SCALE;
	const theoretical = Math.max(0, CALLS - op.burst) / rate;

	/** One simulator, one session, a warm-up on another operation (LWA token, modules), then `measure`. */
	async function withSimulator(/** @type {(s: any, sim: any, ids: string[]) => Promise<number>} */ measure) {
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
			// Warm-up on another operation (own bucket): LWA token fetched, engine and modules loaded — so the timing
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
			const seconds = await measure(session, sim, [...sim.state.orders.keys()]);
			const stats = sim.control.requestStats().byOperation['orders2026.getOrder'] || { count: 0, throttled: 0 };
			return { seconds, requests: stats.count, throttled: stats.throttled };
		} finally {
			await sim.close();
		}
	}

	const getOrders = linearWorkflow([
		{
			type: 'amazonSellingPartner',
			name: 'Get orders',
			parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.orderId }}', includedData: [] },
			credentials: ['amazonSpApi'],
			onError: 'continueRegularOutput',
		},
	]);
	/** @param {any[]} results */
	const check = (results) => {
		const out = results.flatMap((r) => {
			if (r.status !== 'success') throw new Error(`workflow failed: ${JSON.stringify(r.error)}`);
			return r.output('Get orders') || [];
		});
		const failed = out.filter((/** @type {any} */ o) => o.error);
		if (out.length !== CALLS || failed.length) {
			throw new Error(`expected ${CALLS} orders, got ${out.length - failed.length} (+${failed.length} errors: ${JSON.stringify(failed[0]?.error)})`);
		}
	};

	const sequential = await withSimulator(async (session, _sim, ids) => {
		const input = Array.from({ length: CALLS }, (_v, i) => ({ json: { orderId: ids[i % ids.length] } }));
		const started = performance.now();
		const result = await session.run(getOrders, { input });
		const seconds = (performance.now() - started) / 1000;
		check([result]);
		return seconds;
	});
	const cold = await withSimulator(async (session, sim, ids) => {
		// The clock starts when the first getOrder reaches the simulator: setting up 100 executions in the engine takes
		// ~0.7 s of CPU here before any node runs, which is n8n's cost, not the rate limiter's.
		/** @type {number | undefined} */
		let firstRequest;
		sim.sim.server.on('request', (/** @type {import('node:http').IncomingMessage} */ req) => {
			if (firstRequest === undefined && String(req.url).startsWith('/orders/2026-01-01/orders/')) firstRequest = performance.now();
		});
		const results = await Promise.all(
			Array.from({ length: CALLS }, async (_v, i) => await session.run(getOrders, { input: [{ json: { orderId: ids[i % ids.length] } }] })),
		);
		const seconds = (performance.now() - /** @type {number} */ (firstRequest)) / 1000;
		check(results);
		return seconds;
	});

	const ratio = theoretical > 0 ? sequential.seconds / theoretical : 0;
	const coldRatio = theoretical > 0 ? cold.seconds / theoretical : 0;
	for (const [name, r] of /** @type {const} */ ([['sequential', sequential], ['cold burst', cold]])) {
		process.stderr.write(
			`spapi-rate-limit ${name}: ${CALLS} getOrder in ${r.seconds.toFixed(3)} s, theoretical ${theoretical.toFixed(3)} s ` +
				`(burst ${op.burst}, ${rate} rps scaled, documented ${op.rate} rps), requests ${r.requests}, 429s ${r.throttled}\n`,
		);
	}
	process.stdout.write(
		`BENCH spapi-rate-limit calls=${CALLS} throttled=${sequential.throttled + cold.throttled} ratio=${ratio.toFixed(3)} cold_burst_ratio=${coldRatio.toFixed(3)}\n`,
	);
}

main().catch((e) => {
	process.stderr.write(`spapi-rate-limit failed: ${e && e.stack ? e.stack : e}\n`);
	process.exitCode = 1;
});
