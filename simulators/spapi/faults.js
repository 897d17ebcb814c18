// @ts-check
'use strict';
/**
 * Fault injection per operation. A fault: { operation, kind, ms?, status?, count? (times, default unlimited),
 * skip? (let the first n matching requests pass), probability? (0..1, default 1, drawn from the simulator's seeded
 * RNG: a run with the same seed and request order fires the same faults) }.
 *
 * operation: an API operation ('orders2026.searchOrders' or its operationId 'searchOrders'), '*' (every API call),
 *   'lwa.token' (the Login with Amazon token endpoint), 'sqs.<Action>' (e.g. 'sqs.ReceiveMessage',
 *   'sqs.DeleteMessageBatch'; 'sqs.*' = every SQS call). '*' matches API calls only.
 * kind:
 *   latency              delay the answer by `ms` (real ms); combines with one other fault
 *   error                answer `status` (400 InvalidInput, 401 token refused, 403, 404, 500 InternalFailure, 502, 503 ServiceUnavailable, 504)
 *   reset                destroy the connection before anything is done
 *   throttle             429 QuotaExceeded (a burst = set `count`)
 *   html                 answer 200 with an HTML page (a proxy or captive portal in front of the service)
 *   echoHeaders          answer 400 whose error details echo the request headers (a proxy that does so)
 *   appliedThenReset     do the operation (the write happens), then destroy the connection
 *   appliedThenError     do the operation, then answer 500
 *   appliedThenTimeout   do the operation, then never answer (until the client gives up or the simulator closes)
 *   tokenExpiry          global and immediate: every access token issued so far is treated as expired
 */
const KINDS = new Set(['latency', 'error', 'reset', 'throttle', 'tokenExpiry', 'html', 'echoHeaders', 'appliedThenReset', 'appliedThenError', 'appliedThenTimeout']);
const STATUSES = [400, 401, 403, 404, 500, 502, 503, 504];
/** faults acting after the operation ran */
const APPLIED = new Set(['appliedThenReset', 'appliedThenError', 'appliedThenTimeout']);

class Faults {
	/** @param {() => number} [random] seeded RNG (the simulator passes one derived from its seed) */
	constructor(random = Math.random) {
		/** @type {any[]} */
		this.list = [];
		this.seq = 0;
		this.random = random;
	}
	/** @param {any} f */
	static check(f) {
		if (!f || typeof f !== 'object') throw new Error('fault must be an object');
		if (!KINDS.has(f.kind)) throw new Error(`fault.kind must be one of ${[...KINDS].join(', ')}`);
		if (f.kind === 'error' && f.status !== undefined && !STATUSES.includes(Number(f.status))) throw new Error(`fault.status must be one of ${STATUSES.join(', ')}`);
		if (f.kind === 'latency' && !(Number(f.ms) >= 0)) throw new Error('fault.ms required for latency');
	}
	/** @param {any} f */
	add(f) {
		Faults.check(f);
		const id = ++this.seq;
		const entry = {
			id,
			operation: f.operation || '*',
			kind: f.kind,
			ms: f.ms,
			status: f.status ? Number(f.status) : 503,
			count: f.count ?? null,
			skip: f.skip ?? 0,
			probability: f.probability ?? 1,
			hits: 0,
			seen: 0,
		};
		this.list.push(entry);
		return entry;
	}
	/** @param {number} [id] */
	clear(id) {
		this.list = id === undefined ? [] : this.list.filter((f) => f.id !== id);
	}
	/** @param {any} f @param {{key:string, operationId:string}} op */
	static matches(f, op) {
		if (op.key.startsWith('sqs.') || op.key === 'lwa.token') {
			return f.operation === op.key || (f.operation === 'sqs.*' && op.key.startsWith('sqs.'));
		}
		return f.operation === '*' || f.operation === op.key || f.operation === op.operationId;
	}
	/**
	 * Faults that fire for this request (consumes counts): any latencies plus at most one answer-changing fault,
	 * the first added first.
	 * @param {{key:string, operationId:string}} op
	 */
	match(op) {
		const fired = [];
		let terminal = false;
		for (const f of this.list) {
			if (f.kind === 'tokenExpiry') continue;
			if (!Faults.matches(f, op)) continue;
			if (f.count !== null && f.hits >= f.count) continue;
			if (f.kind !== 'latency' && terminal) continue;
			f.seen++;
			if (f.seen <= f.skip) continue;
			if (f.probability < 1 && this.random() >= f.probability) continue;
			f.hits++;
			fired.push(f);
			if (f.kind !== 'latency') terminal = true;
		}
		this.list = this.list.filter((f) => f.count === null || f.hits < f.count);
		return fired;
	}
}

/** Amazon-shaped answer of an `error` fault. @param {number} status */
function errorAnswer(status) {
	/** @type {Record<number, [string, string, string]>} */
	const known = {
		400: ['InvalidInput', 'Invalid Input', 'InvalidInputException'],
		401: ['Unauthorized', 'The access token you provided is revoked, malformed or invalid.', 'UnauthorizedException'],
		403: ['Unauthorized', 'Access to requested resource is denied.', 'AccessDeniedException'],
		404: ['NotFound', 'The requested resource was not found.', 'ResourceNotFoundException'],
		503: ['ServiceUnavailable', 'Service is temporarily unavailable. Please retry.', 'ServiceUnavailableException'],
	};
	const [code, message, type] = known[status] ?? ['InternalFailure', 'We encountered an internal error. Please try again.', 'InternalFailure'];
	return { body: { errors: [{ code, message }] }, headers: { 'x-amzn-ErrorType': type } };
}

const HTML_PAGE = '<!DOCTYPE html><html><head><title>Service</title></head><body><h1>Welcome</h1><p>Please sign in.</p></body></html>';

module.exports = { Faults, APPLIED, errorAnswer, HTML_PAGE };
