import { startReceiver } from './receiver';
import { sign } from '../../../simulators/spapi/sigv4';
import { start, sellerToken, grantlessToken, call, control, waitFor, Sim, Json } from './helpers';

interface SqsOpts {
	protocol?: 'json' | 'query';
	secret?: string;
}
async function sqs(sim: Sim, action: string, params: Json, o: SqsOpts = {}): Promise<{ status: number; body: Json; text: string; headers: Headers }> {
	const c = sim.credentials.sqs;
	const protocol = o.protocol ?? 'json';
	let url = c.endpoint;
	let body: string;
	const headers: Record<string, string> = {};
	if (protocol === 'json') {
		headers['content-type'] = 'application/x-amz-json-1.0';
		headers['x-amz-target'] = `AmazonSQS.${action}`;
		body = JSON.stringify({ QueueUrl: c.queueUrl, ...params });
	} else {
		url = c.queueUrl;
		headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
		const form = new URLSearchParams({ Action: action, Version: '2012-11-05' });
		for (const [k, v] of Object.entries(params)) form.set(k, String(v));
		body = form.toString();
	}
	const s = sign({ method: 'POST', url, headers, body, accessKeyId: c.accessKeyId, secretAccessKey: o.secret ?? c.secretAccessKey, region: c.region, service: 'sqs' });
	const { host: _host, ...send } = s.headers; // fetch sets Host itself (same value that was signed)
	void _host;
	const r = await fetch(url, { method: 'POST', headers: send, body });
	const text = await r.text();
	let parsed: Json = {};
	try {
		parsed = JSON.parse(text) as Json;
	} catch {
		parsed = {};
	}
	return { status: r.status, body: parsed, text, headers: r.headers };
}

async function subscribe(sim: Sim, type: string, resourceSpecification: Json): Promise<{ destinationId: string; subscriptionId: string }> {
	const g = await grantlessToken(sim);
	const s = await sellerToken(sim);
	const d = await call(sim, g, 'POST', '/notifications/v1/destinations', { name: `dest-${type}`, resourceSpecification });
	expect(d.status).toBe(200);
	const sub = await call(sim, s, 'POST', `/notifications/v1/subscriptions/${type}`, { payloadVersion: '1.0', destinationId: d.body.payload.destinationId, processingDirective: type === 'ORDER_CHANGE' ? { eventFilter: { eventFilterType: 'ORDER_CHANGE' } } : undefined });
	expect(sub.status).toBe(200);
	return { destinationId: d.body.payload.destinationId, subscriptionId: sub.body.payload.subscriptionId };
}

