// @ts-check
/**
 * `npm run test:faults [-- --seed N] [--only <template>[,<template>]] [--class <class>[,<class>]]`: "nothing lost,
 * nothing duplicated", tried.
 *
 * Every template runs through n8n-core (test/harness, as test/templates/flows.js does) against both simulators, one
 * fault class at a time and then all mixed, 8 executions at a time, and afterwards its dead letter is replayed with
 * the faults cleared. Faults come from the simulators' seeded random sources (`probability`), so `--seed N` repeats a
 * run (the seed is printed first). What counts is read from the simulators' state and the dead-letter rows, never
 * from what the workflows say:
 *   done         the item is in the target system once, as it should be (an M3 order for the Amazon order, a shipment
 *                confirmation per package, Amazon's quantity = M3's, a GL batch per KEY1 with its lines ...)
 *   dead_letter  not done, and an open row of m3amz_dead_letter holds it
 *   lost         neither: the product lost it (exit 1)
 *   duplicates   written twice or inconsistently (two M3 orders for one Amazon order, two confirmations of one
 *                package, a GL batch posted twice ...) (exit 1)
 * One line per template and class:
 *   FAULTS <template> <class> items=<n> done=<n> dead_letter=<n> lost=0 duplicates=0 faults=<n fired> runs=<n>
 * and at the end, over every replay:
 *   FAULTS replay items=<n> done=<n> duplicates=0
 * Exit 1 on any lost or duplicate item, a class whose faults never fired, or a replay that leaves items undone.
 *
 * Loads the node types as plain-JS copies of the sources (test/harness/compiled.js): no build needed, never a stale
 * dist/. Time scale 30 and a 1.5 s M3 request timeout (credential "Request Timeout") keep it short: no real waits.
 */
'use strict';

const path = require('node:path');

// n8n-core's logger would print every failed execution (they fail on purpose here)
if (!process.env.N8N_LOG_LEVEL) process.env.N8N_LOG_LEVEL = 'silent';

const ROOT = path.resolve(__dirname, '..');
const flows = require(path.join(ROOT, 'test', 'templates', 'flows.js'));
const engine = require(path.join(ROOT, 'test', 'harness', 'engine.js'));
const { orderableSkus, newMfnOrder } = require(path.join(ROOT, 'simulators', 'cli.js'));

/** 8 executions at a time */
const CONCURRENCY = 8;
/** probability of a fault per request in a single-class run */
const P = 0.12;

/**
 * Fault classes: M3 faults (simulators/m3/faults.js), SP-API faults (simulators/spapi/faults.js), and `expire`:
 * every access token Amazon issued so far is expired every `expire` ms (Amazon's tokenExpiry).
 * @typedef {{ m3?: any[], sp?: any[], expire?: number, counts?: 'm3'|'sp'|'lwa'|'expired'|'all' }} FaultClass
 * @type {Record<string, FaultClass>}
 */
