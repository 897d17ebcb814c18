// @ts-check
/**
 * Fault injection. A fault spec says what goes wrong, on which requests, and how often:
 *
 *   { kind, program?, transaction?, api?, times?, skip?, probability?, ...params }
 *
 * kind:
 *   latency            delay the response by `ms` (real milliseconds); combines with other faults
 *   http5xx            answer `status` (default 500) with a plain error body
 *   reset              destroy the connection before any response (ECONNRESET on the client)
 *   rateLimit          429 with Retry-After (`retryAfter` s, default 1); a "burst" = set `times`
 *   tokenExpiry        the bearer token presented is expired now -> 401 (ION gateway only)
 *   authFailure        M3 NOK XAU0008 "Not authorized for company" (per item in bulk)
 *   unavailable        503 "M3 unavailable" as the ION gateway answers when the M3 backend is down
 *   commitThenTimeout  run the transaction (the write happens), then `mode` 'destroy' (default) the
 *                      connection ("applied, then connection lost") or 'hang' ("applied, then timeout": never
 *                      answer until the client gives up or the simulator closes)
 *   commitThenError    run the transaction, then answer HTTP `status` (default 500) ("applied, then 500")
 *   hang               never answer and run nothing ("hang without applying")
 * match (all optional): program, transaction (for bulk: any item), api = v1 | v2 | bulk | token,
 *   gateway = true/false (ION gateway path or on-prem path). The OAuth token endpoint is hit only by
 *   faults with api: 'token' (it is the auth server, not M3).
 * times: how many matching requests fire (default unlimited); skip: let the first n matches pass;
 * probability: 0..1, drawn from the seeded RNG (deterministic per seed and request order).
 */
'use strict';

const KINDS = [
	'latency', 'http5xx', 'reset', 'rateLimit', 'tokenExpiry', 'authFailure', 'unavailable', 'commitThenTimeout',
	'commitThenError', 'hang',
];

/**
 * @typedef {{ kind: string, program?: string, transaction?: string, api?: string, gateway?: boolean,
 *   times?: number, skip?: number, probability?: number, ms?: number, status?: number, retryAfter?: number,
 *   mode?: string, id?: number, fired?: number, seen?: number }} FaultSpec
 * @typedef {{ api: string, gateway: boolean, program?: string, transactions?: string[] }} RequestInfo
 */

/** @param {() => number} random seeded RNG */
function createFaults(random) {
	/** @type {FaultSpec[]} */
	let list = [];
	let nextId = 1;

	/** @param {FaultSpec} spec */
	function add(spec) {
		if (!spec || !KINDS.includes(spec.kind)) {
			throw new Error(`unknown fault kind ${spec && spec.kind}; expected one of ${KINDS.join(', ')}`);
		}
		const f = { ...spec, id: nextId++, fired: 0, seen: 0 };
		list.push(f);
		return f;
	}

	/** @param {FaultSpec} f @param {RequestInfo} req */
	function matches(f, req) {
		// The token endpoint is the auth server, not M3: only faults that name api 'token' hit it.
		if (req.api === 'token' && f.api !== 'token') return false;
		if (f.api && f.api !== req.api) return false;
		if (f.gateway !== undefined && f.gateway !== req.gateway) return false;
		if (f.program && f.program !== req.program) return false;
		if (f.transaction && !(req.transactions || []).includes(f.transaction)) return false;
		return true;
	}

	/** Does fault f fire for this request? Counts `seen`/`fired`. @param {FaultSpec} f */
	function fire(f) {
		f.seen = (f.seen || 0) + 1;
		if (f.skip && f.seen <= f.skip) return false;
		if (f.times !== undefined && (f.fired || 0) >= f.times) return false;
		if (f.probability !== undefined && random() >= f.probability) return false;
		f.fired = (f.fired || 0) + 1;
		return true;
	}

	/**
	 * Evaluates the faults for one request: total latency plus the first other fault that fires.
	 * @param {RequestInfo} req @returns {{ latencyMs: number, fault: FaultSpec | null }}
	 */
	function evaluate(req) {
		let latencyMs = 0;
		/** @type {FaultSpec | null} */
		let fault = null;
		for (const f of list) {
			if (!matches(f, req)) continue;
			if (f.kind === 'latency') {
				if (fire(f)) latencyMs += f.ms || 0;
			} else if (!fault && fire(f)) {
				fault = f;
			}
		}
		return { latencyMs, fault };
	}

	return {
		KINDS,
		add,
		evaluate,
		list: () => list.map((f) => ({ ...f })),
		/** @param {number} id */
		remove: (id) => {
			const before = list.length;
			list = list.filter((f) => f.id !== id);
			return list.length !== before;
		},
		clear: () => {
			list = [];
		},
	};
}

module.exports = { createFaults, KINDS };
