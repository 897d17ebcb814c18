import { start, sellerToken, call, control, Sim, Json } from './helpers';

describe('control API and health', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await start({ seed: 9 });
	});
	afterAll(async () => {
		await sim.close();
	});

	test('GET /healthz -> 200', async () => {
		const r = await fetch(`${sim.url}/healthz`);
		expect(r.status).toBe(200);
		expect(await r.json()).toEqual({ status: 'ok' });
	});

	test('credentials shape (also over HTTP)', async () => {
		const c = sim.credentials;
		expect(c).toMatchObject({ endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, marketplaceIds: expect.arrayContaining(['ATVPDKIKX0DER', 'A1PA6795UKMFR9']) });
		expect(c.clientId).toMatch(/^amzn1\.application-oa2-client\./);
		expect(c.refreshToken).toMatch(/^Atzr\|/);
		expect(c.sqs).toMatchObject({ region: 'us-east-1', endpoint: `${sim.url}/sqs`, queueArn: 'arn:aws:sqs:us-east-1:123456789012:sp-api-notifications' });
		expect(await control(sim, 'GET', '/credentials')).toEqual(c);
	});

	test('state, request log with 429 counts, listing quantity override, reset back to the seed', async () => {
		const t = await sellerToken(sim);
		const before = (await control(sim, 'GET', '/state')) as Json;
		expect(before.counts.orders).toBe(45);
		const sku = ((await control(sim, 'GET', '/listings')) as Json[])[0].sku as string;
		await control(sim, 'PUT', `/listings/${encodeURIComponent(sku)}`, { quantity: 777 });
		const li = await call(sim, t, 'GET', `/listings/2021-08-01/items/${sim.credentials.sellerId}/${encodeURIComponent(sku)}?marketplaceIds=ATVPDKIKX0DER&includedData=fulfillmentAvailability`);
		expect(li.body.fulfillmentAvailability[0].quantity).toBe(777);
		await control(sim, 'POST', '/orders', {});
		await control(sim, 'POST', '/faults', { operation: '*', kind: 'throttle', count: 2 });
		await call(sim, t, 'GET', '/sellers/v1/marketplaceParticipations');
		await call(sim, t, 'GET', '/sellers/v1/marketplaceParticipations');
		const log = await control(sim, 'GET', '/requests?status=429');
		expect(log.stats.throttled).toBe(2);
		expect(log.entries).toHaveLength(2);
		expect(log.entries[0]).toMatchObject({ operation: 'sellers.getMarketplaceParticipations', status: 429, throttled: true });
		expect(((await control(sim, 'GET', '/state')) as Json).counts.orders).toBe(46);
		await control(sim, 'POST', '/reset');
		const after = (await control(sim, 'GET', '/state')) as Json;
		expect(after.counts.orders).toBe(45);
		expect(after.requests.total).toBe(0);
		expect(((await control(sim, 'GET', '/listings')) as Json[])[0].quantity).not.toBe(777);
		// tokens issued before the reset are gone, like a fresh Amazon account
		expect((await call(sim, t, 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(403);
	});

	test('bad control input -> 400, unknown endpoint -> 404', async () => {
		expect((await fetch(`${sim.url}/__sim/orders`, { method: 'POST', body: JSON.stringify({ items: [{ sku: 'NOPE', quantity: 1 }] }) })).status).toBe(400);
		expect((await fetch(`${sim.url}/__sim/nothing`)).status).toBe(404);
	});
});
