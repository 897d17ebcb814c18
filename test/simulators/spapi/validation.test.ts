import { start, sellerToken, call, control, Sim, LONG_AGO } from './helpers';

/** One test per rejection kind; all answers are {errors:[{code,message,details}]} with x-amzn-RequestId. */
describe('request validation like Amazon', () => {
	let sim: Sim;
	let t: string;
	beforeAll(async () => {
		sim = await start({ timeScale: 1 });
		t = await sellerToken(sim);
	});
	afterAll(async () => {
		await sim.close();
	});
	const expectError = (r: { status: number; body: Record<string, any>; headers: Headers }, status: number, code: string) => { // eslint-disable-line @typescript-eslint/no-explicit-any
		expect(r.status).toBe(status);
		expect(r.body.errors).toHaveLength(1);
		expect(r.body.errors[0].code).toBe(code);
		expect(typeof r.body.errors[0].message).toBe('string');
		expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
	};

	test('missing required query parameter (v0 getOrders without MarketplaceIds) -> 400 InvalidInput', async () => {
		expectError(await call(sim, t, 'GET', `/orders/v0/orders?CreatedAfter=${LONG_AGO}`), 400, 'InvalidInput');
	});
	test('neither createdAfter nor lastUpdatedAfter -> 400', async () => {
		expectError(await call(sim, t, 'GET', '/orders/2026-01-01/orders?marketplaceIds=ATVPDKIKX0DER'), 400, 'InvalidInput');
	});
	test('both createdAfter and lastUpdatedAfter -> 400', async () => {
		expectError(await call(sim, t, 'GET', `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}&lastUpdatedAfter=${LONG_AGO}`), 400, 'InvalidInput');
	});
	test('enum value not in the model -> 400', async () => {
		expectError(await call(sim, t, 'GET', `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}&fulfillmentStatuses=Unshipped`), 400, 'InvalidInput');
	});
	test('malformed date-time -> 400', async () => {
		expectError(await call(sim, t, 'GET', '/orders/2026-01-01/orders?createdAfter=yesterday'), 400, 'InvalidInput');
	});
	test('createdBefore less than 2 minutes in the past -> 400', async () => {
		const r = await call(sim, t, 'GET', `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}&createdBefore=${new Date(Date.now() - 60000).toISOString()}`);
		expectError(r, 400, 'InvalidInput');
		expect(r.body.errors[0].message).toMatch(/2 minutes/);
		expect((await call(sim, t, 'GET', `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}&createdBefore=${new Date(Date.now() - 180000).toISOString()}`)).status).toBe(200);
	});
	test('lastUpdatedBefore / postedBefore too recent -> 400', async () => {
		const now = new Date(Date.now() - 1000).toISOString();
		expectError(await call(sim, t, 'GET', `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&LastUpdatedAfter=${LONG_AGO}&LastUpdatedBefore=${now}`), 400, 'InvalidInput');
		expectError(await call(sim, t, 'GET', `/finances/2024-06-19/transactions?postedAfter=${new Date(Date.now() - 86400000).toISOString()}&postedBefore=${now}`), 400, 'InvalidInput');
	});
	test('page size above the documented maximum -> 400', async () => {
		expectError(await call(sim, t, 'GET', `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}&maxResultsPerPage=101`), 400, 'InvalidInput');
		expectError(await call(sim, t, 'GET', `/listings/2021-08-01/items/${sim.credentials.sellerId}?marketplaceIds=ATVPDKIKX0DER&pageSize=21`), 400, 'InvalidInput');
	});
	test('maxItems of an array parameter -> 400', async () => {
		expectError(await call(sim, t, 'GET', '/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER,A1PA6795UKMFR9'), 400, 'InvalidInput');
	});
	test('pagination: token pages through all results; a token reused with other filters or garbage -> 400', async () => {
		const q = `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}&maxResultsPerPage=10`;
		const ids: string[] = [];
		let token: string | undefined;
		do {
			const r = await call(sim, t, 'GET', q + (token ? `&paginationToken=${encodeURIComponent(token)}` : ''));
			expect(r.status).toBe(200);
			ids.push(...r.body.orders.map((o: { orderId: string }) => o.orderId));
			token = r.body.pagination?.nextToken;
		} while (token);
		const all = await control(sim, 'GET', '/orders');
		expect(new Set(ids).size).toBe(all.length);
		const first = await call(sim, t, 'GET', q);
		const tok = encodeURIComponent(first.body.pagination.nextToken);
		expectError(await call(sim, t, 'GET', `/orders/2026-01-01/orders?createdAfter=2021-01-01T00:00:00Z&paginationToken=${tok}`), 400, 'InvalidInput');
		expectError(await call(sim, t, 'GET', `${q}&paginationToken=garbage`), 400, 'InvalidInput');
	});
	test('request body missing required fields -> 400', async () => {
		const o = (await control(sim, 'GET', '/orders?status=UNSHIPPED'))[0];
		expectError(await call(sim, t, 'POST', `/orders/v0/orders/${o.orderId}/shipmentConfirmation`, { marketplaceId: o.marketplaceId }), 400, 'InvalidInput');
		expectError(await call(sim, t, 'PATCH', `/listings/2021-08-01/items/${sim.credentials.sellerId}/X?marketplaceIds=ATVPDKIKX0DER`, { patches: [] }), 400, 'InvalidInput');
	});
	test('body that is not JSON -> 400', async () => {
		const r = await fetch(`${sim.url}/feeds/2021-06-30/documents`, { method: 'POST', headers: { 'x-amz-access-token': t, 'content-type': 'application/json' }, body: '{nope' });
		expect(r.status).toBe(400);
	});
	test('unknown order -> 404 NotFound; malformed order id -> 400', async () => {
		expectError(await call(sim, t, 'GET', '/orders/2026-01-01/orders/999-9999999-9999999'), 404, 'NotFound');
		expectError(await call(sim, t, 'GET', '/orders/2026-01-01/orders/TEST_CASE_400'), 400, 'InvalidInput');
	});
	test('unknown marketplace id -> 400', async () => {
		expectError(await call(sim, t, 'GET', `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}&marketplaceIds=XXXX`), 400, 'InvalidInput');
	});
	test('unknown path -> 404 and wrong method -> 405, still with x-amzn-RequestId', async () => {
		const r = await call(sim, t, 'GET', '/orders/v9/nothing');
		expect(r.status).toBe(404);
		expect(r.headers.get('x-amzn-requestid')).toBeTruthy();
		expect((await call(sim, t, 'DELETE', '/orders/2026-01-01/orders')).status).toBe(405);
	});
	test('confirmShipment business rules: wrong marketplace, FBA order, over-shipping -> 400', async () => {
		const o = (await control(sim, 'GET', '/orders?status=UNSHIPPED'))[1];
		const pd = { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z1', shipDate: new Date().toISOString(), orderItems: [{ orderItemId: o.items[0].orderItemId, quantity: o.items[0].quantity + 5 }] };
		expectError(await call(sim, t, 'POST', `/orders/v0/orders/${o.orderId}/shipmentConfirmation`, { marketplaceId: 'A1PA6795UKMFR9', packageDetail: pd }), 400, 'InvalidInput');
		expectError(await call(sim, t, 'POST', `/orders/v0/orders/${o.orderId}/shipmentConfirmation`, { marketplaceId: o.marketplaceId, packageDetail: pd }), 400, 'InvalidInput');
		const fba = (await control(sim, 'GET', '/orders')).find((x: { fulfilledBy: string }) => x.fulfilledBy === 'AMAZON');
		expectError(await call(sim, t, 'POST', `/orders/v0/orders/${fba.orderId}/shipmentConfirmation`, { marketplaceId: fba.marketplaceId, packageDetail: { ...pd, orderItems: undefined } }), 400, 'InvalidInput');
	});
	test('removed feed type POST_INVENTORY_AVAILABILITY_DATA -> 400', async () => {
		expectError(await call(sim, t, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'POST_INVENTORY_AVAILABILITY_DATA', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: 'x' }), 400, 'InvalidInput');
	});
	test('every successful response carries x-amzn-RateLimit-Limit and x-amzn-RequestId', async () => {
		const r = await call(sim, t, 'GET', `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}`);
		expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('0.0056');
		expect(r.headers.get('x-amzn-requestid')).toBeTruthy();
	});
});
