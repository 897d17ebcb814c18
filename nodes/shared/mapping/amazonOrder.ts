/**
 * (1) Amazon order -> canonical Order.
 * Accepts Orders API 2026-01-01 `Order` (getOrder response `{order}` or the bare order, any includedData) and the
 * legacy v0 shapes: `{ order: <v0 Order | getOrder response>, orderItems: <OrderItem[] | getOrderItems response>,
 * address?: <getOrderAddress response | Address>, buyerInfo?: <getOrderBuyerInfo response> }`, or a bare v0 Order with
 * `OrderItems` merged into it.
 */
import {
	CANONICAL_VERSION,
	type Address,
	type Charge,
	type ChargeTypeName,
	type Money,
	type Order,
	type OrderLine,
	type OrderStatusName,
	type Package,
	type Party,
} from '../canonical/schemas';
import { addText, decCmp, decDiv, decimalText, decRound, decToString, isZeroText, negAbsText, parseDec, type Dec } from '../canonical/decimal';
import { currencyScale } from '../canonical/currency';
import { fail, isRecord, issue, nonEmpty, ok, type Issue, type Result } from './result';

export interface AmazonOrderOptions {
	/** MFN orders in these statuses must carry a delivery address (default UNSHIPPED, PARTIALLY_SHIPPED, SHIPPED) */
	requireAddressForStatuses?: OrderStatusName[];
	/** unit of measure put on quantities (default "EA") */
	unit?: string;
	/** currency of an order Amazon returned without any price (cancelled, pending); without it such an order is invalid */
	defaultCurrency?: string;
}

const DEFAULT_ADDRESS_STATUSES: OrderStatusName[] = ['UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED'];
const ISO_DT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

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
const STATUSES_2026 = new Set<string>([
	'PENDING_AVAILABILITY',
	'PENDING',
	'UNSHIPPED',
	'PARTIALLY_SHIPPED',
	'SHIPPED',
	'CANCELLED',
	'UNFULFILLABLE',
]);

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

/** Detects which Amazon API the input follows. */
export function detectAmazonOrderVersion(input: unknown): '2026-01-01' | 'v0' | undefined {
	if (!isRecord(input)) return undefined;
	const o = isRecord(input.order) ? input.order : input;
	if (typeof o.orderId === 'string' || Array.isArray(o.orderItems)) return '2026-01-01';
	const p = isRecord(o.payload) ? o.payload : o;
	if (typeof p.AmazonOrderId === 'string') return 'v0';
	return undefined;
}

/** The canonical status of an Amazon order of either API version, without mapping the rest (undefined if unknown). */
export function amazonOrderStatus(input: unknown): OrderStatusName | undefined {
	const v = detectAmazonOrderVersion(input);
	if (!v || !isRecord(input)) return undefined;
	const o = isRecord(input.order) ? input.order : input;
	if (v === '2026-01-01') return isRecord(o.fulfillment) ? normalizeAmazonStatus(o.fulfillment.fulfillmentStatus) : undefined;
	const p = isRecord(o.payload) ? o.payload : o;
	return normalizeAmazonStatus(p.OrderStatus);
}

export function amazonOrderToCanonical(input: unknown, options: AmazonOrderOptions = {}): Result<Order> {
	const v = detectAmazonOrderVersion(input);
	if (v === '2026-01-01') return map2026(input as Record<string, unknown>, options);
	if (v === 'v0') return mapV0(input as Record<string, unknown>, options);
	return fail([
		issue(
			'',
			'unrecognized_order',
			'Input is neither an Orders 2026-01-01 Order (orderId, orderItems) nor a v0 Order (AmazonOrderId)',
		),
	]);
}

// ------------------------------------------------------------------------------------------------
// helpers

class Ctx {
	issues: Issue[] = [];
	currency: string | undefined;
	add(path: string, code: string, message: string): void {
		this.issues.push({ path, code, message });
	}
	/** Validates a money object (2026 {amount,currencyCode} or v0 {Amount,CurrencyCode}); undefined if absent. */
	money(raw: unknown, path: string): { amt: string; currency: string } | undefined {
		if (!isRecord(raw)) return undefined;
		const amount = raw.amount ?? raw.Amount ?? raw.currencyAmount ?? raw.CurrencyAmount;
		const currency = raw.currencyCode ?? raw.CurrencyCode;
		if (amount === undefined && currency === undefined) return undefined;
		if (typeof currency !== 'string' || currencyScale(currency) === undefined) {
			this.add(path + '.currencyCode', 'unknown_currency', `Unknown currency code "${String(currency)}"`);
			return undefined;
		}
		const amt = decimalText(amount);
		if (amt === null) {
			this.add(path + '.amount', 'invalid_amount', `Amount "${String(amount)}" is not a decimal number`);
			return undefined;
		}
		if (this.currency === undefined) this.currency = currency;
		else if (this.currency !== currency) {
			this.add(path + '.currencyCode', 'mixed_currency', `Currency ${currency} differs from order currency ${this.currency}`);
			return undefined;
		}
		return { amt, currency };
	}
}

