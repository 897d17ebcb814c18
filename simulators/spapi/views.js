// @ts-check
'use strict';
/**
 * Render the internal order/listing records into the models' response shapes
 * (Orders v2026-01-01 camelCase, Orders v0 PascalCase, ORDER_CHANGE summary).
 */
const { MP_BY_ID } = require('./seed');
const { money2 } = require('./util');

const V0_STATUS = { PENDING_AVAILABILITY: 'PendingAvailability', PENDING: 'Pending', UNSHIPPED: 'Unshipped', PARTIALLY_SHIPPED: 'PartiallyShipped', SHIPPED: 'Shipped', CANCELLED: 'Canceled', UNFULFILLABLE: 'Unfulfillable' };
const V0_TO_2026 = Object.fromEntries(Object.entries(V0_STATUS).map(([k, v]) => [v, k]));

/** @param {any} o */
const hasAddress = (o) => ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED'].includes(o.status);
/** @param {any} o */
const priced = (o) => !['PENDING', 'PENDING_AVAILABILITY'].includes(o.status);
/** Drop undefined fields (the models have no nulls for absent data). @param {any} x */
function compact(x) {
	if (Array.isArray(x)) return x.map(compact);
	if (x && typeof x === 'object') {
		/** @type {Record<string, any>} */
		const out = {};
		for (const [k, v] of Object.entries(x)) if (v !== undefined) out[k] = compact(v);
		return out;
	}
	return x;
}

/**
 * Money figures of one order item. World orders carry their tax explicitly (itemTax, shippingTax, giftTax, discountTax)
 * and say whether their prices include it (o.taxInclusive: EU/UK consumer prices); the small demo world's items only
 * have a rate, applied on top of the price.
 * @param {any} o @param {any} it
 */
function itemFigures(o, it) {
	const principal = it.unitPrice * it.quantity;
	const shipping = it.shipping;
	const gift = it.giftWrap ? it.giftWrap.price : 0;
	const disc = it.promotion ? it.promotion.discount : 0;
	const explicit = it.itemTax !== undefined;
	const tax = explicit
		? { item: it.itemTax, shipping: it.shippingTax || 0, gift: it.giftTax || 0, discount: it.discountTax || 0 }
		: { item: principal * it.taxRate, shipping: 0, gift: 0, discount: 0 };
	const taxTotal = tax.item + tax.shipping + tax.gift - tax.discount;
	const inclusive = explicit && !!o.taxInclusive;
	const total = it.cancelled ? 0 : principal + shipping + gift - disc + (inclusive ? 0 : taxTotal);
	return { principal, shipping, gift, disc, tax, taxTotal, total };
}

