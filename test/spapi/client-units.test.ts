import { AmazonSpApi } from '../../credentials/AmazonSpApi.credentials';
import { normalizeShipment } from '../../nodes/AmazonSellingPartner/actions/order/confirmShipment.operation';
import {
	OPERATIONS,
	SpApiError,
	TokenBucket,
	buildPath,
	configFromCredentials,
	errorFromResponse,
	findOperation,
	isTokenProblem,
	parseProcessingReport,
	parseRateLimitHeader,
	rateLimiterInternals,
} from '../../nodes/shared/spapi';
import { redactText } from '../../nodes/shared/execution';

describe('operation table', () => {
	test('values match the models (spot checks) and every path is unique per method', () => {
		expect(OPERATIONS['orders2026.searchOrders']).toMatchObject({ method: 'GET', path: '/orders/2026-01-01/orders', rate: 0.0056, burst: 20 });
		expect(OPERATIONS['orders2026.getOrder']).toMatchObject({ rate: 0.5, burst: 30 });
		expect(OPERATIONS['ordersV0.confirmShipment']).toMatchObject({ method: 'POST', rate: 2, burst: 10 });
		expect(OPERATIONS['listings.patchListingsItem']).toMatchObject({ method: 'PATCH', rate: 5, burst: 5 });
		expect(OPERATIONS['fbaInventory.getInventorySummaries']).toMatchObject({ rate: 2, burst: 2 });
		expect(OPERATIONS['feeds.createFeed']).toMatchObject({ rate: 0.0083, burst: 15 });
		expect(OPERATIONS['notifications.createDestination'].grantless).toBe(true);
		expect(OPERATIONS['notifications.createSubscription'].grantless).toBeUndefined();
		const seen = new Set<string>();
		for (const op of Object.values(OPERATIONS)) {
			const k = `${op.method} ${op.path}`;
			expect(seen.has(k)).toBe(false);
			seen.add(k);
		}
	});

	test('findOperation prefers static segments; buildPath encodes values', () => {
		expect(findOperation('GET', '/notifications/v1/destinations')?.id).toBe('notifications.getDestinations');
		expect(findOperation('GET', '/notifications/v1/destinations/abc')?.id).toBe('notifications.getDestination');
		expect(findOperation('GET', '/orders/2026-01-01/orders/111-1111111-1111111?x=1')?.id).toBe('orders2026.getOrder');
		expect(findOperation('POST', '/nope')).toBeUndefined();
		expect(buildPath('/listings/2021-08-01/items/{sellerId}/{sku}', { sellerId: 'A1', sku: 'a/b c' })).toBe('/listings/2021-08-01/items/A1/a%2Fb%20c');
		expect(() => buildPath('/x/{id}', {})).toThrow('Missing path parameter');
	});
});

describe('token bucket', () => {
	let t = 0;
	const waits: number[] = [];
	beforeEach(() => {
		t = 0;
		waits.length = 0;
		rateLimiterInternals.setClock(
			() => t,
			async (ms) => {
				waits.push(ms);
				t += ms;
			},
		);
	});
	afterAll(() => rateLimiterInternals.setClock(undefined));

	test('burst is free, then one call per 1/rate; concurrent callers queue without over-booking', async () => {
		const b = new TokenBucket('k', 2, 3);
		for (let i = 0; i < 3; i++) expect(await b.acquire()).toBe(0);
		expect(await b.acquire()).toBe(502); // 500 ms + 2 ms safety (the fake sleep advanced the clock)
		// three concurrent reservations at the same instant: each waits one interval longer than the previous
		rateLimiterInternals.setClock(
			() => t,
			async (ms) => {
				waits.push(ms);
			},
		);
		const w = await Promise.all([b.acquire(), b.acquire(), b.acquire()]);
		expect(w).toEqual([500, 1000, 1500]); // the 2 ms margin of the previous wait is not lost
	});

	test('rate follows x-amzn-RateLimit-Limit; refill before the first answer is not credited', async () => {
		const b = new TokenBucket('k2', 0.5, 2);
		await b.acquire();
		t += 1000; // e.g. LWA fetch before the first request reached the server
		b.updateRate(10);
		expect(b.state().tokens).toBeCloseTo(1, 5);
		await b.acquire();
		expect(await b.acquire()).toBe(102);
		expect(b.state().rate).toBe(10);
		expect(parseRateLimitHeader('10.0')).toBe(10);
		expect(parseRateLimitHeader(['0.5'])).toBe(0.5);
		expect(parseRateLimitHeader('x')).toBeUndefined();
	});

	test('429 empties the bucket and asks for one refill interval', () => {
		const b = new TokenBucket('k3', 4, 5);
		expect(b.throttled()).toBe(250);
		expect(b.state().tokens).toBe(0);
	});
});

