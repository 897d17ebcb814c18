/**
 * One reader per Amazon Orders API version: finds each value of an order in that version's shape and says where it
 * is (the path an issue will name). No money, quantity or date rules here: those are the one mapping's
 * (amazonOrder.ts), so both versions follow them alike.
 */
import type { ChargeTypeName, OrderStatusName, Party } from '../canonical/schemas';
import type { AddressView, ChargeField, Field, LineView, OrderView, PackageView } from './amazonOrderView';
import { isRecord, issue, nonEmpty, type Issue } from './result';

const V0_STATUS: Record<string, OrderStatusName> = {
	PendingAvailability: 'PENDING_AVAILABILITY',
	Pending: 'PENDING',
	Unshipped: 'UNSHIPPED',
	PartiallyShipped: 'PARTIALLY_SHIPPED',
	Shipped: 'SHIPPED',
	Canceled: 'CANCELLED',
	Cancelled: 'CANCELLED',
	Unfulfillable: 'UNFULFILLABLE',
	InvoiceUnconfirmed: 'INVOICE_UNCONFIRMED',
};
const STATUSES_2026 = new Set<string>(['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE']);

/** Translate an Amazon status of either API version to the canonical one. */
export function normalizeAmazonStatus(s: unknown): OrderStatusName | undefined {
	if (typeof s !== 'string') return undefined;
	if (STATUSES_2026.has(s)) return s as OrderStatusName;
	if (V0_STATUS[s]) return V0_STATUS[s];
	const up = s.toUpperCase().replace(/[\s-]/g, '_');
	if (STATUSES_2026.has(up)) return up as OrderStatusName;
	if (up === 'CANCELED') return 'CANCELLED';
	return undefined;
}

const f = (v: unknown, path: string): Field => ({ v, path });

/** Copies the string values Amazon gave (trimmed, non-empty) onto `target` under the same keys. */
function texts<T extends object>(target: T, values: Record<string, unknown>): T {
	for (const [k, v] of Object.entries(values)) {
		const s = nonEmpty(v);
		if (s !== undefined) (target as Record<string, unknown>)[k] = s;
	}
	return target;
}

function baseLine(path: string, id: Field, quantity: Field, derivedPrice: LineView['derivedPrice']): LineView {
	return { path, id, quantity, derivedPrice, promotionIds: [], cancelled: false, charges: [] };
}

// ------------------------------------------------------------------------------------------------
// Orders API 2026-01-01

const BREAKDOWN_TYPE: Record<string, ChargeTypeName> = { SHIPPING: 'SHIPPING', GIFT_WRAP: 'GIFT_WRAP', COD_FEE: 'COD', OTHER: 'OTHER', DELIVERY_TIP: 'DELIVERY_TIP' };
const APPLIES: Record<string, ChargeField['appliesTo']> = { ITEM: 'ITEM', SHIPPING: 'SHIPPING', GIFT_WRAP: 'GIFT_WRAP', COD_FEE: 'COD', DISCOUNT: 'DISCOUNT', OTHER: 'OTHER' };

