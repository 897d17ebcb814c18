/**
 * SP-API operation table: every operation this package calls, with the default usage plan (rate in requests per
 * second, burst) from the "Usage Plan" table in each operation's description in Amazon's models
 * (shared/spapi-models, upstream amzn/selling-partner-api-models@34dc93f) and spapi.md §10.
 * The live rate is learned from the `x-amzn-RateLimit-Limit` response header; these values only seed the bucket.
 *
 * Keys are `<api>.<operationId>` because operationIds repeat across API versions (orders2026.getOrder vs ordersV0.getOrder).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SpApiOperation {
	id: string;
	operationId: string;
	method: HttpMethod;
	/** path template with `{name}` placeholders */
	path: string;
	rate: number;
	burst: number;
	/** uses a grantless (client_credentials, scope sellingpartnerapi::notifications) token instead of the seller's */
	grantless?: boolean;
	deprecated?: boolean;
	/** sandbox-only per the model */
	sandboxOnly?: boolean;
}

const table: SpApiOperation[] = [
	// Orders 2026-01-01 (current)
	{ id: 'orders2026.searchOrders', operationId: 'searchOrders', method: 'GET', path: '/orders/2026-01-01/orders', rate: 0.0056, burst: 20 },
	{ id: 'orders2026.getOrder', operationId: 'getOrder', method: 'GET', path: '/orders/2026-01-01/orders/{orderId}', rate: 0.5, burst: 30 },
	// Orders v0 (reads deprecated; confirmShipment is not)
	{ id: 'ordersV0.getOrders', operationId: 'getOrders', method: 'GET', path: '/orders/v0/orders', rate: 0.0167, burst: 20, deprecated: true },
	{ id: 'ordersV0.getOrder', operationId: 'getOrder', method: 'GET', path: '/orders/v0/orders/{orderId}', rate: 0.5, burst: 30, deprecated: true },
	{ id: 'ordersV0.getOrderItems', operationId: 'getOrderItems', method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems', rate: 0.5, burst: 30, deprecated: true },
	{ id: 'ordersV0.confirmShipment', operationId: 'confirmShipment', method: 'POST', path: '/orders/v0/orders/{orderId}/shipmentConfirmation', rate: 2, burst: 10 },
	// Feeds 2021-06-30
	{ id: 'feeds.getFeeds', operationId: 'getFeeds', method: 'GET', path: '/feeds/2021-06-30/feeds', rate: 0.0222, burst: 10 },
	{ id: 'feeds.createFeed', operationId: 'createFeed', method: 'POST', path: '/feeds/2021-06-30/feeds', rate: 0.0083, burst: 15 },
	{ id: 'feeds.cancelFeed', operationId: 'cancelFeed', method: 'DELETE', path: '/feeds/2021-06-30/feeds/{feedId}', rate: 2, burst: 15 },
	{ id: 'feeds.getFeed', operationId: 'getFeed', method: 'GET', path: '/feeds/2021-06-30/feeds/{feedId}', rate: 2, burst: 15 },
	{ id: 'feeds.createFeedDocument', operationId: 'createFeedDocument', method: 'POST', path: '/feeds/2021-06-30/documents', rate: 0.5, burst: 15 },
	{ id: 'feeds.getFeedDocument', operationId: 'getFeedDocument', method: 'GET', path: '/feeds/2021-06-30/documents/{feedDocumentId}', rate: 0.0222, burst: 10 },
	// Listings Items 2021-08-01
	{ id: 'listings.getListingsItem', operationId: 'getListingsItem', method: 'GET', path: '/listings/2021-08-01/items/{sellerId}/{sku}', rate: 5, burst: 10 },
	{ id: 'listings.patchListingsItem', operationId: 'patchListingsItem', method: 'PATCH', path: '/listings/2021-08-01/items/{sellerId}/{sku}', rate: 5, burst: 5 },
	{ id: 'listings.putListingsItem', operationId: 'putListingsItem', method: 'PUT', path: '/listings/2021-08-01/items/{sellerId}/{sku}', rate: 5, burst: 10 },
	{ id: 'listings.deleteListingsItem', operationId: 'deleteListingsItem', method: 'DELETE', path: '/listings/2021-08-01/items/{sellerId}/{sku}', rate: 5, burst: 5 },
	{ id: 'listings.searchListingsItems', operationId: 'searchListingsItems', method: 'GET', path: '/listings/2021-08-01/items/{sellerId}', rate: 5, burst: 5 },
	// Product Type Definitions 2020-09-01
	{ id: 'definitions.searchDefinitionsProductTypes', operationId: 'searchDefinitionsProductTypes', method: 'GET', path: '/definitions/2020-09-01/productTypes', rate: 5, burst: 10 },
	{ id: 'definitions.getDefinitionsProductType', operationId: 'getDefinitionsProductType', method: 'GET', path: '/definitions/2020-09-01/productTypes/{productType}', rate: 5, burst: 10 },
	// FBA Inventory v1
	{ id: 'fbaInventory.getInventorySummaries', operationId: 'getInventorySummaries', method: 'GET', path: '/fba/inventory/v1/summaries', rate: 2, burst: 2 },
	// Finances
	{ id: 'finances2024.listTransactions', operationId: 'listTransactions', method: 'GET', path: '/finances/2024-06-19/transactions', rate: 0.5, burst: 10 },
	{ id: 'financesV0.listFinancialEventsByOrderId', operationId: 'listFinancialEventsByOrderId', method: 'GET', path: '/finances/v0/orders/{orderId}/financialEvents', rate: 0.5, burst: 30 },
	{ id: 'financesV0.listFinancialEventGroups', operationId: 'listFinancialEventGroups', method: 'GET', path: '/finances/v0/financialEventGroups', rate: 0.5, burst: 30 },
	{ id: 'financesV0.listFinancialEvents', operationId: 'listFinancialEvents', method: 'GET', path: '/finances/v0/financialEvents', rate: 0.5, burst: 30 },
	// Notifications v1 (every operation 1 rps / burst 5)
	{ id: 'notifications.getSubscriptions', operationId: 'getSubscriptions', method: 'GET', path: '/notifications/v1/subscriptions', rate: 1, burst: 5 },
	{ id: 'notifications.getSubscription', operationId: 'getSubscription', method: 'GET', path: '/notifications/v1/subscriptions/{notificationType}', rate: 1, burst: 5 },
	{ id: 'notifications.createSubscription', operationId: 'createSubscription', method: 'POST', path: '/notifications/v1/subscriptions/{notificationType}', rate: 1, burst: 5 },
	{ id: 'notifications.getSubscriptionById', operationId: 'getSubscriptionById', method: 'GET', path: '/notifications/v1/subscriptions/{notificationType}/{subscriptionId}', rate: 1, burst: 5, grantless: true },
	{ id: 'notifications.deleteSubscriptionById', operationId: 'deleteSubscriptionById', method: 'DELETE', path: '/notifications/v1/subscriptions/{notificationType}/{subscriptionId}', rate: 1, burst: 5, grantless: true },
	{ id: 'notifications.sendTestNotification', operationId: 'sendTestNotification', method: 'POST', path: '/notifications/v1/subscriptions/{notificationType}/testNotification', rate: 1, burst: 5, grantless: true, sandboxOnly: true },
	{ id: 'notifications.getDestinations', operationId: 'getDestinations', method: 'GET', path: '/notifications/v1/destinations', rate: 1, burst: 5, grantless: true },
	{ id: 'notifications.createDestination', operationId: 'createDestination', method: 'POST', path: '/notifications/v1/destinations', rate: 1, burst: 5, grantless: true },
	{ id: 'notifications.getDestination', operationId: 'getDestination', method: 'GET', path: '/notifications/v1/destinations/{destinationId}', rate: 1, burst: 5, grantless: true },
	{ id: 'notifications.deleteDestination', operationId: 'deleteDestination', method: 'DELETE', path: '/notifications/v1/destinations/{destinationId}', rate: 1, burst: 5, grantless: true },
	// Reports 2021-06-30
	{ id: 'reports.createReport', operationId: 'createReport', method: 'POST', path: '/reports/2021-06-30/reports', rate: 0.0167, burst: 15 },
	{ id: 'reports.getReports', operationId: 'getReports', method: 'GET', path: '/reports/2021-06-30/reports', rate: 0.0222, burst: 10 },
	{ id: 'reports.getReport', operationId: 'getReport', method: 'GET', path: '/reports/2021-06-30/reports/{reportId}', rate: 2, burst: 15 },
	{ id: 'reports.cancelReport', operationId: 'cancelReport', method: 'DELETE', path: '/reports/2021-06-30/reports/{reportId}', rate: 0.0222, burst: 10 },
	{ id: 'reports.getReportDocument', operationId: 'getReportDocument', method: 'GET', path: '/reports/2021-06-30/documents/{reportDocumentId}', rate: 0.0167, burst: 15 },
	// Sellers v1 (credential test)
	{ id: 'sellers.getMarketplaceParticipations', operationId: 'getMarketplaceParticipations', method: 'GET', path: '/sellers/v1/marketplaceParticipations', rate: 0.016, burst: 15 },
	{ id: 'sellers.getAccount', operationId: 'getAccount', method: 'GET', path: '/sellers/v1/account', rate: 0.016, burst: 15 },
	// Tokens (RDT; only for v0 restricted reads)
	{ id: 'tokens.createRestrictedDataToken', operationId: 'createRestrictedDataToken', method: 'POST', path: '/tokens/2021-03-01/restrictedDataToken', rate: 1, burst: 10 },
];

export const OPERATIONS: Readonly<Record<string, SpApiOperation>> = Object.freeze(
	Object.fromEntries(table.map((o) => [o.id, Object.freeze(o)])),
);

/** Usage plan used for an "API Call" whose path matches no known operation (the sandbox plan, spapi.md §10). */
export const UNKNOWN_OPERATION_PLAN = { rate: 1, burst: 5 };

export function getOperation(key: string): SpApiOperation {
	const op = OPERATIONS[key];
	if (!op) throw new Error(`Unknown SP-API operation "${key}"`);
	return op;
}

function templateToRegExp(path: string): RegExp {
	const escaped = path
		.split(/\{[^}]+\}/)
		.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join('[^/]+');
	return new RegExp(`^${escaped}$`);
}

const matchers = table.map((o) => ({ op: o, re: templateToRegExp(o.path) }));

/**
 * Finds the operation for a raw method + path (used by "API Call" so that raw calls share the same buckets).
 * Static path segments win over placeholders (e.g. `/notifications/v1/destinations` vs `/{destinationId}`).
 */
export function findOperation(method: string, path: string): SpApiOperation | undefined {
	const clean = path.split('?')[0].replace(/\/+$/, '') || '/';
	const candidates = matchers.filter((m) => m.op.method === method.toUpperCase() && m.re.test(clean));
	candidates.sort((a, b) => (a.op.path.match(/\{/g)?.length ?? 0) - (b.op.path.match(/\{/g)?.length ?? 0));
	return candidates[0]?.op;
}

/** Fills `{name}` placeholders, URL-encoding each value (SKUs may contain `/`, spaces, ...). */
export function buildPath(template: string, params: Record<string, string | number | undefined> = {}): string {
	return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
		const v = params[name];
		if (v === undefined || v === null || String(v) === '') {
			throw new Error(`Missing path parameter "${name}" for ${template}`);
		}
		return encodeURIComponent(String(v));
	});
}
