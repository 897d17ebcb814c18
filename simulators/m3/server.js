// @ts-check
/**
 * HTTP front of the M3 simulator (node:http, no framework).
 *
 *   GET  /healthz
 *   GET|POST /m3api-rest/v2/execute/{PGM}/{TRN}?{options}&{FIELDS}     v2 single   (Basic)
 *   POST /m3api-rest/v2/execute                                         v2 bulk     (Basic)
 *   GET|POST /m3api-rest/execute/{PGM}/{TRN};matrix=..?{FIELDS}         v1          (Basic)
 *   /{ti}/M3/m3api-rest/...                                             same, via the ION API gateway (Bearer)
 *   POST /{ti}/as/token.oauth2, /{ti}/as/revoke_token.oauth2            OAuth2 (password / refresh_token)
 *   /__sim/...                                                          control API (control.js), never via the gateway
 *
 * Response shapes follow m3-mi-ion.md §1.3-1.6. Running the transactions themselves: execute.js.
 */
'use strict';

const http = require('node:http');
const { MIError } = require('./errors');
const { handleControl } = require('./control');
const { HANDLERS, parseOptions, executeOne, takeRows, countRows } = require('./execute');

/** @typedef {import('./execute').CallOptions} CallOptions */
/** @typedef {import('./execute').TxContext} TxContext what a transaction handler gets (transactions/*.js name it from here) */

/** v2 error fields of a failed transaction. @param {MIError} e */
const v2Error = (e) => ({
	errorMessage: e.message, errorType: e.type, errorCode: e.code, errorCfg: e.cfg, errorField: e.field,
});

/** v2 `results[]` entry. @param {ReturnType<typeof executeOne>} r @param {CallOptions} opts */
function v2Result(r, opts) {
	/** @type {Record<string, unknown>} */
	const out = { transaction: r.trn, records: r.records };
	if (opts.extendedresult) out.parameters = r.input;
	if (r.error) Object.assign(out, v2Error(r.error));
	return out;
}

/** wasTerminated as a real tenant sent it: the string "false" (§1.4), unless configured otherwise. @param {any} sim @param {boolean} v */
const terminated = (sim, v) => (sim.options.wasTerminatedAsString ? String(v) : v);

/** v1 NOK object: Message padded with blanks like M3 (clients must trim). @param {MIError} e */
function v1Error(e) {
	return { '@type': e.type, '@code': e.code, '@cfg': e.cfg, '@field': e.field, Message: `${e.message.padEnd(76, ' ')}${e.code}`.padEnd(100, ' ') };
}

/** v1 success shape with MIRecord/NameValue; values padded to the field length unless righttrim=true. */
/** @param {string} pgm @param {ReturnType<typeof executeOne>} r @param {CallOptions} opts */
function v1Body(pgm, r, opts) {
	/** @type {Record<string, unknown>} */
	const body = { Program: pgm, Transaction: r.trn };
	if (opts.metadata && r.def) {
		body.Metadata = { Field: r.def.outputs.map((f) => ({ '@name': f.name, '@type': f.type, '@length': f.length, '@description': f.description })) };
	}
	// An empty list has no MIRecord at all (§1.6: "empty or missing")
	if (r.records.length) {
		body.MIRecord = r.records.map((rec, i) => ({
			RowIndex: i, NameValue: Object.entries(rec).map(([Name, Value]) => ({ Name, Value })),
		}));
	}
	return body;
}

/**
 * Reads the request body (bounded).
 * @param {http.IncomingMessage} req @returns {Promise<string>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > 10 * 1024 * 1024) {
				reject(new Error('body too large'));
				req.destroy();
			} else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * @param {http.ServerResponse} res @param {number} status @param {unknown} body @param {string} [format]
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, format = 'COMPACT', headers = {}) {
	const text = format === 'PRETTY' ? JSON.stringify(body, null, 2) : JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Applies a transport-level fault (anything but authFailure / commitThenTimeout, which act inside M3).
 * Returns true when the response has been handled.
 * @param {any} sim @param {import('./faults').FaultSpec | null} fault @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res @param {{ gateway: boolean, token?: string }} info
 */