function m(dec: Dec, currency: string): Money {
	return { amount: decToString(dec), currency };
}
function mt(x: { amt: string; currency: string }): Money {
	return { amount: x.amt, currency: x.currency };
}

function chargeKey(c: Charge): string {
	return c.appliesTo ? c.type + '|' + c.appliesTo : c.type;
}

function aggregateCharges(lines: OrderLine[], extra: Charge[]): Charge[] {
	const sums = new Map<string, { c: Charge; amt: string; promos: string[] | undefined }>();
	const add = (c: Charge): void => {
		const k = chargeKey(c);
		const e = sums.get(k);
		if (e) {
			e.amt = addText(e.amt, c.amount.amount);
			if (c.promotionIds) {
				if (!e.promos) e.promos = [];
				for (const p of c.promotionIds) if (!e.promos.includes(p)) e.promos.push(p);
			}
		} else sums.set(k, { c, amt: c.amount.amount, promos: c.promotionIds ? c.promotionIds.slice() : undefined });
	};
	for (const l of lines) for (const c of l.charges) add(c);
	for (const c of extra) add(c);
	const out: Charge[] = [];
	for (const { c, amt, promos } of sums.values()) {
		const ch: Charge = { type: c.type, amount: { amount: amt, currency: c.amount.currency } };
		if (c.appliesTo) ch.appliesTo = c.appliesTo;
		if (promos && promos.length) ch.promotionIds = promos;
		out.push(ch);
	}
	return out;
}

function isoOrIssue(ctx: Ctx, v: unknown, path: string, required: boolean): string | undefined {
	if (v === undefined || v === null || v === '') {
		if (required) ctx.add(path, 'missing_field', `${path} is required`);
		return undefined;
	}
	if (typeof v !== 'string' || !ISO_DT.test(v)) {
		ctx.add(path, 'invalid_date', `${path} "${String(v)}" is not an ISO 8601 date-time`);
		return undefined;
	}
	return v;
}

function window(ctx: Ctx, raw: unknown, path: string): { earliest?: string; latest?: string } | undefined {
	if (!isRecord(raw)) return undefined;
	const w: { earliest?: string; latest?: string } = {};
	const e = isoOrIssue(ctx, raw.earliestDateTime ?? raw.earliest, path + '.earliestDateTime', false);
	const l = isoOrIssue(ctx, raw.latestDateTime ?? raw.latest, path + '.latestDateTime', false);
	if (e) w.earliest = e;
	if (l) w.latest = l;
	return e || l ? w : undefined;
}

function quantity(ctx: Ctx, v: unknown, path: string, unit: string, required: boolean): { value: string; unit: string } | undefined {
	if (v === undefined || v === null) {
		if (required) ctx.add(path, 'missing_quantity', `${path} is required`);
		return undefined;
	}
	const n = typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : v;
	if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
		ctx.add(path, 'non_integer_quantity', `Quantity "${String(v)}" is not a non-negative integer`);
		return undefined;
	}
	return { value: String(n), unit };
}

function addressTypeOf(v: unknown): Address['addressType'] | undefined {
	if (typeof v !== 'string') return undefined;
	const u = v.toUpperCase();
	return u === 'RESIDENTIAL' || u === 'COMMERCIAL' || u === 'PICKUP_POINT' ? u : undefined;
}