const CLASSES = {
	'm3-500': { m3: [{ kind: 'http5xx', status: 500, probability: P }] },
	'm3-503': { m3: [{ kind: 'unavailable', probability: P }] },
	'm3-reset': { m3: [{ kind: 'reset', probability: P }] },
	'm3-applied-then-lost': {
		m3: [
			{ kind: 'commitThenError', status: 500, probability: P / 2 },
			{ kind: 'commitThenTimeout', mode: 'destroy', probability: P / 2 },
		],
	},
	'm3-timeout': {
		m3: [
			{ kind: 'hang', probability: P / 2 },
			{ kind: 'commitThenTimeout', mode: 'hang', probability: P / 2 },
		],
	},
	'm3-401': { m3: [{ kind: 'http5xx', status: 401, probability: P / 2 }] },
	'sp-429': { sp: [{ operation: '*', kind: 'throttle', probability: P }] },
	'sp-503': { sp: [{ operation: '*', kind: 'error', status: 503, probability: P }] },
	'sp-reset': { sp: [{ operation: '*', kind: 'reset', probability: P }] },
	'sp-expired-token': { expire: 150 },
	'lwa-5xx': { sp: [{ operation: 'lwa.token', kind: 'error', status: 500, probability: 0.5 }], expire: 150 },
	mixed: {
		m3: [
			{ kind: 'http5xx', status: 500, probability: P / 6 },
			{ kind: 'unavailable', probability: P / 6 },
			{ kind: 'reset', probability: P / 6 },
			{ kind: 'commitThenError', status: 500, probability: P / 6 },
			{ kind: 'commitThenTimeout', mode: 'destroy', probability: P / 6 },
			{ kind: 'hang', probability: P / 12 },
			{ kind: 'http5xx', status: 401, probability: P / 12 },
		],
		sp: [
			{ operation: '*', kind: 'throttle', probability: P / 4 },
			{ operation: '*', kind: 'error', status: 503, probability: P / 4 },
			{ operation: '*', kind: 'reset', probability: P / 4 },
			{ operation: 'lwa.token', kind: 'error', status: 503, probability: 0.3 },
		],
		expire: 400,
	},
};

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------
/** @param {string[]} argv @param {string} name */
function arg(argv, name) {
	const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
	if (i < 0) return undefined;
	return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

// ---------------------------------------------------------------------------------------------
// Faults: switch a class on, count what fired, switch it off
// ---------------------------------------------------------------------------------------------
/**
 * @param {any} w world (flows.startWorld) @param {FaultClass} cls
 * @returns {{ stop(): number }} stop() clears the faults and returns how many fired
 */
function arm(w, cls) {
	const m3Faults = (cls.m3 ?? []).map((f) => w.m3.control.addFaults([f])[0]);
	const spFaults = (cls.sp ?? []).map((f) => w.sp.control.addFault(f));
	const deniedBefore = expiredAnswers(w);
	let expiries = 0;
	const timer = cls.expire
		? setInterval(() => {
				w.sp.control.expireTokens();
				expiries++;
			}, cls.expire)
		: undefined;
	return {
		stop() {
			if (timer) clearInterval(timer);
			const m3Fired = m3Faults.reduce((n, f) => n + (f.fired ?? 0), 0);
			const spFired = spFaults.reduce((n, f) => n + (f.hits ?? 0), 0);
			w.m3.control.clearFaults();
			w.sp.control.clearFaults();
			// an expiry counts once a request met it (Amazon answered "expired"), not when the clock struck
	void expiries;
			const expired = cls.expire ? expiredAnswers(w) - deniedBefore : 0;
			if (process.env.FAULTS_DEBUG) process.stderr.write(`fired m3=${m3Fired} sp=${spFired} expired=${expired} ${JSON.stringify(spFaults)}\n`);
			return m3Fired + spFired + expired;
		},
	};
}

/** Requests Amazon refused because the access token had expired (its request log). @param {any} w */
function expiredAnswers(w) {
	return w.sp.sim.state.requestLog.filter((/** @type {any} */ e) => e.status === 403 && /expired/i.test(JSON.stringify(e.error ?? e.body ?? ''))).length;
}

/**
 * Runs `fns` with at most CONCURRENCY at a time. @template T
 * @param {Array<() => Promise<T>>} fns @returns {Promise<T[]>}
 */
async function inParallel(fns) {
	/** @type {T[]} */
	const out = [];
	let next = 0;
	const worker = async () => {
		while (next < fns.length) {
			const i = next++;
			out[i] = await fns[i]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, fns.length) }, worker));
	return out;
}

// ---------------------------------------------------------------------------------------------
// Templates: how to give each one work, run it, and count from the simulators' state
// ---------------------------------------------------------------------------------------------
/**
 * @typedef {{ items: number, done: number, deadLetter: number, lost: number, duplicates: number, notes?: string[] }} Count
 * @typedef {{ id: string, file: string, setup(w: any): Promise<any>, prepare(w: any, ctx: any, round: number): Promise<any>,
 *   run(w: any, ctx: any, batch: any): Promise<number>, count(w: any, ctx: any, batch: any): Count }} Scenario
 */

/** Open dead-letter rows of a workflow, by key. @param {any} w @param {string} workflow */
function openRows(w, workflow) {
	/** @type {Map<string, any>} */
	const m = new Map();
	for (const r of w.deadLetter(workflow)) if (r.status === 'open') m.set(r.key, r);
	return m;
}