function read2026Item(it: Record<string, unknown>, p: string): LineView {
	const prod = isRecord(it.product) ? it.product : {};
	const line = baseLine(p, f(it.orderItemId, p + '.orderItemId'), f(it.quantityOrdered, p + '.quantityOrdered'), {
		path: p + '.product.price.unitPrice',
		label: 'item subtotal',
	});
	texts(line, { sku: prod.sellerSku, asin: prod.asin, title: prod.title });
	if (isRecord(prod.condition) && typeof prod.condition.conditionType === 'string') line.condition = prod.condition.conditionType;
	if (isRecord(prod.price)) line.unitPrice = f(prod.price.unitPrice, p + '.product.price.unitPrice');
	const itf = isRecord(it.fulfillment) ? it.fulfillment : undefined;
	if (itf && itf.quantityFulfilled !== undefined) line.quantityShipped = f(itf.quantityFulfilled, p + '.fulfillment.quantityFulfilled');
	const packing = itf && isRecord(itf.packing) ? itf.packing : undefined;
	if (packing && isRecord(packing.giftOption)) {
		const g = texts({}, { message: packing.giftOption.giftMessage, wrapLevel: packing.giftOption.giftWrapLevel });
		if (Object.keys(g).length) line.gift = g;
	}
	if (isRecord(it.promotion) && Array.isArray(it.promotion.breakdowns)) {
		for (const b of it.promotion.breakdowns) if (isRecord(b) && typeof b.promotionId === 'string') line.promotionIds.push(b.promotionId);
	}
	line.cancelled = isRecord(it.cancellation) && isRecord(it.cancellation.cancellationExecution);
	if (isRecord(it.tax)) {
		const tax = it.tax;
		const c = Array.isArray(tax.taxCollections) ? tax.taxCollections.find((x) => isRecord(x) && typeof x.model === 'string') : undefined;
		if (isRecord(c)) {
			line.taxCollection = { model: String(c.model) };
			if (typeof c.responsibleParty === 'string') line.taxCollection.responsibleParty = c.responsibleParty;
		}
		const b = Array.isArray(tax.taxCalculationBreakdowns) ? tax.taxCalculationBreakdowns.find((x) => isRecord(x) && typeof x.reportingScheme === 'string') : undefined;
		if (isRecord(b)) line.taxReportingScheme = String(b.reportingScheme);
	}

	const proceeds = isRecord(it.proceeds) ? it.proceeds : undefined;
	const bds = proceeds && Array.isArray(proceeds.breakdowns) ? proceeds.breakdowns : [];
	if (proceeds && isRecord(proceeds.proceedsTotal)) {
		line.taxInclusion = {
			total: f(proceeds.proceedsTotal, p + '.proceeds.proceedsTotal'),
			parts: bds.filter((b) => isRecord(b) && isRecord(b.subtotal)).map((b) => {
				const r = b as Record<string, Record<string, unknown>>;
				return { tax: (b as Record<string, unknown>).type === 'TAX', amount: r.subtotal.amount ?? r.subtotal.Amount };
			}),
		};
	}
	bds.forEach((b, j) => {
		if (!isRecord(b)) return;
		const bp = `${p}.proceeds.breakdowns[${j}]`;
		const type = String(b.type);
		const subtotal = f(b.subtotal, bp + '.subtotal');
		if (type === 'ITEM') {
			line.charges.push({ ...subtotal, type: 'LINE' });
			return;
		}
		if (type !== 'TAX' && type !== 'DISCOUNT') {
			line.charges.push({ ...subtotal, type: BREAKDOWN_TYPE[type] ?? 'OTHER', skipZero: true });
			return;
		}
		// TAX and DISCOUNT: per subtype when Amazon details them (the subtotal must still be a valid amount)
		const details = Array.isArray(b.detailedBreakdowns) ? b.detailedBreakdowns.filter(isRecord) : [];
		const parts = details.length
			? details.map((d, k) => ({ field: f(d.value, `${bp}.detailedBreakdowns[${k}].value`), sub: String(d.subtype), gate: subtotal }))
			: [{ field: subtotal, sub: 'ITEM', gate: undefined }];
		for (const part of parts) {
			const appliesTo = APPLIES[part.sub] ?? 'OTHER';
			if (type === 'TAX') line.charges.push({ ...part.field, type: 'TAX', appliesTo, gate: part.gate, skipZero: true });
			else {
				const ctype: ChargeTypeName = part.sub === 'SHIPPING' ? 'SHIPPING_DISCOUNT' : part.sub === 'COD_FEE' ? 'COD_DISCOUNT' : 'PROMOTION';
				line.charges.push({ ...part.field, type: ctype, appliesTo, negate: true, promotions: true, gate: part.gate, skipZero: true });
			}
		}
	});
	return line;
}

function read2026Address(a: Record<string, unknown>, path: string): AddressView {
	return {
		path,
		countryPath: path + '.countryCode',
		lines: [a.addressLine1, a.addressLine2, a.addressLine3],
		values: {
			countryCode: a.countryCode,
			name: a.name,
			companyName: a.companyName,
			city: a.city,
			district: a.districtOrCounty,
			stateOrRegion: a.stateOrRegion,
			postalCode: a.postalCode,
			phone: a.phone,
			addressType: a.addressType,
		},
	};
}

function read2026Buyer(o: Record<string, unknown>): Party | undefined {
	if (!isRecord(o.buyer) && !isRecord(o.tax)) return undefined;
	const b = isRecord(o.buyer) ? o.buyer : {};
	const party: Party = texts({ role: 'buyer' } as Party, {
		name: b.buyerName,
		email: b.buyerEmail,
		companyName: b.buyerCompanyName,
		purchaseOrderNumber: b.buyerPurchaseOrderNumber,
	});
	if (isRecord(o.tax) && Array.isArray(o.tax.taxRegistrations)) {
		const regs = [];
		for (const r of o.tax.taxRegistrations) {
			if (!isRecord(r) || typeof r.taxRegistrationNumber !== 'string') continue;
			if (r.entityType !== undefined && r.entityType !== 'BUYER') continue;
			const reg: { type?: string; number: string; country?: string } = { number: r.taxRegistrationNumber };
			if (typeof r.taxRegistrationType === 'string') reg.type = r.taxRegistrationType;
			if (isRecord(r.taxRegistrationAddress) && typeof r.taxRegistrationAddress.countryCode === 'string') reg.country = r.taxRegistrationAddress.countryCode;
			regs.push(reg);
			if (!party.companyName && typeof r.legalName === 'string') party.companyName = r.legalName;
		}
		if (regs.length) party.taxRegistrations = regs;
	}
	return Object.keys(party).length > 1 ? party : undefined;
}

