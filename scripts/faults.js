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
const lifecycle = require(path.join(ROOT, 'simulators', 'm3', 'lifecycle.js'));

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
	// each costs the 1 s request timeout
	'm3-timeout': {
		m3: [
			{ kind: 'hang', probability: P / 3 },
			{ kind: 'commitThenTimeout', mode: 'hang', probability: P / 3 },
		],
	},
	'm3-401': { m3: [{ kind: 'http5xx', status: 401, probability: P }] },
	// a 429 is retried after the operation's refill interval: fewer of them keep the stage short
	'sp-429': { sp: [{ operation: '*', kind: 'throttle', probability: P / 3 }] },
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
 * @param {number} m3Scale M3 fault probabilities times this (templates that send M3 few requests) @param {number} seed
 * @returns {{ stop(): number }} stop() clears the faults and returns how many fired
 */
function arm(w, cls, m3Scale, seed) {
	const m3Faults = (cls.m3 ?? []).map((f) => w.m3.control.addFaults([{ ...f, probability: Math.min(0.5, f.probability * m3Scale) }])[0]);
	// and one that surely fires, on the 1st to 3rd M3 request (from the seed): a template that sends M3 few requests
	// (a report, a cursor read) still meets the class
	const first = (cls.m3 ?? [])[0];
	if (first) {
		const { probability: _p, ...sure } = first;
		m3Faults.push(w.m3.control.addFaults([{ ...sure, times: 1, skip: seed % 3 }])[0]);
	}
	const spFaults = (cls.sp ?? []).map((f) => w.sp.control.addFault(f));
	// likewise for Amazon (a rare class, e.g. 429 at 4 %, may otherwise meet none of a template's few calls)
	const firstSp = (cls.sp ?? [])[0];
	if (firstSp) {
		const { probability: _q, ...sure } = firstSp;
		spFaults.push(w.sp.control.addFault({ ...sure, count: 1, skip: seed % 3 }));
	}
	// the request log counts this class's expired-token answers (it is capped: start it afresh)
	w.sp.sim.state.requestLog.length = 0;
	const timer = cls.expire ? setInterval(() => w.sp.control.expireTokens(), cls.expire) : undefined;
	return {
		stop() {
			if (timer) clearInterval(timer);
			const m3Fired = m3Faults.reduce((n, f) => n + (f.fired ?? 0), 0);
			const spFired = spFaults.reduce((n, f) => n + (f.hits ?? 0), 0);
			w.m3.control.clearFaults();
			w.sp.control.clearFaults();
			// an expiry counts once a request met it (Amazon answered "expired"), not when the clock struck
			const expired = cls.expire ? expiredAnswers(w) : 0;
			if (process.env.FAULTS_DEBUG) process.stderr.write(`fired m3=${m3Fired} sp=${spFired} expired=${expired} ${JSON.stringify(spFaults)}\n`);
			return m3Fired + spFired + expired;
		},
	};
}

