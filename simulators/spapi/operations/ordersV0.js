// @ts-check
'use strict';
/**
 * Orders API v0: confirmShipment (not deprecated; 204, really ships the order) and the deprecated reads
 * getOrders/getOrder/getOrderItems (PII only with a Restricted Data Token) + the RDT-only address/buyer reads.
 */
const { invalid, notFound, checkBefore, isIsoDate, ApiError } = require('../validate');
const { orderV0, orderItemsV0, address0, V0_TO_2026 } = require('../views');
const { paginate, checkMarketplaces, fingerprint } = require('./common');
const { rdtCovers } = require('../lwa');
const { iso } = require('../util');

const ORDER_ID_RE = /^\d{3}-\d{7}-\d{7}$/;
const V0_STATUSES = ['PendingAvailability', 'Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'Canceled', 'Unfulfillable', 'InvoiceUnconfirmed'];

/** Which PII the token unlocks (RDT dataElements). @param {any} ctx */
function pii(ctx) {
	const a = ctx.auth;
	if (a.kind !== 'rdt') return { address: false, buyer: false };
	const res = (a.restrictedResources || []).filter((/** @type {any} */ r) => rdtCovers([r], ctx.op.method, ctx.path));
	const el = new Set(res.flatMap((/** @type {any} */ r) => r.dataElements || []));
	return { address: el.has('shippingAddress'), buyer: el.has('buyerInfo') };
}

/** @param {any} ctx */
function findOrder(ctx) {
	const id = ctx.params.orderId;
	if (!ORDER_ID_RE.test(id)) throw invalid('Invalid Input', `Invalid AmazonOrderId: ${id}`);
	const o = ctx.state.orders.get(id);
	if (!o) throw notFound(`Order ${id} not found.`);
	return o;
}

/** Strip PII the RDT does not cover. @param {any} v @param {{address:boolean, buyer:boolean}} p @param {any} o */
function redact(v, p, o) {
	if (v.ShippingAddress) v.ShippingAddress = address0(o.address, p.address);
	if (!p.buyer) v.BuyerInfo = { BuyerEmail: o.buyer.buyerEmail };
	return v;
}

/** @param {any} ctx */
function getOrders(ctx) {
	const p = ctx.params;
	const ts = ctx.sim.timeScale;
	checkMarketplaces(p.MarketplaceIds, 'MarketplaceIds');
	if (!p.CreatedAfter && !p.LastUpdatedAfter && !p.AmazonOrderIds && !p.NextToken) throw invalid('Either CreatedAfter or LastUpdatedAfter must be specified.', '');
	if (p.CreatedAfter && p.LastUpdatedAfter) throw invalid('CreatedAfter and LastUpdatedAfter cannot both be specified.', '');
	if (p.CreatedBefore && p.LastUpdatedAfter) throw invalid('CreatedBefore cannot be used with LastUpdatedAfter.', '');
	if (p.LastUpdatedBefore && p.CreatedAfter) throw invalid('LastUpdatedBefore cannot be used with CreatedAfter.', '');
	for (const k of ['CreatedAfter', 'CreatedBefore', 'LastUpdatedAfter', 'LastUpdatedBefore']) if (p[k] !== undefined && !isIsoDate(p[k])) throw invalid('Invalid Input', `${k} must be an ISO 8601 date-time.`);
	checkBefore(p.CreatedBefore, 'CreatedBefore', ts);
	checkBefore(p.LastUpdatedBefore, 'LastUpdatedBefore', ts);
	if (p.MaxResultsPerPage !== undefined && (p.MaxResultsPerPage < 1 || p.MaxResultsPerPage > 100)) throw invalid('MaxResultsPerPage must be between 1 and 100.', `Got ${p.MaxResultsPerPage}`);
	for (const s of p.OrderStatuses || []) if (!V0_STATUSES.includes(s)) throw invalid(`Invalid OrderStatuses value: ${s}`, `Allowed values: ${V0_STATUSES.join(', ')}`);
	for (const s of p.FulfillmentChannels || []) if (!['AFN', 'MFN'].includes(s)) throw invalid(`Invalid FulfillmentChannels value: ${s}`, 'Allowed values: AFN, MFN');
	for (const s of p.PaymentMethods || []) if (!['COD', 'CVS', 'Other'].includes(s)) throw invalid(`Invalid PaymentMethods value: ${s}`, 'Allowed values: COD, CVS, Other');
	if (p.SellerOrderId && (p.OrderStatuses || p.FulfillmentChannels || p.PaymentMethods || p.BuyerEmail)) throw invalid('SellerOrderId cannot be combined with OrderStatuses, FulfillmentChannels, PaymentMethods or BuyerEmail.', '');
	const lagEdge = Date.now() - 120000 / ts;
	const byCreated = !!p.CreatedAfter || !p.LastUpdatedAfter;
	const field = byCreated ? 'createdTime' : 'lastUpdatedTime';
	const after = Date.parse((byCreated ? p.CreatedAfter : p.LastUpdatedAfter) || '1970-01-01T00:00:00Z');
	const before = Math.min(lagEdge, Date.parse((byCreated ? p.CreatedBefore : p.LastUpdatedBefore) || iso(lagEdge)));
	const statuses = p.OrderStatuses ? p.OrderStatuses.map((/** @type {string} */ s) => V0_TO_2026[s]) : null;
	const list = [...ctx.state.orders.values()]
		.filter((o) => {
			const t = Date.parse(o[field]);
			if (t < after || t > before) return false;
			if (!p.MarketplaceIds.includes(o.marketplaceId)) return false;
			if (statuses && !statuses.includes(o.status)) return false;
			if (p.FulfillmentChannels && !p.FulfillmentChannels.includes(o.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN')) return false;
			if (p.AmazonOrderIds && !p.AmazonOrderIds.includes(o.orderId)) return false;
			if (p.SellerOrderId && o.sellerOrderId !== p.SellerOrderId) return false;
			if (p.PaymentMethods && !p.PaymentMethods.includes('Other')) return false; // every simulated order is paid 'Other'
			if (p.BuyerEmail && o.buyer.buyerEmail !== p.BuyerEmail) return false;
			return true;
		})
		.sort((a, b) => Date.parse(a[field]) - Date.parse(b[field]));
	const { page, next } = paginate(list, p.MaxResultsPerPage || 100, p.NextToken, fingerprint(p, ['NextToken', 'MaxResultsPerPage']), 'NextToken');
	const pp = pii(ctx);
	/** @type {any} */
	const payload = { Orders: page.map((o) => redact(orderV0(o, true), pp, o)) };
	if (next) payload.NextToken = next;
	if (byCreated) payload.CreatedBefore = iso(before);
	else payload.LastUpdatedBefore = iso(before);
	return { body: { payload } };
}

/** @param {any} ctx */
function getOrder(ctx) {
	const o = findOrder(ctx);
	return { body: { payload: redact(orderV0(o, true), pii(ctx), o) } };
}

/** @param {any} ctx */
function getOrderItems(ctx) {
	const o = findOrder(ctx);
	const items = orderItemsV0(o, pii(ctx).buyer);
	if (ctx.params.NextToken) throw invalid('Invalid NextToken.', '');
	return { body: { payload: { AmazonOrderId: o.orderId, OrderItems: items } } };
}
/** @param {any} ctx */
function getOrderAddress(ctx) {
	const o = findOrder(ctx);
	/** @type {any} */
	const payload = { AmazonOrderId: o.orderId };
	if (o.buyer.buyerCompanyName) payload.BuyerCompanyName = o.buyer.buyerCompanyName;
	if (['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED'].includes(o.status)) payload.ShippingAddress = address0(o.address, true);
	return { body: { payload } };
}
/** @param {any} ctx */
function getOrderBuyerInfo(ctx) {
	const o = findOrder(ctx);
	const b = o.buyer;
	return { body: { payload: JSON.parse(JSON.stringify({ AmazonOrderId: o.orderId, BuyerEmail: b.buyerEmail, BuyerName: b.buyerName, PurchaseOrderNumber: b.buyerPurchaseOrderNumber })) } };
}
/** @param {any} ctx */
function getOrderItemsBuyerInfo(ctx) {
	const o = findOrder(ctx);
	const OrderItems = o.items.map((/** @type {any} */ it) =>
		it.giftWrap ? { OrderItemId: it.orderItemId, GiftMessageText: it.giftWrap.message, GiftWrapLevel: it.giftWrap.level, GiftWrapPrice: { CurrencyCode: o.currency, Amount: it.giftWrap.price.toFixed(2) } } : { OrderItemId: it.orderItemId },
	);
	return { body: { payload: { AmazonOrderId: o.orderId, OrderItems } } };
}

/**
 * Apply one package to an order (shared by confirmShipment and POST_ORDER_FULFILLMENT_DATA feeds).
 * Re-sending an existing packageReferenceId updates its tracking (Amazon allows editing tracking) without re-shipping.
 * Returns an error message string instead of throwing, so feeds can report per message.
 * @param {any} sim @param {any} o internal order
 * @param {{packageReferenceId:string, carrierCode:string, carrierName?:string, shippingMethod?:string, trackingNumber:string, shipDate:string, orderItems?:{orderItemId:string, quantity:number}[]}} pkg
 * @param {string} source
 * @returns {string|null}
 */
function applyShipment(sim, o, pkg, source) {
	if (o.fulfilledBy === 'AMAZON') return `Order ${o.orderId} is fulfilled by Amazon; shipment confirmation is not allowed.`;
	if (o.status === 'CANCELLED') return `Order ${o.orderId} is cancelled.`;
	if (['PENDING', 'PENDING_AVAILABILITY', 'UNFULFILLABLE'].includes(o.status)) return `Order ${o.orderId} is in status ${o.status} and cannot be shipped.`;
	const existing = o.packages.find((/** @type {any} */ p) => p.packageReferenceId === pkg.packageReferenceId);
	const carrier = pkg.carrierCode === 'Other' ? pkg.carrierName : pkg.carrierCode;
	if (existing) {
		Object.assign(existing, { carrier, trackingNumber: pkg.trackingNumber, shippingService: pkg.shippingMethod || existing.shippingService, shipTime: iso(Date.parse(pkg.shipDate)) });
		o.lastUpdatedTime = iso(Date.now());
		sim.state.shipmentConfirmations.push({ orderId: o.orderId, source, time: iso(Date.now()), updatedTracking: true, packageDetail: pkg });
		return null;
	}
	const lines = pkg.orderItems && pkg.orderItems.length ? pkg.orderItems : o.items.filter((/** @type {any} */ it) => !it.cancelled && it.quantity > it.quantityShipped).map((/** @type {any} */ it) => ({ orderItemId: it.orderItemId, quantity: it.quantity - it.quantityShipped }));
	for (const l of lines) {
		const it = o.items.find((/** @type {any} */ x) => x.orderItemId === l.orderItemId);
		if (!it) return `orderItemId ${l.orderItemId} does not belong to order ${o.orderId}.`;
		if (!(Number.isInteger(l.quantity) && l.quantity > 0)) return `Invalid quantity ${l.quantity} for orderItemId ${l.orderItemId}.`;
		if (l.quantity > it.quantity - it.quantityShipped) return `Quantity ${l.quantity} for orderItemId ${l.orderItemId} exceeds the unshipped quantity ${it.quantity - it.quantityShipped}.`;
	}
	for (const l of lines) {
		const it = o.items.find((/** @type {any} */ x) => x.orderItemId === l.orderItemId);
		it.quantityShipped += l.quantity;
	}
	const now = iso(Date.now());
	o.packages.push({ packageReferenceId: pkg.packageReferenceId, carrier, trackingNumber: pkg.trackingNumber, shipTime: iso(Date.parse(pkg.shipDate)), shippingService: pkg.shippingMethod || '', createdTime: now, items: lines.map((l) => ({ orderItemId: l.orderItemId, quantity: l.quantity })) });
	const open = o.items.filter((/** @type {any} */ it) => !it.cancelled);
	o.status = open.every((/** @type {any} */ it) => it.quantityShipped >= it.quantity) ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
	o.lastUpdatedTime = now;
	sim.state.shipmentConfirmations.push({ orderId: o.orderId, source, time: now, packageDetail: pkg, resultingStatus: o.status });
	sim.notifier.orderChanged(o, 'Order Shipped');
	return null;
}

/** @param {any} ctx */
function confirmShipment(ctx) {
	const id = ctx.params.orderId;
	if (!ORDER_ID_RE.test(id)) throw invalid('Invalid Input', `Invalid AmazonOrderId: ${id}`);
	const b = ctx.body;
	const pd = b.packageDetail;
	if (!/^[1-9]\d*$/.test(String(pd.packageReferenceId))) throw invalid('Invalid Input', 'packageReferenceId must be a positive number.');
	if (!isIsoDate(pd.shipDate)) throw invalid('Invalid Input', 'shipDate must be an ISO 8601 date-time.');
	if (pd.carrierCode === 'Other' && !pd.carrierName) throw invalid('Invalid Input', 'carrierName is required when carrierCode is Other.');
	if (!pd.trackingNumber) throw invalid('Invalid Input', 'trackingNumber is required.');
	const o = ctx.state.orders.get(id);
	if (!o) throw notFound(`Order ${id} not found.`);
	if (b.marketplaceId !== o.marketplaceId) throw invalid('Invalid Input', `marketplaceId ${b.marketplaceId} does not match the order's marketplace.`);
	const err = applyShipment(ctx.sim, o, pd, 'confirmShipment');
	if (err) throw new ApiError(400, 'InvalidInput', 'Invalid Input', err);
	return { status: 204 };
}

module.exports = {
	'ordersV0.getOrders': getOrders,
	'ordersV0.getOrder': getOrder,
	'ordersV0.getOrderItems': getOrderItems,
	'ordersV0.getOrderAddress': getOrderAddress,
	'ordersV0.getOrderBuyerInfo': getOrderBuyerInfo,
	'ordersV0.getOrderItemsBuyerInfo': getOrderItemsBuyerInfo,
	'ordersV0.confirmShipment': confirmShipment,
	applyShipment,
};
