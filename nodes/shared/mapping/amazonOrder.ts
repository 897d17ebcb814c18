/**
 * (1) Amazon order -> canonical Order.
 * Accepts Orders API 2026-01-01 `Order` (getOrder response `{order}` or the bare order, any includedData) and the
 * legacy v0 shapes: `{ order: <v0 Order | getOrder response>, orderItems: <OrderItem[] | getOrderItems response>,
 * address?: <getOrderAddress response | Address>, buyerInfo?: <getOrderBuyerInfo response> }`, or a bare v0 Order with
 * `OrderItems` merged into it.
 * A reader per version (amazonOrderReaders.ts) finds the values; the one mapping below applies every rule to both.
 */
import {
	CANONICAL_VERSION,
	type Address,
	type Charge,
	type Money,
	type Order,
	type OrderLine,
	type OrderStatusName,
	type Package,
} from '../canonical/schemas';
import { addText, decCmp, decDiv, decimalText, decRound, decToString, isZeroText, negAbsText, parseDec, type Dec } from '../canonical/decimal';
import { currencyScale } from '../canonical/currency';
import { addressTypeOf, type AddressView, type ChargeField, type Field, type LineView, type MoneyField, type OrderView, type TaxInclusion } from './amazonOrderView';
import { normalizeAmazonStatus, read2026, readV0 } from './amazonOrderReaders';
import { fail, isRecord, issue, nonEmpty, ok, type Issue, type Result } from './result';

export { normalizeAmazonStatus };

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
	if (v === '2026-01-01') return toCanonical(read2026(input as Record<string, unknown>), options);
	if (v === 'v0') return toCanonical(readV0(input as Record<string, unknown>), options);
	return fail([issue('', 'unrecognized_order', 'Input is neither an Orders 2026-01-01 Order (orderId, orderItems) nor a v0 Order (AmazonOrderId)')]);
}

// ------------------------------------------------------------------------------------------------
// the rules, once for both versions

type Amount = { amt: string; currency: string };

class Ctx {
	issues: Issue[];
	currency: string | undefined;
	private parsed = new Map<MoneyField, Amount | undefined>();
	constructor(issues: Issue[]) {
		this.issues = [...issues];
	}
	add(path: string, code: string, message: string): void {
		this.issues.push({ path, code, message });
	}
	/** Validates a money value (2026 {amount,currencyCode} or v0 {Amount,CurrencyCode}) once; undefined if absent or wrong. */
	money(field: MoneyField): Amount | undefined {
		if (this.parsed.has(field)) return this.parsed.get(field);
		const r = this.parseMoney(field.v, field.path);
		this.parsed.set(field, r);
		return r;
	}
	private parseMoney(raw: unknown, path: string): Amount | undefined {
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
	/** An ISO 8601 date-time, or an issue. */
	date(field: Field, required: boolean): string | undefined {
		const { v, path } = field;
		if (v === undefined || v === null || v === '') {
			if (required) this.add(path, 'missing_field', `${path} is required`);
			return undefined;
		}
		if (typeof v !== 'string' || !ISO_DT.test(v)) {
			this.add(path, 'invalid_date', `${path} "${String(v)}" is not an ISO 8601 date-time`);
			return undefined;
		}
		return v;
	}
	/** A non-negative whole quantity, or an issue. */
	quantity(field: Field, unit: string, required: boolean): { value: string; unit: string } | undefined {
		const { v, path } = field;
		if (v === undefined || v === null) {
			if (required) this.add(path, 'missing_quantity', `${path} is required`);
			return undefined;
		}
		const n = typeof v === 'string' ? (v.trim() === '' ? NaN : Number(v)) : v;
		if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
			this.add(path, 'non_integer_quantity', `Quantity "${String(v)}" is not a non-negative integer`);
			return undefined;
		}
		return { value: String(n), unit };
	}
	/** A required identifier, or an issue naming the field. */
	id(value: unknown, path: string): string | undefined {
		const s = nonEmpty(value);
		if (!s) this.add(path, 'missing_field', `${path.slice(path.lastIndexOf('.') + 1)} is required`);
		return s;
	}
}

const money = (x: Amount): Money => ({ amount: x.amt, currency: x.currency });

function chargeKey(c: Charge): string {
	return c.appliesTo ? c.type + '|' + c.appliesTo : c.type;
}

