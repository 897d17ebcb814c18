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

/** Virtual time: sleeps are timers that fire when the test advances the clock (abortable like n8n's sleep). */
function virtualClock() {
	let t = 0;
	let timers: Array<{ at: number; fire: () => void }> = [];
	const clock = {
		now: () => t,
		sleep: async (ms: number, signal?: AbortSignal) =>
			await new Promise<void>((resolve, reject) => {
				const timer = { at: t + ms, fire: resolve };
				timers.push(timer);
				signal?.addEventListener('abort', () => {
					timers = timers.filter((x) => x !== timer);
					reject(new Error('aborted'));
				});
			}),
		pending: () => timers.length,
		/** moves time forward, firing due timers in order (and whatever they schedule) */
		async advance(ms: number) {
			const end = t + ms;
			for (;;) {
				await flush();
				timers.sort((a, b) => a.at - b.at);
				const next = timers[0];
				if (!next || next.at > end) break;
				timers.shift();
				t = next.at;
				next.fire();
			}
			t = end;
			await flush();
		},
	};
	return clock;
}

async function flush() {
	for (let i = 0; i < 10; i++) await Promise.resolve();
}

/**
 * Starts n calls at once; each is answered `latencyMs` after it got its token (with `rate()` as the header, as Amazon
 * sends it) and records when (virtual ms) it got the token.
 */
function calls(b: TokenBucket, clock: ReturnType<typeof virtualClock>, n: number, grantedAt: number[], latencyMs = 0, rate = () => b.rate) {
	return Array.from({ length: n }, async () => {
		await b.acquire();
		grantedAt.push(clock.now());
		if (latencyMs > 0) await clock.sleep(latencyMs);
		b.answered(rate());
	});
}

