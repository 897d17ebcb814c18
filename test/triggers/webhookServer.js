// @ts-check
'use strict';
/**
 * A tiny HTTP server for trigger tests: real HTTP requests (e.g. the SP-API simulator's EventBridge
 * deliveries) are handed to `handler`, which typically calls the harness's runWebhook. CommonJS so the
 * .ts tests need no node:http import.
 */
const http = require('node:http');

/**
 * @param {(req: {method: string, url: string, headers: Record<string, string>, rawBody: Buffer}) =>
 *   Promise<{status: number, headers?: Record<string, string>, body?: string}>} handler
 * @returns {Promise<{url: string, close: () => Promise<void>, requests: number}>}
 */
function startWebhookServer(handler) {
	const state = { requests: 0 };
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			state.requests++;
			try {
				const headers = /** @type {Record<string,string>} */ ({});
				for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
				const out = await handler({ method: req.method || 'POST', url: req.url || '/', headers, rawBody: Buffer.concat(chunks) });
				res.writeHead(out.status, out.headers || { 'content-type': 'application/json' });
				res.end(out.body || '');
			} catch (e) {
				res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(String(/** @type {any} */ (e).stack || e));
			}
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
			resolve({
				url: `http://127.0.0.1:${addr.port}/webhook/sp-api-events`,
				get requests() {
					return state.requests;
				},
				close: () => new Promise((r) => server.close(() => r(undefined))),
			});
		});
	});
}

module.exports = { startWebhookServer };