/** API requests Amazon refused (403) since the class was armed: with only expiring tokens, the expired ones. @param {any} w */
function expiredAnswers(w) {
	return w.sp.sim.state.requestLog.filter((/** @type {any} */ e) => e.status === 403 && e.kind !== 'lwa').length;
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
// Templates: how each one is given work, run, and counted from the simulators' state
// ---------------------------------------------------------------------------------------------
/**
 * What the simulators hold at one moment, per item key:
 *   done: finished as it should be; dup: key -> why it is written twice or inconsistently; kept: in the dead letter
 * @typedef {{ done: Set<string>, dup: Map<string, string>, kept: Set<string> }} Observation
 * @typedef {{
 *   id: string, workflowId: string, world?: any, m3Scale?: number,
 *   init?(w: any): Promise<any>,
 *   setup(w: any, shared: any, round: number): Promise<any>,
 *   run(w: any, ctx: any): Promise<number>,
 *   next?(w: any, ctx: any): Promise<void>,
 *   reference?(w: any, ctx: any): Promise<void>,
 *   items(w: any, ctx: any): string[],
 *   observe(w: any, ctx: any): Observation | (() => Observation),
 * }} Scenario
 */

/** Open dead-letter rows of a workflow. @param {any} w @param {string} workflow @returns {any[]} */
function openRows(w, workflow) {
	return w.deadLetter(workflow).filter((/** @type {any} */ r) => r.status === 'open');
}

/** @param {any} r a run result @returns {boolean} the run itself broke (not: failed on purpose after keeping items) */
function brokeOutright(r) {
	return r.status === 'error' && !r.runData['Fail the execution'];
}

/** Messages in flight become visible again (their visibility timeout passed). @param {any} w */
function makeVisible(w) {
	for (const q of w.sp.sim.sqs.queues.values()) for (const m of q.messages) m.visibleAt = 0;
}

/**
 * New Amazon orders in M3 through order-to-cash (no faults): the M3 orders other templates start from.
 * @param {any} w @param {number} n @param {number} first the first order's number (newMfnOrder)
 */
async function ordersInM3(w, n, first) {
	const o2c = w.template('order-to-cash.json');
	const skus = orderableSkus(w.m3, w.sp);
	/** @type {string[]} */
	const ids = [];
	for (let k = first; k < first + n; k++) {
		const o = newMfnOrder(w.sp, skus, k);
		ids.push(o.orderId);
		w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
	}
	await w.orderToCash(o2c);
	return Object.values(w.m3.state.orders).map((/** @type {any} */ o) => o.head).filter((/** @type {any} */ h) => ids.includes(String(h.CUOR)));
}

/** @type {Scenario} */
const orderToCash = {
	id: 'order-to-cash',
	workflowId: 'm3amzOrderToCash',
	async setup(w, _shared, round) {
		const wf = w.template('order-to-cash.json');
		// 4 messages per poll: the queue (30 messages) is shared out over 8 executions running at once
		flows.node(wf, 'Amazon order notifications (SQS)').parameters.sqsOptions = { waitTimeSeconds: 0, visibilityTimeout: 600, maxMessages: 4 };
		const skus = orderableSkus(w.m3, w.sp);
		/** @type {string[]} */
		const ids = [];
		for (let k = round * 100; k < round * 100 + 24; k++) {
			const o = newMfnOrder(w.sp, skus, k);
			ids.push(o.orderId);
			w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
			// Amazon sends more than one notification per order: every 4th order twice, two executions take it at once
			if (k % 4 === 0) w.sp.control.emit({ type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		}
		return { wf, ids };
	},
	async run(w, ctx) {
		let runs = 0;
		for (let round = 0; round < 30 && w.queued() > 0; round++) {
			// poll as n8n's trigger does, up to 8 times, then run what the polls gave at once
			const batches = [];
			for (let i = 0; i < CONCURRENCY; i++) {
				let polled;
				try {
					polled = await engine.runPoll(w.session, ctx.wf, 'Amazon order notifications (SQS)');
				} catch {
					continue; // a failed poll leaves the messages on the queue
				}
				if (!polled || polled[0].length === 0) break;
				batches.push(polled[0]);
			}
			// messages of an execution that did not acknowledge them come back after their visibility timeout
			if (!batches.length) makeVisible(w);
			await Promise.all(batches.map((b) => w.session.run(ctx.wf, { startNode: 'Amazon order notifications (SQS)', input: b, mode: 'trigger' })));
			runs += batches.length;
		}
		return runs;
	},
	items: (_w, ctx) => ctx.ids,
	observe(w) {
		/** @type {Map<string, number>} */
		const orders = new Map();
		for (const o of Object.values(w.m3.state.orders)) {
			const cuor = String(/** @type {any} */ (o).head.CUOR);
			orders.set(cuor, (orders.get(cuor) ?? 0) + 1);
		}
		const obs = { done: new Set(), dup: new Map(), kept: new Set(openRows(w, 'm3amzOrderToCash').map((r) => r.key)) };
		for (const [cuor, n] of orders) {
			obs.done.add(cuor);
			if (n > 1) obs.dup.set(cuor, `${n} M3 customer orders`);
		}
		return obs;
	},
};

/** @type {Scenario} */
const shipmentFeedback = {
	id: 'shipment-feedback',
	workflowId: 'm3amzShipmentFeedback',
	async setup(w, _shared, round) {
		const heads = await ordersInM3(w, 24, round * 100);
		/** @type {{ key: string, CUOR: string, ORNO: string, DLIX: string }[]} */
		const packages = [];
		for (const h of heads) {
			const d = w.m3.control.ship(String(h.ORNO), { carrier: 'UPS' });
			if (d.error) continue;
			packages.push({ key: `${h.CUOR}#${Number(d.DLIX)}`, CUOR: String(h.CUOR), ORNO: String(h.ORNO), DLIX: String(d.DLIX) });
		}
		const bod = require('node:fs').readFileSync(path.join(ROOT, 'test', 'fixtures', 'bods', 'SyncShipment.xml'), 'utf8');
		return { wf: w.template('shipment-feedback.json'), packages, bod };
	},
	async run(w, ctx) {
		// 7 orders arrive as ION Sync.Shipment BODs while the schedule runs: 8 executions at once, over the same deliveries
		const viaIon = ctx.packages.slice(0, CONCURRENCY - 1);
		const ion = viaIon.map((/** @type {any} */ p, /** @type {number} */ i) => async () => {
			const body = ctx.bod
				.replace(/<BODID>[^<]*<\/BODID>/, `<BODID>faults-${p.ORNO}-${i}</BODID>`)
				.replace(/(<SalesOrderReference>\s*<DocumentID><ID>)[^<]*(<\/ID>)/g, `$1${p.ORNO}$2`);
			const hook = await engine.runWebhook(w.session, ctx.wf, 'ION Sync.Shipment', {
				headers: { 'content-type': 'text/plain', 'x-api-key': String(w.creds.n8n.inforIonWebhookApi.apiKey) },
				rawBody: body,
			});
			const emitted = hook.response.workflowData?.[0] ?? [];
			if (!emitted.length) return; // ION sends it again (an answer >= 400): not ours to count
			await w.session.run(ctx.wf, { startNode: 'ION Sync.Shipment', input: emitted, mode: 'trigger' });
		});
		await Promise.all([...ion.map((f) => f()), w.fire(ctx.wf, 'Every 30 minutes')]);
		return ion.length + 1;
	},
	async next(w, ctx) {
		await w.fire(ctx.wf, 'Every 30 minutes');
	},
	items: (_w, ctx) => ctx.packages.map((/** @type {any} */ p) => p.key),
	observe(w, ctx) {
		/** @type {Map<string, number>} */
		const confirmations = new Map();
		for (const c of w.sp.state.shipmentConfirmations) {
			const k = `${c.orderId}#${c.packageDetail?.packageReferenceId}`;
			confirmations.set(k, (confirmations.get(k) ?? 0) + 1);
		}
		const rows = openRows(w, 'm3amzShipmentFeedback');
		const obs = { done: new Set(), dup: new Map(), kept: new Set() };
		for (const [k, n] of confirmations) {
			obs.done.add(k);
			if (n > 1) obs.dup.set(k, `confirmed ${n} times on Amazon`);
		}
		for (const p of ctx.packages) {
			const kept = rows.some(
				(r) =>
					r.key === p.key ||
					r.key === `delivery ${p.DLIX}` ||
					r.key.startsWith('run ') ||
					(r.key.startsWith('BOD ') && r.input.includes(p.ORNO)),
			);
			if (kept) obs.kept.add(p.key);
		}
		return obs;
	},
};

/** @type {Scenario} */
const paymentsToGl = {
	id: 'payments-to-gl',
	workflowId: 'm3amzPaymentsToGl',
	async setup(w, _shared, round) {
		// the seeded Finances transactions copied onto 8 closed days (one window each): a batch per marketplace + currency + day
		const seed = w.sp.sim.state.transactions.filter((/** @type {any} */ t) => t.transactionStatus === 'RELEASED' && !String(t.transactionId).startsWith('TX-FAULTS-'));
		const day0 = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - (10 + CONCURRENCY * (round + 1)) * 86400000;
		/** @type {{ windowStart: string, windowEnd: string }[]} */
		const windows = [];
		for (let d = 0; d < CONCURRENCY; d++) {
			const start = day0 + d * 86400000;
			windows.push({ windowStart: new Date(start).toISOString(), windowEnd: new Date(start + 86400000).toISOString() });
			seed.forEach((/** @type {any} */ t, /** @type {number} */ i) => {
				const copy = JSON.parse(JSON.stringify(t));
				copy.transactionId = `TX-FAULTS-${round}-${d}-${i}`;
				copy.postedDate = new Date(start + 3600000 + i * 60000).toISOString().replace(/\.\d{3}Z$/, 'Z');
				w.sp.sim.state.transactions.push(copy);
			});
		}
		return { wf: w.template('payments-to-gl.json'), windows };
	},
	async run(w, ctx) {
		// every window once, the first two twice: two executions post the same batches at the same time
		const runs = [...ctx.windows, ...ctx.windows.slice(0, 2)];
		await inParallel(runs.map((/** @type {any} */ win) => () => w.session.run(ctx.wf, { startNode: 'Every day at 03:00', input: [{ json: win }], mode: 'trigger' })));
		return runs.length;
	},
	async reference(w, ctx) {
		// after the replay, each window once more without faults: every batch must be there already (KEY1 + completion
		// record: nothing is posted again); the Transform's batches are what should have been posted. (The next daily run
		// posts the next day: a window that was neither posted nor kept is lost, not pending.)
		ctx.plan = new Map();
		for (const win of ctx.windows) {
			const r = await w.session.run(ctx.wf, { startNode: 'Every day at 03:00', input: [{ json: win }], mode: 'trigger' });
			for (const b of r.output('Transactions to GL batch') ?? []) ctx.plan.set(String(b.KEY1), { lines: b.lines.map((/** @type {any} */ l) => l.PARM), window: win });
		}
	},
	items: (_w, ctx) => [...ctx.plan.keys()],
	observe(w, ctx) {
		// the plan is known after the reference run: keep what the simulators hold now, judge it then
		const rows = openRows(w, 'm3amzPaymentsToGl');
		const batches = JSON.parse(JSON.stringify(Object.values(w.m3.state.glBatches)));
		return () => {
		const obs = { done: new Set(), dup: new Map(), kept: new Set() };
		for (const b of batches) {
			const batch = /** @type {any} */ (b);
			const plan = ctx.plan.get(batch.KEY1);
			if (batch.status !== 'updated') continue;
			obs.done.add(batch.KEY1);
			if (plan) {
				const have = batch.lines.map((/** @type {any} */ l) => l.PARM).sort().join('\n');
				if (have !== [...plan.lines].sort().join('\n')) obs.dup.set(batch.KEY1, `posted with ${batch.lines.length} lines, the batch has ${plan.lines.length}`);
			}
		}
		for (const [key, plan] of ctx.plan) {
			if (rows.some((r) => r.key === `KEY1 ${key}` || r.key === `window ${plan.window.windowStart} - ${plan.window.windowEnd}`)) obs.kept.add(key);
		}
		return obs;
		};
	},
};

/** n elements of a list from `from` on, wrapping around. @template T @param {T[]} list @param {number} from @param {number} n */
function rotate(list, from, n) {
	if (!list.length) return [];
	return Array.from({ length: Math.min(n, list.length) }, (_v, k) => list[(from + k) % list.length]);
}

/**
 * The quantity inventory-sync sends for an item, computed from M3's balances as the template's Settings say (figure
 * AV01 = STQT - ALQT over warehouses 001 and 002, buffer 2 units, rounded down, between 0 and 999) - independent of the
 * nodes, so a wrong quantity is seen. @param {any} w @param {string} itno
 */
function quantityFor(w, itno) {
	let sum = 0;
	for (const whlo of ['001', '002']) {
		const b = w.m3.state.balances[`${whlo}|${itno}`];
		if (b) sum += Number(b.STQT) - Number(b.ALQT);
	}
	return Math.max(0, Math.min(999, Math.floor(sum - 2)));
}

/** Merchant-fulfilled SKUs that M3 sells (ALWT 1 alias of an active item) and Amazon lists, one per item. @param {any} w */
function mfnSkus(w) {
	const seen = new Set();
	/** @type {{ sku: string, ITNO: string }[]} */
	const out = [];
	for (const a of w.m3.state.aliases) {
		if (a.ALWT !== '1' || seen.has(a.ITNO) || w.m3.state.items[a.ITNO]?.STAT !== '20') continue;
		const l = w.sp.state.listings.get(a.POPN);
		if (!l || l.fba) continue;
		seen.add(a.ITNO);
		out.push({ sku: a.POPN, ITNO: a.ITNO });
	}
	return out;
}

/** Amazon quantities of SKUs: done when Amazon has M3's quantity; anything else Amazon holds but the old value is inconsistent. */
function quantityObservation(/** @type {any} */ w, /** @type {any} */ ctx, /** @type {string} */ workflow) {
	const rows = openRows(w, workflow);
	const obs = { done: new Set(), dup: new Map(), kept: new Set() };
	for (const it of ctx.skus) {
		const q = w.sp.state.listings.get(it.sku)?.quantity;
		if (q === it.expected) obs.done.add(it.sku);
		else if (q !== it.old) obs.dup.set(it.sku, `Amazon has ${q}, M3 says ${it.expected} (was ${it.old})`);
		if (rows.some((r) => r.key === `sku ${it.sku}` || r.key.startsWith('feed ') || r.key.startsWith(`item ${it.ITNO} `))) obs.kept.add(it.sku);
	}
	return obs;
}

/** @type {Scenario} */
const inventorySync = {
	id: 'inventory-sync',
	workflowId: 'm3amzInventorySync',
	m3Scale: 3,
	async init(w) {
		const wf = w.template('inventory-sync.json');
		// Amazon in step with M3 first (every SKU; the cursor is set)
		const first = await w.fire(wf, 'Every 15 minutes');
		if (first.status !== 'success') throw new Error(`inventory-sync without faults: ${first.error?.message}`);
		return { wf, pool: mfnSkus(w) };
	},
	async setup(w, shared, round) {
		const wf = shared.wf;
		// 12 items' stock changes in M3: one patch per SKU (below the feed threshold of 20)
		const skus = rotate(shared.pool, round * 12, 12).map((it, k) => {
			const old = w.sp.state.listings.get(it.sku).quantity;
			const b = w.m3.state.balances[`001|${it.ITNO}`];
			w.m3.control.setStock('001', it.ITNO, Number(b?.STQT ?? 0) + 5 + k);
			return { ...it, old, expected: quantityFor(w, it.ITNO) };
		});
		return { wf, skus };
	},
	async run(w, ctx) {
		await inParallel(Array.from({ length: CONCURRENCY }, () => () => w.fire(ctx.wf, 'Every 15 minutes')));
		return CONCURRENCY;
	},
	async next(w, ctx) {
		await w.fire(ctx.wf, 'Every 15 minutes');
	},
	items: (_w, ctx) => ctx.skus.map((/** @type {any} */ it) => it.sku),
	observe: (w, ctx) => quantityObservation(w, ctx, 'm3amzInventorySync'),
};

/** @type {Scenario} */
const inventoryReconciliation = {
	id: 'inventory-reconciliation',
	workflowId: 'm3amzInventoryReconciliation',
	world: { m3: { items: 60 } },
	m3Scale: 3,
	async init(w) {
		// Amazon in step with M3 first
		const sync = await w.fire(w.template('inventory-sync.json'), 'Every 15 minutes');
		if (sync.status !== 'success') throw new Error(`inventory-sync without faults: ${sync.error?.message}`);
		const wf = w.template('inventory-reconciliation.json');
		delete flows.node(wf, 'Fix MFN quantity on Amazon').disabled;
		return { wf };
	},
	async setup(w, shared, round) {
		const wf = shared.wf;
		// 16 MFN listings out of step for the report to find and fix
		const inStep = mfnSkus(w).filter((it) => w.sp.state.listings.get(it.sku).quantity === quantityFor(w, it.ITNO));
		const skus = rotate(inStep, round * 16, 16)
			.map((it, k) => {
				const l = w.sp.state.listings.get(it.sku);
				l.quantity = 4000 + k;
				return { ...it, old: l.quantity, expected: quantityFor(w, it.ITNO) };
			});
		return { wf, skus };
	},
	async run(w, ctx) {
		const n = 2; // each run checks every listing: two at once
		await inParallel(Array.from({ length: n }, () => () => w.fire(ctx.wf, 'Every Monday at 06:00')));
		return n;
	},
	async next(w, ctx) {
		await w.fire(ctx.wf, 'Every Monday at 06:00');
	},
	items: (_w, ctx) => ctx.skus.map((/** @type {any} */ it) => it.sku),
	observe: (w, ctx) => quantityObservation(w, ctx, 'm3amzInventoryReconciliation'),
};

const CATALOG_MARKETPLACES = ['ATVPDKIKX0DER', 'A1PA6795UKMFR9'];

/** @type {Scenario} */
const catalogSync = {
	id: 'catalog-sync',
	workflowId: 'm3amzCatalogSync',
	world: { m3: { items: 60 } },
	async init(w) {
		const wf = w.template('catalog-sync.json');
		// every listing on Amazon first (the cursor is set; items without a brand are kept in the dead letter)
		await w.fire(wf, 'Every hour');
		const rowsBefore = new Set(w.deadLetter('m3amzCatalogSync').map((/** @type {any} */ r) => r.key));
		const named = [...w.sp.state.listings.values()].filter(
			(l) => l.itno && CATALOG_MARKETPLACES.every((mp) => JSON.stringify(l.attributes?.[mp]?.item_name ?? '').includes(String(w.m3.state.items[l.itno]?.ITDS))),
		);
		return { wf, rowsBefore, named };
	},
	async setup(w, shared, round) {
		const { wf, rowsBefore, named } = shared;
		// 6 items renamed in M3: 12 listings (2 marketplaces) to send again, one request each (below the feed threshold)
		/** @type {{ key: string, sku: string, ITNO: string, mp: string, name: string }[]} */
		const listings = [];
		for (const l of rotate(named, round * 6, 6)) {
			const name = `${String(w.m3.state.items[l.itno].ITDS).replace(/ \(faults \d+\)$/, '')} (faults ${round})`;
			w.m3.control.changeItem(l.itno, { ITDS: name });
			for (const mp of CATALOG_MARKETPLACES) listings.push({ key: `${mp} ${l.sku}`, sku: l.sku, ITNO: l.itno, mp, name });
		}
		return { wf, listings, rowsBefore };
	},
	async run(w, ctx) {
		await inParallel(Array.from({ length: CONCURRENCY }, () => () => w.fire(ctx.wf, 'Every hour')));
		return CONCURRENCY;
	},
	async next(w, ctx) {
		await w.fire(ctx.wf, 'Every hour');
	},
	items: (_w, ctx) => ctx.listings.map((/** @type {any} */ l) => l.key),
	observe(w, ctx) {
		const rows = openRows(w, 'm3amzCatalogSync').filter((r) => !ctx.rowsBefore.has(r.key));
		const obs = { done: new Set(), dup: new Map(), kept: new Set() };
		for (const it of ctx.listings) {
			const attrs = w.sp.state.listings.get(it.sku)?.attributes?.[it.mp];
			const names = JSON.stringify(attrs?.item_name ?? '');
			if (names.includes(it.name)) obs.done.add(it.key);
			if (rows.some((r) => r.key === `listing ${it.mp} ${it.sku}` || r.key.startsWith(`item ${it.ITNO} `))) obs.kept.add(it.key);
		}
		return obs;
	},
};

/**
 * Ships M3 orders in M3 and on Amazon (what shipment-feedback does), so that they can be returned.
 * @param {any} w @param {any[]} heads M3 order heads @returns {any[]} the Amazon orders shipped
 */
function shipBoth(w, heads) {
	const out = [];
	for (const h of heads) {
		const d = w.m3.control.ship(String(h.ORNO), { carrier: 'UPS' });
		if (d.error) continue;
		const a = w.sp.state.orders.get(String(h.CUOR));
		for (const it of a.items) it.quantityShipped = it.quantity;
		a.status = 'SHIPPED';
		out.push(a);
	}
	return out;
}

/** @type {Scenario} */
const returnsToM3 = {
	id: 'returns-to-m3',
	workflowId: 'm3amzReturnsToM3',
	// reports are ready within a tenth of a second (the template polls every 30 s by default: here 50 ms)
	world: { spapi: { timeScale: 600, reportDelays: { inQueueMs: 30, inProgressMs: 60 } } },
	async init() {
		// every round's refunds fall into a window of their own, in the past: a run and its replay read that window
		return { base: Date.now() - 4 * 86400000 };
	},
	async setup(w, shared, round) {
		const wf = w.template('returns-to-m3.json');
		for (const n of ['Wait for MFN returns report', 'Wait for FBA returns report']) flows.node(wf, n).parameters.options = { waitForCompletion: true, pollIntervalSeconds: 0.05 };
		const start = shared.base + round * 3 * 3600000;
		const win = { windowStart: new Date(start).toISOString(), windowEnd: new Date(start + 2 * 3600000).toISOString() };
		// 8 shipped orders returned and refunded: every item of most, one unit of one item as DEFECTIVE (scrapped) of every 3rd
		const shipped = shipBoth(w, await ordersInM3(w, CONCURRENCY, round * 100));
		/** @type {{ key: string, CUOR: string, ORNO: string, lines: Map<string, number> }[]} */
		const refunds = [];
		shipped.forEach((a, k) => {
			const at = { returnedAt: start + 20 * 60000 + k * 60000, refundedAt: start + 40 * 60000 + k * 60000 };
			const r =
				k % 3 === 2
					? w.sp.control.returnItems(a.orderId, { items: [{ orderItemId: a.items[0].orderItemId, quantity: 1 }], reason: 'DEFECTIVE', ...at })
					: w.sp.control.returnItems(a.orderId, { reason: 'NO_LONGER_NEEDED', ...at });
			const head = Object.values(w.m3.state.orders).find((/** @type {any} */ o) => String(o.head.CUOR) === a.orderId);
			/** @type {Map<string, number>} ITNO -> units returned */
			const lines = new Map();
			for (const ret of r.returns) {
				const line = head.lines.find((/** @type {any} */ l) => String(l.CUOR) === ret.orderItemId);
				lines.set(String(line.ITNO), (lines.get(String(line.ITNO)) ?? 0) + ret.quantity);
			}
			refunds.push({ key: String(r.transaction.transactionId), CUOR: a.orderId, ORNO: String(head.head.ORNO), lines });
		});
		return { wf, win, refunds };
	},
	async run(w, ctx) {
		// 8 executions over the same window at once (a schedule that overlaps a slow run, a manual run, a replay)
		await inParallel(Array.from({ length: CONCURRENCY }, () => () => w.session.run(ctx.wf, { startNode: 'Every 6 hours', input: [{ json: ctx.win }], mode: 'trigger' })));
		return CONCURRENCY;
	},
	async next(w, ctx) {
		// the next scheduled run reads the last 30 days: this window again
		await w.session.run(ctx.wf, { startNode: 'Every 6 hours', input: [{ json: ctx.win }], mode: 'trigger' });
	},
	items: (_w, ctx) => ctx.refunds.map((/** @type {any} */ r) => r.key),
	observe(w, ctx) {
		const rows = openRows(w, 'm3amzReturnsToM3');
		const windowKey = `returns ${ctx.win.windowStart} - ${ctx.win.windowEnd}`;
		const obs = { done: new Set(), dup: new Map(), kept: new Set() };
		for (const rf of ctx.refunds) {
			// one refund per order here: the M3 returns against the order are this refund's
			const mine = Object.values(w.m3.state.returns).filter((/** @type {any} */ x) => String(x.head.RORN) === rf.ORNO);
			/** @type {Map<string, number>} */
			const units = new Map();
			for (const x of mine) for (const l of /** @type {any} */ (x).lines) units.set(String(l.ITNO), (units.get(String(l.ITNO)) ?? 0) + Number(l.REQ0));
			if (mine.length > 1) obs.dup.set(rf.key, `${mine.length} M3 customer returns for one refund`);
			else if ([...units].some(([itno, q]) => q > (rf.lines.get(itno) ?? 0))) obs.dup.set(rf.key, `M3 return lines ${JSON.stringify([...units])}, refunded ${JSON.stringify([...rf.lines])}`);
			if (mine.length && [...rf.lines].every(([itno, q]) => units.get(itno) === q)) obs.done.add(rf.key);
			if (rows.some((r) => r.key === `refund ${rf.key}` || r.key === windowKey)) obs.kept.add(rf.key);
		}
		return obs;
	},
};

/** @type {Scenario} */
const m3Cancellations = {
	id: 'm3-cancellations',
	workflowId: 'm3amzM3Cancellations',
	// Amazon's clock 20 times faster than the others' (feeds are done sooner; createFeed's quota, 1 per 2 minutes
	// after a burst of 15, is what 8 runs at once use up)
	world: { spapi: { timeScale: 600 } },
	async init(w) {
		const wf = w.template('m3-cancellations.json');
		flows.node(wf, 'Cancel on Amazon').parameters.options = { pollIntervalSeconds: 0.2, maxWaitSeconds: 60 };
		// the first run sets the watermark
		const first = await w.fire(wf, 'Every 30 minutes');
		if (first.status !== 'success') throw new Error(`m3-cancellations without faults: ${first.error?.message}`);
		return { wf };
	},
	async setup(w, shared, round) {
		// 4 new orders in M3; M3 closes one line of those with more than one (CloLine), deletes every line of the others.
		// (Each of the 8 runs at once sends a feed per order it finds Amazon has not cancelled yet - Amazon answers the
		// later ones "already cancelled" - and every feed costs createFeed quota: 4 orders keep the stage short.)
		const heads = await ordersInM3(w, CONCURRENCY / 2, round * 100);
		/** @type {{ key: string, orderId: string, closed: string[] }[]} */
		const orders = [];
		for (const h of heads) {
			const o = Object.values(w.m3.state.orders).find((/** @type {any} */ x) => x.head === h);
			if (o.lines.length >= 2) {
				lifecycle.closeLine(w.m3.state, o, { PONR: o.lines[0].PONR, POSX: '0' });
				orders.push({ key: String(h.ORNO), orderId: String(h.CUOR), closed: [String(o.lines[0].CUOR)] });
			} else {
				const ids = o.lines.map((/** @type {any} */ l) => String(l.CUOR));
				for (const l of [...o.lines]) lifecycle.deleteLine(w.m3.state, o, { PONR: l.PONR, POSX: '0' });
				orders.push({ key: String(h.ORNO), orderId: String(h.CUOR), closed: ids });
			}
		}
		return { wf: shared.wf, orders };
	},
	async run(w, ctx) {
		await inParallel(Array.from({ length: CONCURRENCY }, () => () => w.fire(ctx.wf, 'Every 30 minutes')));
		return CONCURRENCY;
	},
	async next(w, ctx) {
		await w.fire(ctx.wf, 'Every 30 minutes');
	},
	items: (_w, ctx) => ctx.orders.map((/** @type {any} */ o) => o.key),
	observe(w, ctx) {
		const rows = openRows(w, 'm3amzM3Cancellations');
		/** @type {Map<string, number>} what Amazon applied: item -> times cancelled by the seller */
		const applied = new Map();
		for (const c of w.sp.state.sellerCancellations ?? []) applied.set(`${c.orderId} ${c.orderItemId}`, (applied.get(`${c.orderId} ${c.orderItemId}`) ?? 0) + 1);
		const obs = { done: new Set(), dup: new Map(), kept: new Set() };
		for (const o of ctx.orders) {
			const a = w.sp.state.orders.get(o.orderId);
			const twice = o.closed.filter((id) => (applied.get(`${o.orderId} ${id}`) ?? 0) > 1);
			const wrong = a.items.filter((/** @type {any} */ it) => it.cancelled && !o.closed.includes(it.orderItemId));
			if (twice.length) obs.dup.set(o.key, `items ${twice.join(', ')} cancelled twice on Amazon`);
			else if (wrong.length) obs.dup.set(o.key, `items ${wrong.map((/** @type {any} */ it) => it.orderItemId).join(', ')} cancelled on Amazon, M3 did not close them`);
			if (o.closed.every((id) => a.items.find((/** @type {any} */ it) => it.orderItemId === id)?.cancelled)) obs.done.add(o.key);
			if (rows.some((r) => r.key === `cancel ${o.key}` || r.key.startsWith('run '))) obs.kept.add(o.key);
		}
		return obs;
	},
};

/** @type {Scenario[]} */
const SCENARIOS = [orderToCash, shipmentFeedback, inventorySync, inventoryReconciliation, paymentsToGl, catalogSync, returnsToM3, m3Cancellations];

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
/**
 * @param {string[]} items @param {Observation | (() => Observation)} observed
 * @param {Observation | (() => Observation)} [afterNext] what the next scheduled run left
 * @returns {{ items: number, done: number, deadLetter: number, lost: number, duplicates: number, pending: number, notes: string[] }}
 */
function tally(items, observed, afterNext) {
	const obs = typeof observed === 'function' ? observed() : observed;
	const later = typeof afterNext === 'function' ? afterNext() : afterNext;
	const c = { items: items.length, done: 0, deadLetter: 0, lost: 0, duplicates: 0, pending: 0, notes: /** @type {string[]} */ ([]) };
	for (const k of items) {
		if (obs.dup.has(k)) {
			c.duplicates++;
			c.notes.push(`${k}: ${obs.dup.get(k)}`);
		}
		if (obs.done.has(k)) c.done++;
		else if (obs.kept.has(k)) c.deadLetter++;
		else if (later && later.done.has(k)) {
			c.pending++;
			if (process.env.FAULTS_DEBUG) c.notes.push(`${k}: pending (done by the next scheduled run)`);
		}
		else {
			c.lost++;
			c.notes.push(`${k}: not done, not in the dead letter`);
		}
	}
	return c;
}

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
		// one world per template; each class gets new work in it (new orders, windows, stock changes, names)
		const w = await flows.startWorld({ seed, from: 'compiled', ...(sc.world ?? {}) });
		try {
			// "timeout" faults end after 1 s, not M3's default 2 minutes (credential "Request Timeout")
			w.session.store.inforM3Api.timeoutSeconds = 1;
			const shared = sc.init ? await sc.init(w) : undefined;
			let round = 0;
			for (const name of classes) {
				const tc = Date.now();
				const ctx = await sc.setup(w, shared, round++);
				const faults = arm(w, CLASSES[name], sc.m3Scale ?? 1, seed + round);
				let runs = 0;
				let fired = 0;
				try {
					runs = await sc.run(w, ctx);
				} finally {
					fired = faults.stop();
				}
				const during = sc.observe(w, ctx);
				if (process.env.FAULTS_DEBUG) {
					for (const r of w.deadLetter()) if (r.status === 'open') process.stdout.write(`  dead letter: ${r.key} ${r.node}: ${r.reason.slice(0, 160)}\n`);
				}
				// faults cleared: the next scheduled run, then "Replay dead letter"
				if (sc.next) await sc.next(w, ctx);
				const later = sc.observe(w, ctx);
				await w.replay(/** @type {any} */ (ctx).wf);
				const end = sc.observe(w, ctx);
				if (sc.reference) await sc.reference(w, ctx);
				const items = sc.items(w, ctx);
				const c = tally(items, during, sc.next ? later : undefined);
				const r = tally(items, end);
				const bad = c.lost > 0 || c.duplicates > 0 || fired === 0 || items.length === 0;
				process.stdout.write(
					`FAULTS ${sc.id} ${name} items=${c.items} done=${c.done} dead_letter=${c.deadLetter} lost=${c.lost} duplicates=${c.duplicates}` +
						` faults=${fired} pending=${c.pending} runs=${runs} s=${((Date.now() - tc) / 1000).toFixed(1)}\n`,
				);
				if (fired === 0) process.stdout.write(`  no fault of class ${name} fired: the line above proves nothing\n`);
				for (const n of c.notes.slice(0, 5)) process.stdout.write(`  ${n}\n`);
				if (bad) failed++;
				replay.items += r.items;
				replay.done += r.done;
				replay.duplicates += r.duplicates;
				if (r.done < r.items || r.duplicates > 0) {
					failed++;
					process.stdout.write(`  after the replay: ${r.done} of ${r.items} done, ${r.duplicates} duplicates\n`);
					for (const n of r.notes.slice(0, 5)) process.stdout.write(`  ${n}\n`);
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