/** @type {Scenario} */
const orderToCash = {
	id: 'order-to-cash',
	file: 'order-to-cash.json',
	async setup(w) {
		const wf = w.template('order-to-cash.json');
		// 5 messages per poll: the queue is shared out over 8 executions running at once
		flows.node(wf, 'Amazon order notifications (SQS)').parameters.sqsOptions = { waitTimeSeconds: 0, visibilityTimeout: 600, maxMessages: 5 };
		return { wf, skus: orderableSkus(w.m3, w.sp), k: 0 };
	},
	async prepare(w, ctx, round) {
		/** @type {string[]} */
		const ids = [];
		for (let i = 0; i < 30; i++) {
			const o = newMfnOrder(w.sp, ctx.skus, ctx.k++);
			ids.push(o.orderId);
			w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
			// Amazon sends more than one notification per order: every 4th order twice, so two executions take it at once
			if (i % 4 === round % 4) w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		}
		return { ids };
	},
	async run(w, ctx) {
		let runs = 0;
		for (let round = 0; round < 20 && w.queued() > 0; round++) {
			// poll as n8n's trigger does, up to 8 times, then run what the polls gave at once
			const batches = [];
			for (let i = 0; i < CONCURRENCY; i++) {
				let polled;
				try {
					polled = await engine.runPoll(w.session, ctx.wf, 'Amazon order notifications (SQS)');
				} catch {
					continue; // a failed poll leaves the messages on the queue (visible again later)
				}
				if (!polled || polled[0].length === 0) break;
				batches.push(polled[0]);
			}
			if (!batches.length) {
				// only messages in flight (a failed execution that did not acknowledge): let them come back
				makeVisible(w);
				continue;
			}
			await Promise.all(batches.map((b) => w.session.run(ctx.wf, { startNode: 'Amazon order notifications (SQS)', input: b, mode: 'trigger' })));
			runs += batches.length;
		}
		return runs;
	},
	count(w, ctx, batch) {
		const rows = openRows(w, 'm3amzOrderToCash');
		/** @type {Map<string, number>} */
		const orders = new Map();
		for (const o of Object.values(w.m3.state.orders)) {
			const cuor = String(/** @type {any} */ (o).head.CUOR);
			orders.set(cuor, (orders.get(cuor) ?? 0) + 1);
		}
		const c = { items: batch.ids.length, done: 0, deadLetter: 0, lost: 0, duplicates: 0, notes: /** @type {string[]} */ ([]) };
		for (const id of batch.ids) {
			const n = orders.get(id) ?? 0;
			if (n > 1) {
				c.duplicates++;
				c.notes.push(`${id}: ${n} M3 orders`);
			}
			if (n >= 1) c.done++;
			else if (rows.has(id)) c.deadLetter++;
			else {
				c.lost++;
				c.notes.push(`${id}: no M3 order, not in the dead letter`);
			}
		}
		return c;
	},
};

/** Messages in flight become visible again (their visibility timeout passed). @param {any} w */
function makeVisible(w) {
	for (const q of w.sp.sim.sqs.queues.values()) for (const m of q.messages) m.visibleAt = 0;
}

/** @type {Scenario[]} */
const SCENARIOS = [orderToCash];

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
async function main() {
	const argv = process.argv.slice(2);
	const seed = Number(arg(argv, '--seed') ?? Math.floor(Math.random() * 1e6));
	if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a whole number');
	const only = arg(argv, '--only')?.split(',');
	const classes = arg(argv, '--class')?.split(',') ?? Object.keys(CLASSES);
	for (const c of classes) if (!CLASSES[c]) throw new Error(`unknown class ${c} (${Object.keys(CLASSES).join(', ')})`);
	const t0 = Date.now();
	process.stdout.write(`FAULTS seed=${seed} (repeat with: npm run test:faults -- --seed ${seed})\n`);
	const replay = { items: 0, done: 0, duplicates: 0 };
	let failed = 0;
	for (const sc of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
		const w = await flows.startWorld({ seed, from: 'compiled' });
		try {
			w.session.store.inforM3Api.timeoutSeconds = 1.5;
			const ctx = await sc.setup(w);
			let round = 0;
			for (const name of classes) {
				const tc = Date.now();
				const batch = await sc.prepare(w, ctx, round++);
				const faults = arm(w, CLASSES[name]);
				let runs = 0;
				try {
					runs = await sc.run(w, ctx, batch);
				} finally {
					batch.fired = faults.stop();
				}
				const c = sc.count(w, ctx, batch);
				const bad = c.lost > 0 || c.duplicates > 0 || batch.fired === 0;
				process.stdout.write(
					`FAULTS ${sc.id} ${name} items=${c.items} done=${c.done} dead_letter=${c.deadLetter} lost=${c.lost} duplicates=${c.duplicates} faults=${batch.fired} runs=${runs} s=${((Date.now() - tc) / 1000).toFixed(1)}\n`,
				);
				if (batch.fired === 0) process.stdout.write(`  no fault of class ${name} fired: the line above proves nothing\n`);
				for (const n of (c.notes ?? []).slice(0, 5)) process.stdout.write(`  ${n}\n`);
				if (bad) failed++;
				// faults cleared: the dead letter is replayed
				const rp = await w.replay(ctx.wf);
				void rp;
				const after = sc.count(w, ctx, batch);
				replay.items += after.items;
				replay.done += after.done;
				replay.duplicates += after.duplicates;
				if (after.done < after.items || after.duplicates > 0) {
					failed++;
					process.stdout.write(`  replay of ${sc.id} ${name}: ${after.done} of ${after.items} done, ${after.duplicates} duplicates\n`);
					for (const n of (after.notes ?? []).slice(0, 5)) process.stdout.write(`  ${n}\n`);
				}
			}
		} finally {
			await w.close();
		}
	}
	process.stdout.write(`FAULTS replay items=${replay.items} done=${replay.done} duplicates=${replay.duplicates}\n`);
	process.stdout.write(`FAULTS ${failed ? 'FAILED' : 'OK'} seed=${seed} ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
	process.stderr.write(`FAULTS FAILED ${e && e.stack ? e.stack : e}\n`);
	process.exitCode = 1;
});
