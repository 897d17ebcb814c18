import { start, sellerToken, call, control, lwa, Sim } from './helpers';

const PATH = '/sellers/v1/marketplaceParticipations';

describe('fault injection', () => {
	let sim: Sim;
	let t: string;
	beforeAll(async () => {
		sim = await start({ timeScale: 100 });
		t = await sellerToken(sim);
	});
	afterEach(async () => {
		await control(sim, 'DELETE', '/faults');
	});
	afterAll(async () => {
		await sim.close();
	});

	test('latency delays the answer', async () => {
		await control(sim, 'POST', '/faults', { operation: 'getMarketplaceParticipations', kind: 'latency', ms: 300, count: 1 });
		const t0 = Date.now();
		expect((await call(sim, t, 'GET', PATH)).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
	});

	test('5xx: 500 InternalFailure then 503 ServiceUnavailable, each for `count` requests', async () => {
		await control(sim, 'POST', '/faults', [
			{ operation: 'sellers.getMarketplaceParticipations', kind: 'error', status: 500, count: 1 },
			{ operation: 'sellers.getMarketplaceParticipations', kind: 'error', status: 503, count: 1 },
		]);
		const a = await call(sim, t, 'GET', PATH);
		expect(a.status).toBe(500);
		expect(a.body.errors[0].code).toBe('InternalFailure');
		const b = await call(sim, t, 'GET', PATH);
		expect(b.status).toBe(503);
		expect(b.body.errors[0].code).toBe('ServiceUnavailable');
		expect(b.headers.get('x-amzn-requestid')).toBeTruthy();
		expect((await call(sim, t, 'GET', PATH)).status).toBe(200);
	});

	test('connection reset makes fetch fail', async () => {
		await control(sim, 'POST', '/faults', { operation: '*', kind: 'reset', count: 1 });
		await expect(fetch(sim.url + PATH, { headers: { 'x-amz-access-token': t } })).rejects.toThrow();
		expect((await call(sim, t, 'GET', PATH)).status).toBe(200);
	});

	test('429 burst: the next N calls get QuotaExceeded, then normal service', async () => {
		await control(sim, 'POST', '/faults', { operation: 'getMarketplaceParticipations', kind: 'throttle', count: 3 });
		for (let i = 0; i < 3; i++) {
			const r = await call(sim, t, 'GET', PATH);
			expect(r.status).toBe(429);
			expect(r.body).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] });
		}
		expect((await call(sim, t, 'GET', PATH)).status).toBe(200);
		const stats = await control(sim, 'GET', '/state');
		expect(stats.requests.byOperation['sellers.getMarketplaceParticipations'].throttled).toBeGreaterThanOrEqual(3);
	});

	test('faults only hit their operation', async () => {
		await control(sim, 'POST', '/faults', { operation: 'searchOrders', kind: 'error', status: 503 });
		expect((await call(sim, t, 'GET', PATH)).status).toBe(200);
		expect((await call(sim, t, 'GET', '/orders/2026-01-01/orders?createdAfter=2020-01-01T00:00:00Z')).status).toBe(503);
	});

	test('token expiry: every token issued so far is expired at once; new tokens work', async () => {
		const before = await sellerToken(sim);
		await control(sim, 'POST', '/faults', { kind: 'tokenExpiry' });
		const r = await call(sim, before, 'GET', PATH);
		expect(r.status).toBe(403);
		expect(r.body.errors[0].details).toBe('The access token you provided has expired.');
		t = await sellerToken(sim);
		expect((await call(sim, t, 'GET', PATH)).status).toBe(200);
	});

	test('invalid fault definitions are refused by the control API', async () => {
		const r = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'meteor' }) });
		expect(r.status).toBe(400);
	});
});

describe('faults given at start', () => {
	test('start({faults}) applies them from the first request', async () => {
		const sim = await start({ faults: [{ operation: 'getMarketplaceParticipations', kind: 'error', status: 503, count: 2 }] });
		try {
			const t = await sellerToken(sim);
			expect((await call(sim, t, 'GET', PATH)).status).toBe(503);
			expect((await call(sim, t, 'GET', PATH)).status).toBe(503);
			expect((await call(sim, t, 'GET', PATH)).status).toBe(200);
		} finally {
			await sim.close();
		}
	});
	test('in-process control: sim.control.addFault / clearFaults', async () => {
		const sim = await start();
		try {
			const t = await sellerToken(sim);
			sim.control.addFault({ operation: '*', kind: 'throttle' });
			expect((await call(sim, t, 'GET', PATH)).status).toBe(429);
			sim.control.clearFaults();
			expect((await call(sim, t, 'GET', PATH)).status).toBe(200);
		} finally {
			await sim.close();
		}
	});
	test('probability: drawn from the seeded random source, the same statuses for the same seed (also for LWA)', async () => {
		const statuses = async (seed: number) => {
			const sim = await start({ seed });
			try {
				const t = await sellerToken(sim);
				sim.control.addFault({ operation: '*', kind: 'error', status: 503, probability: 0.5 });
				sim.control.addFault({ operation: 'lwa.token', kind: 'error', status: 500, probability: 0.5 });
				const out: number[] = [];
				for (let i = 0; i < 24; i++) out.push((await call(sim, t, 'GET', PATH)).status);
				for (let i = 0; i < 8; i++) out.push((await lwa(sim, { grant_type: 'refresh_token', refresh_token: 'nope', client_id: 'x', client_secret: 'y' })).status);
				return out;
			} finally {
				await sim.close();
			}
		};
		const a = await statuses(4);
		// some requests fail and some pass, never a simulator crash (an "internal error" 500 on the API)
		expect(a.slice(0, 24).filter((s) => s === 503).length).toBeGreaterThan(0);
		expect(a.slice(0, 24).filter((s) => s === 200).length).toBeGreaterThan(0);
		expect(a.slice(0, 24).every((s) => s === 200 || s === 503)).toBe(true);
		expect(a.slice(24).filter((s) => s === 500).length).toBeGreaterThan(0);
		expect(a.slice(24).filter((s) => s !== 500).length).toBeGreaterThan(0);
		expect(await statuses(4)).toEqual(a);
	});
});