describe('token bucket', () => {
	test('burst is free, then one call per 1/rate in call order', async () => {
		const clock = virtualClock();
		const b = new TokenBucket('k', 2, 3, clock);
		b.answered(2);
		const at: number[] = [];
		const all = calls(b, clock, 6, at);
		await clock.advance(0);
		expect(at).toEqual([0, 0, 0]);
		await clock.advance(2000);
		await Promise.all(all);
		expect(at).toEqual([0, 0, 0, 502, 1002, 1502]); // 500 ms per token + 2 ms margin on the first wait only
		expect(clock.pending()).toBe(0);
		expect(b.state()).toMatchObject({ inFlight: 0, waiting: 0 });
	});

	test('cold burst: waiting calls are re-timed when the first answer reveals a higher rate', async () => {
		const clock = virtualClock();
		const b = new TokenBucket('cold', 0.5, 30, clock); // documented getOrder plan
		const at: number[] = [];
		const all = calls(b, clock, 100, at, 50, () => 10); // answers after 50 ms say 10/s
		await clock.advance(49);
		expect(at.length).toBe(30); // the burst; the others wait for the first answer
		await clock.advance(10000);
		await Promise.all(all);
		expect(at.length).toBe(100);
		// 70 waiting calls at 10/s from the first answer: the last one ~7 s later (not 140 s at the default 0.5/s)
		expect(Math.max(...at)).toBeGreaterThanOrEqual(50 + 7000);
		expect(Math.max(...at)).toBeLessThanOrEqual(50 + 7000 + 10);
		expect(b.state()).toMatchObject({ rate: 10, learned: true, waiting: 0, inFlight: 0 });
	});

	test('callers that send two requests (a token refresh) take both tokens together: concurrent refreshes never deadlock', async () => {
		const clock = virtualClock();
		const b = new TokenBucket('refresh', 2, 2, clock); // getInventorySummaries: 2/s, burst 2
		b.answered(2);
		const done: number[] = [];
		// 8 calls: each sent once (403 expired), then again with a refresh = two requests on two tokens
		const all = Array.from({ length: 8 }, async (_v, i) => {
			await b.acquire();
			await clock.sleep(5);
			b.answered(2);
			await b.acquire(false, 2);
			await clock.sleep(5);
			b.answered(2, 2);
			done.push(i);
		});
		await clock.advance(20000);
		await Promise.all(all);
		expect(done).toHaveLength(8);
		expect(b.state()).toMatchObject({ inFlight: 0, waiting: 0 });
		// a bucket of one token (a quota shared by workers) still serves a two-request caller
		const one = new TokenBucket('one', 1, 1, clock);
		one.answered(1);
		const p = one.acquire(false, 2).then(() => one.answered(1, 2));
		await clock.advance(2000);
		await p;
		expect(one.state()).toMatchObject({ inFlight: 0, waiting: 0 });
	});

	test('re-timed the other way: a lower live rate spreads the waiting calls further apart', async () => {
		const clock = virtualClock();
		const b = new TokenBucket('slow', 5, 5, clock);
		b.answered(5); // the live rate was 5/s ...
		const at: number[] = [];
		const all = calls(b, clock, 8, at, 10, () => 1); // ... and the answers after 10 ms say 1/s
		await clock.advance(5000);
		await Promise.all(all);
		// 1/s from the answers at 10 ms. At 5/s they would have gone at 202, 402, 602 ms and been throttled
		expect(at.slice(5)).toEqual([1012, 2012, 3012]);
		expect(b.state().rate).toBe(1);
	});

	test('before the first answer only the burst leaves; no refill is credited for that time', async () => {
		const clock = virtualClock();
		const b = new TokenBucket('k2', 0.5, 1, clock);
		expect(await b.acquire()).toBe(0);
		const second = b.acquire();
		await clock.advance(5000); // the first request is slow (LWA token fetch, a busy server): 2.5 tokens at 0.5/s
		expect(b.state()).toMatchObject({ tokens: 0, waiting: 1, inFlight: 1, learned: false });
		b.answered(10);
		await clock.advance(200);
		expect(await second).toBe(5102); // 100 ms at the live 10/s after the answer, + 2 ms margin
		expect(parseRateLimitHeader('10.0')).toBe(10);
		expect(parseRateLimitHeader(['0.5'])).toBe(0.5);
		expect(parseRateLimitHeader('x')).toBeUndefined();
	});

	test('a first answer without the header releases the queue at the documented rate', async () => {
		const clock = virtualClock();
		const b = new TokenBucket('k5', 2, 1, clock);
		await b.acquire();
		const second = b.acquire();
		await clock.advance(100);
		b.answered(undefined); // e.g. a 403 or a network error: no x-amzn-RateLimit-Limit
		await clock.advance(1000);
		expect(await second).toBe(602);
		expect(b.state()).toMatchObject({ rate: 2, learned: false });
	});

	test('requests in flight count against the cap: a late burst cannot overrun a full Amazon bucket', async () => {
		// burst 2, 1/s. Two calls leave at 0 but reach Amazon at 900 ms (busy process): Amazon's bucket sat full until
		// then and dropped its refill. Counting only the refill, a third call would leave at 1000 ms and meet 0.1 token.
		const clock = virtualClock();
		const b = new TokenBucket('late', 1, 2, clock);
		b.answered(1);
		const at: number[] = [];
		const all = calls(b, clock, 3, at, 950);
		await clock.advance(5000);
		await Promise.all(all);
		expect(at).toEqual([0, 0, 1952]); // a full interval after the answers (950 ms), + 2 ms margin
	});

	test('a share of the quota: 1/4 of the rate and of the burst', async () => {
		const clock = virtualClock();
		const b = new TokenBucket('share', 10, 30, clock);
		b.setShare(0.25);
		b.answered(10);
		expect(b.state()).toMatchObject({ share: 0.25, effectiveRate: 2.5, tokens: 7.5 });
		const at: number[] = [];
		const all = calls(b, clock, 10, at);
		await clock.advance(2000);
		await Promise.all(all);
		expect(at).toEqual([0, 0, 0, 0, 0, 0, 0, 202, 602, 1002]); // 0.5 token left after 7; then one per 400 ms
		b.setShare(Number.NaN);
		expect(b.state().share).toBe(1);
	});

	test('429 empties the bucket and halves the pace once per refill interval; successes restore it', async () => {
		const clock = virtualClock();
		const b = new TokenBucket('k3', 4, 5, clock);
		expect(b.throttled()).toBe(500); // 4/s -> 2/s
		expect(b.state()).toMatchObject({ tokens: 0, factor: 0.5 });
		expect(b.throttled()).toBe(500); // the same moment: one signal, not two
		await clock.advance(500);
		expect(b.throttled()).toBe(1000);
		expect(b.state().factor).toBe(0.25);
		for (let i = 0; i < 200; i++) b.succeeded();
		expect(b.state().factor).toBe(1);
		for (let i = 0; i < 20; i++) {
			await clock.advance(10000);
			b.throttled();
		}
		expect(b.state().factor).toBe(1 / 32); // never below
	});

	test('a retry after a 429 goes first; the queue drains in order', async () => {
		const clock = virtualClock();
		const b = new TokenBucket('k4', 1, 1, clock);
		b.answered();
		await b.acquire();
		b.answered();
		const order: string[] = [];
		const a = b.acquire().then(() => (order.push('a'), b.answered()));
		const r = b.acquire(true).then(() => (order.push('retry'), b.answered()));
		await clock.advance(3000);
		await Promise.all([a, r]);
		expect(order).toEqual(['retry', 'a']);
	});
});

describe('quota share from the credential', () => {
	test('n8n Processes Sharing the Quota -> 1/N; empty or invalid -> 1', () => {
		const base = { clientId: 'c', refreshToken: 'Atzr|x', clientSecret: 's' };
		expect(configFromCredentials({ ...base, quotaProcesses: 4 }).quotaShare).toBe(0.25);
		expect(configFromCredentials({ ...base, quotaProcesses: '2' }).quotaShare).toBe(0.5);
		expect(configFromCredentials(base).quotaShare).toBe(1);
		expect(configFromCredentials({ ...base, quotaProcesses: 0 }).quotaShare).toBe(1);
		expect(configFromCredentials({ ...base, quotaProcesses: 'x' }).quotaShare).toBe(1);
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
