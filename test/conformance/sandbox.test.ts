/**
 * Replays every `x-amzn-api-sandbox.static` case of the operations the simulator implements: the case's request
 * parameters go in (missing required ones are filled with valid simulator data, as the sandbox ignores what it does
 * not match on), the case's status and response shape are expected back. Cases that cannot apply to a stateful
 * simulator are listed in NOT_APPLICABLE with the reason; such a case must still produce a model-valid response,
 * and a listed case that starts matching fails (so the table stays true).
 */
import { startSpApiSimulator } from '../../simulators/spapi';
import { OPERATIONS } from '../../simulators/spapi/server';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const models = require('./models') as {
	modelsDir: () => string;
	findOperation: (key: string) => { path: string; method: string; op: Json; model: Json };
	responseValidator: (key: string, status: number) => (((d: unknown) => boolean) & { errors?: unknown }) | null;
	sandboxCases: (key: string) => { status: number; index: number; request: Json; response: Json }[];
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Sim = Awaited<ReturnType<typeof startSpApiSimulator>>;

const FICTIONAL = 'sandbox fixture id that does not exist in the simulated seller account (stateful data, not pattern-matched)';
const NOT_PARTICIPATING = "the case's marketplace is not one the simulated seller participates in (US, CA, UK, DE, FR)";
/** key#status#index -> why the sandbox answer cannot be reproduced. */
const V0_PATTERN = "Amazon's sandbox pattern-matches the literal TEST_CASE_200 / TEST_CASE_IBA_200; the simulator validates ids like production (3-7-7 AmazonOrderId, ISO 8601 dates) and answers 400";
const BAD_SKU = "the sandbox maps the literal sku 'BadSKU' (or sellerId 'SellerId') to 400; the simulator answers like production for an unknown SKU / foreign seller";
const NOT_APPLICABLE: Record<string, string> = {
	'feeds.cancelFeed#200#0': `feedId 'ID1': ${FICTIONAL}; the simulator only knows feeds it created (numeric ids) and answers 400`,
	'feeds.getFeed#200#0': `feedId 'feedId1': ${FICTIONAL}`,
	'feeds.getFeedDocument#200#0': `feedDocumentId: ${FICTIONAL}`,
	'reports.getReport#200#0': `reportId 'ID323': ${FICTIONAL}; the simulator only knows reports it created (numeric ids) and answers 400`,
	'reports.cancelReport#200#0': `reportId 'ID': ${FICTIONAL}; the simulator only knows reports it created (numeric ids) and answers 400`,
	'reports.getReportDocument#200#0': `reportDocumentId: ${FICTIONAL}; the simulator's documents are amzn1.spdoc.* ids it issued`,
	'feeds.createFeed#202#0': 'POST_PRODUCT_DATA is an XML listings feed Amazon removed (spapi.md §0.7); the simulator rejects removed feed types with 400 (and the inputFeedDocumentId is fictional)',
	'finances2024.listTransactions#200#0': 'postedAfter=2023-03-07 with the default postedBefore (now - 2 min) exceeds the documented 180-day window, and the nextToken is fictional',
	'financesV0.listFinancialEvents#200#0': `NextToken: ${FICTIONAL}`,
	'financesV0.listFinancialEventsByOrderId#200#0': "orderId '485-734-5434857' is not a 3-7-7 AmazonOrderId; the simulator answers 400 'Bad order ID provided.' (the model's own 400 example text)",
	'listings.deleteListingsItem#400#0': BAD_SKU + ' (200 with status INVALID)',
	'listings.getListingsItem#400#0': BAD_SKU + ' (404 NotFound)',
	'listings.patchListingsItem#400#0': BAD_SKU + ' (200 with status INVALID and an issue)',
	'listings.searchListingsItems#400#0': BAD_SKU + ' (403: sellerId does not belong to the token)',
	'definitions.searchDefinitionsProductTypes#400#0': "keywords 'Invalid Request' is only invalid by name in the sandbox; the simulator searches with it and answers 200 with no product type",
	'listings.getListingsItem#200#0': 'the case sends no includedData; per the model the default is `summaries`, the sandbox answer shows all data sets',
	'listings.putListingsItem#200#2': "sku 'VALIDATION_INVALID' is only invalid by name in the sandbox; the simulator validates the (valid) attributes it is given and answers VALID",
	'listings.putListingsItem#400#0': BAD_SKU + ' (put creates the listing: 200 ACCEPTED)',
	'listings.patchListingsItem#200#1': "sku 'VALIDATION_VALID' does not exist in the simulated catalog, so VALIDATION_PREVIEW answers INVALID (unknown SKU) instead of VALID",
	'orders2026.getOrder#200#0': `orderId 171-9876543-2109876 (BR): ${FICTIONAL}`,
	'orders2026.getOrder#200#1': `orderId 028-1234567-8901234 (TR): ${FICTIONAL}`,
	'orders2026.getOrder#200#2': `orderId 114-9876543-1234567: ${FICTIONAL}`,
	'orders2026.searchOrders#200#0': `A1VC38T7YXB528 (JP): ${NOT_PARTICIPATING}`,
	'orders2026.searchOrders#200#1': `paginationToken: ${FICTIONAL}; tokens must come from a previous page of the same query`,
	'orders2026.searchOrders#200#2': `A2Q3Y263D00KWC (BR): ${NOT_PARTICIPATING}`,
	'ordersV0.confirmShipment#204#0': `orderId 902-1106328-1059050: ${FICTIONAL} (404)`,
	'ordersV0.getOrder#200#0': V0_PATTERN,
	'ordersV0.getOrder#200#1': V0_PATTERN,
	'ordersV0.getOrderAddress#200#0': V0_PATTERN,
	'ordersV0.getOrderBuyerInfo#200#0': V0_PATTERN,
	'ordersV0.getOrderItems#200#0': V0_PATTERN,
	'ordersV0.getOrderItemsBuyerInfo#200#0': V0_PATTERN,
	'ordersV0.getOrders#200#0': V0_PATTERN,
	'ordersV0.getOrders#200#1': V0_PATTERN,
	'ordersV0.getOrders#200#2': V0_PATTERN,
};

/** Values for required parameters a case leaves out (the sandbox ignores them, they only need to be valid). */
interface Fixtures {
	sellerId: string;
	sku: string;
	orderId: string;
	shippableOrder: Json;
	feedId: string;
	resultDocId: string;
	destinationId: string;
	spareDestinationId: string;
	subscriptionId: string;
	spareSubscriptionId: string;
	spareSku: string;
	queueArn: string;
}

function fill(key: string, name: string, fx: Fixtures): unknown {
	const byName: Record<string, unknown> = {
		sellerId: fx.sellerId,
		sku: key === 'listings.deleteListingsItem' ? fx.spareSku : fx.sku,
		orderId: fx.orderId,
		feedId: fx.feedId,
		feedDocumentId: fx.resultDocId,
		marketplaceIds: ['ATVPDKIKX0DER'],
		destinationId: key === 'notifications.deleteDestination' ? fx.spareDestinationId : fx.destinationId,
		subscriptionId: key === 'notifications.deleteSubscriptionById' ? fx.spareSubscriptionId : fx.subscriptionId,
		notificationType: key === 'notifications.createSubscription' ? 'ANY_OFFER_CHANGED' : key === 'notifications.deleteSubscriptionById' ? 'FEED_PROCESSING_FINISHED' : 'ORDER_CHANGE',
		granularityType: 'Marketplace',
		granularityId: 'ATVPDKIKX0DER',
		notificationTypes: ['ORDER_CHANGE'],
		productType: 'LUGGAGE',
	};
	if (name in byName) return byName[name];
	if (key === 'notifications.createDestination') return { name: 'sandbox-replay', resourceSpecification: { sqs: { arn: fx.queueArn.replace(/:[^:]+$/, ':sandbox-replay') } } };
	if (key === 'notifications.createSubscription') return { payloadVersion: '1.0', destinationId: fx.destinationId };
	if (key === 'listings.putListingsItem') return { productType: 'PRODUCT', attributes: { item_name: [{ value: 'Sandbox replay item', language_tag: 'en_US' }], fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] } };
	if (key === 'notifications.sendTestNotification') return { destinationId: fx.destinationId, testNotification: { payloadVersion: '1.0', testScenario: 'ORDER_STATUS_CHANGE' } };
	if (key === 'listings.patchListingsItem') return { productType: 'PRODUCT', patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 1 }] }] };
	if (key === 'ordersV0.confirmShipment') {
		const o = fx.shippableOrder;
		return { marketplaceId: o.marketplaceId, packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z', shipDate: new Date().toISOString(), orderItems: o.items.map((i: Json) => ({ orderItemId: i.orderItemId, quantity: i.quantity })) } };
	}
	if (key === 'tokens.createRestrictedDataToken') return { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }] };
	if (key === 'feeds.createFeedDocument') return { contentType: 'text/xml; charset=UTF-8' };
	return undefined;
}

