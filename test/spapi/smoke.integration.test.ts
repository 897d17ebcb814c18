import { newSession, runSp, startSim, type Sim } from './helpers';

let sim: Sim;
beforeAll(async () => {
	sim = await startSim();
});
afterAll(async () => {
	await sim.close();
});

test('search then get', async () => {
	const s = newSession(sim);
	const r = await runSp(s, { resource: 'order', operation: 'search', filterBy: 'created', createdAfter: '2020-01-01T00:00:00Z', returnAll: false, limit: 3 });
	if (r.status !== 'success') console.log(r.error);
	expect(r.status).toBe('success');
	const out = r.output('SP')!;
	expect(out.length).toBe(3);
	const id = out[0].orderId as string;
	const g = await runSp(s, { resource: 'order', operation: 'get', orderId: id, includedData: ['BUYER', 'PACKAGES'] });
	expect(g.status).toBe('success');
	expect(g.output('SP')![0].orderId).toBe(id);
});