function read2026Packages(raw: unknown[]): PackageView[] {
	const out: PackageView[] = [];
	raw.forEach((pkg, i) => {
		if (!isRecord(pkg)) return;
		const ref = nonEmpty(pkg.packageReferenceId);
		if (!ref || !/^[1-9]\d*$/.test(ref)) return;
		const view: PackageView = texts({ packageReferenceId: ref, lines: [] } as PackageView, { trackingNumber: pkg.trackingNumber });
		if (Array.isArray(pkg.packageItems)) {
			pkg.packageItems.forEach((pi, j) => {
				if (isRecord(pi) && typeof pi.orderItemId === 'string') view.lines.push({ orderItemId: pi.orderItemId, quantity: f(pi.quantity, `packages[${i}].packageItems[${j}].quantity`) });
			});
		}
		out.push(view);
	});
	return out;
}

/** Orders API 2026-01-01 `Order` (getOrder response `{order}` or the bare order). */
export function read2026(input: Record<string, unknown>): OrderView {
	const o = isRecord(input.order) ? input.order : input;
	const issues: Issue[] = [];
	const sc = isRecord(o.salesChannel) ? o.salesChannel : {};
	const ful = isRecord(o.fulfillment) ? o.fulfillment : undefined;
	let status: OrderStatusName = 'PENDING';
	if (!ful) issues.push(issue('fulfillment', 'missing_fulfillment', 'fulfillment is missing: call getOrder with includedData=FULFILLMENT'));
	else {
		const st = normalizeAmazonStatus(ful.fulfillmentStatus);
		if (!st) issues.push(issue('fulfillment.fulfillmentStatus', 'unknown_status', `Unknown fulfillment status "${String(ful.fulfillmentStatus)}"`));
		else status = st;
	}
	if (!Array.isArray(o.orderItems)) issues.push(issue('orderItems', 'missing_field', 'orderItems is required'));
	const lines: LineView[] = [];
	(Array.isArray(o.orderItems) ? o.orderItems : []).forEach((it, i) => {
		if (isRecord(it)) lines.push(read2026Item(it, `orderItems[${i}]`));
		else issues.push(issue(`orderItems[${i}]`, 'invalid_item', 'order item is not an object'));
	});
	const proceeds = isRecord(o.proceeds) ? o.proceeds : undefined;
	const orderCharges: ChargeField[] = [];
	if (proceeds && Array.isArray(proceeds.breakdowns)) {
		proceeds.breakdowns.forEach((b, j) => {
			// order-level breakdowns not attributed to items
			if (isRecord(b) && b.type === 'DELIVERY_TIP') orderCharges.push({ ...f(b.subtotal, `proceeds.breakdowns[${j}].subtotal`), type: 'DELIVERY_TIP', skipZero: true });
		});
	}
	const view: OrderView = {
		id: nonEmpty(o.orderId),
		idPath: 'orderId',
		status,
		fulfillmentChannel: ful && ful.fulfilledBy === 'AMAZON' ? 'AMAZON' : 'MERCHANT',
		programs: Array.isArray(o.programs) ? (o.programs.filter((p) => typeof p === 'string') as string[]) : [],
		lines,
		orderCharges,
		orderDate: f(o.createdTime, 'createdTime'),
		lastUpdated: f(o.lastUpdatedTime, 'lastUpdatedTime'),
		aliases: [],
		issues,
	};
	if (proceeds) view.grandTotal = f(proceeds.grandTotal, 'proceeds.grandTotal');
	if (Array.isArray(o.orderAliases)) {
		for (const a of o.orderAliases) if (isRecord(a) && typeof a.aliasId === 'string') view.aliases.push({ type: String(a.aliasType ?? ''), id: a.aliasId });
	}
	texts(view, { marketplaceId: sc.marketplaceId, salesChannel: nonEmpty(sc.marketplaceName) ?? sc.channelName });
	if (ful && typeof ful.fulfillmentServiceLevel === 'string') view.serviceLevel = ful.fulfillmentServiceLevel;
	const windowOf = (raw: unknown, path: string) =>
		isRecord(raw) ? { earliest: f(raw.earliestDateTime ?? raw.earliest, path + '.earliestDateTime'), latest: f(raw.latestDateTime ?? raw.latest, path + '.latestDateTime') } : undefined;
	if (ful) {
		view.shipBy = windowOf(ful.shipByWindow, 'fulfillment.shipByWindow');
		view.deliverBy = windowOf(ful.deliverByWindow, 'fulfillment.deliverByWindow');
	}
	const rec = isRecord(o.recipient) ? o.recipient : undefined;
	if (rec && isRecord(rec.deliveryAddress)) view.shipTo = read2026Address(rec.deliveryAddress, 'recipient.deliveryAddress');
	view.buyer = read2026Buyer(o);
	if (Array.isArray(o.packages)) view.packages = read2026Packages(o.packages);
	return view;
}

