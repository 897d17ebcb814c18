// @ts-check
'use strict';
/**
 * `npm run test:quota` (in CI): the quota simulation of n8n queue mode (quota-cluster.js) with counts, not timings.
 * Several worker processes import orders through the order-to-cash template against one seller's quota:
 *   1. 2 workers, quota shared by 2      -> every order created once, no item failed, zero 429s
 *   2. 4 workers, quota shared by 4      -> the same
 *   3. 4 workers, setting left at 1      -> every order created once, no item failed (429s absorbed by the backoff)
 * Each run also delivers every 10th notification twice at the same moment to two workers.
 * Needs dist/ (npm run build).
 */
const assert = require('node:assert/strict');
const { runQuotaCluster } = require('./quota-cluster');

const N = Number(process.env.QUOTA_TEST_ORDERS || 60);
/** @param {string} msg */
const log = (msg) => process.stderr.write(`test:quota: ${msg}\n`);

/** @param {import('./quota-cluster').ClusterResult} r @param {boolean} zero429 */
function check(r, zero429) {
	assert.equal(r.failedItems.length, 0, `failed items: ${JSON.stringify(r.failedItems.slice(0, 3))}`);
	assert.equal(r.inM3, N, 'every order is in M3');
	assert.equal(r.duplicates, 0, 'no order twice in M3');
	assert.equal(r.created, N, 'each order created by exactly one execution');
	assert.equal(r.existing, r.duplicatesDelivered, 'every duplicate delivery found its order');
	if (zero429) assert.equal(r.throttled, 0, `429 answers: ${JSON.stringify(r.spRequests)}`);
}

async function main() {
	const started = Date.now();
	const cases = [
		{ workers: 2, quotaProcesses: 2, zero429: true },
		{ workers: 4, quotaProcesses: 4, zero429: true },
		{ workers: 4, quotaProcesses: 1, zero429: false },
	];
	for (const c of cases) {
		const r = await runQuotaCluster({ workers: c.workers, quotaProcesses: c.quotaProcesses, orders: N, timeScale: 5, log });
		check(r, c.zero429);
		log(`ok: ${c.workers} workers, quota shared by ${c.quotaProcesses}: ${r.created} created, ${r.existing} duplicates found, ${r.throttled} 429s`);
	}
	log(`passed in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((e) => {
	log(`FAILED: ${e && e.stack ? e.stack : e}`);
	process.exitCode = 1;
});
