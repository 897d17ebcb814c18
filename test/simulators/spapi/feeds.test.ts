import { start, sellerToken, call, control, waitFor, sleep, Sim, Json } from './helpers';

async function upload(sim: Sim, t: string, contentType: string, content: string): Promise<string> {
	const d = await call(sim, t, 'POST', '/feeds/2021-06-30/documents', { contentType });
	expect(d.status).toBe(201);
	expect(d.body.url).toContain('X-Amz-Signature=');
	const put = await fetch(d.body.url, { method: 'PUT', headers: { 'content-type': contentType }, body: content });
	expect(put.status).toBe(200);
	return d.body.feedDocumentId as string;
}

describe('Feeds API lifecycle', () => {
	let sim: Sim;
	let t: string;
	beforeAll(async () => {
		// 40 s queue + 40 s processing (simulated) -> 400 ms + 400 ms at timeScale 100: every state is observable by polling
		sim = await start({ timeScale: 100, feedDelays: { inQueueMs: 40000, inProgressMs: 40000 } });
		t = await sellerToken(sim);
	});
	afterAll(async () => {
		await sim.close();
	});

	test('JSON_LISTINGS_FEED: IN_QUEUE -> IN_PROGRESS -> DONE, quantities applied, per-message issues in the report', async () => {
		const listings = await control(sim, 'GET', '/listings');
		const [a, b] = listings as Json[];
		const feed = {
			header: { sellerId: sim.credentials.sellerId, version: '2.0', issueLocale: 'en_US' },
			messages: [
				{ messageId: 1, sku: a.sku, operationType: 'PATCH', productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 11 }] }] },
				{ messageId: 2, sku: 'NO-SUCH-SKU', operationType: 'PATCH', productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] }] },
				{ messageId: 3, sku: b.sku, operationType: 'PATCH', productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 2.5 }] }] },
			],
		};
		const docId = await upload(sim, t, 'application/json; charset=UTF-8', JSON.stringify(feed));
		// the states are stepped by the control API, not caught by polling a timer: a loaded machine can sleep through
		// a 400 ms state. Timers far away for this feed only; the next tests use the normal delays again.
		await control(sim, 'POST', '/config', { feedDelays: { inQueueMs: 1e9, inProgressMs: 1e9 } });
		const cf = await call(sim, t, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: docId });
		await control(sim, 'POST', '/config', { feedDelays: { inQueueMs: 40000, inProgressMs: 40000 } });
		expect(cf.status).toBe(202);
		const feedId = cf.body.feedId as string;
		const status = async (): Promise<Json> => (await call(sim, t, 'GET', `/feeds/2021-06-30/feeds/${feedId}`)).body;
		const seen = [(await status()).processingStatus];
		await control(sim, 'POST', `/feeds/${feedId}/start`);
		const started = await status();
		seen.push(started.processingStatus);
		expect(started.processingStartTime).toBeTruthy();
		expect(started.processingEndTime).toBeUndefined();
		await control(sim, 'POST', `/feeds/${feedId}/finish`);
		const done = await status();
		seen.push(done.processingStatus);
		expect(seen).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'DONE']);
		expect(done.processingStartTime).toBeTruthy();
		expect(done.processingEndTime).toBeTruthy();
		const doc = await call(sim, t, 'GET', `/feeds/2021-06-30/documents/${done.resultFeedDocumentId}`);
		expect(doc.status).toBe(200);
		const report = (await (await fetch(doc.body.url)).json()) as Json;
		expect(report.header).toEqual({ sellerId: sim.credentials.sellerId, version: '2.0', feedId });
		expect(report.summary).toEqual({ errors: 2, warnings: 0, messagesProcessed: 3, messagesAccepted: 1, messagesInvalid: 2 });
		expect(report.issues.map((i: Json) => [i.messageId, i.severity])).toEqual([
			[2, 'ERROR'],
			[3, 'ERROR'],
		]);
		const after = (await control(sim, 'GET', '/listings')) as Json[];
		expect(after.find((l) => l.sku === a.sku)?.quantity).toBe(11);
		expect(after.find((l) => l.sku === b.sku)?.quantity).toBe(b.quantity);
		const li = await call(sim, t, 'GET', `/listings/2021-08-01/items/${sim.credentials.sellerId}/${encodeURIComponent(a.sku)}?marketplaceIds=ATVPDKIKX0DER&includedData=fulfillmentAvailability`);
		expect(li.body.fulfillmentAvailability[0]).toEqual({ fulfillmentChannelCode: 'DEFAULT', quantity: 11 });
	});

	test('POST_ORDER_FULFILLMENT_DATA (XML): orders get shipped, XML ProcessingReport lists the bad message', async () => {
		const o = ((await control(sim, 'GET', '/orders?status=UNSHIPPED')) as Json[]).find((x) => x.fulfilledBy === 'MERCHANT') as Json;
		const xml = `<?xml version="1.0" encoding="UTF-8"?>
<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
 <Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${sim.credentials.sellerId}</MerchantIdentifier></Header>
 <MessageType>OrderFulfillment</MessageType>
 <Message><MessageID>1</MessageID><OrderFulfillment><AmazonOrderID>${o.orderId}</AmazonOrderID><FulfillmentDate>${new Date().toISOString()}</FulfillmentDate>
   <FulfillmentData><CarrierCode>DHL</CarrierCode><ShippingMethod>Paket</ShippingMethod><ShipperTrackingNumber>JJD000123</ShipperTrackingNumber></FulfillmentData>
 </OrderFulfillment></Message>
 <Message><MessageID>2</MessageID><OrderFulfillment><AmazonOrderID>999-0000000-0000000</AmazonOrderID><FulfillmentDate>${new Date().toISOString()}</FulfillmentDate>
   <FulfillmentData><CarrierCode>UPS</CarrierCode><ShipperTrackingNumber>1Z</ShipperTrackingNumber></FulfillmentData></OrderFulfillment></Message>
</AmazonEnvelope>`;
		const docId = await upload(sim, t, 'text/xml; charset=UTF-8', xml);
		const cf = await call(sim, t, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'POST_ORDER_FULFILLMENT_DATA', marketplaceIds: [o.marketplaceId], inputFeedDocumentId: docId });
		expect(cf.status).toBe(202);
		const done = await waitFor(async () => {
			const r = await call(sim, t, 'GET', `/feeds/2021-06-30/feeds/${cf.body.feedId}`);
			return r.body.processingStatus === 'DONE' ? r.body : null;
		});
		const doc = await call(sim, t, 'GET', `/feeds/2021-06-30/documents/${done.resultFeedDocumentId}`);
		const report = await (await fetch(doc.body.url)).text();
		expect(report).toContain('<MessageType>ProcessingReport</MessageType>');
		expect(report).toContain('<MessagesProcessed>2</MessagesProcessed><MessagesSuccessful>1</MessagesSuccessful><MessagesWithError>1</MessagesWithError>');
		expect(report).toMatch(/<Result><MessageID>2<\/MessageID><ResultCode>Error<\/ResultCode>/);
		const shipped = await control(sim, 'GET', `/orders/${o.orderId}`);
		expect(shipped.status).toBe('SHIPPED');
		expect(shipped.packages.at(-1)).toMatchObject({ carrier: 'DHL', trackingNumber: 'JJD000123' });
		const ships = (await control(sim, 'GET', '/shipments')) as Json[];
		expect(ships.some((s) => s.orderId === o.orderId && String(s.source).startsWith('feed:'))).toBe(true);
	});

	test('unparseable feed content ends FATAL with a report', async () => {
		const docId = await upload(sim, t, 'application/json', '{not json');
		const cf = await call(sim, t, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: docId });
		const fatal = await waitFor(async () => {
			const r = await call(sim, t, 'GET', `/feeds/2021-06-30/feeds/${cf.body.feedId}`);
			return ['DONE', 'FATAL'].includes(r.body.processingStatus) ? r.body : null;
		});
		expect(fatal.processingStatus).toBe('FATAL');
		expect(fatal.resultFeedDocumentId).toBeTruthy();
	});

	test('upload URL rejects a different Content-Type and a forged signature; createFeed needs an uploaded document', async () => {
		const d = await call(sim, t, 'POST', '/feeds/2021-06-30/documents', { contentType: 'text/xml; charset=UTF-8' });
		expect((await fetch(d.body.url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);
		expect((await fetch(d.body.url.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=00'), { method: 'PUT', headers: { 'content-type': 'text/xml' }, body: '<a/>' })).status).toBe(403);
		const cf = await call(sim, t, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'POST_ORDER_FULFILLMENT_DATA', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: d.body.feedDocumentId });
		expect(cf.status).toBe(400);
	});

	test('gzipReports: result document is GZIP (compressionAlgorithm), or served with Content-Encoding: gzip on request', async () => {
		const gz = await start({ timeScale: 100, gzipReports: true });
		try {
			const gt = await sellerToken(gz);
			const docId = await upload(gz, gt, 'application/json', JSON.stringify({ header: { sellerId: gz.credentials.sellerId, version: '2.0' }, messages: [] }));
			const cf = await call(gz, gt, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: docId });
			const f = await control(gz, 'POST', `/feeds/${cf.body.feedId}/finish`);
			const plain = await call(gz, gt, 'GET', `/feeds/2021-06-30/documents/${f.resultFeedDocumentId}`);
			expect(plain.body.compressionAlgorithm).toBe('GZIP');
			const raw = new Uint8Array(await (await fetch(plain.body.url)).arrayBuffer());
			expect([raw[0], raw[1]]).toEqual([0x1f, 0x8b]); // gzip magic
			const enc = await call(gz, gt, 'GET', `/feeds/2021-06-30/documents/${f.resultFeedDocumentId}?enableContentEncodingUrlHeader=true`);
			const decoded = (await (await fetch(enc.body.url)).json()) as Json; // fetch decodes Content-Encoding: gzip
			expect(decoded.summary).toBeDefined();
		} finally {
			await gz.close();
		}
	});

	test('upload URL expires after 5 scaled minutes', async () => {
		const fast = await start({ timeScale: 3000 }); // 5 min -> 100 ms
		try {
			const ft = await sellerToken(fast);
			const d = await call(fast, ft, 'POST', '/feeds/2021-06-30/documents', { contentType: 'text/xml' });
			await sleep(150);
			const r = await fetch(d.body.url, { method: 'PUT', headers: { 'content-type': 'text/xml' }, body: '<a/>' });
			expect(r.status).toBe(403);
			expect(await r.text()).toContain('Request has expired');
		} finally {
			await fast.close();
		}
	});

	test('cancelFeed works only IN_QUEUE; getFeeds lists by type', async () => {
		const slow = await start({ timeScale: 1 });
		try {
			const st = await sellerToken(slow);
			const docId = await upload(slow, st, 'application/json', '{}');
			const cf = await call(slow, st, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: docId });
			expect((await call(slow, st, 'DELETE', `/feeds/2021-06-30/feeds/${cf.body.feedId}`)).status).toBe(200);
			expect((await call(slow, st, 'GET', `/feeds/2021-06-30/feeds/${cf.body.feedId}`)).body.processingStatus).toBe('CANCELLED');
			expect((await call(slow, st, 'DELETE', `/feeds/2021-06-30/feeds/${cf.body.feedId}`)).status).toBe(400);
			const list = await call(slow, st, 'GET', '/feeds/2021-06-30/feeds?feedTypes=JSON_LISTINGS_FEED');
			expect(list.body.feeds.map((f: Json) => f.feedId)).toEqual([cf.body.feedId]);
			expect((await call(slow, st, 'GET', '/feeds/2021-06-30/feeds')).status).toBe(400);
		} finally {
			await slow.close();
		}
	});
});
