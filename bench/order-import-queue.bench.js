// @ts-check
'use strict';
/**
 * Order import in n8n queue mode against ONE seller's SP-API quota: the order-to-cash template run by 1, 2 and 4
 * worker processes (test/queue/quota-cluster.js: this process plays main + the queue, each worker is its own Node
 * process with its own token buckets, concurrency 10 like `n8n worker`). The credential's "n8n Processes Sharing
 * the Quota" is set to the number of workers, so each worker paces itself to that share of Amazon's rate and burst.
 *
 * N new orders, one ORDER_CHANGE each, one execution per notification; every 10th notification is delivered twice at
 * the same moment to two workers (two webhook processors accepting the same delivery). Time scale 5: getOrder
 * 0.5 rps x 5 = 2.5 rps, burst 30, so the quota (not M3 or the CPU) limits the import.
 *
 * Prints one line per worker count:
 *   BENCH order-import-queue workers=<n> orders=<n> ratio_of_ceiling=<n> throttled=<n> duplicates=<n> quota_processes=<n>
 * orders            orders found in M3 by CUOR (the bench fails if one is missing or an item failed)
 * ratio_of_ceiling  ceiling_time / actual_time; ceiling_time = (executions - burst) / rate, the fastest Amazon's getOrder
 *                   bucket allows for one getOrder per execution; actual_time from the first dispatch to the last result
 * throttled         429 answers the SP-API simulator sent during the measured run (all workers, all operations)
 * duplicates        orders that exist more than once in M3
 * Details (executions per worker, requests per operation, time per node) on stderr.
 * Env: QUEUE_BENCH_ORDERS (100), QUEUE_BENCH_TIMESCALE (5), QUEUE_BENCH_WORKERS ("1,2,4"),
 *      QUEUE_BENCH_QUOTA_PROCESSES (default: = workers; 1 shows a wrong setting: 429s absorbed by the backoff).
 */
const { runQuotaCluster } = require('../test/queue/quota-cluster');

const N = Number(process.env.QUEUE_BENCH_ORDERS || 100);
const TIME_SCALE = Number(process.env.QUEUE_BENCH_TIMESCALE || 5);
const WORKERS = String(process.env.QUEUE_BENCH_WORKERS || '1,2,4')
	.split(',')
	.map((x) => Number(x.trim()))
	.filter((x) => x > 0);
const QUOTA_PROCESSES = process.env.QUEUE_BENCH_QUOTA_PROCESSES ? Number(process.env.QUEUE_BENCH_QUOTA_PROCESSES) : undefined;

/** @param {string} msg */
const log = (msg) => process.stderr.write(`order-import-queue: ${msg}\n`);

async function main() {
	let failed = false;
	for (const workers of WORKERS) {
		const r = await runQuotaCluster({ workers, orders: N, timeScale: TIME_SCALE, quotaProcesses: QUOTA_PROCESSES ?? workers, log });
		const problems = [];
		if (r.inM3 !== N) problems.push(`only ${r.inM3} of ${N} orders reached M3`);
		if (r.duplicates) problems.push(`${r.duplicates} orders exist more than once in M3`);
		if (r.failedItems.length) problems.push(`${r.failedItems.length} items failed`);
		if (problems.length) {
			log(`workers=${workers}: ${problems.join('; ')}`);
			failed = true;
			continue;
		}
		process.stdout.write(
			`BENCH order-import-queue workers=${workers} orders=${r.inM3} ratio_of_ceiling=${r.ratioOfCeiling.toFixed(3)} ` +
				`throttled=${r.throttled} duplicates=${r.duplicates} quota_processes=${r.quotaProcesses}\n`,
		);
	}
	if (failed) process.exitCode = 1;
}

main().catch((e) => {
	log(`failed: ${e && e.stack ? e.stack : e}`);
	process.exitCode = 1;
});
