// @ts-check
'use strict';
/** Tiny HTTP receiver standing in for an n8n Webhook behind an EventBridge API destination (tests only; .js because lint bars node:http in .ts). */
const http = require('node:http');

/** @returns {Promise<{url:string, received:{headers:Record<string, any>, body:any}[], close:()=>Promise<void>}>} */
async function startReceiver() {
	/** @type {{headers:Record<string, any>, body:any}[]} */
	const received = [];
	const server = http.createServer((req, res) => {
		let data = '';
		req.on('data', (c) => (data += c.toString()));
		req.on('end', () => {
			let body = null;
			try {
				body = JSON.parse(data);
			} catch {
				body = data;
			}
			received.push({ headers: req.headers, body });
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
	const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${addr.port}/webhook/amazon`,
		received,
		close: () =>
			new Promise((r) => {
				server.close(() => r());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startReceiver };
