// @ts-check
'use strict';
/**
 * The SP-API simulator core: one node:http server carrying
 *   /healthz, /auth/o2/token (LWA), /__sim/* (control), /__docs/* (presigned-style feed document URLs),
 *   /sqs/* (SQS-compatible queue endpoint), and every SP-API path of the models (model-ops.json).
 * Pipeline for API calls: request id -> route -> faults -> auth -> rate limit -> validation -> operation.
 */
const http = require('node:http');
const { Router } = require('./router');
const { Lwa } = require('./lwa');
const { RateLimiter } = require('./ratelimit');
const { Faults, APPLIED, errorAnswer, HTML_PAGE } = require('./faults');
const { ApiError, parseParams, validateBody } = require('./validate');
const { uuid, sleep, iso, rng } = require('./util');
const { buildSeed, MARKETPLACES, DEFAULT_MARKETPLACES } = require('./seed');
const { Sqs } = require('./sqs');
const { Notifier } = require('./notify');
const control = require('./control');

const OPERATIONS = {
	...require('./operations/orders'),
	...require('./operations/ordersV0'),
	...require('./operations/feeds'),
	...require('./operations/listings'),
	...require('./operations/fbaInventory'),
	...require('./operations/finances'),
	...require('./operations/notifications'),
	...require('./operations/sellers'),
	...require('./operations/tokens'),
	...require('./operations/definitions'),
	...require('./operations/reports'),
};

const LOG_CAP = 20000;

class SpApiSimulator {
	/** @param {{seed?:number, timeScale?:number, faults?:any[], skus?:string[], feedDelays?:{inQueueMs?:number, inProgressMs?:number}, reportDelays?:{inQueueMs?:number, inProgressMs?:number}, record?:boolean, gzipReports?:boolean, world?:any}} opts */
	constructor(opts = {}) {
		this.opts = opts;
		this.seed = opts.seed ?? 1;
		this.timeScale = opts.timeScale && opts.timeScale > 0 ? opts.timeScale : 1;
		this.router = new Router();
		// faults with a probability draw from their own seeded RNG: a run with the same seed fires the same faults
		this.faults = new Faults(rng((this.seed * 7919 + 17) >>> 0).next);
		this.url = '';
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		/** @type {Set<import('node:net').Socket>} */
		this.sockets = new Set();
		this.demo = demoIdentity(this.seed);
		/** @type {any} set by index.js (control API functions) */
		this.control = null;
		/** @type {any} set by index.js (() => credentials) */
		this.credentials = null;
		this.reset();
		for (const f of opts.faults || []) this.addFault(f);
	}

	/** (Re)build all state from the seed. Faults and the EventBridge target survive a reset only if kept by the caller. */
	reset() {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		const now = Date.now();
		// a named world (simulators/worlds) brings its own marketplaces, listings, orders and transactions
		const world = this.opts.world;
		const seedData = world ? world.amazon({ seed: this.seed, sellerId: this.demo.sellerId, now }) : buildSeed({ seed: this.seed, skus: this.opts.skus, sellerId: this.demo.sellerId, now });
		const marketplaceCodes = world ? world.marketplaces.map((/** @type {any} */ m) => m.code) : DEFAULT_MARKETPLACES;
		this.lwa = new Lwa({
			timeScale: this.timeScale,
			apps: [{ clientId: this.demo.clientId, clientSecret: this.demo.clientSecret, applicationId: this.demo.applicationId }],
			refreshTokens: [{ refreshToken: this.demo.refreshToken, clientId: this.demo.clientId, sellerId: this.demo.sellerId }],
		});
		this.limiter = new RateLimiter({ timeScale: this.timeScale });
		const feedDelays = this.opts.feedDelays || {};
		this.state = {
			startedAt: iso(now),
			sellerId: this.demo.sellerId,
			itemsSource: seedData.itemsSource,
			world: world ? world.name : 'demo',
			marketplaces: marketplaceCodes.map((/** @type {string} */ c) => /** @type {any} */ (MARKETPLACES)[c]),
			/** @type {Map<string, any>} */
			orders: new Map(seedData.orders.map((o) => [o.orderId, o])),
			/** @type {Map<string, any>} */
			listings: new Map(seedData.listings.map((l) => [l.sku, l])),
			transactions: seedData.transactions,
			/** @type {Map<string, any>} */
			feeds: new Map(),
			/** @type {Map<string, any>} */
			documents: new Map(),
			/** @type {Map<string, any>} */
			destinations: new Map(),
			/** @type {Map<string, any>} subscriptionId -> subscription */
			subscriptions: new Map(),
			/** @type {any[]} */
			shipmentConfirmations: [],
			/** @type {any[]} */
			listingPatches: [],
			/** @type {any[]} */
			notifications: [],
			/** @type {any[]} */
			requestLog: [],
			/** @type {any[]} */
			rdts: [],
			/** @type {Map<string, any>} product type schema documents behind the definitions' links */
			schemaDocuments: new Map(),
			/** @type {any[]} getDefinitionsProductType calls (productType, marketplaceId, requirements) */
			definitionRequests: [],
			schemaDownloads: 0,
			feedSeq: 50000 + this.seed * 1000,
			feedDelays: { inQueueMs: feedDelays.inQueueMs ?? 15000, inProgressMs: feedDelays.inProgressMs ?? 30000 },
			/** @type {Map<string, any>} Reports API 2021-06-30 reports (operations/reports.js) */
			reports: new Map(),
			reportSeq: 90000 + this.seed * 1000,
			reportDelays: { inQueueMs: (this.opts.reportDelays || {}).inQueueMs ?? 5000, inProgressMs: (this.opts.reportDelays || {}).inProgressMs ?? 10000 },
			/** @type {any[]} the seller's customer returns (control.returnItems; the returns reports read them) */
			returns: /** @type {any} */ (seedData).returns || [],
			eventBridgeTarget: this.state ? this.state.eventBridgeTarget : null,
			gzipReports: !!this.opts.gzipReports,
		};
		this.sqs = new Sqs({ sim: this });
		this.notifier = new Notifier(this);
	}