// ------------------------------------------------------------------------------------------------
// Orders API v0 (deprecated reads, still seen in existing workflows)

function unwrapPayload(v: unknown): unknown {
	return isRecord(v) && isRecord(v.payload) ? v.payload : v;
}

function readV0Item(it: Record<string, unknown>, p: string, status: OrderStatusName | undefined): LineView {
	const line = baseLine(p, f(it.OrderItemId, p + '.OrderItemId'), f(it.QuantityOrdered, p + '.QuantityOrdered'), { path: p + '.ItemPrice', label: 'ItemPrice' });
	texts(line, { sku: it.SellerSKU, asin: it.ASIN, title: it.Title, condition: it.ConditionId });
	if (it.QuantityShipped !== undefined) line.quantityShipped = f(it.QuantityShipped, p + '.QuantityShipped');
	if (Array.isArray(it.PromotionIds)) line.promotionIds = it.PromotionIds.filter((x) => typeof x === 'string') as string[];
	const bi = isRecord(it.BuyerInfo) ? it.BuyerInfo : it;
	const charge = (k: string, type: ChargeTypeName | 'LINE', appliesTo?: ChargeField['appliesTo'], negate = false, at = p + '.' + k): void => {
		line.charges.push({ v: (k.startsWith('GiftWrap') ? bi : it)[k], path: at, type, appliesTo, negate, promotions: type === 'PROMOTION' || type === 'SHIPPING_DISCOUNT', skipZero: type !== 'LINE' });
	};
	charge('ItemPrice', 'LINE');
	charge('ShippingPrice', 'SHIPPING');
	charge('ItemTax', 'TAX', 'ITEM');
	charge('ShippingTax', 'TAX', 'SHIPPING');
	charge('ShippingDiscount', 'SHIPPING_DISCOUNT', 'SHIPPING', true);
	charge('ShippingDiscountTax', 'TAX', 'SHIPPING', true);
	charge('PromotionDiscount', 'PROMOTION', 'ITEM', true);
	charge('PromotionDiscountTax', 'TAX', 'DISCOUNT', true);
	charge('CODFee', 'COD');
	charge('CODFeeDiscount', 'COD_DISCOUNT', 'COD', true);
	charge('GiftWrapPrice', 'GIFT_WRAP', undefined, false, p + '.BuyerInfo.GiftWrapPrice');
	charge('GiftWrapTax', 'TAX', 'GIFT_WRAP', false, p + '.BuyerInfo.GiftWrapTax');
	const g = texts({}, { message: bi.GiftMessageText, wrapLevel: bi.GiftWrapLevel });
	if (Object.keys(g).length) line.gift = g;
	line.cancelled = isRecord(it.BuyerRequestedCancel) && String(it.BuyerRequestedCancel.IsBuyerRequestedCancel) === 'true' && status === 'CANCELLED';
	if (isRecord(it.TaxCollection) && typeof it.TaxCollection.Model === 'string') {
		// v0 says "MarketplaceFacilitator"; the canonical model uses the 2026 spelling
		const model = it.TaxCollection.Model === 'MarketplaceFacilitator' ? 'MARKETPLACE_FACILITATOR' : it.TaxCollection.Model;
		line.taxCollection = { model };
		if (typeof it.TaxCollection.ResponsibleParty === 'string') line.taxCollection.responsibleParty = it.TaxCollection.ResponsibleParty;
	}
	return line;
}