function applyTransportFault(sim, fault, req, res, info) {
	if (!fault) return false;
	switch (fault.kind) {
		case 'reset':
			req.socket.destroy();
			return true;
		case 'http5xx':
			sendJson(res, fault.status || 500, { error: 'Internal Server Error', message: 'Simulated server error' });
			return true;
		case 'rateLimit':
			sendJson(res, 429, { error: 'Too Many Requests', message: 'Rate limit exceeded' }, 'COMPACT', { 'Retry-After': String(fault.retryAfter || 1) });
			return true;
		case 'unavailable':
			sendJson(res, 503, info.gateway
				? { error: 'Service Unavailable', message: 'The backend service M3 is currently unavailable' }
				: { error: 'Service Unavailable', message: 'M3 is unavailable' });
			return true;
		case 'hang':
			hold(sim, res); // nothing was run: the request never reached M3
			return true;
		case 'tokenExpiry':
			if (!info.gateway) return false; // only bearer tokens expire
			sim.auth.expire(info.token);
			sendUnauthorized(res, true, 'Access token expired');
			return true;
		default:
			return false;
	}
}

/** @param {http.ServerResponse} res @param {boolean} gateway @param {string} reason */
function sendUnauthorized(res, gateway, reason) {
	if (gateway) {
		sendJson(res, 401, { error: 'invalid_token', error_description: reason }, 'COMPACT', {
			'WWW-Authenticate': `Bearer error="invalid_token", error_description="${reason}"`,
		});
	} else {
		res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="M3"', 'Content-Type': 'text/plain' });
		res.end('Unauthorized');
	}
}

/**
 * Handles /m3api-rest/... (after the gateway prefix is stripped).
 * @param {any} sim @param {http.IncomingMessage} req @param {http.ServerResponse} res
 * @param {string} rest path after "/m3api-rest" @param {URL} url @param {{ gateway: boolean }} via
 */