describe('notifications: destinations, subscriptions, SQS queue endpoint', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await start({ timeScale: 10 });
	});
	afterAll(async () => {
		await sim.close();
	});

	test('destination/subscription CRUD with the right tokens', async () => {
		const g = await grantlessToken(sim);
		const s = await sellerToken(sim);
		const { destinationId, subscriptionId } = await subscribe(sim, 'ORDER_CHANGE', { sqs: { arn: sim.credentials.sqs.queueArn } });
		expect((await call(sim, g, 'GET', `/notifications/v1/destinations/${destinationId}`)).body.payload.resource.sqs.arn).toBe(sim.credentials.sqs.queueArn);
		expect((await call(sim, g, 'GET', '/notifications/v1/destinations')).body.payload).toHaveLength(1);
		expect((await call(sim, s, 'GET', '/notifications/v1/subscriptions/ORDER_CHANGE')).body.payload.subscriptionId).toBe(subscriptionId);
		expect((await call(sim, g, 'GET', `/notifications/v1/subscriptions/ORDER_CHANGE/${subscriptionId}`)).body.payload.destinationId).toBe(destinationId);
		// duplicates and wrong channels are refused
		expect((await call(sim, s, 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', { payloadVersion: '1.0', destinationId })).status).toBe(409);
		expect((await call(sim, s, 'POST', '/notifications/v1/subscriptions/LISTINGS_ITEM_MFN_QUANTITY_CHANGE', { payloadVersion: '1.0', destinationId })).status).toBe(400);
		expect((await call(sim, g, 'DELETE', `/notifications/v1/destinations/${destinationId}`)).status).toBe(409);
		expect((await call(sim, g, 'GET', '/notifications/v1/destinations/nope')).status).toBe(404);
	});

	test('confirmShipment emits ORDER_CHANGE into the queue; ReceiveMessage/DeleteMessage (JSON protocol, SigV4)', async () => {
		const s = await sellerToken(sim);
		await sqs(sim, 'PurgeQueue', {});
		const o = ((await control(sim, 'GET', '/orders?status=UNSHIPPED')) as Json[]).find((x) => x.fulfilledBy === 'MERCHANT') as Json;
		const r = await call(sim, s, 'POST', `/orders/v0/orders/${o.orderId}/shipmentConfirmation`, {
			marketplaceId: o.marketplaceId,
			packageDetail: {
				packageReferenceId: '1',
				carrierCode: 'UPS',
				trackingNumber: '1Z999AA10123456784',
				shipDate: new Date().toISOString(),
				orderItems: o.items.map((i: Json) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
			},
		});
		expect(r.status).toBe(204);
		const rec = await sqs(sim, 'ReceiveMessage', { MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30, AttributeNames: ['All'] });
		expect(rec.status).toBe(200);
		expect(rec.body.Messages).toHaveLength(1);
		const m = rec.body.Messages[0];
		expect(m.Attributes.ApproximateReceiveCount).toBe('1');
		const n = JSON.parse(m.Body) as Json;
		expect(n).toMatchObject({ NotificationVersion: '1.0', NotificationType: 'ORDER_CHANGE', PayloadVersion: '1.0' });
		expect(n.Payload.OrderChangeNotification).toMatchObject({ AmazonOrderId: o.orderId, SellerId: sim.credentials.sellerId, OrderChangeType: 'OrderStatusChange', Summary: { OrderStatus: 'Shipped', FulfillmentType: 'MFN' } });
		expect(n.NotificationMetadata.NotificationId).toBeTruthy();
		// invisible while the visibility timeout runs
		expect((await sqs(sim, 'ReceiveMessage', { MaxNumberOfMessages: 1 })).body.Messages).toBeUndefined();
		expect((await sqs(sim, 'DeleteMessage', { ReceiptHandle: m.ReceiptHandle })).status).toBe(200);
		const bad = await sqs(sim, 'DeleteMessage', { ReceiptHandle: 'bm9wZQ==' });
		expect(bad.status).toBe(400);
		expect(bad.body.__type).toBe('com.amazonaws.sqs#ReceiptHandleIsInvalid');
	});

	test('control createOrder emits ORDER_CHANGE too; visibility timeout makes an undeleted message come back', async () => {
		await sqs(sim, 'PurgeQueue', {});
		const created = await control(sim, 'POST', '/orders', { country: 'DE', items: [{ sku: ((await control(sim, 'GET', '/listings')) as Json[])[0].sku, quantity: 2 }] });
		expect(created.status).toBe('UNSHIPPED');
		const first = await sqs(sim, 'ReceiveMessage', { VisibilityTimeout: 1 }); // 1 s scaled by 10 -> 100 ms
		expect(JSON.parse(first.body.Messages[0].Body).Payload.OrderChangeNotification.AmazonOrderId).toBe(created.orderId);
		const again = await waitFor(async () => (await sqs(sim, 'ReceiveMessage', { WaitTimeSeconds: 1 })).body.Messages, 3000);
		expect(again[0].MessageId).toBe(first.body.Messages[0].MessageId);
		expect(again[0].ReceiptHandle).not.toBe(first.body.Messages[0].ReceiptHandle);
		expect((await sqs(sim, 'DeleteMessage', { ReceiptHandle: again[0].ReceiptHandle })).status).toBe(200);
	});

	test('long poll waits (scaled) for a message and returns early when one arrives', async () => {
		await sqs(sim, 'PurgeQueue', {});
		const t0 = Date.now();
		const empty = await sqs(sim, 'ReceiveMessage', { WaitTimeSeconds: 2 }); // 2 s / 10 = 200 ms
		expect(empty.body).toEqual({});
		expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
		const o = ((await control(sim, 'GET', '/orders')) as Json[])[0];
		const pending = sqs(sim, 'ReceiveMessage', { WaitTimeSeconds: 20 });
		await control(sim, 'POST', '/notifications/emit', { type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'sqs' });
		const got = await pending;
		expect(got.body.Messages).toHaveLength(1);
		await sqs(sim, 'DeleteMessage', { ReceiptHandle: got.body.Messages[0].ReceiptHandle });
	});

	test('duplicate delivery (same MessageId twice) for dedupe tests', async () => {
		await sqs(sim, 'PurgeQueue', {});
		const o = ((await control(sim, 'GET', '/orders')) as Json[])[0];
		await control(sim, 'POST', '/notifications/emit', { type: 'ORDER_CHANGE', orderId: o.orderId, duplicate: true });
		const r = await sqs(sim, 'ReceiveMessage', { MaxNumberOfMessages: 10 });
		expect(r.body.Messages).toHaveLength(2);
		expect(r.body.Messages[0].MessageId).toBe(r.body.Messages[1].MessageId);
		expect(JSON.parse(r.body.Messages[0].Body).NotificationMetadata.NotificationId).toBe(JSON.parse(r.body.Messages[1].Body).NotificationMetadata.NotificationId);
	});

	test('query protocol (Action=ReceiveMessage) answers XML', async () => {
		await sqs(sim, 'PurgeQueue', {});
		await sqs(sim, 'SendMessage', { MessageBody: '{"hello":"<world>"}' });
		const r = await sqs(sim, 'ReceiveMessage', { MaxNumberOfMessages: 1, 'AttributeName.1': 'All' }, { protocol: 'query' });
		expect(r.status).toBe(200);
		expect(r.text).toContain('<ReceiveMessageResponse');
		expect(r.text).toContain('<Body>{&quot;hello&quot;:&quot;&lt;world&gt;&quot;}</Body>');
		const handle = /<ReceiptHandle>([^<]+)<\/ReceiptHandle>/.exec(r.text)?.[1] ?? '';
		const d = await sqs(sim, 'DeleteMessage', { ReceiptHandle: handle }, { protocol: 'query' });
		expect(d.text).toContain('<DeleteMessageResponse');
	});

	test('bad SigV4 signature -> 403 with AWS error shapes (JSON and query)', async () => {
		const j = await sqs(sim, 'ReceiveMessage', {}, { secret: 'wrong' });
		expect(j.status).toBe(403);
		expect(j.body.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
		expect(j.body.message).toMatch(/signature we calculated does not match/);
		expect(j.headers.get('x-amzn-query-error')).toBe('SignatureDoesNotMatch;Sender');
		const q = await sqs(sim, 'ReceiveMessage', {}, { secret: 'wrong', protocol: 'query' });
		expect(q.status).toBe(403);
		expect(q.text).toContain('<Code>SignatureDoesNotMatch</Code>');
		const unsigned = await fetch(sim.credentials.sqs.endpoint, { method: 'POST', headers: { 'x-amz-target': 'AmazonSQS.ReceiveMessage', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
		expect(unsigned.status).toBe(403);
	});

	test('MaxNumberOfMessages > 10 and WaitTimeSeconds > 20 are rejected', async () => {
		const a = await sqs(sim, 'ReceiveMessage', { MaxNumberOfMessages: 11 });
		expect(a.status).toBe(400);
		expect(a.body.__type).toBe('com.amazonaws.sqs#InvalidParameterValue');
		expect((await sqs(sim, 'ReceiveMessage', { WaitTimeSeconds: 21 })).status).toBe(400);
	});

	test('FEED_PROCESSING_FINISHED (camelCase envelope) is delivered when a subscribed feed finishes', async () => {
		const g = await grantlessToken(sim);
		const s = await sellerToken(sim);
		const dests = (await call(sim, g, 'GET', '/notifications/v1/destinations')).body.payload as Json[];
		const sub = await call(sim, s, 'POST', '/notifications/v1/subscriptions/FEED_PROCESSING_FINISHED', { payloadVersion: '1.0', destinationId: dests[0].destinationId });
		expect(sub.status).toBe(200);
		await sqs(sim, 'PurgeQueue', {});
		const d = await call(sim, s, 'POST', '/feeds/2021-06-30/documents', { contentType: 'application/json' });
		await fetch(d.body.url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ header: { sellerId: sim.credentials.sellerId, version: '2.0' }, messages: [] }) });
		const f = await call(sim, s, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: d.body.feedDocumentId });
		await control(sim, 'POST', `/feeds/${f.body.feedId}/finish`);
		const r = await sqs(sim, 'ReceiveMessage', { WaitTimeSeconds: 1 });
		const n = JSON.parse(r.body.Messages[0].Body) as Json;
		expect(n).toMatchObject({ notificationType: 'FEED_PROCESSING_FINISHED', notificationVersion: '2020-09-04', payload: { feedProcessingFinishedNotification: { feedId: f.body.feedId, feedType: 'JSON_LISTINGS_FEED' } } });
		expect(['DONE', 'FATAL']).toContain(n.payload.feedProcessingFinishedNotification.processingStatus);
	});
});

describe('EventBridge delivery', () => {
	let sim: Sim;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	let received: { headers: Json; body: Json }[] = [];
	let target = '';
	beforeAll(async () => {
		sim = await start({ timeScale: 10 });
		receiver = await startReceiver();
		received = receiver.received;
		target = receiver.url;
	});
	afterAll(async () => {
		await sim.close();
		await receiver.close();
	});

	test('control emit with channel eventbridge POSTs an EventBridge event with the configured auth header', async () => {
		await control(sim, 'POST', '/eventbridge-target', { url: target, authHeader: { name: 'X-N8N-Auth', value: 's3cret' } });
		const o = ((await control(sim, 'GET', '/orders')) as Json[])[0];
		const recs = (await control(sim, 'POST', '/notifications/emit', { type: 'ORDER_CHANGE', orderId: o.orderId, channel: 'eventbridge' })) as Json[];
		expect(recs[0].delivered).toBe(true);
		const ev = received.at(-1) as { headers: Json; body: Json };
		expect(ev.headers['x-n8n-auth']).toBe('s3cret');
		expect(ev.body).toMatchObject({ version: '0', 'detail-type': 'ORDER_CHANGE', account: '123456789012', region: 'us-east-1' });
		expect(ev.body.source).toMatch(/^aws\.partner\/sellingpartnerapi\.amazon\.com\/123456789012\//);
		expect(ev.body.detail.Payload.OrderChangeNotification.AmazonOrderId).toBe(o.orderId);
	});

	test('LISTINGS_ITEM_MFN_QUANTITY_CHANGE via an EventBridge destination after patchListingsItem', async () => {
		const before = received.length;
		await subscribe(sim, 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE', { eventBridge: { region: 'us-east-1', accountId: '123456789012' } });
		const s = await sellerToken(sim);
		const sku = ((await control(sim, 'GET', '/listings')) as Json[])[0].sku as string;
		const p = await call(sim, s, 'PATCH', `/listings/2021-08-01/items/${sim.credentials.sellerId}/${encodeURIComponent(sku)}?marketplaceIds=ATVPDKIKX0DER`, {
			productType: 'PRODUCT',
			patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 4321 }] }],
		});
		expect(p.body.status).toBe('ACCEPTED');
		const ev = await waitFor(() => received.slice(before).find((e) => e.body['detail-type'] === 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE'));
		expect(ev.body.detail.Payload).toEqual({ SellerId: sim.credentials.sellerId, FulfillmentChannelCode: 'DEFAULT', Sku: sku, Quantity: 4321 });
	});

	test('ORDER_CHANGE cannot subscribe to EventBridge unless strictChannels is turned off', async () => {
		const g = await grantlessToken(sim);
		const s = await sellerToken(sim);
		const dest = ((await call(sim, g, 'GET', '/notifications/v1/destinations')).body.payload as Json[]).find((d) => d.resource.eventBridge) as Json;
		const refused = await call(sim, s, 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', { payloadVersion: '1.0', destinationId: dest.destinationId });
		expect(refused.status).toBe(400);
		expect(refused.body.errors[0].message).toBe('Notification type ORDER_CHANGE does not support AWS_EVENT_BRIDGE');
		await control(sim, 'POST', '/config', { strictChannels: false });
		expect((await call(sim, s, 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', { payloadVersion: '1.0', destinationId: dest.destinationId })).status).toBe(200);
		const before = received.length;
		await control(sim, 'POST', '/orders', {});
		const ev = await waitFor(() => received.slice(before).find((e) => e.body['detail-type'] === 'ORDER_CHANGE'));
		expect(ev.body.detail.NotificationType).toBe('ORDER_CHANGE');
	});
});