function mapAddress(ctx: Ctx, a: Record<string, unknown>, path: string, v0: boolean): Address | undefined {
	const g = (k26: string, k0: string): string | undefined => nonEmpty(v0 ? a[k0] : a[k26]);
	const country = g('countryCode', 'CountryCode');
	if (!country || !/^[A-Za-z]{2}$/.test(country)) {
		ctx.add(path + (v0 ? '.CountryCode' : '.countryCode'), 'invalid_country', `Country code "${String(country)}" is not ISO 3166-1 alpha-2`);
		return undefined;
	}
	const lines: string[] = [];
	for (const [k26, k0] of [
		['addressLine1', 'AddressLine1'],
		['addressLine2', 'AddressLine2'],
		['addressLine3', 'AddressLine3'],
	]) {
		const l = g(k26, k0);
		if (l) lines.push(l);
	}
	const out: Address = { lines, countryCode: country.toUpperCase() };
	const name = g('name', 'Name');
	if (name) out.name = name;
	const company = g('companyName', 'CompanyName');
	if (company) out.companyName = company;
	const city = g('city', 'City');
	if (city) out.city = city;
	const district = v0 ? nonEmpty(a.District) ?? nonEmpty(a.County) : nonEmpty(a.districtOrCounty);
	if (district) out.district = district;
	const state = g('stateOrRegion', 'StateOrRegion');
	if (state) out.stateOrRegion = state;
	const postal = g('postalCode', 'PostalCode');
	if (postal) out.postalCode = postal;
	const phone = g('phone', 'Phone');
	if (phone) out.phone = phone;
	const at = addressTypeOf(v0 ? a.AddressType : a.addressType);
	if (at) out.addressType = at;
	return out;
}

function finish(ctx: Ctx, order: Order, options: AmazonOrderOptions): Result<Order> {
	const need = options.requireAddressForStatuses ?? DEFAULT_ADDRESS_STATUSES;
	if (order.fulfillmentChannel === 'MERCHANT' && !order.shipTo && need.includes(order.status)) {
		ctx.add(
			'recipient.deliveryAddress',
			'missing_address',
			`Merchant-fulfilled order in status ${order.status} has no delivery address (request includedData=RECIPIENT / getOrderAddress)`,
		);
	}
	if (order.lines.length === 0) ctx.add('orderItems', 'no_lines', 'Order has no order items');
	if (!order.currency && options.defaultCurrency) order.currency = options.defaultCurrency;
	if (!order.currency) ctx.add('', 'unknown_currency', 'No currency found on the order (no prices returned)');
	return ctx.issues.length ? fail(ctx.issues) : ok(order);
}

// ------------------------------------------------------------------------------------------------
// Orders API 2026-01-01

const BREAKDOWN_TYPE: Record<string, ChargeTypeName> = {
	SHIPPING: 'SHIPPING',
	GIFT_WRAP: 'GIFT_WRAP',
	COD_FEE: 'COD',
	OTHER: 'OTHER',
	DELIVERY_TIP: 'DELIVERY_TIP',
};
const APPLIES: Record<string, Charge['appliesTo']> = {
	ITEM: 'ITEM',
	SHIPPING: 'SHIPPING',
	GIFT_WRAP: 'GIFT_WRAP',
	COD_FEE: 'COD',
	DISCOUNT: 'DISCOUNT',
	OTHER: 'OTHER',
};

/**
 * Whether the item's amounts include its TAX, read from Amazon's own figures: the proceeds total equals the other
 * breakdowns (tax inside them: EU/UK prices) or the other breakdowns plus the tax (tax on top: US). Undefined when
 * there is no total, no tax, or neither sum matches.
 */
function taxIncluded(ctx: Ctx, proceeds: unknown, bds: unknown[], p: string): boolean | undefined {
	if (!isRecord(proceeds) || !isRecord(proceeds.proceedsTotal)) return undefined;
	const total = ctx.money(proceeds.proceedsTotal, p + '.proceeds.proceedsTotal');
	if (!total) return undefined;
	let other = '0';
	let tax = '0';
	for (const b of bds) {
		if (!isRecord(b) || !isRecord(b.subtotal)) continue;
		const a = decimalText(b.subtotal.amount ?? b.subtotal.Amount);
		if (a === null) continue;
		if (b.type === 'TAX') tax = addText(tax, a);
		else other = addText(other, a);
	}
	if (isZeroText(tax)) return undefined;
	const t = parseDec(total.amt) as Dec;
	if (decCmp(t, parseDec(other) as Dec) === 0) return true;
	if (decCmp(t, parseDec(addText(other, tax)) as Dec) === 0) return false;
	return undefined;
}

/** Item tax data (includedData=TAX): who collects the tax, and the EU scheme Amazon reported. */
function itemTax(line: OrderLine, tax: unknown): void {
	if (!isRecord(tax)) return;
	if (Array.isArray(tax.taxCollections)) {
		for (const c of tax.taxCollections) {
			if (!isRecord(c) || typeof c.model !== 'string') continue;
			line.taxCollection = { model: c.model };
			if (typeof c.responsibleParty === 'string') line.taxCollection.responsibleParty = c.responsibleParty;
			break;
		}
	}
	if (Array.isArray(tax.taxCalculationBreakdowns)) {
		const b = tax.taxCalculationBreakdowns.find((x) => isRecord(x) && typeof x.reportingScheme === 'string');
		if (isRecord(b)) line.taxReportingScheme = String(b.reportingScheme);
	}
}