async function handleMi(sim, req, res, rest, url, via) {
	// Authenticate first: the gateway checks the token, the grid checks Basic.
	let user = 'M3SRVADM';
	let token = '';
	if (via.gateway) {
		const b = sim.auth.checkBearer(req.headers.authorization);
		token = b.token;
		if (!b.ok) return sendUnauthorized(res, true, b.reason);
	} else {
		const b = sim.auth.checkBasic(req.headers.authorization);
		if (!b.ok) return sendUnauthorized(res, false, 'Unauthorized');
		user = b.user.toUpperCase();
	}

	/** @type {Record<string, string>} */
	const query = {};
	for (const [k, v] of url.searchParams) query[k] = v;
	// MI field names are 4 upper-case characters (some start with a digit, e.g. 1UDT); options are lower case.
	const isUpper = (/** @type {string} */ k) => /^[A-Z0-9]{4}$/.test(k);
	/** @param {Record<string, string>} src */
	const fieldsOf = (src) => Object.fromEntries(Object.entries(src).filter(([k]) => isUpper(k)));

	let body = '';
	if (req.method === 'POST') body = await readBody(req);
	if (body && /x-www-form-urlencoded/i.test(String(req.headers['content-type']))) {
		for (const [k, v] of new URLSearchParams(body)) query[k] = v;
	}

	let m;
	/** @type {{ api: string, pgm: string, items: Array<{trn: string, input: Record<string, unknown>, cols?: string[]}>, opts: CallOptions } | null} */
	let call = null;
	if ((m = /^\/v2\/execute\/([^/;]+)\/([^/;]+)\/?$/.exec(rest))) {
		call = { api: 'v2', pgm: decodeURIComponent(m[1]), items: [{ trn: decodeURIComponent(m[2]), input: fieldsOf(query) }], opts: parseOptions(query, { righttrim: true }) };
	} else if (/^\/v2\/execute\/?$/.test(rest) && req.method === 'POST') {
		let json;
		try {
			json = JSON.parse(body || '{}');
		} catch {
			return sendJson(res, 400, { errorMessage: 'Malformed JSON body', errorType: 'BadRequest', errorCode: '', errorField: '', errorCfg: null });
		}
		/** @type {Record<string, string>} */
		const o = { ...query };
		// Body settings win over query options (react-h5-sdk sends both forms).
		if (json.cono !== undefined) o.cono = String(json.cono);
		if (json.divi !== undefined) o.divi = String(json.divi);
		if (json.excludeEmptyValues !== undefined) o.excludeempty = String(json.excludeEmptyValues);
		if (json.rightTrim !== undefined) o.righttrim = String(json.rightTrim);
		if (json.maxReturnedRecords !== undefined) o.maxrecs = String(json.maxReturnedRecords);
		if (json.dateFormat !== undefined) o.dateformat = String(json.dateFormat);
		const items = Array.isArray(json.transactions) ? json.transactions : [];
		call = {
			api: 'bulk', pgm: String(json.program || ''), opts: parseOptions(o, { righttrim: true }),
			items: items.map((/** @type {any} */ t) => ({ trn: String(t.transaction || ''), input: t.record || {}, cols: t.selectedColumns })),
		};
	} else if ((m = /^\/execute\/([^/;]+)\/([^/;]+)((?:;[^/]*)?)\/?$/.exec(rest))) {
		/** @type {Record<string, string>} */
		const matrix = {};
		for (const part of m[3].split(';').filter(Boolean)) {
			const [k, v = ''] = part.split('=');
			matrix[k.toLowerCase()] = decodeURIComponent(v);
		}
		// v1 has no righttrim (values come padded); ?righttrim=true / ;righttrim=true trims.
		call = {
			api: 'v1', pgm: decodeURIComponent(m[1]), items: [{ trn: decodeURIComponent(m[2]), input: fieldsOf(query) }],
			opts: parseOptions({ ...matrix, righttrim: matrix.righttrim || query.righttrim || 'false' }, { righttrim: false }),
		};
	}
	if (!call) return sendJson(res, 404, { error: 'Not Found', message: `No MI endpoint at ${url.pathname}` });
	const c = call;

	const { latencyMs, fault } = sim.faults.evaluate({
		api: c.api, gateway: via.gateway, program: c.pgm, transactions: c.items.map((i) => i.trn),
	});
	if (latencyMs) await sleep(latencyMs);
	if (applyTransportFault(sim, fault, req, res, { gateway: via.gateway, token })) return;

	const authFailure = !!fault && fault.kind === 'authFailure';
	const run = (/** @type {{trn: string, input: Record<string, unknown>, cols?: string[]}} */ it) =>
		executeOne(sim, c.pgm, it.trn, it.input, it.cols && it.cols.length ? { ...c.opts, returncols: it.cols } : c.opts, { user, authFailure });

	let status = 200;
	/** @type {unknown} */
	let out;
	if (c.api === 'bulk') {
		if (!c.pgm) {
			status = 400;
			out = { ...v2Error(new MIError('Program must be entered', { type: 'BadRequest', field: 'program' })) };
		} else {
			const results = c.items.map(run);
			countRows(sim, c.api, c.pgm, results);
			const failed = results.filter((r) => r.error).length;
			out = {
				results: results.map((r) => v2Result(r, c.opts)),
				wasTerminated: terminated(sim, false),
				nrOfSuccessfullTransactions: results.length - failed,
				nrOfFailedTransactions: failed,
				nrOfNotProcessedTransactions: 0,
			};
		}
	} else {
		const r = run(c.items[0]);
		countRows(sim, c.api, c.pgm, [r]);
		if (c.api === 'v1') {
			out = r.error ? v1Error(r.error) : v1Body(c.pgm, r, c.opts); // v1: NOK with HTTP 200
		} else {
			const ok = !r.error;
			status = ok ? 200 : 400; // v2 single call: HTTP 400 and the error at the top level
			out = {
				...(r.error ? v2Error(r.error) : {}),
				results: [v2Result(r, c.opts)],
				wasTerminated: terminated(sim, false),
				nrOfSuccessfullTransactions: ok ? 1 : 0,
				nrOfFailedTransactions: ok ? 0 : 1,
				nrOfNotProcessedTransactions: 0,
			};
		}
	}

	if (applyAfterCommit(sim, fault, req, res)) return;
	sendJson(res, status, out, c.api === 'v1' ? 'COMPACT' : c.opts.format);
}

/** Holds a response open until the client gives up or the simulator closes. @param {any} sim @param {http.ServerResponse} res */
function hold(sim, res) {
	sim.hanging.add(res);
	res.on('close', () => sim.hanging.delete(res));
}