// ---------- v2026-01-01 ----------
/** @param {any} o @param {string[]} included */
function order2026(o, included = []) {
	const inc = new Set(included);
	const mp = MP_BY_ID[o.marketplaceId];
	const m = (/** @type {number} */ n) => ({ amount: money2(n), currencyCode: o.currency });
	const programs = [];
	if (o.isBusiness) programs.push('AMAZON_BUSINESS');
	if (o.isPrime) programs.push('PRIME');
	let grand = 0;
	const items = o.items.map((/** @type {any} */ it) => {
		const f = itemFigures(o, it);
		const { principal, gift, disc, total } = f;
		grand += total;
		/** @type {any} */
		const r = {
			orderItemId: it.orderItemId,
			quantityOrdered: it.quantity,
			product: { asin: it.asin, title: it.title, sellerSku: it.sku, condition: { conditionType: 'New', conditionSubtype: 'New' }, price: priced(o) ? { unitPrice: m(it.unitPrice) } : undefined },
		};
		if (inc.has('PROCEEDS') && priced(o) && !it.cancelled)
			r.proceeds = {
				proceedsTotal: m(total),
				breakdowns: [
					{ type: 'ITEM', subtotal: m(principal) },
					{ type: 'SHIPPING', subtotal: m(it.shipping) },
					...(gift ? [{ type: 'GIFT_WRAP', subtotal: m(gift) }] : []),
					{
						type: 'TAX',
						subtotal: m(f.taxTotal),
						detailedBreakdowns: [
							{ subtype: 'ITEM', value: m(f.tax.item) },
							...(f.tax.shipping ? [{ subtype: 'SHIPPING', value: m(f.tax.shipping) }] : []),
							...(f.tax.gift ? [{ subtype: 'GIFT_WRAP', value: m(f.tax.gift) }] : []),
							...(f.tax.discount ? [{ subtype: 'DISCOUNT', value: m(-f.tax.discount) }] : []),
						],
					},
					...(disc ? [{ type: 'DISCOUNT', subtotal: m(-disc), detailedBreakdowns: [{ subtype: 'ITEM', value: m(-disc) }] }] : []),
				],
			};
		if (inc.has('PROMOTION') && it.promotion) r.promotion = { breakdowns: [{ promotionId: it.promotion.id }] };
		if (inc.has('CANCELLATION') && it.cancelled && o.cancellation)
			// ItemCancellationRequest.requester: BUYER only; ItemCancellationExecution.cancelledBy: BUYER | MERCHANT | AMAZON
			r.cancellation = {
				...(o.cancellation.requester === 'BUYER' ? { cancellationRequest: { requester: 'BUYER', cancelReason: o.cancellation.cancelReason } } : {}),
				cancellationExecution: { cancelledBy: o.cancellation.cancelledBy || (o.cancellation.requester === 'BUYER' ? 'BUYER' : 'MERCHANT'), cancelReason: o.cancellation.cancelReason },
			};
		if (inc.has('FULFILLMENT'))
			r.fulfillment = {
				quantityFulfilled: it.quantityShipped,
				quantityUnfulfilled: it.cancelled ? 0 : it.quantity - it.quantityShipped,
				packing: it.giftWrap ? { giftOption: { giftMessage: it.giftWrap.message, giftWrapLevel: it.giftWrap.level } } : undefined,
			};
		if (inc.has('TAX')) {
			/** @type {any} */
			const tax = {};
			if (it.taxCollection) tax.taxCollections = [{ model: it.taxCollection.model, responsibleParty: it.taxCollection.responsibleParty }];
			else if (it.itemTax === undefined && mp && ['US', 'CA'].includes(mp.countryCode)) tax.taxCollections = [{ model: 'MARKETPLACE_FACILITATOR', responsibleParty: 'AMAZON_SERVICES' }];
			if (it.reportingScheme) tax.taxCalculationBreakdowns = [{ reportingScheme: it.reportingScheme }];
			if (Object.keys(tax).length) r.tax = tax;
		}
		return r;
	});
	/** @type {any} */
	const r = {
		orderId: o.orderId,
		orderAliases: [{ aliasId: o.sellerOrderId, aliasType: 'SELLER_ORDER_ID' }],
		createdTime: o.createdTime,
		lastUpdatedTime: o.lastUpdatedTime,
		programs: programs.length ? programs : undefined,
		salesChannel: { channelName: 'Amazon', marketplaceId: o.marketplaceId, marketplaceName: mp ? mp.name : undefined },
		orderItems: items,
	};
	if (inc.has('BUYER')) r.buyer = { ...o.buyer };
	if (inc.has('TAX') && o.taxRegistrations && o.taxRegistrations.length) r.tax = { taxRegistrations: o.taxRegistrations };
	if (inc.has('RECIPIENT') && hasAddress(o)) {
		const a = o.address;
		r.recipient = {
			deliveryAddress: {
				name: a.name,
				companyName: a.companyName,
				addressLine1: a.addressLine1,
				addressLine2: a.addressLine2,
				city: a.city,
				stateOrRegion: a.stateOrRegion,
				postalCode: a.postalCode,
				countryCode: a.countryCode,
				phone: a.phone,
				addressType: a.addressType,
			},
		};
	}
	if (inc.has('PROCEEDS') && priced(o)) r.proceeds = { grandTotal: m(grand) };
	if (inc.has('FULFILLMENT'))
		r.fulfillment = {
			fulfillmentStatus: o.status,
			fulfilledBy: o.fulfilledBy,
			fulfillmentServiceLevel: o.serviceLevel.toUpperCase(),
			shipByWindow: o.shipByWindow,
			deliverByWindow: o.deliverByWindow,
		};
	if (inc.has('PACKAGES') && o.packages.length)
		r.packages = o.packages.map((/** @type {any} */ p) => ({
			packageReferenceId: p.packageReferenceId,
			createdTime: p.createdTime,
			packageStatus: { status: 'SHIPPED' },
			carrier: p.carrier,
			shipTime: p.shipTime,
			shippingService: p.shippingService,
			trackingNumber: p.trackingNumber,
			packageItems: p.items.map((/** @type {any} */ i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
		}));
	if (inc.has('PAYMENT') && priced(o)) r.payment = { paymentExecutions: [{ paymentMethod: 'CREDIT_CARD', paymentAmount: m(grand) }] };
	return compact(r);
}

// ---------- v0 ----------
/** Without an RDT only non-PII address fields are returned (as Amazon does). @param {any} a @param {boolean} pii */
function address0(a, pii) {
	const base = { City: a.city, StateOrRegion: a.stateOrRegion, PostalCode: a.postalCode, CountryCode: a.countryCode };
	if (!pii) return base;
	return { Name: a.name, CompanyName: a.companyName, AddressLine1: a.addressLine1, AddressLine2: a.addressLine2, ...base, Phone: a.phone, AddressType: a.addressType === 'COMMERCIAL' ? 'Commercial' : 'Residential' };
}
/** @param {any} o @param {boolean} pii */
function orderV0(o, pii) {
	const m = (/** @type {number} */ n) => ({ CurrencyCode: o.currency, Amount: money2(n) });
	const total = o.items.reduce((/** @type {number} */ s, /** @type {any} */ it) => s + itemFigures(o, it).total, 0);
	const shipped = o.items.reduce((/** @type {number} */ s, /** @type {any} */ it) => s + it.quantityShipped, 0);
	const unshipped = o.items.reduce((/** @type {number} */ s, /** @type {any} */ it) => s + (it.cancelled ? 0 : it.quantity - it.quantityShipped), 0);
	return compact({
		AmazonOrderId: o.orderId,
		SellerOrderId: o.sellerOrderId,
		PurchaseDate: o.createdTime,
		LastUpdateDate: o.lastUpdatedTime,
		OrderStatus: /** @type {any} */ (V0_STATUS)[o.status],
		FulfillmentChannel: o.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN',
		SalesChannel: MP_BY_ID[o.marketplaceId] ? MP_BY_ID[o.marketplaceId].name : undefined,
		ShipServiceLevel: o.shipServiceLevel,
		OrderTotal: priced(o) && o.status !== 'CANCELLED' ? m(total) : undefined,
		NumberOfItemsShipped: shipped,
		NumberOfItemsUnshipped: unshipped,
		PaymentMethod: 'Other',
		PaymentMethodDetails: ['Standard'],
		MarketplaceId: o.marketplaceId,
		ShipmentServiceLevelCategory: o.serviceLevel,
		OrderType: 'StandardOrder',
		EarliestShipDate: o.shipByWindow.earliestDateTime,
		LatestShipDate: o.shipByWindow.latestDateTime,
		EarliestDeliveryDate: o.deliverByWindow.earliestDateTime,
		LatestDeliveryDate: o.deliverByWindow.latestDateTime,
		IsBusinessOrder: o.isBusiness,
		IsPrime: o.isPrime,
		IsPremiumOrder: false,
		IsGlobalExpressEnabled: false,
		IsReplacementOrder: false,
		IsSoldByAB: false,
		IsISPU: false,
		IsAccessPointOrder: false,
		ShippingAddress: hasAddress(o) ? address0(o.address, pii) : undefined,
		BuyerInfo: pii ? { BuyerEmail: o.buyer.buyerEmail, BuyerName: o.buyer.buyerName, PurchaseOrderNumber: o.buyer.buyerPurchaseOrderNumber } : { BuyerEmail: o.buyer.buyerEmail },
	});
}
/** @param {any} o @param {boolean} pii */
function orderItemsV0(o, pii) {
	const m = (/** @type {number} */ n) => ({ CurrencyCode: o.currency, Amount: money2(n) });
	return o.items.map((/** @type {any} */ it) => {
		const f = itemFigures(o, it);
		return compact({
			ASIN: it.asin,
			SellerSKU: it.sku,
			OrderItemId: it.orderItemId,
			Title: it.title,
			QuantityOrdered: it.quantity,
			QuantityShipped: it.quantityShipped,
			ProductInfo: { NumberOfItems: '1' },
			ItemPrice: priced(o) ? m(it.unitPrice * it.quantity) : undefined,
			ShippingPrice: priced(o) ? m(it.shipping) : undefined,
			ItemTax: priced(o) ? m(f.tax.item) : undefined,
			ShippingTax: priced(o) ? m(f.tax.shipping) : undefined,
			ShippingDiscount: priced(o) ? m(0) : undefined,
			PromotionDiscount: priced(o) ? m(it.promotion ? it.promotion.discount : 0) : undefined,
			PromotionIds: it.promotion ? [it.promotion.id] : undefined,
			IsGift: it.giftWrap ? 'true' : 'false',
			ConditionId: 'New',
			ConditionSubtypeId: 'New',
			IsTransparency: false,
			SerialNumberRequired: false,
			BuyerInfo: it.giftWrap ? (pii ? { GiftMessageText: it.giftWrap.message, GiftWrapLevel: it.giftWrap.level, GiftWrapPrice: m(it.giftWrap.price) } : { GiftWrapLevel: it.giftWrap.level, GiftWrapPrice: m(it.giftWrap.price) }) : undefined,
			BuyerRequestedCancel: it.cancelled ? { IsBuyerRequestedCancel: 'true', BuyerCancelReason: 'Buyer Requested Cancel' } : undefined,
		});
	});
}

/** Payload.OrderChangeNotification for ORDER_CHANGE. @param {any} o @param {string} sellerId @param {string} reason */
function orderChangePayload(o, sellerId, reason) {
	const shipped = o.items.reduce((/** @type {number} */ s, /** @type {any} */ it) => s + it.quantityShipped, 0);
	const unshipped = o.items.reduce((/** @type {number} */ s, /** @type {any} */ it) => s + (it.cancelled ? 0 : it.quantity - it.quantityShipped), 0);
	return {
		NotificationLevel: 'OrderLevel',
		SellerId: sellerId,
		AmazonOrderId: o.orderId,
		OrderChangeType: reason === 'Buyer Requested Cancel' ? 'BuyerRequestedChange' : 'OrderStatusChange',
		OrderChangeTrigger: { TimeOfOrderChange: o.lastUpdatedTime, ChangeReason: reason },
		Summary: {
			MarketplaceId: o.marketplaceId,
			OrderStatus: /** @type {any} */ (V0_STATUS)[o.status],
			PurchaseDate: o.createdTime,
			DestinationPostalCode: o.address ? o.address.postalCode : null,
			FulfillmentType: o.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN',
			OrderType: 'StandardOrder',
			NumberOfItemsShipped: shipped,
			NumberOfItemsUnshipped: unshipped,
			EarliestDeliveryDate: o.deliverByWindow.earliestDateTime,
			LatestDeliveryDate: o.deliverByWindow.latestDateTime,
			EarliestShipDate: o.shipByWindow.earliestDateTime,
			LatestShipDate: o.shipByWindow.latestDateTime,
			OrderPrograms: [...(o.isBusiness ? ['Business'] : []), ...(o.isPrime ? ['Prime'] : [])],
			ShippingPrograms: [],
			OrderItems: o.items.map((/** @type {any} */ it) => ({
				OrderItemId: it.orderItemId,
				SellerSKU: it.sku,
				SupplySourceId: null,
				OrderItemStatus: it.quantityShipped >= it.quantity ? 'Shipped' : 'Unshipped',
				Quantity: it.quantity,
				QuantityShipped: it.quantityShipped,
				IsBuyerRequestedCancel: !!it.cancelled,
			})),
		},
	};
}

module.exports = { itemFigures, order2026, orderV0, orderItemsV0, address0, orderChangePayload, V0_STATUS, V0_TO_2026, compact, hasAddress };
