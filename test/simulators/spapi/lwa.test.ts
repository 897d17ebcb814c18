import { start, lwa, sellerToken, grantlessToken, call, control, sleep, Sim, LONG_AGO } from './helpers';

describe('LWA token endpoint and access-token checks', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await start({ timeScale: 10 });
	});
	afterAll(async () => {
		await sim.close();
	});

	test('refresh_token grant returns an Atza| bearer token with expires_in scaled by timeScale', async () => {
		const c = sim.credentials;
		const r = await lwa(sim, { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ token_type: 'bearer', expires_in: 360, refresh_token: c.refreshToken });
		expect(r.body.access_token).toMatch(/^Atza\|/);
	});

	test('client_credentials grant with sellingpartnerapi::notifications scope returns a grantless token', async () => {
		const c = sim.credentials;
		const r = await lwa(sim, { grant_type: 'client_credentials', scope: 'sellingpartnerapi::notifications', client_id: c.clientId, client_secret: c.clientSecret });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ token_type: 'bearer', scope: 'sellingpartnerapi::notifications', expires_in: 360 });
	});

	test('wrong client secret -> 401 invalid_client (LWA error JSON)', async () => {
		const c = sim.credentials;
		const r = await lwa(sim, { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: 'nope' });
		expect(r.status).toBe(401);
		expect(r.body).toEqual({ error_description: 'Client authentication failed', error: 'invalid_client' });
	});

	test('unknown refresh token -> 400 invalid_grant', async () => {
		const c = sim.credentials;
		const r = await lwa(sim, { grant_type: 'refresh_token', refresh_token: 'Atzr|bogus', client_id: c.clientId, client_secret: c.clientSecret });
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ error_description: 'The request has an invalid grant parameter : refresh_token', error: 'invalid_grant' });
	});

	test('unsupported grant type, missing parameter and unknown scope', async () => {
		const c = sim.credentials;
		expect((await lwa(sim, { grant_type: 'password', client_id: c.clientId, client_secret: c.clientSecret })).body.error).toBe('unsupported_grant_type');
		expect((await lwa(sim, { grant_type: 'refresh_token', client_id: c.clientId, client_secret: c.clientSecret })).body).toEqual({
			error_description: 'The request is missing a required parameter : refresh_token',
			error: 'invalid_request',
		});
		expect((await lwa(sim, { grant_type: 'client_credentials', scope: 'sellingpartnerapi::everything', client_id: c.clientId, client_secret: c.clientSecret })).body.error).toBe('invalid_scope');
	});

	test('missing access token -> 403 MissingAuthenticationToken', async () => {
		const r = await call(sim, undefined, 'GET', '/sellers/v1/marketplaceParticipations');
		expect(r.status).toBe(403);
		expect(r.body.errors[0]).toMatchObject({ code: 'MissingAuthenticationToken', message: 'Access to requested resource is denied.' });
		expect(r.headers.get('x-amzn-requestid')).toBeTruthy();
	});

	test('unknown access token -> 403 Unauthorized', async () => {
		const r = await call(sim, 'Atza|forged', 'GET', '/sellers/v1/marketplaceParticipations');
		expect(r.status).toBe(403);
		expect(r.body.errors[0]).toMatchObject({ code: 'Unauthorized', message: 'Access to requested resource is denied.' });
	});

	test('grantless token is refused on seller operations and seller token on grantless operations', async () => {
		const g = await grantlessToken(sim);
		const s = await sellerToken(sim);
		expect((await call(sim, g, 'GET', `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}`)).status).toBe(403);
		expect((await call(sim, s, 'GET', '/notifications/v1/destinations')).status).toBe(403);
		expect((await call(sim, g, 'GET', '/notifications/v1/destinations')).status).toBe(200);
	});

	test('Restricted Data Token: required by getOrderAddress, accepted for the covered path only', async () => {
		const s = await sellerToken(sim);
		const orders = await control(sim, 'GET', '/orders?status=UNSHIPPED');
		const id = orders[0].orderId as string;
		expect((await call(sim, s, 'GET', `/orders/v0/orders/${id}/address`)).status).toBe(403);
		const r = await call(sim, s, 'POST', '/tokens/2021-03-01/restrictedDataToken', { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }] });
		expect(r.status).toBe(200);
		expect(r.body.restrictedDataToken).toMatch(/^Atz\.sprdt\|/);
		const rdt = r.body.restrictedDataToken as string;
		const a = await call(sim, rdt, 'GET', `/orders/v0/orders/${id}/address`);
		expect(a.status).toBe(200);
		expect(a.body.payload.ShippingAddress.AddressLine1).toBeTruthy();
		expect((await call(sim, rdt, 'GET', `/orders/v0/orders/${id}/buyerInfo`)).status).toBe(403);
	});

	test('getOrders returns PII only with an RDT carrying dataElements', async () => {
		const s = await sellerToken(sim);
		const q = `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=${LONG_AGO}&OrderStatuses=Unshipped`;
		const plain = await call(sim, s, 'GET', q);
		expect(plain.status).toBe(200);
		expect(plain.body.payload.Orders[0].ShippingAddress.AddressLine1).toBeUndefined();
		const rdt = (await call(sim, s, 'POST', '/tokens/2021-03-01/restrictedDataToken', { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders', dataElements: ['shippingAddress', 'buyerInfo'] }] })).body.restrictedDataToken as string;
		const full = await call(sim, rdt, 'GET', q);
		expect(full.body.payload.Orders[0].ShippingAddress.AddressLine1).toBeTruthy();
		expect(full.body.payload.Orders[0].BuyerInfo.BuyerName).toBeTruthy();
	});
});

describe('token expiry', () => {
	test('an access token older than its (scaled) hour -> 403 "The access token you provided has expired."', async () => {
		const sim = await start({ timeScale: 3600 }); // 1 h -> 1 s
		try {
			const t = await sellerToken(sim);
			expect((await call(sim, t, 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(200);
			await sleep(1200);
			const r = await call(sim, t, 'GET', '/sellers/v1/marketplaceParticipations');
			expect(r.status).toBe(403);
			expect(r.body).toEqual({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' }] });
			// a fresh token works again
			expect((await call(sim, await sellerToken(sim), 'GET', '/sellers/v1/marketplaceParticipations')).status).toBe(200);
		} finally {
			await sim.close();
		}
	});
});