describe('errors', () => {
	test('Amazon error list -> SpApiError with code, details, request id', () => {
		const e = errorFromResponse(
			'orders2026.getOrder',
			403,
			{ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' }] },
			{ 'x-amzn-RequestId': 'rid-1' },
		);
		expect(e).toBeInstanceOf(SpApiError);
		expect(e.toJSON()).toMatchObject({ operation: 'orders2026.getOrder', status: 403, code: 'Unauthorized', requestId: 'rid-1' });
		expect(isTokenProblem(e)).toBe(true);
		const denied = errorFromResponse('x', 403, { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] }, {});
		expect(isTokenProblem(denied)).toBe(false);
		const text = errorFromResponse('x', 500, 'oops', { 'x-amzn-ErrorType': 'InternalFailure:abc' });
		expect(text.message).toBe('oops');
		const lwa = errorFromResponse('lwa', 400, JSON.stringify({ error: 'invalid_grant', error_description: 'bad' }), {});
		expect(lwa).toMatchObject({ code: 'invalid_grant', message: 'bad' });
		expect(redactText('token xyzsecretvalue here', ['xyzsecretvalue'])).toBe('token *** here');
		expect(redactText('token Atzr|secretvalue here')).toBe('token Atzr|*** here');
	});
});

describe('processing reports', () => {
	test('JSON listings report', () => {
		const r = parseProcessingReport(
			JSON.stringify({
				header: { sellerId: 'A1', version: '2.0', feedId: '1' },
				issues: [{ messageId: 2, code: '4000001', severity: 'ERROR', message: 'SKU not found', sku: 'X' }],
				summary: { errors: 1, warnings: 0, messagesProcessed: 2, messagesAccepted: 1, messagesInvalid: 1 },
			}),
		);
		expect(r.format).toBe('json');
		expect(r.summary).toMatchObject({ errors: 1, messagesProcessed: 2 });
		expect(r.results).toEqual([{ messageId: 2, code: '4000001', severity: 'ERROR', message: 'SKU not found', sku: 'X' }]);
	});

	test('XML ProcessingReport', () => {
		const xml = `<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.02</DocumentVersion></Header><MessageType>ProcessingReport</MessageType>
<Message><MessageID>1</MessageID><ProcessingReport><DocumentTransactionID>123</DocumentTransactionID><StatusCode>Complete</StatusCode>
<ProcessingSummary><MessagesProcessed>2</MessagesProcessed><MessagesSuccessful>1</MessagesSuccessful><MessagesWithError>1</MessagesWithError><MessagesWithWarning>0</MessagesWithWarning></ProcessingSummary>
<Result><MessageID>2</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>18028</ResultMessageCode><ResultDescription>Order not found &amp; skipped</ResultDescription><AdditionalInfo><AmazonOrderID>111-1</AmazonOrderID></AdditionalInfo></Result>
</ProcessingReport></Message></AmazonEnvelope>`;
		const r = parseProcessingReport(Buffer.from(xml));
		expect(r.format).toBe('xml');
		expect(r.summary).toEqual({ documentTransactionId: '123', statusCode: 'Complete', messagesProcessed: 2, messagesSuccessful: 1, messagesWithError: 1, messagesWithWarning: 0 });
		expect(r.results[0]).toEqual({ messageId: 2, resultCode: 'Error', resultMessageCode: 18028, resultDescription: 'Order not found & skipped', additionalInfo: { AmazonOrderID: '111-1' } });
		expect(() => parseProcessingReport('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toThrow();
		expect(parseProcessingReport('plain text').format).toBe('text');
	});
});

describe('confirmShipment input', () => {
	const base = {
		amazonOrderId: '113-1234567-1234567',
		marketplaceId: 'ATVPDKIKX0DER',
		packageReferenceId: '1',
		idempotencyKey: '113-1234567-1234567#1',
		confirmShipmentRequest: {
			marketplaceId: 'ATVPDKIKX0DER',
			packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', carrierName: '', shippingMethod: 'Ground', trackingNumber: '1Z', shipDate: '2026-11-29T10:00:00Z', orderItems: [{ orderItemId: '9', quantity: 1 }] },
		},
	};
	test('contracts.md shape -> model body (empty optional strings dropped)', () => {
		const n = normalizeShipment(base, undefined);
		expect(n.ok).toBe(true);
		if (!n.ok) return;
		expect(n.value.body).toEqual({
			marketplaceId: 'ATVPDKIKX0DER',
			packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', shippingMethod: 'Ground', trackingNumber: '1Z', shipDate: '2026-11-29T10:00:00Z', orderItems: [{ orderItemId: '9', quantity: 1 }] },
		});
		expect(n.value.idempotencyKey).toBe('113-1234567-1234567#1');
	});
	test('invalid inputs are listed', () => {
		const bad = normalizeShipment({ amazonOrderId: 'x', packageDetail: { packageReferenceId: 'A', carrierCode: 'Other', orderItems: [{ quantity: 0 }] } }, undefined);
		expect(bad.ok).toBe(false);
		if (bad.ok) return;
		for (const s of ['amazonOrderId', 'marketplaceId', 'packageReferenceId', 'carrierName', 'trackingNumber', 'shipDate', 'orderItemId', 'quantity']) expect(bad.error).toContain(s);
	});
});

describe('credentials', () => {
	test('endpoint/LWA resolution; authenticate sets the seller token or moves the grantless one', async () => {
		const cred = new AmazonSpApi();
		expect(cred.name).toBe('amazonSpApi');
		expect(configFromCredentials({ region: 'eu', sandbox: true }).endpoint).toBe('https://sandbox.sellingpartnerapi-eu.amazon.com');
		expect(configFromCredentials({ region: 'fe' }).endpoint).toBe('https://sellingpartnerapi-fe.amazon.com');
		expect(configFromCredentials({ customEndpoint: 'http://127.0.0.1:9/' }).endpoint).toBe('http://127.0.0.1:9');
		expect(configFromCredentials({ lwaTokenUrl: 'http://127.0.0.1:9' }).lwaTokenUrl).toBe('http://127.0.0.1:9/auth/o2/token');
		expect(configFromCredentials({ marketplaceIds: 'A, B ,C' }).marketplaceIds).toEqual(['A', 'B', 'C']);
		const auth = cred.authenticate as (c: object, o: object) => Promise<{ headers: Record<string, string> }>;
		const seller = await auth({ accessToken: 'Atza|new' }, { url: '/x', headers: { 'x-amz-access-token': 'Atza|stale', a: '1' } });
		expect(seller.headers).toEqual({ a: '1', 'x-amz-access-token': 'Atza|new' });
		const grantless = await auth({ accessToken: 'Atza|new' }, { url: '/x', headers: { 'x-spapi-grantless-token': 'Atc|g' } });
		expect(grantless.headers).toEqual({ 'x-amz-access-token': 'Atc|g' });
	});
});

describe('feed documents', () => {
	test('download un-gzips a compressed result document; upload sends no SP-API token', async () => {
		const { downloadDocument, uploadDocument } = await import('../../nodes/shared/spapi');
		const gz = Buffer.from(
			'H4sIAAAAAAACAxWLMQ6AIBAE/7I1hbT8wM7eWBBZxYKQ3IbCEP4udpPJTEdmTDSEjotMa0KAx3B4pEYh7IeDWinR3j+iWbWpF4dCKd7UZvWcyLn6MT6uwt1JUgAAAA==',
			'base64',
		);
		const calls: Array<Record<string, unknown>> = [];
		const ctx = {
			getNode: () => ({}) as never,
			getCredentials: (async () => ({})) as never,
			helpers: {
				httpRequestWithAuthentication: (async () => {
					throw new Error('must not be used');
				}) as never,
				httpRequest: (async (o: Record<string, unknown>) => {
					calls.push(o);
					return o.method === 'GET' ? { statusCode: 200, body: gz } : { statusCode: 200, body: '' };
				}) as never,
			},
		};
		const bytes = await downloadDocument(ctx, 'http://docs/x');
		expect(parseProcessingReport(bytes).summary).toEqual({ errors: 0, messagesProcessed: 1 });
		await uploadDocument(ctx, 'http://docs/y', Buffer.from('{}'), 'application/json; charset=UTF-8');
		const put = calls.find((c) => c.method === 'PUT')!;
		expect(put.headers).toEqual({ 'Content-Type': 'application/json; charset=UTF-8' });
	});
});
