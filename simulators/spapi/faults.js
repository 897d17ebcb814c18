// @ts-check
'use strict';
/**
 * Fault injection per operation. A fault: { operation: 'searchOrders' | 'orders2026.searchOrders' | '*',
 *   kind: 'latency'|'error'|'reset'|'throttle'|'tokenExpiry', ms?, status? (500|503), count? (times, default unlimited),
 *   probability? (0..1, default 1) }.
 * 'throttle' = a 429 burst (count requests answered 429 regardless of the bucket).
 * 'tokenExpiry' is global and immediate: every access token issued so far is treated as expired.
 */
const KINDS = new Set(['latency', 'error', 'reset', 'throttle', 'tokenExpiry']);

class Faults {
	constructor() {
		/** @type {any[]} */
		this.list = [];
		this.seq = 0;
	}
	/** @param {any} f */
	static check(f) {
		if (!f || typeof f !== 'object') throw new Error('fault must be an object');
		if (!KINDS.has(f.kind)) throw new Error(`fault.kind must be one of ${[...KINDS].join(', ')}`);
		if (f.kind === 'error' && f.status !== undefined && ![500, 502, 503, 504].includes(Number(f.status))) throw new Error('fault.status must be 500, 502, 503 or 504');
		if (f.kind === 'latency' && !(Number(f.ms) >= 0)) throw new Error('fault.ms required for latency');
	}
	/** @param {any} f */
	add(f) {
		Faults.check(f);
		const id = ++this.seq;
		const entry = { id, operation: f.operation || '*', kind: f.kind, ms: f.ms, status: f.status ? Number(f.status) : 503, count: f.count ?? null, probability: f.probability ?? 1, hits: 0 };
		this.list.push(entry);
		return entry;
	}
	/** @param {number} [id] */
	clear(id) {
		this.list = id === undefined ? [] : this.list.filter((f) => f.id !== id);
	}
	/**
	 * Faults that fire for this request (consumes counts).
	 * @param {{key:string, operationId:string}} op
	 */
	match(op) {
		const fired = [];
		let terminal = false; // only one answer-replacing fault (error/reset/throttle) per request, first added first
		for (const f of this.list) {
			if (f.kind === 'tokenExpiry') continue;
			if (!(f.operation === '*' || f.operation === op.key || f.operation === op.operationId)) continue;
			if (f.count !== null && f.hits >= f.count) continue;
			if (f.kind !== 'latency' && terminal) continue;
			if (f.probability < 1 && Math.random() >= f.probability) continue;
			f.hits++;
			fired.push(f);
			if (f.kind !== 'latency') terminal = true;
		}
		this.list = this.list.filter((f) => f.count === null || f.hits < f.count);
		return fired;
	}
}

module.exports = { Faults };
