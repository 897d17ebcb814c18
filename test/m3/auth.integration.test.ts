// Issue 12: what an M3 401 means, said clearly; never a credential value in the error.
import { createSession } from '../harness';
import { basicCredentials, ionCredentials, m3Workflow, secretsOf, startSim, type Sim } from './helpers';

describe('Infor M3 node - 401 answers (integration)', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => {
		await sim.close();
	});
	afterEach(() => sim.control.clearFaults());

	const get = m3Workflow({ resource: 'customerOrder', operation: 'get', orderNumber: '1000001' });

	it('ION API: a 401 after one token refresh is final, and the message says so', async () => {
		const session = createSession({ credentials: { inforM3Api: ionCredentials(sim) } });
		// every token the gateway sees is expired: the first call gets 401, n8n fetches a new token, resends, 401 again
		sim.control.addFaults({ kind: 'tokenExpiry', gateway: true });
		const r = await session.run(get);
		expect(r.status).toBe('error');
		const e = r.nodeError('M3') as Error & { description?: string };
		expect(e.message).toMatch(/HTTP 401.*again after a new ION API token was fetched: not retried/);
		// one token for the first call, one refresh: no loop
		expect(session.credentialsHelper.preAuthCount.inforM3Api).toBe(2);
		const text = JSON.stringify([e.message, e.description, r.error, r.runData]);
		for (const s of secretsOf(sim)) expect(text).not.toContain(s);
	});

	it('M3 Direct (Basic): a refused password says so and never shows it', async () => {
		const wrong = 'Wrong-Pa55word-123';
		const session = createSession({ credentials: { inforM3Api: { ...basicCredentials(sim), password: wrong } } });
		const r = await session.run(get);
		expect(r.status).toBe('error');
		const e = r.nodeError('M3') as Error & { description?: string };
		expect(e.message).toMatch(/HTTP 401\): the M3 user or password was refused/);
		const text = JSON.stringify([e.message, e.description, r.error, r.runData]);
		for (const s of [wrong, Buffer.from(`${sim.credentials.basic.user}:${wrong}`).toString('base64'), ...secretsOf(sim)]) expect(text).not.toContain(s);
	});
});