	/** @param {any} f */
	addFault(f) {
		if (f && f.kind === 'tokenExpiry') {
			this.lwa.expireAll();
			return { kind: 'tokenExpiry', appliedAt: iso(Date.now()) };
		}
		return this.faults.add(f);
	}

	/** setTimeout that is cleared on close/reset and never keeps the process alive. @param {()=>void} fn @param {number} ms */
	schedule(fn, ms) {
		const t = setTimeout(() => {
			this.timers.delete(t);
			try {
				fn();
			} catch (e) {
				this.state.lastTimerError = String(e);
			}
		}, Math.max(0, ms));
		t.unref();
		this.timers.add(t);
		return t;
	}

	/** Scale a documented duration (ms) by timeScale. @param {number} ms */
	scaled(ms) {
		return ms / this.timeScale;
	}

	/** @param {number} port */
	listen(port) {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((e) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-RequestId': require('node:crypto').randomUUID() });
					res.end(JSON.stringify({ errors: [{ code: 'InternalFailure', message: 'We encountered an internal error. Please try again.', details: String(e && e.message) }] }));
				}
			});
		});
		this.server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		this.server.keepAliveTimeout = 1000;
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => {
				const addr = /** @type {import('node:net').AddressInfo} */ (this.server.address());
				this.port = addr.port;
				this.url = `http://127.0.0.1:${addr.port}`;
				resolve(this);
			});
		});
	}

	async close() {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.sqs.close();
		if (!this.server) return;
		await new Promise((resolve) => {
			this.server.close(() => resolve(undefined));
			for (const s of this.sockets) s.destroy();
		});
	}

	/** @param {http.IncomingMessage} req */
	readBody(req) {
		return new Promise((resolve, reject) => {
			/** @type {Buffer[]} */
			const chunks = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => resolve(Buffer.concat(chunks)));
			req.on('error', reject);
		});
	}

	/**
	 * @param {http.IncomingMessage} req @param {http.ServerResponse} res
	 */
	async handle(req, res) {
		const requestId = uuid();
		const started = Date.now();
		const u = new URL(req.url || '/', 'http://localhost');
		const method = (req.method || 'GET').toUpperCase();
		const raw = await this.readBody(req);
		/** @type {any} */
		const entry = { requestId, time: iso(started), method, path: u.pathname, query: u.search.slice(1), operation: null, status: 0, durationMs: 0 };
		const send = (/** @type {number} */ status, /** @type {any} */ body, /** @type {Record<string,string>} */ headers = {}, /** @type {string} */ contentType = 'application/json') => {
			entry.status = status;
			entry.durationMs = Date.now() - started;
			/** @type {Record<string,string>} */
			const h = { 'x-amzn-RequestId': requestId, ...headers };
			/** @type {string|Buffer} */
			let payload = '';
			if (body !== undefined && body !== null && status !== 204) {
				payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
				h['content-type'] = contentType;
			}
			if (this.opts.record !== false && entry.kind === 'api') entry.responseBody = typeof body === 'string' || Buffer.isBuffer(body) ? undefined : body;
			res.writeHead(status, h);
			res.end(payload);
		};
		try {
			if (u.pathname === '/healthz') return send(200, { status: 'ok' });
			if (u.pathname.startsWith('/__sim/')) {
				entry.kind = 'control';
				const r = await control.handle(this, method, u, raw);
				return send(r.status, r.body);
			}
			this.logEntry(entry);
			if (u.pathname === '/auth/o2/token') {
				entry.kind = 'lwa';
				entry.operation = 'lwa.token';
				if (method !== 'POST') return send(405, { error: 'invalid_request', error_description: 'Method not allowed' });
				return await this.withFaults({ key: 'lwa.token', operationId: 'token' }, req, entry, send, async () => {
					const r = this.lwa.token(parseForm(req.headers['content-type'], raw));
					return { status: r.status, body: r.body, headers: { 'cache-control': 'no-store' }, contentType: 'application/json;charset=UTF-8' };
				}, (status) => ({ error: status >= 500 ? 'server_error' : 'invalid_request', error_description: status >= 500 ? 'An internal server error occurred' : 'Invalid request' }));
			}
			if (u.pathname.startsWith('/__docs/')) {
				entry.kind = 'document';
				const r = require('./operations/feeds').documentEndpoint(this, method, u, raw, req.headers);
				return send(r.status, r.body, r.headers || {}, r.contentType || 'application/octet-stream');
			}
			if (u.pathname.startsWith('/__schemas/')) {
				entry.kind = 'schema';
				entry.operation = 'definitions.schemaDocument';
				const r = require('./operations/definitions').schemaEndpoint(this, method, u);
				return send(r.status, r.body, {}, r.contentType);
			}
			if (u.pathname === '/sqs' || u.pathname.startsWith('/sqs/') || String(req.headers['x-amz-target'] || '').startsWith('AmazonSQS.')) {
				entry.kind = 'sqs';
				const action = sqsAction(req.headers, raw);
				entry.operation = 'sqs.' + (action || 'unknown');
				return await this.withFaults({ key: 'sqs.' + action, operationId: action }, req, entry, send, async () => {
					const r = await this.sqs.handle(method, u, raw, req.headers);
					return { status: r.status, body: r.body, headers: r.headers || {}, contentType: r.contentType };
				}, (status) => ({ __type: status >= 500 ? 'com.amazonaws.sqs#InternalError' : 'com.amazonaws.sqs#InvalidParameterValue', message: status >= 500 ? 'We encountered an internal error. Please try again.' : 'Invalid request' }), 'application/x-amz-json-1.0');
			}
			entry.kind = 'api';
			return await this.handleApi(req, res, u, method, raw, entry, send);
		} catch (e) {
			if (e instanceof ApiError) return send(e.status, e.body(), e.headers || {});
			throw e;
		}
	}

	/** @param {any} entry */
	logEntry(entry) {
		this.state.requestLog.push(entry);
		if (this.state.requestLog.length > LOG_CAP) this.state.requestLog.splice(0, this.state.requestLog.length - LOG_CAP);
	}

	/**
	 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} u @param {string} method @param {Buffer} raw @param {any} entry
	 * @param {(status:number, body:any, headers?:Record<string,string>, ct?:string)=>void} send
	 */
	async handleApi(req, res, u, method, raw, entry, send) {
		const m = this.router.match(method, u.pathname);
		if (!m.op) {
			if (m.methodNotAllowed) return send(405, { errors: [{ code: 'MethodNotAllowed', message: `Method ${method} is not allowed on this resource.` }] });
			return send(404, { errors: [{ code: 'NotFound', message: 'The requested resource was not found.', details: u.pathname }] });
		}
		const op = m.op;
		entry.operation = op.key;
		// Faults first: they model transport/service failures in front of everything else; "applied then …" faults act
		// after the operation ran (see withFaults).
		const fired = this.faults.match(op);
		const before = await this.preFaults(fired, req, entry, send);
		if (before.handled) return;
		if (before.applied) {
			const f = before.applied;
			return await this.afterApplied(f, req, entry, send, async () => {
				let status = 0;
				/** @type {any} */
				let body;
				await this.handleApiNoFaults(req, u, method, raw, entry, (/** @type {number} */ st, /** @type {any} */ b) => {
					status = st;
					body = b;
				}, op, m);
				return { status, body };
			});
		}
		return await this.handleApiNoFaults(req, u, method, raw, entry, send, op, m);
	}

	/**
	 * Latency, then the answer-changing faults that act before anything is done. Returns { handled } when the
	 * request was answered (or the connection dropped), { applied } for an "applied then …" fault.
	 * @param {any[]} fired @param {http.IncomingMessage} req @param {any} entry
	 * @param {(status:number, body:any, headers?:Record<string,string>, ct?:string)=>void} send
	 * @param {(status: number) => any} [errorBody] @param {string} [errorType]
	 */
	async preFaults(fired, req, entry, send, errorBody, errorType) {
		let applied = null;
		for (const f of fired) {
			entry.fault = f.kind;
			if (f.kind === 'latency') await sleep(f.ms);
			else if (f.kind === 'reset') {
				entry.status = -1;
				req.socket.resetAndDestroy ? req.socket.resetAndDestroy() : req.socket.destroy();
				return { handled: true };
			} else if (f.kind === 'error') {
				if (errorBody) send(f.status, errorBody(f.status), {}, errorType);
				else {
					const a = errorAnswer(f.status);
					send(f.status, a.body, a.headers);
				}
				return { handled: true };
			} else if (f.kind === 'throttle') {
				entry.throttled = true;
				send(429, { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] }, { 'x-amzn-ErrorType': 'QuotaExceededException' });
				return { handled: true };
			} else if (f.kind === 'html') {
				send(200, HTML_PAGE, {}, 'text/html; charset=utf-8');
				return { handled: true };
			} else if (f.kind === 'echoHeaders') {
				// a proxy that puts the request it got into its error answer (headers included)
				const headers = JSON.stringify(req.headers);
				// SQS / LWA: in their own error shape (the message carries the echo), SP-API: in an error's details
				if (errorBody) send(400, { ...errorBody(400), message: `Request rejected by proxy; request headers: ${headers}` }, {}, errorType);
				else send(400, { errors: [{ code: 'InvalidInput', message: 'Request rejected by proxy', details: `request headers: ${headers}` }] }, { 'x-amzn-ErrorType': 'InvalidInputException' });
				return { handled: true };
			} else if (APPLIED.has(f.kind)) applied = f;
		}
		return { handled: false, applied };
	}

	/**
	 * Runs the operation (its effect happens), then loses the answer as the fault says.
	 * @param {any} f @param {http.IncomingMessage} req @param {any} entry
	 * @param {(status:number, body:any, headers?:Record<string,string>, ct?:string)=>void} send @param {() => Promise<any>} run
	 */
	async afterApplied(f, req, entry, send, run) {
		await run();
		entry.fault = f.kind;
		if (f.kind === 'appliedThenError') {
			const a = errorAnswer(500);
			return send(500, a.body, a.headers);
		}
		if (f.kind === 'appliedThenReset') {
			entry.status = -1;
			req.socket.resetAndDestroy ? req.socket.resetAndDestroy() : req.socket.destroy();
			return;
		}
		// appliedThenTimeout: never answer; the client gives up (its timeout) or the simulator closes the socket
		entry.status = -2;
	}

	/**
	 * Faults around a non-API endpoint (LWA, SQS): before, or "applied then …" after `run`.
	 * @param {{key:string, operationId:string}} op @param {http.IncomingMessage} req @param {any} entry
	 * @param {(status:number, body:any, headers?:Record<string,string>, ct?:string)=>void} send
	 * @param {() => Promise<{status:number, body:any, headers?:Record<string,string>, contentType?:string}>} run
	 * @param {(status: number) => any} errorBody @param {string} [errorType]
	 */
	async withFaults(op, req, entry, send, run, errorBody, errorType) {
		const before = await this.preFaults(this.faults.match(op), req, entry, send, errorBody, errorType);
		if (before.handled) return;
		if (before.applied) return await this.afterApplied(before.applied, req, entry, send, run);
		const r = await run();
		return send(r.status, r.body, r.headers || {}, r.contentType);
	}

	/**
	 * The API call itself: auth, rate limit, validation, operation.
	 * @param {http.IncomingMessage} req @param {URL} u @param {string} method @param {Buffer} raw @param {any} entry
	 * @param {(status:number, body:any, headers?:Record<string,string>, ct?:string)=>void} send
	 * @param {any} [op] @param {any} [m]
	 */
	async handleApiNoFaults(req, u, method, raw, entry, send, op, m) {
		if (!m) m = this.router.match(method, u.pathname);
		if (!op) op = m.op;
		const token = /** @type {string|undefined} */ (req.headers['x-amz-access-token']);
		const auth = this.lwa.check(token, op, u.pathname);
		if (!auth.ok) return send(auth.status, auth.body, { 'x-amzn-ErrorType': auth.errorType });
		const info = auth.info;
		entry.clientId = info.clientId;
		entry.sellerId = info.sellerId;
		const rl = this.limiter.take(info.sellerId || '-', info.clientId, op.key, op.rate ?? 5, op.burst ?? 15);
		const rateHeader = { 'x-amzn-RateLimit-Limit': String(Number(rl.rate.toPrecision(6))) };
		if (!rl.ok) {
			entry.throttled = true;
			return send(429, { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] }, { 'x-amzn-ErrorType': 'QuotaExceededException' });
		}
		try {
			const handler = /** @type {any} */ (OPERATIONS)[op.key];
			if (!handler) {
				return send(501, { errors: [{ code: 'NotImplemented', message: `The simulator does not implement ${op.key}.` }] });
			}
			const params = parseParams(op, m.params, u.searchParams, req.headers);
			let body;
			if (op.body) {
				if (raw.length) {
					try {
						body = JSON.parse(raw.toString('utf8'));
					} catch {
						throw new ApiError(400, 'InvalidInput', 'The request body is not valid JSON.', '');
					}
				}
				validateBody(op, body);
			}
			const r = await handler({ sim: this, state: this.state, op, params, body, auth: info, token, path: u.pathname, url: u, headers: req.headers, requestId: entry.requestId });
			const status = r.status || 200;
			return send(status, r.body, { ...(status < 300 || status === 400 || status === 404 ? rateHeader : {}), ...(r.headers || {}) });
		} catch (e) {
			if (e instanceof ApiError) return send(e.status, e.body(), { ...(e.status === 400 || e.status === 404 ? rateHeader : {}), ...(e.headers || {}) });
			throw e;
		}
	}
}