function map2026(input: Record<string, unknown>, options: AmazonOrderOptions): Result<Order> {
	const o = isRecord(input.order) ? input.order : input;
	const ctx = new Ctx();
	const unit = options.unit ?? 'EA';
	const orderId = nonEmpty(o.orderId);
	if (!orderId) ctx.add('orderId', 'missing_field', 'orderId is required');
	const sc = isRecord(o.salesChannel) ? o.salesChannel : {};
	const ful = isRecord(o.fulfillment) ? o.fulfillment : undefined;
	let status: OrderStatusName = 'PENDING';
	if (!ful) ctx.add('fulfillment', 'missing_fulfillment', 'fulfillment is missing: call getOrder with includedData=FULFILLMENT');
	else {
		const st = normalizeAmazonStatus(ful.fulfillmentStatus);
		if (!st) ctx.add('fulfillment.fulfillmentStatus', 'unknown_status', `Unknown fulfillment status "${String(ful.fulfillmentStatus)}"`);
		else status = st;
	}
	const fulfilledBy = ful && ful.fulfilledBy === 'AMAZON' ? 'AMAZON' : 'MERCHANT';
	const programs = Array.isArray(o.programs) ? (o.programs.filter((p) => typeof p === 'string') as string[]) : [];

	// grand total first: it fixes the order currency
	const gt = isRecord(o.proceeds) ? ctx.money(o.proceeds.grandTotal, 'proceeds.grandTotal') : undefined;

	const rawItems = Array.isArray(o.orderItems) ? o.orderItems : [];
	if (!Array.isArray(o.orderItems)) ctx.add('orderItems', 'missing_field', 'orderItems is required');
	const lines: OrderLine[] = [];
	for (let i = 0; i < rawItems.length; i++) {
		const it = rawItems[i];
		const p = `orderItems[${i}]`;
		if (!isRecord(it)) {
			ctx.add(p, 'invalid_item', 'order item is not an object');
			continue;
		}
		const id = nonEmpty(it.orderItemId);
		if (!id) ctx.add(p + '.orderItemId', 'missing_field', 'orderItemId is required');
		const q = quantity(ctx, it.quantityOrdered, p + '.quantityOrdered', unit, true);
		const prod = isRecord(it.product) ? it.product : {};
		const line: OrderLine = {
			lineId: id ?? '',
			source: { system: 'amazon', id: id ?? '' },
			quantity: q ?? { value: '0', unit },
			charges: [],
		};
		const sku = nonEmpty(prod.sellerSku);
		if (sku) line.sku = sku;
		const asin = nonEmpty(prod.asin);
		if (asin) line.asin = asin;
		const title = nonEmpty(prod.title);
		if (title) line.title = title;
		if (isRecord(prod.condition) && typeof prod.condition.conditionType === 'string') line.condition = prod.condition.conditionType;
		const price = isRecord(prod.price) ? ctx.money(prod.price.unitPrice, p + '.product.price.unitPrice') : undefined;
		if (price) line.unitPrice = mt(price);
		const itf = isRecord(it.fulfillment) ? it.fulfillment : undefined;
		if (itf && itf.quantityFulfilled !== undefined) {
			const qs = quantity(ctx, itf.quantityFulfilled, p + '.fulfillment.quantityFulfilled', unit, false);
			if (qs) line.quantityShipped = qs;
		}
		const packing = itf && isRecord(itf.packing) ? itf.packing : undefined;
		if (packing && isRecord(packing.giftOption)) {
			const g: { message?: string; wrapLevel?: string } = {};
			const msg = nonEmpty(packing.giftOption.giftMessage);
			const lvl = nonEmpty(packing.giftOption.giftWrapLevel);
			if (msg) g.message = msg;
			if (lvl) g.wrapLevel = lvl;
			if (msg || lvl) line.gift = g;
		}
		const promoIds: string[] = [];
		if (isRecord(it.promotion) && Array.isArray(it.promotion.breakdowns)) {
			for (const b of it.promotion.breakdowns) if (isRecord(b) && typeof b.promotionId === 'string') promoIds.push(b.promotionId);
		}
		if (promoIds.length) line.promotionIds = promoIds;
		if (isRecord(it.cancellation) && isRecord(it.cancellation.cancellationExecution)) line.cancelled = true;
		itemTax(line, it.tax);

		const bds = isRecord(it.proceeds) && Array.isArray(it.proceeds.breakdowns) ? it.proceeds.breakdowns : [];
		const included = taxIncluded(ctx, it.proceeds, bds, p);
		if (included !== undefined) line.taxIncluded = included;
		for (let j = 0; j < bds.length; j++) {
			const b = bds[j];
			const bp = `${p}.proceeds.breakdowns[${j}]`;
			if (!isRecord(b)) continue;
			const type = String(b.type);
			const sub = ctx.money(b.subtotal, bp + '.subtotal');
			if (!sub) continue;
			if (type === 'ITEM') {
				line.lineAmount = mt(sub);
				continue;
			}
			const details = Array.isArray(b.detailedBreakdowns) ? b.detailedBreakdowns.filter(isRecord) : [];
			if (type === 'TAX' || type === 'DISCOUNT') {
				const parts: Array<{ sub?: string; amt: string; currency: string }> = [];
				if (details.length) {
					for (let k = 0; k < details.length; k++) {
						const dm = ctx.money(details[k].value, `${bp}.detailedBreakdowns[${k}].value`);
						if (dm) parts.push({ sub: String(details[k].subtype), amt: dm.amt, currency: dm.currency });
					}
				} else parts.push({ sub: 'ITEM', amt: sub.amt, currency: sub.currency });
				for (const part of parts) {
					if (isZeroText(part.amt)) continue;
					if (type === 'TAX') {
						line.charges.push({ type: 'TAX', amount: { amount: part.amt, currency: part.currency }, appliesTo: APPLIES[part.sub ?? 'ITEM'] ?? 'OTHER' });
					} else {
						const neg = negAbsText(part.amt);
						const ctype: ChargeTypeName = part.sub === 'SHIPPING' ? 'SHIPPING_DISCOUNT' : part.sub === 'COD_FEE' ? 'COD_DISCOUNT' : 'PROMOTION';
						const ch: Charge = { type: ctype, amount: { amount: neg, currency: part.currency }, appliesTo: APPLIES[part.sub ?? 'ITEM'] ?? 'OTHER' };
						if (promoIds.length) ch.promotionIds = promoIds;
						line.charges.push(ch);
					}
				}
				continue;
			}
			if (isZeroText(sub.amt)) continue;
			line.charges.push({ type: BREAKDOWN_TYPE[type] ?? 'OTHER', amount: mt(sub) });
		}
		if (!line.unitPrice && line.lineAmount && q && q.value !== '0') {
			const cur = line.lineAmount.currency;
			const d = decDiv(parseDec(line.lineAmount.amount) as Dec, parseDec(q.value) as Dec, 6);
			if (d && d.exact) line.unitPrice = m(decRound(d.value, Math.max(d.value.s, currencyScale(cur) ?? 2)), cur);
			else ctx.add(p + '.product.price.unitPrice', 'inexact_unit_price', 'Unit price missing and item subtotal / quantity is not exact');
		}
		lines.push(line);
	}

	// order-level breakdowns not attributed to items (DELIVERY_TIP)
	const extra: Charge[] = [];
	if (isRecord(o.proceeds) && Array.isArray(o.proceeds.breakdowns)) {
		o.proceeds.breakdowns.forEach((b, j) => {
			if (isRecord(b) && b.type === 'DELIVERY_TIP') {
				const mm = ctx.money(b.subtotal, `proceeds.breakdowns[${j}].subtotal`);
				if (mm && !isZeroText(mm.amt)) extra.push({ type: 'DELIVERY_TIP', amount: mt(mm) });
			}
		});
	}

	const order: Order = {
		canonicalVersion: CANONICAL_VERSION,
		kind: 'Order',
		source: { system: 'amazon', id: orderId ?? '' },
		aliases: [],
		status,
		fulfillmentChannel: fulfilledBy,
		programs,
		isBusinessOrder: programs.includes('AMAZON_BUSINESS'),
		isPrime: programs.includes('PRIME'),
		orderDate: isoOrIssue(ctx, o.createdTime, 'createdTime', true) ?? '',
		currency: ctx.currency ?? '',
		shipTo: null,
		lines,
		charges: aggregateCharges(lines, extra),
		totals: {},
	};
	if (Array.isArray(o.orderAliases)) {
		for (const a of o.orderAliases) if (isRecord(a) && typeof a.aliasId === 'string') order.aliases.push({ type: String(a.aliasType ?? ''), id: a.aliasId });
	}
	const mk = nonEmpty(sc.marketplaceId);
	if (mk) order.marketplaceId = mk;
	const cn = nonEmpty(sc.marketplaceName) ?? nonEmpty(sc.channelName);
	if (cn) order.salesChannel = cn;
	if (ful && typeof ful.fulfillmentServiceLevel === 'string') order.serviceLevel = ful.fulfillmentServiceLevel;
	const lu = isoOrIssue(ctx, o.lastUpdatedTime, 'lastUpdatedTime', false);
	if (lu) order.lastUpdated = lu;
	if (gt) order.totals.grandTotal = mt(gt);
	if (ful) {
		const sb = window(ctx, ful.shipByWindow, 'fulfillment.shipByWindow');
		if (sb) order.shipBy = sb;
		const db = window(ctx, ful.deliverByWindow, 'fulfillment.deliverByWindow');
		if (db) order.deliverBy = db;
	}
	const rec = isRecord(o.recipient) ? o.recipient : undefined;
	if (rec && isRecord(rec.deliveryAddress)) {
		const a = mapAddress(ctx, rec.deliveryAddress, 'recipient.deliveryAddress', false);
		if (a) order.shipTo = a;
	}
	if (isRecord(o.buyer) || isRecord(o.tax)) {
		const b = isRecord(o.buyer) ? o.buyer : {};
		const party: Party = { role: 'buyer' };
		const n = nonEmpty(b.buyerName);
		if (n) party.name = n;
		const e = nonEmpty(b.buyerEmail);
		if (e) party.email = e;
		const c = nonEmpty(b.buyerCompanyName);
		if (c) party.companyName = c;
		const po = nonEmpty(b.buyerPurchaseOrderNumber);
		if (po) party.purchaseOrderNumber = po;
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
		if (Object.keys(party).length > 1) order.buyer = party;
	}
	if (Array.isArray(o.packages)) {
		const pk: Package[] = [];
		o.packages.forEach((raw, i) => {
			if (!isRecord(raw)) return;
			const ref = nonEmpty(raw.packageReferenceId);
			if (!ref || !/^[1-9]\d*$/.test(ref)) return;
			const pkg: Package = { packageReferenceId: ref, lines: [] };
			const tn = nonEmpty(raw.trackingNumber);
			if (tn) pkg.trackingNumber = tn;
			if (Array.isArray(raw.packageItems)) {
				raw.packageItems.forEach((pi, j) => {
					if (!isRecord(pi) || typeof pi.orderItemId !== 'string') return;
					const qq = quantity(ctx, pi.quantity, `packages[${i}].packageItems[${j}].quantity`, unit, true);
					if (qq) pkg.lines.push({ orderItemId: pi.orderItemId, quantity: qq });
				});
			}
			pk.push(pkg);
		});
		if (pk.length) order.packages = pk;
	}
	return finish(ctx, order, options);
}