function readV0Buyer(bi: unknown): Party | undefined {
	if (!isRecord(bi)) return undefined;
	const party: Party = texts({ role: 'buyer' } as Party, { name: bi.BuyerName, email: bi.BuyerEmail, purchaseOrderNumber: bi.PurchaseOrderNumber });
	if (isRecord(bi.BuyerTaxInfo)) {
		texts(party, { companyName: bi.BuyerTaxInfo.CompanyLegalName });
		if (Array.isArray(bi.BuyerTaxInfo.TaxClassifications)) {
			const regs = bi.BuyerTaxInfo.TaxClassifications.filter((t) => isRecord(t) && typeof t.Value === 'string').map((t) => {
				const r = t as Record<string, unknown>;
				return { type: String(r.Name ?? ''), number: String(r.Value) };
			});
			if (regs.length) party.taxRegistrations = regs;
		}
	}
	return Object.keys(party).length > 1 ? party : undefined;
}

/**
 * Legacy v0: `{ order: <v0 Order | getOrder response>, orderItems: <OrderItem[] | getOrderItems response>,
 * address?: <getOrderAddress response | Address>, buyerInfo?: <getOrderBuyerInfo response> }`, or a bare v0 Order
 * with `OrderItems` merged into it.
 */
export function readV0(input: Record<string, unknown>): OrderView {
	const issues: Issue[] = [];
	const o = unwrapPayload(isRecord(input.order) ? input.order : input) as Record<string, unknown>;
	let items = unwrapPayload(input.orderItems ?? input.OrderItems ?? o.OrderItems);
	if (isRecord(items) && Array.isArray(items.OrderItems)) items = items.OrderItems;
	if (!Array.isArray(items)) issues.push(issue('orderItems', 'missing_field', 'v0 orders need their OrderItems (getOrderItems) in `orderItems`'));
	const status = normalizeAmazonStatus(o.OrderStatus);
	if (!status) issues.push(issue('OrderStatus', 'unknown_status', `Unknown order status "${String(o.OrderStatus)}"`));
	const lines: LineView[] = [];
	(Array.isArray(items) ? items : []).forEach((it, i) => {
		if (isRecord(it)) lines.push(readV0Item(it, `orderItems[${i}]`, status));
		else issues.push(issue(`orderItems[${i}]`, 'invalid_item', 'order item is not an object'));
	});
	const programs: string[] = [];
	if (o.IsBusinessOrder === true) programs.push('AMAZON_BUSINESS');
	if (o.IsPrime === true) programs.push('PRIME');
	if (o.IsPremiumOrder === true) programs.push('PREMIUM');
	if (o.OrderType === 'Preorder') programs.push('PREORDER');
	if (o.IsISPU === true) programs.push('IN_STORE_PICK_UP');
	const view: OrderView = {
		id: nonEmpty(o.AmazonOrderId),
		idPath: 'AmazonOrderId',
		status: status ?? 'PENDING',
		fulfillmentChannel: o.FulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT',
		programs,
		grandTotal: f(o.OrderTotal, 'OrderTotal'),
		lines,
		orderCharges: [],
		orderDate: f(o.PurchaseDate, 'PurchaseDate'),
		lastUpdated: f(o.LastUpdateDate, 'LastUpdateDate'),
		aliases: [],
		shipBy: { earliest: f(o.EarliestShipDate, 'EarliestShipDate'), latest: f(o.LatestShipDate, 'LatestShipDate') },
		deliverBy: { earliest: f(o.EarliestDeliveryDate, 'EarliestDeliveryDate'), latest: f(o.LatestDeliveryDate, 'LatestDeliveryDate') },
		issues,
	};
	const so = nonEmpty(o.SellerOrderId);
	if (so && so !== view.id) view.aliases.push({ type: 'SELLER_ORDER_ID', id: so });
	texts(view, { marketplaceId: o.MarketplaceId, salesChannel: o.SalesChannel });
	const sl = nonEmpty(o.ShipmentServiceLevelCategory);
	if (sl) view.serviceLevel = sl.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
	let addr = unwrapPayload(input.address ?? o.ShippingAddress);
	if (isRecord(addr) && isRecord(addr.ShippingAddress)) addr = addr.ShippingAddress;
	if (isRecord(addr)) {
		view.shipTo = {
			path: 'ShippingAddress',
			countryPath: 'ShippingAddress.CountryCode',
			lines: [addr.AddressLine1, addr.AddressLine2, addr.AddressLine3],
			values: {
				countryCode: addr.CountryCode,
				name: addr.Name,
				companyName: addr.CompanyName,
				city: addr.City,
				district: nonEmpty(addr.District) ?? addr.County,
				stateOrRegion: addr.StateOrRegion,
				postalCode: addr.PostalCode,
				phone: addr.Phone,
				addressType: addr.AddressType,
			},
		} satisfies AddressView;
	}
	view.buyer = readV0Buyer(unwrapPayload(input.buyerInfo ?? o.BuyerInfo));
	return view;
}