/** The SQS action of a request (JSON protocol header, or the query form's Action). @param {Record<string, any>} headers @param {Buffer} raw */
function sqsAction(headers, raw) {
	const target = String(headers['x-amz-target'] || '');
	if (target.startsWith('AmazonSQS.')) return target.slice('AmazonSQS.'.length);
	const m = /(?:^|&)Action=([A-Za-z]+)/.exec(raw.toString('utf8'));
	return m ? m[1] : '';
}

/** LWA takes form-encoded bodies (and JSON). @param {string|undefined} ct @param {Buffer} raw */
function parseForm(ct, raw) {
	const s = raw.toString('utf8');
	if (String(ct || '').includes('json')) {
		try {
			return JSON.parse(s);
		} catch {
			return {};
		}
	}
	return Object.fromEntries(new URLSearchParams(s));
}

/** Demo LWA app + seller, deterministic per seed (they look like Amazon's formats). @param {number} seed */
function demoIdentity(seed) {
	const hex = require('node:crypto').createHash('sha256').update('spapi-sim-' + seed).digest('hex');
	const up = hex.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return {
		clientId: `amzn1.application-oa2-client.${hex.slice(0, 32)}`,
		clientSecret: `amzn1.oa2-cs.v1.${hex.slice(0, 64)}`,
		refreshToken: `Atzr|IwEBI${Buffer.from(hex).toString('base64url').slice(0, 120)}`,
		applicationId: `amzn1.sellerapps.app.${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`,
		sellerId: 'A' + up.slice(0, 13),
		awsAccountId: '123456789012',
		awsAccessKeyId: 'AKIASIM' + up.slice(0, 13),
		awsSecretAccessKey: Buffer.from(hex.slice(0, 30)).toString('base64').slice(0, 40),
	};
}

module.exports = { SpApiSimulator, OPERATIONS };