// ------------------------------------------------------------------------------------------------
// Orders API v0 (deprecated reads, still seen in existing workflows)

function unwrapPayload(v: unknown): unknown {
	return isRecord(v) && isRecord(v.payload) ? v.payload : v;
}

function mapV0(input: Record<string, unknown>, options: AmazonOrderOptions): Result<Order> {
	const ctx = new Ctx();
	const unit = options.unit ?? 'EA';
	const o = unwrapPayload(isRecord(input.order) ? input.order : input) as Record<string, unknown>;
	let items: unknown = input.orderItems ?? input.OrderItems ?? o.OrderItems;
	items = unwrapPayload(items);
	if (isRecord(items) && Array.isArray(items.OrderItems)) items = items.OrderItems;
	const rawItems = Array.isArray(items) ? items : [];
	if (!Array.isArray(items)) ctx.add('orderItems', 'missing_field', 'v0 orders need their OrderItems (getOrderItems) in `orderItems`');

	const orderId = nonEmpty(o.AmazonOrderId);
	const status = normalizeAmazonStatus(o.OrderStatus);
	if (!status) ctx.add('OrderStatus', 'unknown_status', `Unknown order status "${String(o.OrderStatus)}"`);
	const total = ctx.money(o.OrderTotal, 'OrderTotal');

	const lines: OrderLine[] = [];
	const moneyCharge = (line: OrderLine, raw: unknown, path: string, type: ChargeTypeName, appliesTo?: Charge['appliesTo'], negate = false): void => {
		const mm = ctx.money(raw, path);
		if (!mm || isZeroText(mm.amt)) return;
		const c: Charge = { type, amount: { amount: negate ? negAbsText(mm.amt) : mm.amt, currency: mm.currency } };
		if (appliesTo) c.appliesTo = appliesTo;
		if ((type === 'PROMOTION' || type === 'SHIPPING_DISCOUNT') && line.promotionIds) c.promotionIds = line.promotionIds;
		line.charges.push(c);
	};
	for (let i = 0; i < rawItems.length; i++) {
		const it = rawItems[i];
		const p = `orderItems[${i}]`;
		if (!isRecord(it)) {
			ctx.add(p, 'invalid_item', 'order item is not an object');
			continue;
		}
		const id = nonEmpty(it.OrderItemId);
		if (!id) ctx.add(p + '.OrderItemId', 'missing_field', 'OrderItemId is required');
		const q = quantity(ctx, it.QuantityOrdered, p + '.QuantityOrdered', unit, true);
		const line: OrderLine = {
			lineId: id ?? '',
			source: { system: 'amazon', id: id ?? '' },
			quantity: q ?? { value: '0', unit },
			charges: [],
		};
		const sku = nonEmpty(it.SellerSKU);
		if (sku) line.sku = sku;
		const asin = nonEmpty(it.ASIN);
		if (asin) line.asin = asin;
		const title = nonEmpty(it.Title);
		if (title) line.title = title;
		const cond = nonEmpty(it.ConditionId);
		if (cond) line.condition = cond;
		if (it.QuantityShipped !== undefined) {
			const qs = quantity(ctx, it.QuantityShipped, p + '.QuantityShipped', unit, false);
			if (qs) line.quantityShipped = qs;
		}
		if (Array.isArray(it.PromotionIds)) {
			const ids = it.PromotionIds.filter((x) => typeof x === 'string') as string[];
			if (ids.length) line.promotionIds = ids;
		}
		const ip = ctx.money(it.ItemPrice, p + '.ItemPrice');
		if (ip) {
			line.lineAmount = mt(ip);
			if (q && q.value !== '0') {
				const d = decDiv(parseDec(ip.amt) as Dec, parseDec(q.value) as Dec, 6);
				if (d && d.exact) line.unitPrice = m(decRound(d.value, Math.max(d.value.s, currencyScale(ip.currency) ?? 2)), ip.currency);
				else ctx.add(p + '.ItemPrice', 'inexact_unit_price', `ItemPrice ${ip.amt} is not divisible by quantity ${q.value}`);
			}
		}
		moneyCharge(line, it.ShippingPrice, p + '.ShippingPrice', 'SHIPPING');
		moneyCharge(line, it.ItemTax, p + '.ItemTax', 'TAX', 'ITEM');
		moneyCharge(line, it.ShippingTax, p + '.ShippingTax', 'TAX', 'SHIPPING');
		moneyCharge(line, it.ShippingDiscount, p + '.ShippingDiscount', 'SHIPPING_DISCOUNT', 'SHIPPING', true);
		moneyCharge(line, it.ShippingDiscountTax, p + '.ShippingDiscountTax', 'TAX', 'SHIPPING', true);
		moneyCharge(line, it.PromotionDiscount, p + '.PromotionDiscount', 'PROMOTION', 'ITEM', true);
		moneyCharge(line, it.PromotionDiscountTax, p + '.PromotionDiscountTax', 'TAX', 'DISCOUNT', true);
		moneyCharge(line, it.CODFee, p + '.CODFee', 'COD');
		moneyCharge(line, it.CODFeeDiscount, p + '.CODFeeDiscount', 'COD_DISCOUNT', 'COD', true);
		const bi = isRecord(it.BuyerInfo) ? it.BuyerInfo : it;
		moneyCharge(line, bi.GiftWrapPrice, p + '.BuyerInfo.GiftWrapPrice', 'GIFT_WRAP');
		moneyCharge(line, bi.GiftWrapTax, p + '.BuyerInfo.GiftWrapTax', 'TAX', 'GIFT_WRAP');
		const gm = nonEmpty(bi.GiftMessageText);
		const gl = nonEmpty(bi.GiftWrapLevel);
		if (gm || gl) {
			line.gift = {};
			if (gm) line.gift.message = gm;
			if (gl) line.gift.wrapLevel = gl;
		}
		if (isRecord(it.BuyerRequestedCancel) && String(it.BuyerRequestedCancel.IsBuyerRequestedCancel) === 'true' && status === 'CANCELLED') line.cancelled = true;
		if (isRecord(it.TaxCollection) && typeof it.TaxCollection.Model === 'string') {
			// v0 says "MarketplaceFacilitator"; the canonical model uses the 2026 spelling
			const model = it.TaxCollection.Model === 'MarketplaceFacilitator' ? 'MARKETPLACE_FACILITATOR' : it.TaxCollection.Model;
			line.taxCollection = { model };
			if (typeof it.TaxCollection.ResponsibleParty === 'string') line.taxCollection.responsibleParty = it.TaxCollection.ResponsibleParty;
		}
		lines.push(line);
	}

	const fc = o.FulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT';
	const programs: string[] = [];
	if (o.IsBusinessOrder === true) programs.push('AMAZON_BUSINESS');
	if (o.IsPrime === true) programs.push('PRIME');
	if (o.IsPremiumOrder === true) programs.push('PREMIUM');
	if (o.OrderType === 'Preorder') programs.push('PREORDER');
	if (o.IsISPU === true) programs.push('IN_STORE_PICK_UP');

	const order: Order = {
		canonicalVersion: CANONICAL_VERSION,
		kind: 'Order',
		source: { system: 'amazon', id: orderId ?? '' },
		aliases: [],
		status: status ?? 'PENDING',
		fulfillmentChannel: fc,
		programs,
		isBusinessOrder: o.IsBusinessOrder === true,
		isPrime: o.IsPrime === true,
		orderDate: isoOrIssue(ctx, o.PurchaseDate, 'PurchaseDate', true) ?? '',
		currency: ctx.currency ?? '',
		shipTo: null,
		lines,
		charges: aggregateCharges(lines, []),
		totals: {},
	};
	if (!orderId) ctx.add('AmazonOrderId', 'missing_field', 'AmazonOrderId is required');
	const so = nonEmpty(o.SellerOrderId);
	if (so && so !== orderId) order.aliases.push({ type: 'SELLER_ORDER_ID', id: so });
	const mk = nonEmpty(o.MarketplaceId);
	if (mk) order.marketplaceId = mk;
	const sc = nonEmpty(o.SalesChannel);
	if (sc) order.salesChannel = sc;
	const sl = nonEmpty(o.ShipmentServiceLevelCategory);
	if (sl) order.serviceLevel = sl.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
	const lu = isoOrIssue(ctx, o.LastUpdateDate, 'LastUpdateDate', false);
	if (lu) order.lastUpdated = lu;
	if (total) order.totals.grandTotal = mt(total);
	const es = isoOrIssue(ctx, o.EarliestShipDate, 'EarliestShipDate', false);
	const ls = isoOrIssue(ctx, o.LatestShipDate, 'LatestShipDate', false);
	if (es || ls) order.shipBy = { ...(es ? { earliest: es } : {}), ...(ls ? { latest: ls } : {}) };
	const ed = isoOrIssue(ctx, o.EarliestDeliveryDate, 'EarliestDeliveryDate', false);
	const ld = isoOrIssue(ctx, o.LatestDeliveryDate, 'LatestDeliveryDate', false);
	if (ed || ld) order.deliverBy = { ...(ed ? { earliest: ed } : {}), ...(ld ? { latest: ld } : {}) };

	let addr: unknown = input.address ?? o.ShippingAddress;
	addr = unwrapPayload(addr);
	if (isRecord(addr) && isRecord(addr.ShippingAddress)) addr = addr.ShippingAddress;
	if (isRecord(addr)) {
		const a = mapAddress(ctx, addr, 'ShippingAddress', true);
		if (a) order.shipTo = a;
	}
	let bi: unknown = input.buyerInfo ?? o.BuyerInfo;
	bi = unwrapPayload(bi);
	if (isRecord(bi)) {
		const party: Party = { role: 'buyer' };
		const n = nonEmpty(bi.BuyerName);
		if (n) party.name = n;
		const e = nonEmpty(bi.BuyerEmail);
		if (e) party.email = e;
		const po = nonEmpty(bi.PurchaseOrderNumber);
		if (po) party.purchaseOrderNumber = po;
		if (isRecord(bi.BuyerTaxInfo)) {
			const c = nonEmpty(bi.BuyerTaxInfo.CompanyLegalName);
			if (c) party.companyName = c;
			if (Array.isArray(bi.BuyerTaxInfo.TaxClassifications)) {
				const regs = bi.BuyerTaxInfo.TaxClassifications.filter((t) => isRecord(t) && typeof t.Value === 'string').map((t) => {
					const r = t as Record<string, unknown>;
					return { type: String(r.Name ?? ''), number: String(r.Value) };
				});
				if (regs.length) party.taxRegistrations = regs;
			}
		}
		if (Object.keys(party).length > 1) order.buyer = party;
	}
	return finish(ctx, order, options);
}
