/**
 * Every response the simulator produces in a representative run is validated against the official models
 * (Swagger 2.0 definitions converted to JSON Schema), plus the notification envelopes and the listings-feed
 * processing report against their JSON Schemas.
 */
import { startSpApiSimulator } from '../../simulators/spapi';
import { sign } from '../../simulators/spapi/sigv4';
import { OPERATIONS } from '../../simulators/spapi/server';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const models = require('./models') as {
	modelsDir: () => string;
	loadJson: (file: string) => Json;
	undeclaredFields: (key: string, status: number, body: unknown) => string[];
	responseValidator: (key: string, status: number) => ((d: unknown) => boolean) & { errors?: unknown };
	jsonSchemaValidator: (file: string) => ((d: unknown) => boolean) & { errors?: unknown };
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Sim = Awaited<ReturnType<typeof startSpApiSimulator>>;

const LONG_AGO = '2020-01-01T00:00:00Z';

async function run(sim: Sim): Promise<void> {
	const c = sim.credentials;
	const tok = async (p: Record<string, string>) => ((await (await fetch(c.lwaEndpoint, { method: 'POST', body: new URLSearchParams(p) })).json()) as Json).access_token as string;
	const s = await tok({ grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret });
	const g = await tok({ grant_type: 'client_credentials', scope: 'sellingpartnerapi::notifications', client_id: c.clientId, client_secret: c.clientSecret });
	const api = async (t: string | undefined, method: string, path: string, body?: unknown): Promise<Json> => {
		const h: Record<string, string> = { 'content-type': 'application/json' };
		if (t) h['x-amz-access-token'] = t;
		const r = await fetch(sim.url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await r.text();
		return text ? (JSON.parse(text) as Json) : {};
	};
	const seller = c.sellerId;
	const ctl = async (method: string, p: string, body?: unknown) => (await (await fetch(`${sim.url}/__sim${p}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).json()) as Json;
	const orders = (await ctl('GET', '/orders')) as unknown as Json[];
	const unshipped = orders.filter((o) => o.status === 'UNSHIPPED' && o.fulfilledBy === 'MERCHANT');
	const listings = (await ctl('GET', '/listings')) as unknown as Json[];
	const sku = encodeURIComponent(listings[0].sku);
	const ALL = 'BUYER,RECIPIENT,PROCEEDS,EXPENSE,PROMOTION,CANCELLATION,FULFILLMENT,PACKAGES,TAX,PAYMENT,FULFILLMENT_ORDERS';

	// Notifications set-up first so later changes produce notifications
	const dest = await api(g, 'POST', '/notifications/v1/destinations', { name: 'q', resourceSpecification: { sqs: { arn: c.sqs.queueArn } } });
	const destId = dest.payload.destinationId as string;
	const eb = await api(g, 'POST', '/notifications/v1/destinations', { name: 'eb', resourceSpecification: { eventBridge: { region: 'us-east-1', accountId: '123456789012' } } });
	await api(g, 'GET', '/notifications/v1/destinations');
	await api(g, 'GET', `/notifications/v1/destinations/${destId}`);
	await api(g, 'GET', '/notifications/v1/destinations/unknown-id');
	const sub = await api(s, 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', { payloadVersion: '1.0', destinationId: destId, processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange', 'BuyerRequestedChange'] } } });
	await api(s, 'POST', '/notifications/v1/subscriptions/FEED_PROCESSING_FINISHED', { payloadVersion: '1.0', destinationId: destId });
	await api(s, 'POST', '/notifications/v1/subscriptions/LISTINGS_ITEM_MFN_QUANTITY_CHANGE', { payloadVersion: '1.0', destinationId: eb.payload.destinationId });
	await api(s, 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', { payloadVersion: '1.0', destinationId: destId }); // 409
	await api(s, 'GET', '/notifications/v1/subscriptions/ORDER_CHANGE');
	await api(s, 'GET', '/notifications/v1/subscriptions?notificationTypes=ORDER_CHANGE&pageSize=30');
	await api(g, 'GET', `/notifications/v1/subscriptions/ORDER_CHANGE/${sub.payload.subscriptionId}`);

	// Orders 2026
	await api(s, 'GET', `/orders/2026-01-01/orders?createdAfter=${LONG_AGO}&includedData=${ALL}`);
	await api(s, 'GET', `/orders/2026-01-01/orders?lastUpdatedAfter=${LONG_AGO}&maxResultsPerPage=5&fulfillmentStatuses=SHIPPED,CANCELLED&fulfilledBy=MERCHANT,AMAZON`);
	for (const o of orders.slice(0, 12)) await api(s, 'GET', `/orders/2026-01-01/orders/${o.orderId}?includedData=${ALL}`);
	await api(s, 'GET', '/orders/2026-01-01/orders/123-1234567-1234567');
	await api(s, 'GET', '/orders/2026-01-01/orders?createdAfter=TEST_CASE_400');
	// Orders v0
	await api(s, 'GET', `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER,A1PA6795UKMFR9&CreatedAfter=${LONG_AGO}`);
	await api(s, 'GET', `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&LastUpdatedAfter=${LONG_AGO}&OrderStatuses=Shipped&MaxResultsPerPage=2`);
	await api(s, 'GET', `/orders/v0/orders?CreatedAfter=${LONG_AGO}`);
	for (const o of orders.slice(0, 8)) {
		await api(s, 'GET', `/orders/v0/orders/${o.orderId}`);
		await api(s, 'GET', `/orders/v0/orders/${o.orderId}/orderItems`);
	}
	const rdt = (await api(s, 'POST', '/tokens/2021-03-01/restrictedDataToken', { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }, { method: 'GET', path: '/orders/v0/orders/{orderId}/buyerInfo' }, { method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems/buyerInfo' }, { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] }] })).restrictedDataToken as string;
	await api(s, 'POST', '/tokens/2021-03-01/restrictedDataToken', { restrictedResources: [] });
	await api(rdt, 'GET', `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=${LONG_AGO}`);
	for (const o of orders.slice(0, 6)) {
		await api(rdt, 'GET', `/orders/v0/orders/${o.orderId}/address`);
		await api(rdt, 'GET', `/orders/v0/orders/${o.orderId}/buyerInfo`);
		await api(rdt, 'GET', `/orders/v0/orders/${o.orderId}/orderItems/buyerInfo`);
	}
	await api(s, 'GET', `/orders/v0/orders/${orders[0].orderId}/address`); // 403 without RDT
	const o1 = unshipped[0];
	await api(s, 'POST', `/orders/v0/orders/${o1.orderId}/shipmentConfirmation`, { marketplaceId: o1.marketplaceId, packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', carrierName: 'UPS', shippingMethod: 'Ground', trackingNumber: '1Z1', shipDate: new Date().toISOString(), orderItems: o1.items.map((i: Json) => ({ orderItemId: i.orderItemId, quantity: i.quantity })) } });
	await api(s, 'POST', `/orders/v0/orders/${o1.orderId}/shipmentConfirmation`, { marketplaceId: o1.marketplaceId, packageDetail: { packageReferenceId: 'x', carrierCode: 'UPS', trackingNumber: '1Z1', shipDate: 'soon', orderItems: [] } });
	await api(s, 'POST', '/orders/v0/orders/123-1234567-1234567/shipmentConfirmation', { marketplaceId: 'ATVPDKIKX0DER', packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z1', shipDate: new Date().toISOString(), orderItems: [{ orderItemId: '1', quantity: 1 }] } });
	await ctl('POST', `/orders/${unshipped[1].orderId}/status`, { status: 'CANCELLED', reason: 'Buyer Requested Cancel' });
	await ctl('POST', '/orders', { country: 'FR', gift: true, promo: true, business: true });

	// Listings
	await api(s, 'GET', `/listings/2021-08-01/items/${seller}/${sku}?marketplaceIds=ATVPDKIKX0DER&includedData=summaries,attributes,issues,offers,fulfillmentAvailability,procurement,relationships,productTypes`);
	await api(s, 'GET', `/listings/2021-08-01/items/${seller}/NOPE?marketplaceIds=ATVPDKIKX0DER`);
	await api(s, 'PATCH', `/listings/2021-08-01/items/${seller}/${sku}?marketplaceIds=ATVPDKIKX0DER&includedData=issues,identifiers`, { productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }] }] });
	await api(s, 'PATCH', `/listings/2021-08-01/items/${seller}/${sku}?marketplaceIds=ATVPDKIKX0DER&mode=VALIDATION_PREVIEW`, { productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillmentAvailability', value: [{ quantity: 5 }] }] });
	await api(s, 'PATCH', `/listings/2021-08-01/items/${seller}/NOPE?marketplaceIds=ATVPDKIKX0DER`, { productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 5 }] }] });
	await api(s, 'PUT', `/listings/2021-08-01/items/${seller}/NEW-SKU-1?marketplaceIds=ATVPDKIKX0DER&includedData=issues,identifiers`, { productType: 'PRODUCT', requirements: 'LISTING_OFFER_ONLY', attributes: { item_name: [{ value: 'New item', language_tag: 'en_US' }], fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 4 }] } });
	await api(s, 'PUT', `/listings/2021-08-01/items/${seller}/NEW-SKU-2?marketplaceIds=ATVPDKIKX0DER&mode=VALIDATION_PREVIEW`, { productType: 'PRODUCT', attributes: { fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: -4 }] } });
	await api(s, 'PUT', `/listings/2021-08-01/items/${seller}/NEW-SKU-3?marketplaceIds=ATVPDKIKX0DER`, { attributes: {} });
	await api(g, 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE/testNotification', { destinationId: destId, testNotification: { payloadVersion: '1.0', testScenario: 'ORDER_STATUS_CHANGE' } });
	await api(g, 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE/testNotification', { destinationId: destId, testNotification: { payloadVersion: '1.0' } });
	await api(s, 'GET', `/listings/2021-08-01/items/${seller}?marketplaceIds=ATVPDKIKX0DER&includedData=summaries,offers,fulfillmentAvailability,issues&pageSize=20`);
	await api(s, 'GET', `/listings/2021-08-01/items/${seller}?marketplaceIds=ATVPDKIKX0DER&identifiersType=SKU&identifiers=${sku}`);
	await api(s, 'DELETE', `/listings/2021-08-01/items/${seller}/${encodeURIComponent(listings[listings.length - 1].sku)}?marketplaceIds=ATVPDKIKX0DER`);
	await api(s, 'DELETE', `/listings/2021-08-01/items/${seller}/NOPE?marketplaceIds=ATVPDKIKX0DER`);

	// Product Type Definitions
	await api(s, 'GET', `/definitions/2020-09-01/productTypes?marketplaceIds=ATVPDKIKX0DER&keywords=shirt,luggage`);
	await api(s, 'GET', `/definitions/2020-09-01/productTypes/LUGGAGE?marketplaceIds=ATVPDKIKX0DER&requirements=LISTING&requirementsEnforced=ENFORCED&locale=en_US&sellerId=${seller}`);
	await api(s, 'GET', `/definitions/2020-09-01/productTypes/SHIRT?marketplaceIds=A1PA6795UKMFR9&requirements=LISTING_OFFER_ONLY&requirementsEnforced=NOT_ENFORCED`);
	await api(s, 'GET', `/definitions/2020-09-01/productTypes/NO_SUCH_TYPE?marketplaceIds=ATVPDKIKX0DER`);
	await api(s, 'GET', `/definitions/2020-09-01/productTypes/LUGGAGE?marketplaceIds=ATVPDKIKX0DER,A1PA6795UKMFR9`);

	// Feeds
	const feedDoc = { header: { sellerId: seller, version: '2.0', issueLocale: 'en_US', report: { includedData: ['issues', 'fulfillmentAvailability'], apiVersion: '2021-08-01' } }, messages: [
		{ messageId: 1, sku: listings[1].sku, operationType: 'PATCH', productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 9 }] }] },
		{ messageId: 2, sku: 'UNKNOWN-SKU', operationType: 'PATCH', productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 9 }] }] },
		{ messageId: 3, sku: listings[2].sku, operationType: 'PATCH', productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 'lots' }] }] },
	] };
	const d = await api(s, 'POST', '/feeds/2021-06-30/documents', { contentType: 'application/json; charset=UTF-8' });
	await fetch(d.url, { method: 'PUT', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(feedDoc) });
	const f = await api(s, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: d.feedDocumentId });
	await api(s, 'GET', `/feeds/2021-06-30/feeds/${f.feedId}`);
	await api(s, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'POST_PRODUCT_DATA', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: 'badDocumentId' });
	await api(s, 'POST', '/feeds/2021-06-30/documents', {});
	await ctl('POST', `/feeds/${f.feedId}/finish`);
	const done = await api(s, 'GET', `/feeds/2021-06-30/feeds/${f.feedId}`);
	await api(s, 'GET', `/feeds/2021-06-30/documents/${done.resultFeedDocumentId}`);
	await api(s, 'GET', '/feeds/2021-06-30/documents/badDocumentId1');
	sim.control.configure({ gzipReports: true });
	const dz = await api(s, 'POST', '/feeds/2021-06-30/documents', { contentType: 'application/json' });
	await fetch(dz.url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ header: { sellerId: seller, version: '2.0' }, messages: [] }) });
	const fz = await api(s, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: dz.feedDocumentId });
	const fzDone = sim.control.finishFeed(fz.feedId);
	await api(s, 'GET', `/feeds/2021-06-30/documents/${fzDone.resultFeedDocumentId}?enableContentEncodingUrlHeader=true`);
	sim.control.configure({ gzipReports: false });
	await api(s, 'GET', '/feeds/2021-06-30/feeds?feedTypes=JSON_LISTINGS_FEED,POST_ORDER_FULFILLMENT_DATA&pageSize=10&processingStatuses=DONE,IN_QUEUE');
	await api(s, 'GET', '/feeds/2021-06-30/feeds/badFeedId1');
	const d2 = await api(s, 'POST', '/feeds/2021-06-30/documents', { contentType: 'text/xml; charset=UTF-8' });
	await fetch(d2.url, { method: 'PUT', headers: { 'content-type': 'text/xml; charset=UTF-8' }, body: '<AmazonEnvelope><MessageType>OrderFulfillment</MessageType></AmazonEnvelope>' });
	const f2 = await api(s, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'POST_ORDER_FULFILLMENT_DATA', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: d2.feedDocumentId });
	await api(s, 'DELETE', `/feeds/2021-06-30/feeds/${f2.feedId}`);
	await api(s, 'DELETE', `/feeds/2021-06-30/feeds/${f2.feedId}`);

	// Reports: returns reports with data (a shipped order returned and refunded), errors
	const shippedOrder = orders.find((o) => o.status === 'SHIPPED' && o.fulfilledBy !== 'AMAZON');
	if (shippedOrder) sim.control.returnItems(shippedOrder.orderId, {});
	const rep = await api(s, 'POST', '/reports/2021-06-30/reports', { reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A13V1IB3VIYZZH'], dataStartTime: new Date(Date.now() - 86400000).toISOString() });
	await api(s, 'GET', `/reports/2021-06-30/reports/${rep.reportId}`);
	sim.control.finishReport(rep.reportId);
	const repDone = await api(s, 'GET', `/reports/2021-06-30/reports/${rep.reportId}`);
	await api(s, 'GET', `/reports/2021-06-30/documents/${repDone.reportDocumentId}`);
	await api(s, 'GET', '/reports/2021-06-30/documents/badDocumentId1');
	await api(s, 'GET', '/reports/2021-06-30/documents/amzn1.spdoc.1.4.na.unknown');
	await api(s, 'POST', '/reports/2021-06-30/reports', { reportType: 'BAD_FEE_DISCOUNTS_REPORT', marketplaceIds: ['ATVPDKIKX0DER'] });
	const rep2 = await api(s, 'POST', '/reports/2021-06-30/reports', { reportType: 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', marketplaceIds: ['ATVPDKIKX0DER'] });
	await api(s, 'DELETE', `/reports/2021-06-30/reports/${rep2.reportId}`);
	await api(s, 'DELETE', `/reports/2021-06-30/reports/${rep2.reportId}`);
	await api(s, 'GET', '/reports/2021-06-30/reports?reportTypes=GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE,GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA&pageSize=10');
	await api(s, 'GET', '/reports/2021-06-30/reports/badReportId1');
	await api(s, 'GET', '/reports/2021-06-30/reports/99999999');

	// FBA inventory, finances, sellers
	await api(s, 'GET', '/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER&details=true');
	await api(s, 'GET', '/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER');
	await api(s, 'GET', '/fba/inventory/v1/summaries?granularityType=Country&granularityId=ATVPDKIKX0DER&marketplaceIds=ATVPDKIKX0DER');
	const recent = new Date(Date.now() - 30 * 86400000).toISOString();
	await api(s, 'GET', `/finances/2024-06-19/transactions?postedAfter=${recent}`);
	await api(s, 'GET', `/finances/2024-06-19/transactions?relatedIdentifierName=ORDER_ID&relatedIdentifierValue=${orders.find((o) => o.status === 'SHIPPED')?.orderId}`);
	await api(s, 'GET', '/finances/2024-06-19/transactions?postedBefore=2022-03-07');
	for (const o of orders.filter((x) => x.status === 'SHIPPED').slice(0, 3)) await api(s, 'GET', `/finances/v0/orders/${o.orderId}/financialEvents`);
	await api(s, 'GET', '/finances/v0/orders/BAD-ORDER/financialEvents');
	await api(s, 'GET', `/finances/v0/financialEvents?PostedAfter=${recent}&MaxResultsPerPage=5`);
	await api(s, 'GET', '/sellers/v1/marketplaceParticipations');
	await api(undefined, 'GET', '/sellers/v1/marketplaceParticipations'); // 403
	await api('Atza|expired-or-forged', 'GET', '/sellers/v1/marketplaceParticipations'); // 403
	for (let i = 0; i < 17; i++) await api(s, 'GET', '/sellers/v1/marketplaceParticipations'); // runs into 429
	sim.control.addFault({ operation: 'getFeed', kind: 'error', status: 500, count: 1 });
	sim.control.addFault({ operation: 'getOrders', kind: 'error', status: 503, count: 1 });
	await api(s, 'GET', `/feeds/2021-06-30/feeds/${f.feedId}`);
	await api(s, 'GET', `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=${LONG_AGO}`);

	// clean-up operations last
	await api(g, 'DELETE', `/notifications/v1/subscriptions/FEED_PROCESSING_FINISHED/${(await api(s, 'GET', '/notifications/v1/subscriptions/FEED_PROCESSING_FINISHED')).payload.subscriptionId}`);
	await api(g, 'DELETE', `/notifications/v1/destinations/${eb.payload.destinationId}`); // 409: still subscribed
	void sign;
}

describe('conformance: simulator responses vs official SP-API models', () => {
	let sim: Sim | undefined;
	let log: Json[] = [];

	beforeAll(async () => {
		models.modelsDir(); // throws a clear error when the models folder is missing
		sim = await startSpApiSimulator({ timeScale: 1, seed: 3 });
		await run(sim);
		log = sim.state.requestLog.filter((e: Json) => e.kind === 'api');
	}, 120000);
	afterAll(async () => {
		if (sim) await sim.close();
	});

	test('the models folder is present', () => {
		expect(() => models.modelsDir()).not.toThrow();
	});

	test('the run exercised every implemented operation, with 2xx and error answers', () => {
		const seen = new Set(log.map((e) => e.operation));
		const implemented = Object.keys(OPERATIONS).filter((k) => k.includes('.'));
		expect(implemented.filter((k) => !seen.has(k))).toEqual([]);
		const statuses = new Set(log.map((e) => e.status));
		for (const s of [200, 201, 202, 204, 400, 403, 404, 409, 429, 500, 503]) expect(statuses).toContain(s);
	});

	test('every recorded response body validates against the model schema for its status code', () => {
		const failures: string[] = [];
		let checked = 0;
		for (const e of log) {
			if (!e.operation || e.status < 0) continue;
			let v;
			try {
				v = models.responseValidator(e.operation, e.status);
			} catch (err) {
				failures.push(`${e.operation} ${e.status}: ${(err as Error).message}`);
				continue;
			}
			checked++;
			if (!v) {
				const empty = e.responseBody === undefined || Object.keys(e.responseBody || {}).length === 0;
				if (!empty) failures.push(`${e.operation} ${e.status}: model declares no body but simulator sent ${JSON.stringify(e.responseBody).slice(0, 200)}`);
				continue;
			}
			if (!v(e.responseBody)) failures.push(`${e.operation} ${e.status} ${e.method} ${e.path}: ${JSON.stringify(v.errors).slice(0, 600)}`);
		}
		expect(checked).toBeGreaterThan(100);
		expect(failures).toEqual([]);
	});

	test('no response carries a field the model does not declare (catches casing/typos)', () => {
		const found = new Set<string>();
		for (const e of log) {
			if (!e.operation || e.status < 0 || e.responseBody === undefined) continue;
			for (const p of models.undeclaredFields(e.operation, e.status, e.responseBody)) found.add(`${e.operation} ${e.status}: ${p.replace(/\/\d+(?=\/|$)/g, '/*')}`);
		}
		expect([...found]).toEqual([]);
	});

	test('notification envelopes validate against the notification JSON Schemas', () => {
		const files: Record<string, string> = {
			ORDER_CHANGE: 'OrderChangeNotification.json',
			FEED_PROCESSING_FINISHED: 'FeedProcessingFinishedNotification.json',
			LISTINGS_ITEM_MFN_QUANTITY_CHANGE: 'ListingsItemMfnQuantityChange.json',
		};
		const notes = (sim?.state.notifications ?? []) as Json[];
		const types = new Set(notes.map((n) => n.notificationType));
		expect([...types].sort()).toEqual(['FEED_PROCESSING_FINISHED', 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE', 'ORDER_CHANGE']);
		const failures: string[] = [];
		for (const n of notes) {
			const v = models.jsonSchemaValidator(files[n.notificationType]);
			if (!v(n.envelope)) failures.push(`${n.notificationType}: ${JSON.stringify(v.errors).slice(0, 500)}`);
		}
		expect(failures).toEqual([]);
	});

	test('the JSON_LISTINGS_FEED processing report validates against listings-feed-processing-report-schema-v2.json', async () => {
		const feeds = (await (await fetch(`${sim?.url}/__sim/feeds`)).json()) as Json[];
		const json = feeds.filter((f) => f.feedType === 'JSON_LISTINGS_FEED' && f.resultDocument);
		expect(json.length).toBeGreaterThan(0);
		const v = models.jsonSchemaValidator('listings-feed-processing-report-schema-v2.json');
		for (const f of json) {
			const report = JSON.parse(f.resultDocument) as Json;
			expect(v(report) ? 'valid' : JSON.stringify(v.errors)).toBe('valid');
		}
		// the representative feed carries per-message issues (unknown SKU, invalid quantity); FATAL ones one feed-level issue
		expect(json.some((f) => (JSON.parse(f.resultDocument) as Json).issues.filter((i: Json) => i.messageId).length >= 2)).toBe(true);
		expect(json.some((f) => f.processingStatus === 'FATAL')).toBe(true);
	});

	test('the example JSON_LISTINGS_FEED from the models (sellerId/SKUs swapped for simulator ones) is schema-valid, accepted and applied', async () => {
		const s = sim as Sim;
		const v = models.jsonSchemaValidator('listings-feed-schema-v2.json');
		const example = JSON.parse(JSON.stringify(models.loadJson('listings-feed-schema-v2.example.json'))) as Json;
		expect(v(example) ? 'valid' : JSON.stringify(v.errors)).toBe('valid');
		const skus = [...s.state.listings.keys()].slice(10, 15) as string[];
		example.header.sellerId = s.credentials.sellerId;
		const map: Record<string, string> = { 'My-SKU-A': skus[0], 'My-SKU-B': skus[1], 'My-SKU-C': 'BRAND-NEW-SKU', 'My-SKU-D': skus[3], 'My-SKU-E': skus[4] };
		for (const m of example.messages as Json[]) m.sku = map[m.sku] ?? m.sku;
		expect(v(example) ? 'valid' : JSON.stringify(v.errors)).toBe('valid');
		const c = s.credentials;
		const tok = ((await (await fetch(c.lwaEndpoint, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret }) })).json()) as Json).access_token as string;
		const h = { 'x-amz-access-token': tok, 'content-type': 'application/json' };
		const doc = (await (await fetch(`${s.url}/feeds/2021-06-30/documents`, { method: 'POST', headers: h, body: JSON.stringify({ contentType: 'application/json; charset=UTF-8' }) })).json()) as Json;
		expect((await fetch(doc.url, { method: 'PUT', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(example) })).status).toBe(200);
		const feed = (await (await fetch(`${s.url}/feeds/2021-06-30/feeds`, { method: 'POST', headers: h, body: JSON.stringify({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: doc.feedDocumentId }) })).json()) as Json;
		s.control.finishFeed(feed.feedId);
		const feeds = (await (await fetch(`${s.url}/__sim/feeds`)).json()) as Json[];
		const report = JSON.parse(feeds.find((f) => f.feedId === feed.feedId)?.resultDocument) as Json;
		expect(models.jsonSchemaValidator('listings-feed-processing-report-schema-v2.json')(report)).toBe(true);
		// the example's UPDATE sends a LUGGAGE listing with only item_name: the product type's required attributes are
		// enforced (as on Amazon), so that message is refused with one issue per missing attribute; the rest is applied
		expect(report.summary).toMatchObject({ messagesProcessed: 5, messagesAccepted: 4, messagesInvalid: 1 });
		const refused = (report.issues as Json[]).filter((i) => i.severity === 'ERROR');
		expect(new Set(refused.map((i) => i.messageId))).toEqual(new Set([3]));
		expect(refused.map((i) => i.code)).toContain('90220');
		expect(refused.find((i) => i.attributeName === 'brand')?.message).toBe("'brand' is required but not supplied.");
		expect(report.items.length).toBeGreaterThan(0);
		expect(s.state.listings.has(skus[0])).toBe(false); // DELETE applied
		expect(s.state.listings.get(skus[1]).quantity).toBe(10); // PARTIAL_UPDATE applied
		expect(s.state.listings.has('BRAND-NEW-SKU')).toBe(false); // UPDATE refused: nothing created
		expect(s.state.listings.get(skus[4]).quantity).toBe(10); // PATCH merge applied
	});
});