const GRANTLESS = new Set(['notifications.sendTestNotification', 'notifications.getSubscriptionById', 'notifications.deleteSubscriptionById', 'notifications.getDestinations', 'notifications.createDestination', 'notifications.getDestination', 'notifications.deleteDestination']);
const RDT_ONLY = new Set(['ordersV0.getOrderAddress', 'ordersV0.getOrderBuyerInfo', 'ordersV0.getOrderItemsBuyerInfo']);

interface Case {
	name: string;
	key: string;
	status: number;
	index: number;
	request: Json;
	response: Json;
}

function allCases(): Case[] {
	models.modelsDir(); // fails loudly (collection error) when the models folder is missing
	const out: Case[] = [];
	for (const key of Object.keys(OPERATIONS).filter((k) => k.includes('.')).sort()) {
		for (const c of models.sandboxCases(key)) out.push({ name: `${key} ${c.status}#${c.index}`, key, ...c });
	}
	return out;
}

describe('conformance: x-amzn-api-sandbox static cases replayed against the simulator', () => {
	let sim: Sim;
	let fx: Fixtures;
	const tokens: Record<string, string> = {};

	beforeAll(async () => {
		sim = await startSpApiSimulator({ timeScale: 1, seed: 5 });
		const c = sim.credentials;
		const tok = async (p: Record<string, string>) => ((await (await fetch(c.lwaEndpoint, { method: 'POST', body: new URLSearchParams(p) })).json()) as Json).access_token as string;
		tokens.seller = await tok({ grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret });
		tokens.grantless = await tok({ grant_type: 'client_credentials', scope: 'sellingpartnerapi::notifications', client_id: c.clientId, client_secret: c.clientSecret });
		const api = async (t: string, method: string, path: string, body?: unknown) => (await (await fetch(sim.url + path, { method, headers: { 'x-amz-access-token': t, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).json()) as Json;
		const rdt = await api(tokens.seller, 'POST', '/tokens/2021-03-01/restrictedDataToken', { restrictedResources: ['address', 'buyerInfo', 'orderItems/buyerInfo'].map((p) => ({ method: 'GET', path: `/orders/v0/orders/{orderId}/${p}` })) });
		tokens.rdt = rdt.restrictedDataToken as string;
		const orders = (await (await fetch(`${sim.url}/__sim/orders?status=UNSHIPPED`)).json()) as Json[];
		const listings = (await (await fetch(`${sim.url}/__sim/listings`)).json()) as Json[];
		const dest = await api(tokens.grantless, 'POST', '/notifications/v1/destinations', { name: 'main', resourceSpecification: { sqs: { arn: c.sqs.queueArn } } });
		const spare = await api(tokens.grantless, 'POST', '/notifications/v1/destinations', { name: 'spare', resourceSpecification: { sqs: { arn: c.sqs.queueArn.replace(/:[^:]+$/, ':spare') } } });
		const sub = await api(tokens.seller, 'POST', '/notifications/v1/subscriptions/ORDER_CHANGE', { payloadVersion: '1.0', destinationId: dest.payload.destinationId });
		const spareSub = await api(tokens.seller, 'POST', '/notifications/v1/subscriptions/FEED_PROCESSING_FINISHED', { payloadVersion: '1.0', destinationId: dest.payload.destinationId });
		const doc = await api(tokens.seller, 'POST', '/feeds/2021-06-30/documents', { contentType: 'application/json' });
		await fetch(doc.url as string, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ header: { sellerId: c.sellerId, version: '2.0' }, messages: [] }) });
		const feed = await api(tokens.seller, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: doc.feedDocumentId });
		const done = (await (await fetch(`${sim.url}/__sim/feeds/${feed.feedId}/finish`, { method: 'POST' })).json()) as Json;
		fx = {
			sellerId: c.sellerId,
			sku: listings[0].sku,
			orderId: orders[0].orderId,
			shippableOrder: orders.find((o) => o.fulfilledBy === 'MERCHANT') as Json,
			feedId: feed.feedId,
			resultDocId: done.resultFeedDocumentId,
			destinationId: dest.payload.destinationId,
			spareDestinationId: spare.payload.destinationId,
			subscriptionId: sub.payload.subscriptionId,
			spareSubscriptionId: spareSub.payload.subscriptionId,
			spareSku: listings[listings.length - 1].sku,
			queueArn: c.sqs.queueArn,
		};
	});
	afterAll(async () => {
		if (sim) await sim.close();
	});

	const cases = allCases();
	test('there are sandbox cases to replay', () => {
		expect(cases.length).toBeGreaterThan(40);
	});

	test.each(cases.map((c) => [c.name + (NOT_APPLICABLE[`${c.key}#${c.status}#${c.index}`] ? ` (N/A: ${NOT_APPLICABLE[`${c.key}#${c.status}#${c.index}`]})` : ''), c] as const))('%s', async (_name, c) => {
		const { path, method, op } = models.findOperation(c.key);
		const params: Json[] = [...(op.parameters || [])].map((p: Json) => (p.$ref ? models.findOperation(c.key).model.parameters[p.$ref.split('/').pop()] : p));
		const given = (c.request.parameters || {}) as Json;
		let url = path;
		const query = new URLSearchParams();
		let body: unknown;
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		for (const p of params) {
			// the cases name the body parameter "body" whatever the model calls it (e.g. confirmShipment's "payload")
			const g = p.in === 'body' ? (given[p.name] ?? given.body) : given[p.name];
			const has = g && typeof g === 'object' && 'value' in g;
			const v = has ? g.value : p.required ? fill(c.key, p.name, fx) : undefined;
			if (v === undefined) continue;
			if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(v)));
			else if (p.in === 'query') query.set(p.name, Array.isArray(v) ? v.join(',') : String(v));
			else if (p.in === 'header') headers[p.name] = String(v);
			else if (p.in === 'body') body = v;
		}
		headers['x-amz-access-token'] = GRANTLESS.has(c.key) ? tokens.grantless : RDT_ONLY.has(c.key) ? tokens.rdt : tokens.seller;
		const qs = query.toString();
		const r = await fetch(sim.url + url + (qs ? `?${qs}` : ''), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await r.text();
		const actual = text ? (JSON.parse(text) as Json) : {};
		expect(r.headers.get('x-amzn-requestid')).toBeTruthy();

		// whatever the outcome, the answer must be valid for the model at that status
		const v = models.responseValidator(c.key, r.status);
		if (v) expect(v(actual) ? 'valid' : JSON.stringify(v.errors)).toBe('valid');

		const expectedBody = (c.response ?? {}) as Json;
		let same = r.status === c.status;
		let why = `status ${r.status} (expected ${c.status}): ${text.slice(0, 300)}`;
		if (same && c.status >= 400) {
			same = Array.isArray(actual.errors) && actual.errors.length > 0 && Array.isArray(expectedBody.errors);
			why = `error shape differs: ${text.slice(0, 300)}`;
		} else if (same && c.status < 300 && Object.keys(expectedBody).length) {
			// same top-level structure (pagination/nextToken depend on data volume)
			const norm = (o: Json) => Object.keys(o).filter((k) => !['pagination', 'nextToken', 'NextToken'].includes(k)).sort();
			const exp = norm(expectedBody);
			const got = norm(actual);
			same = exp.every((k) => got.includes(k));
			why = `top-level keys differ: expected ${exp.join(',')} got ${got.join(',')}`;
			if (same && typeof expectedBody.status === 'string' && expectedBody.status !== actual.status) {
				same = false;
				why = `status field ${actual.status} (expected ${expectedBody.status})`;
			}
			if (same && expectedBody.payload && typeof expectedBody.payload === 'object' && !Array.isArray(expectedBody.payload) && actual.payload) {
				const pe = norm(expectedBody.payload as Json).filter((k) => !/token/i.test(k));
				const pg = norm(actual.payload as Json);
				const missing = pe.filter((k) => !pg.includes(k));
				same = missing.length === 0 || (c.key.startsWith('financesV0') && 'FinancialEvents' in (actual.payload as Json));
				why = `payload keys missing: ${missing.join(',')}`;
			}
		}
		const na = NOT_APPLICABLE[`${c.key}#${c.status}#${c.index}`];
		if (na) expect(same ? 'case now matches: remove it from NOT_APPLICABLE' : 'documented difference').toBe('documented difference');
		else expect(same ? 'matches' : why).toBe('matches');
	});
});
