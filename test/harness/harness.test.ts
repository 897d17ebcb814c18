import type { ICredentialType, IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createSession, linearWorkflow } from './index';

// A throw-away credential + node pair, only to prove the harness runs the real auth cycle:
// preAuthentication when the expirable field is empty, generic authenticate, refresh on 401.
class ProbeTokenApi implements ICredentialType {
	name = 'probeTokenApi';
	displayName = 'Probe';
	properties: ICredentialType['properties'] = [
		{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		{ displayName: 'Token', name: 'token', type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
	];
	async preAuthentication(this: { helpers: { httpRequest: IExecuteFunctions['helpers']['httpRequest'] } }, c: Record<string, unknown>) {
		const r = (await this.helpers.httpRequest({ method: 'POST', url: `${c.url as string}/token`, json: true })) as { token: string };
		return { token: r.token };
	}
	authenticate = { type: 'generic' as const, properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } } };
}

class ProbeNode implements INodeType {
	description: INodeType['description'] = {
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
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const c = await this.getCredentials('probeTokenApi');
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const r = await this.helpers.httpRequestWithAuthentication.call(this, 'probeTokenApi', {
					method: 'GET',
					url: `${c.url as string}/data`,
					json: true,
				});
				out.push({ json: r as IDataObject, pairedItem: { item: i } });
			} catch (e) {
				throw new NodeApiError(this.getNode(), e as never, { itemIndex: i });
			}
		}
		return [out];
	}
}

describe('test harness (n8n-core engine)', () => {
	let tokensIssued = 0;
	let validToken = '';
	const server = createServer((req, res) => {
		if (req.url === '/token') {
			tokensIssued++;
			validToken = `t${tokensIssued}`;
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ token: validToken }));
			return;
		}
		if (req.headers.authorization !== `Bearer ${validToken}`) {
			res.statusCode = 401;
			res.end('{"error":"expired"}');
			return;
		}
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ ok: true, auth: req.headers.authorization }));
	});
	let url = '';
	beforeAll(async () => {
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise<void>((r) => server.close(() => r()));
	});

	const workflow = () =>
		linearWorkflow([{ type: 'n8n-nodes-m3-amazon-test.probe', name: 'Probe', credentials: ['probeTokenApi'] }]);

	it('fetches a token by preAuthentication, sends it, keeps it across runs and refreshes it on 401', async () => {
		const session = createSession({
			credentials: { probeTokenApi: { url } },
			extraNodeTypes: { 'n8n-nodes-m3-amazon-test.probe': new ProbeNode() },
			extraCredentialTypes: { probeTokenApi: new ProbeTokenApi() },
		});
		const r1 = await session.run(workflow());
		expect(r1.status).toBe('success');
		expect(r1.output('Probe')).toEqual([{ ok: true, auth: 'Bearer t1' }]);
		expect(session.store.probeTokenApi.token).toBe('t1');

		const r2 = await session.run(workflow());
		expect(r2.output('Probe')).toEqual([{ ok: true, auth: 'Bearer t1' }]);
		expect(tokensIssued).toBe(1);

		validToken = 'rotated-by-server';
		const r3 = await session.run(workflow());
		expect(r3.status).toBe('success');
		expect(r3.output('Probe')).toEqual([{ ok: true, auth: 'Bearer t2' }]);
		expect(session.credentialsHelper.preAuthCount.probeTokenApi).toBe(2);
	});

	it('reports a node error with the failing node', async () => {
		const session = createSession({
			credentials: { probeTokenApi: { url: 'http://127.0.0.1:1' } },
			extraNodeTypes: { 'n8n-nodes-m3-amazon-test.probe': new ProbeNode() },
			extraCredentialTypes: { probeTokenApi: new ProbeTokenApi() },
		});
		const r = await session.run(workflow());
		expect(r.status).toBe('error');
		expect(r.nodeError('Probe')).toBeDefined();
	});
});