/**
 * Faults that act after M3 ran the request: the write happened, the caller never learns it.
 *   commitThenTimeout  mode 'destroy' (connection lost) or 'hang' (no answer: the client times out)
 *   commitThenError    an HTTP `status` (default 500) error answer, as a gateway gives when the backend was slow
 * @param {any} sim @param {import('./faults').FaultSpec | null} fault @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res @returns {boolean} handled
 */
function applyAfterCommit(sim, fault, req, res) {
	if (!fault) return false;
	if (fault.kind === 'commitThenTimeout') {
		if (fault.mode === 'hang') hold(sim, res);
		else req.socket.destroy();
		return true;
	}
	if (fault.kind === 'commitThenError') {
		sendJson(res, fault.status || 500, { error: 'Internal Server Error', message: 'Simulated error after the request was processed' });
		return true;
	}
	return false;
}

/**
 * @param {any} sim @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url
 * @param {string} endpoint
 */
async function handleOAuth(sim, req, res, url, endpoint) {
	sim.state.requestCounts.token = (sim.state.requestCounts.token || 0) + 1;
	const { latencyMs, fault } = sim.faults.evaluate({ api: 'token', gateway: true });
	if (latencyMs) await sleep(latencyMs);
	if (fault && fault.kind !== 'tokenExpiry' && applyTransportFault(sim, fault, req, res, { gateway: true })) return;
	if (req.method !== 'POST' && !(endpoint === 'revoke_token.oauth2' && req.method === 'GET')) {
		return sendJson(res, 405, { error: 'method_not_allowed' });
	}
	const body = req.method === 'POST' ? await readBody(req) : '';
	const form = new URLSearchParams(body);
	if (endpoint === 'token.oauth2') {
		const r = sim.auth.token(form, req.headers.authorization);
		return sendJson(res, r.status, r.body, 'COMPACT', { 'Cache-Control': 'no-store' });
	}
	if (endpoint === 'revoke_token.oauth2') {
		sim.auth.revoke(form.get('token') || url.searchParams.get('token') || '');
		res.writeHead(200);
		return res.end();
	}
	return sendJson(res, 400, { error: 'unsupported_response_type', error_description: 'Interactive authorization is not simulated' });
}

/** @param {any} sim */
function createHttpServer(sim) {
	const server = http.createServer((req, res) => {
		route(sim, req, res).catch((e) => {
			if (!res.headersSent && !res.destroyed) sendJson(res, 500, { error: 'Internal Server Error', message: String(e && e.message) });
		});
	});
	return server;
}

/** @param {any} sim @param {http.IncomingMessage} req @param {http.ServerResponse} res */
async function route(sim, req, res) {
	const url = new URL(req.url || '/', 'http://127.0.0.1');
	const p = url.pathname;
	if (p === '/healthz') return sendJson(res, 200, { status: 'ok', service: 'm3-simulator' });
	if (p === '/__sim' || p.startsWith('/__sim/')) {
		sim.state.requestCounts.__sim = (sim.state.requestCounts.__sim || 0) + 1;
		return handleControl(sim, req, res, url, { readBody, sendJson });
	}
	if (p === '/m3api-rest' || p.startsWith('/m3api-rest/')) {
		return handleMi(sim, req, res, p.slice('/m3api-rest'.length), url, { gateway: false });
	}
	const ti = sim.credentials.ionapi.ti;
	let m;
	if ((m = /^\/([^/]+)\/as\/([^/]+)$/.exec(p)) && m[1] === ti) return handleOAuth(sim, req, res, url, m[2]);
	if ((m = /^\/([^/]+)\/M3\/m3api-rest(\/.*)?$/.exec(p))) {
		if (m[1] !== ti) return sendJson(res, 404, { error: 'Not Found', message: `Unknown tenant ${m[1]}` });
		return handleMi(sim, req, res, m[2] || '', url, { gateway: true });
	}
	// Anything else - including /{ti}/M3/__sim/... - does not exist.
	return sendJson(res, 404, { error: 'Not Found', message: `No route for ${p}` });
}

module.exports = { createHttpServer, executeOne, parseOptions, HANDLERS, sendJson, readBody, takeRows };