/** The order's charges: the lines' and the order's own, summed per type and what they apply to. */
function aggregateCharges(lines: OrderLine[], extra: Charge[]): Charge[] {
	const sums = new Map<string, { c: Charge; amt: string; promos: string[] | undefined }>();
	for (const c of [...lines.flatMap((l) => l.charges), ...extra]) {
		const e = sums.get(chargeKey(c));
		if (!e) {
			sums.set(chargeKey(c), { c, amt: c.amount.amount, promos: c.promotionIds ? c.promotionIds.slice() : undefined });
			continue;
		}
		e.amt = addText(e.amt, c.amount.amount);
		for (const p of c.promotionIds ?? []) if (!(e.promos ??= []).includes(p)) e.promos.push(p);
	}
	return [...sums.values()].map(({ c, amt, promos }) => {
		const ch: Charge = { type: c.type, amount: { amount: amt, currency: c.amount.currency } };
		if (c.appliesTo) ch.appliesTo = c.appliesTo;
		if (promos && promos.length) ch.promotionIds = promos;
		return ch;
	});
}

/**
 * Whether the item's amounts include its TAX, read from Amazon's own figures: the proceeds total equals the other
 * breakdowns (tax inside them: EU/UK prices) or the other breakdowns plus the tax (tax on top: US). Undefined when
 * there is no total, no tax, or neither sum matches.
 */
function taxIncluded(ctx: Ctx, t: TaxInclusion): boolean | undefined {
	const total = ctx.money(t.total);
	if (!total) return undefined;
	let other = '0';
	let tax = '0';
	for (const part of t.parts) {
		const a = decimalText(part.amount);
		if (a === null) continue;
		if (part.tax) tax = addText(tax, a);
		else other = addText(other, a);
	}
	if (isZeroText(tax)) return undefined;
	const sum = parseDec(total.amt) as Dec;
	if (decCmp(sum, parseDec(other) as Dec) === 0) return true;
	if (decCmp(sum, parseDec(addText(other, tax)) as Dec) === 0) return false;
	return undefined;
}

/** One charge of a line or order, or undefined (absent, invalid, zero where zero means none, its breakdown invalid). */
function charge(ctx: Ctx, f: ChargeField, promotionIds: string[] | undefined): Charge | undefined {
	if (f.gate && !ctx.money(f.gate)) return undefined;
	const a = ctx.money(f);
	if (!a || (f.skipZero && isZeroText(a.amt)) || f.type === 'LINE') return undefined;
	const c: Charge = { type: f.type, amount: { amount: f.negate ? negAbsText(a.amt) : a.amt, currency: a.currency } };
	if (f.appliesTo) c.appliesTo = f.appliesTo;
	if (f.promotions && promotionIds) c.promotionIds = promotionIds;
	return c;
}

function mapLine(ctx: Ctx, v: LineView, unit: string): OrderLine {
	const id = ctx.id(v.id.v, v.id.path);
	const q = ctx.quantity(v.quantity, unit, true);
	const line: OrderLine = { lineId: id ?? '', source: { system: 'amazon', id: id ?? '' }, quantity: q ?? { value: '0', unit }, charges: [] };
	for (const k of ['sku', 'asin', 'title', 'condition'] as const) if (v[k]) line[k] = v[k];
	const price = v.unitPrice && ctx.money(v.unitPrice);
	if (price) line.unitPrice = money(price);
	if (v.quantityShipped) {
		const qs = ctx.quantity(v.quantityShipped, unit, false);
		if (qs) line.quantityShipped = qs;
	}
	if (v.gift) line.gift = v.gift;
	if (v.promotionIds.length) line.promotionIds = v.promotionIds;
	if (v.cancelled) line.cancelled = true;
	if (v.taxCollection) line.taxCollection = v.taxCollection;
	if (v.taxReportingScheme) line.taxReportingScheme = v.taxReportingScheme;
	const included = v.taxInclusion && taxIncluded(ctx, v.taxInclusion);
	if (included !== undefined) line.taxIncluded = included;
	for (const f of v.charges) {
		if (f.type === 'LINE') {
			const a = (!f.gate || ctx.money(f.gate)) && ctx.money(f);
			if (a) line.lineAmount = money(a);
			continue;
		}
		const c = charge(ctx, f, line.promotionIds);
		if (c) line.charges.push(c);
	}
	// no unit price from Amazon: the item amount / quantity, when that is exact
	if (!line.unitPrice && line.lineAmount && q && q.value !== '0') {
		const cur = line.lineAmount.currency;
		const d = decDiv(parseDec(line.lineAmount.amount) as Dec, parseDec(q.value) as Dec, 6);
		if (d && d.exact) line.unitPrice = { amount: decToString(decRound(d.value, Math.max(d.value.s, currencyScale(cur) ?? 2))), currency: cur };
		else ctx.add(v.derivedPrice.path, 'inexact_unit_price', `Unit price missing and ${v.derivedPrice.label} ${line.lineAmount.amount} / quantity ${q.value} is not exact`);
	}
	return line;
}

