// @ts-check
/**
 * A throw-away credential type, node type and token server, only to prove the harness runs n8n's real auth
 * cycle (preAuthentication when the expirable field is empty, generic authenticate, refresh on 401).
 * Plain JS: node:http and a node class outside nodes/ are not allowed in linted .ts files.
 */
const http = require('node:http');
const { NodeApiError } = require('n8n-workflow');

class ProbeTokenApi {
	name = 'probeTokenApi';
	displayName = 'Probe';
	properties = [
		{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		{ displayName: 'Token', name: 'token', type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
	];
	/** @this {any} @param {Record<string, unknown>} c */
	async preAuthentication(c) {
		const r = await this.helpers.httpRequest({ method: 'POST', url: `${c.url}/token`, json: true });
		return { token: r.token };
	}
	authenticate = { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } } };
}

class ProbeNode {
	description = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'probe',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'probeTokenApi', required: true }],
		properties: [],
	};
	/** @this {any} */
	async execute() {
		const items = this.getInputData();
		const c = await this.getCredentials('probeTokenApi');
		const out = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const r = await this.helpers.httpRequestWithAuthentication.call(this, 'probeTokenApi', { method: 'GET', url: `${c.url}/data`, json: true });
				out.push({ json: r, pairedItem: { item: i } });
			} catch (e) {
				throw new NodeApiError(this.getNode(), /** @type {any} */ (e), { itemIndex: i });
			}
		}
		return [out];
	}
}

/** Token server: issues t1, t2...; `rotate()` invalidates the current token as an expiry would. */
async function startTokenServer() {
	const s = { tokensIssued: 0, validToken: '' };
	const server = http.createServer((req, res) => {
		if (req.url === '/token') {
			s.tokensIssued++;
			s.validToken = `t${s.tokensIssued}`;
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ token: s.validToken }));
			return;
		}
		if (req.headers.authorization !== `Bearer ${s.validToken}`) {
			res.statusCode = 401;
			res.end('{"error":"expired"}');
			return;
		}
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ ok: true, auth: req.headers.authorization }));
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	return {
		url: `http://127.0.0.1:${port}`,
		get tokensIssued() {
			return s.tokensIssued;
		},
		rotate() {
			s.validToken = 'rotated-by-server';
		},
		close: () => new Promise((r) => server.close(() => r(undefined))),
	};
}


/**
 * Where n8n-core keeps its instance settings in this process (the harness points it at a temporary folder so
 * tests, the demo and benches never write ~/.n8n of the user's real home).
 */
function instanceFolders() {
	const os = require('node:os');
	require('./engine');
	const path = require('node:path');
	// the DI container n8n-core registered its services in (its own copy of @n8n/di)
	const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }));
	const { InstanceSettings } = require('n8n-core');
	const settings = Container.get(InstanceSettings);
	return { n8nFolder: settings.n8nFolder, home: os.homedir(), tmp: os.tmpdir(), encryptionKeySet: Boolean(settings.encryptionKey) };
}

module.exports = { ProbeTokenApi, ProbeNode, startTokenServer, instanceFolders };
