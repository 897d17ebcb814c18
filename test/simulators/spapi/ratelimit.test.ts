import { start, sellerToken, call, control, sleep, Sim } from './helpers';
import { RateLimiter } from '../../../simulators/spapi/ratelimit';

describe('RateLimiter (fake clock, exact)', () => {
	test('burst, 429, recovery at the documented rate x timeScale', () => {
		let now = 0;
		const rl = new RateLimiter({ timeScale: 10, now: () => now });
		// createFeed: 0.0083 rps, burst 15 -> scaled 0.083 rps -> one token per ~12.05 s
		for (let i = 0; i < 15; i++) expect(rl.take('S', 'APP', 'feeds.createFeed', 0.0083, 15).ok).toBe(true);
		const denied = rl.take('S', 'APP', 'feeds.createFeed', 0.0083, 15);
		expect(denied.ok).toBe(false);
		expect(denied.retryAfterMs).toBe(Math.ceil(1000 / 0.083));
		now += 12000;
		expect(rl.take('S', 'APP', 'feeds.createFeed', 0.0083, 15).ok).toBe(false);
		now += 100;
		expect(rl.take('S', 'APP', 'feeds.createFeed', 0.0083, 15).ok).toBe(true);
		// separate buckets per seller and per application
		expect(rl.take('S2', 'APP', 'feeds.createFeed', 0.0083, 15).ok).toBe(true);
		expect(rl.take('S', 'APP2', 'feeds.createFeed', 0.0083, 15).ok).toBe(true);
		// never more than burst after a long idle time
		now += 10_000_000;
		let n = 0;
		while (rl.take('S', 'APP', 'feeds.createFeed', 0.0083, 15).ok) n++;
		expect(n).toBe(15);
	});
});

describe('token-bucket rate limits per (seller, app, operation)', () => {
	let sim: Sim;
	let t: string;
	beforeAll(async () => {
		sim = await start({ timeScale: 100 });
		t = await sellerToken(sim);
	});
	afterAll(async () => {
		await sim.close();
	});

	test('getMarketplaceParticipations over HTTP: burst 15, then 429, recovery after 1/(0.016*timeScale) s', async () => {
		const PATH = '/sellers/v1/marketplaceParticipations';
		const t0 = Date.now();
		let ok = 0;
		let limited;
		for (;;) {
			const r = await call(sim, t, 'GET', PATH);
			if (r.status !== 200) {
				limited = r;
				break;
			}
			expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('1.6'); // documented 0.016 rps x timeScale 100
			ok++;
			if (ok > 40) break;
		}
		const elapsedS = (Date.now() - t0) / 1000;
		expect(ok).toBeGreaterThanOrEqual(15);
		expect(ok).toBeLessThanOrEqual(15 + Math.ceil(elapsedS * 1.6));
		expect(limited?.status).toBe(429);
		expect(limited?.body.errors[0].code).toBe('QuotaExceeded');
		expect(limited?.headers.get('x-amzn-ratelimit-limit')).toBeNull(); // not declared on 429
		await sleep(700); // > 625 ms = one token at 1.6 tokens/s
		expect((await call(sim, t, 'GET', PATH)).status).toBe(200);
		const st = await control(sim, 'GET', '/requests?operation=getMarketplaceParticipations');
		expect(st.stats.byOperation['sellers.getMarketplaceParticipations'].throttled).toBeGreaterThanOrEqual(1);
	});

	test('buckets are per operation: throttling one operation leaves others alone', async () => {
		const r = await call(sim, t, 'GET', '/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER');
		expect(r.status).toBe(200);
		expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('200');
	});

	test('getInventorySummaries burst 2 at 2 rps (timeScale 1): third immediate call 429, one token back after 500 ms', async () => {
		const sim2 = await start({ timeScale: 1 });
		try {
			const t2 = await sellerToken(sim2);
			const P = '/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER';
			expect((await call(sim2, t2, 'GET', P)).status).toBe(200);
			expect((await call(sim2, t2, 'GET', P)).status).toBe(200);
			expect((await call(sim2, t2, 'GET', P)).status).toBe(429);
			await sleep(520); // 2 rps unscaled -> one token per 500 ms
			expect((await call(sim2, t2, 'GET', P)).status).toBe(200);
		} finally {
			await sim2.close();
		}
	});

	test('buckets are per application: a second app of the same seller has its own burst', async () => {
		const sim3 = await start({ timeScale: 1 });
		try {
			const P = '/sellers/v1/marketplaceParticipations';
			const t1 = await sellerToken(sim3);
			for (let i = 0; i < 15; i++) expect((await call(sim3, t1, 'GET', P)).status).toBe(200);
			expect((await call(sim3, t1, 'GET', P)).status).toBe(429);
			const app2 = await control(sim3, 'POST', '/apps', { name: 'second' });
			const r = await fetch(sim3.credentials.lwaEndpoint, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: app2.refreshToken, client_id: app2.clientId, client_secret: app2.clientSecret }) });
			const t2 = ((await r.json()) as Record<string, string>).access_token;
			expect((await call(sim3, t2, 'GET', P)).status).toBe(200);
			expect((await call(sim3, t1, 'GET', P)).status).toBe(429);
		} finally {
			await sim3.close();
		}
	});

	test('control API can override an operation limit', async () => {
		await control(sim, 'POST', '/config', { rateLimits: { 'orders2026.getOrder': { rate: 0.001, burst: 1 } } });
		const o = (await control(sim, 'GET', '/orders'))[0];
		expect((await call(sim, t, 'GET', `/orders/2026-01-01/orders/${o.orderId}`)).status).toBe(200);
		expect((await call(sim, t, 'GET', `/orders/2026-01-01/orders/${o.orderId}`)).status).toBe(429);
	});
});