function mapAddress(ctx: Ctx, a: AddressView): Address | undefined {
	const g = (k: string): string | undefined => nonEmpty(a.values[k]);
	const country = g('countryCode');
	if (!country || !/^[A-Za-z]{2}$/.test(country)) {
		ctx.add(a.countryPath, 'invalid_country', `Country code "${String(country)}" is not ISO 3166-1 alpha-2`);
		return undefined;
	}
	const out: Address = { lines: a.lines.map(nonEmpty).filter((l): l is string => l !== undefined), countryCode: country.toUpperCase() };
	for (const k of ['name', 'companyName', 'city', 'district', 'stateOrRegion', 'postalCode', 'phone'] as const) {
		const s = g(k);
		if (s) out[k] = s;
	}
	const at = addressTypeOf(a.values.addressType);
	if (at) out.addressType = at;
	return out;
}

function mapWindow(ctx: Ctx, w: { earliest: Field; latest: Field } | undefined): { earliest?: string; latest?: string } | undefined {
	if (!w) return undefined;
	const e = ctx.date(w.earliest, false);
	const l = ctx.date(w.latest, false);
	return e || l ? { ...(e ? { earliest: e } : {}), ...(l ? { latest: l } : {}) } : undefined;
}

function toCanonical(v: OrderView, options: AmazonOrderOptions): Result<Order> {
	const ctx = new Ctx(v.issues);
	const unit = options.unit ?? 'EA';
	if (!v.id) ctx.add(v.idPath, 'missing_field', `${v.idPath} is required`);
	// the order total first: it fixes the order currency
	const gt = v.grandTotal && ctx.money(v.grandTotal);
	const lines = v.lines.map((l) => mapLine(ctx, l, unit));
	const extra = v.orderCharges.map((f) => charge(ctx, f, undefined)).filter((c): c is Charge => c !== undefined);
	const order: Order = {
		canonicalVersion: CANONICAL_VERSION,
		kind: 'Order',
		source: { system: 'amazon', id: v.id ?? '' },
		aliases: v.aliases,
		status: v.status,
		fulfillmentChannel: v.fulfillmentChannel,
		programs: v.programs,
		isBusinessOrder: v.programs.includes('AMAZON_BUSINESS'),
		isPrime: v.programs.includes('PRIME'),
		orderDate: ctx.date(v.orderDate, true) ?? '',
		currency: ctx.currency ?? '',
		shipTo: null,
		lines,
		charges: aggregateCharges(lines, extra),
		totals: {},
	};
	if (v.marketplaceId) order.marketplaceId = v.marketplaceId;
	if (v.salesChannel) order.salesChannel = v.salesChannel;
	if (v.serviceLevel) order.serviceLevel = v.serviceLevel;
	const lu = ctx.date(v.lastUpdated, false);
	if (lu) order.lastUpdated = lu;
	if (gt) order.totals.grandTotal = money(gt);
	const sb = mapWindow(ctx, v.shipBy);
	if (sb) order.shipBy = sb;
	const db = mapWindow(ctx, v.deliverBy);
	if (db) order.deliverBy = db;
	const shipTo = v.shipTo && mapAddress(ctx, v.shipTo);
	if (shipTo) order.shipTo = shipTo;
	if (v.buyer) order.buyer = v.buyer;
	if (v.packages) {
		const pk: Package[] = v.packages.map((p) => {
			const pkg: Package = { packageReferenceId: p.packageReferenceId, lines: [] };
			if (p.trackingNumber) pkg.trackingNumber = p.trackingNumber;
			for (const l of p.lines) {
				const q = ctx.quantity(l.quantity, unit, true);
				if (q) pkg.lines.push({ orderItemId: l.orderItemId, quantity: q });
			}
			return pkg;
		});
		if (pk.length) order.packages = pk;
	}
	return finish(ctx, order, options);
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
