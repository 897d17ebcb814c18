// @ts-check
'use strict';
/**
 * The M3 simulator with a counter of HTTP requests to its MI API (bulk = one request; control calls and ION token
 * requests apart). The simulator does not expose its server, so node:http's createServer is wrapped while it starts.
 */
const http = require('node:http');

/** @param {any} opts startM3Simulator options */
async function startCountedM3(opts) {
	const { startM3Simulator } = require('../../simulators/m3');
	const original = http.createServer;
	/** @type {import('node:http').Server | undefined} */
	let server;
	/** @type {any} */ (http).createServer = function (/** @type {any[]} */ ...args) {
		server = /** @type {any} */ (original).apply(this, args);
		return server;
	};
	let sim;
	try {
		sim = await startM3Simulator(opts);
	} finally {
		/** @type {any} */ (http).createServer = original;
	}
	if (!server) throw new Error('could not attach to the M3 simulator server');
	const counter = { mi: 0, token: 0 };
	server.on('request', (/** @type {import('node:http').IncomingMessage} */ req) => {
		const p = String(req.url || '');
		if (p.includes('/m3api-rest')) counter.mi++;
		else if (p.includes('/as/')) counter.token++;
	});
	return { sim, counter };
}

/** MI transactions per "PGM/TRN" between two requestCounts snapshots. @param {Record<string, number>} after @param {Record<string, number>} before */
function diffCounts(after, before) {
	/** @type {Record<string, number>} */
	const d = {};
	for (const [k, v] of Object.entries(after)) if (k !== '__sim' && v - (before[k] || 0) > 0) d[k] = v - (before[k] || 0);
	return d;
}

module.exports = { startCountedM3, diffCounts };
