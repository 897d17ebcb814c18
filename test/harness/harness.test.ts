import { createSession, linearWorkflow } from './index';
import { instanceFolders, ProbeNode, ProbeTokenApi, startTokenServer, type TokenServer } from './probe';

describe('test harness (n8n-core engine)', () => {
	let server: TokenServer;
	beforeAll(async () => {
		server = await startTokenServer();
	});
	afterAll(async () => {
		await server.close();
	});

	const probeTypes = () => ({
		extraNodeTypes: { 'n8n-nodes-m3-amazon-test.probe': new ProbeNode() },
		extraCredentialTypes: { probeTokenApi: new ProbeTokenApi() },
	});
	const workflow = () =>
		linearWorkflow([{ type: 'n8n-nodes-m3-amazon-test.probe', name: 'Probe', credentials: ['probeTokenApi'] }]);

	it('fetches a token by preAuthentication, sends it, keeps it across runs and refreshes it on 401', async () => {
		const session = createSession({ credentials: { probeTokenApi: { url: server.url } }, ...probeTypes() });
		const r1 = await session.run(workflow());
		expect(r1.status).toBe('success');
		expect(r1.output('Probe')).toEqual([{ ok: true, auth: 'Bearer t1' }]);
		expect(session.store.probeTokenApi.token).toBe('t1');

		const r2 = await session.run(workflow());
		expect(r2.output('Probe')).toEqual([{ ok: true, auth: 'Bearer t1' }]);
		expect(server.tokensIssued).toBe(1);

		server.rotate();
		const r3 = await session.run(workflow());
		expect(r3.status).toBe('success');
		expect(r3.output('Probe')).toEqual([{ ok: true, auth: 'Bearer t2' }]);
		expect(session.credentialsHelper.preAuthCount.probeTokenApi).toBe(2);
	});

	it('reports a node error with the failing node', async () => {
		const session = createSession({ credentials: { probeTokenApi: { url: 'http://127.0.0.1:1' } }, ...probeTypes() });
		const r = await session.run(workflow());
		expect(r.status).toBe('error');
		expect(r.nodeError('Probe')).toBeDefined();
	});

	it('runs the Set stand-in with expressions, as a template Settings node', async () => {
		const wf = linearWorkflow([
			{
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				name: 'Settings',
				parameters: {
					assignments: {
						assignments: [
							{ id: '1', name: 'warehouse', value: '001', type: 'string' },
							{ id: '2', name: 'buffer', value: '={{ 1 + 2 }}', type: 'number' },
							{ id: '3', name: 'map', value: '{"A":"B"}', type: 'object' },
						],
					},
					options: {},
				},
			},
		]);
		const r = await createSession().run(wf, { input: [{ json: { dropped: true } }] });
		expect(r.status).toBe('success');
		expect(r.output('Settings')).toEqual([{ warehouse: '001', buffer: 3, map: { A: 'B' } }]);
	});

	it("keeps n8n-core's instance settings in a temporary folder, never in the user's home", () => {
		const f = instanceFolders();
		expect(f.encryptionKeySet).toBe(true);
		expect(f.n8nFolder.startsWith(f.tmp)).toBe(true);
		expect(f.n8nFolder.startsWith(`${f.home}/.n8n`)).toBe(false);
		expect(f.n8nFolder).toMatch(/m3amz-n8n-core-[^/]+\/\.n8n$/);
	});
});
