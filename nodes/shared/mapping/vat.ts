/**
 * VAT and sales tax of a canonical order, as the M3 order must carry it (docs/contracts.md "VAT", docs/guide/accounting.md):
 *  - price mode per marketplace: EU/UK consumer prices include VAT (gross: the net price M3 needs is the item
 *    subtotal minus the TAX Amazon reports on it); elsewhere prices exclude tax (net);
 *  - scheme: MARKETPLACE when Amazon collects and remits the tax (marketplace facilitator / deemed supplier: the
 *    seller invoices without it), REVERSE_CHARGE for an EU business buyer with a VAT id of another EU country than
 *    the one the goods leave and no VAT charged (intra-community supply: the VAT id goes on the M3 order, M3's EU VAT
 *    code applies), else STANDARD at the destination's rate (OSS within the EU);
 *  - the figures M3 will compute (net, VAT at the configured rate once per order) and what the invoice must total
 *    (what the buyer paid, less tax the marketplace collected); a rounding difference between M3's VAT and Amazon's
 *    goes on an explicit 0 % charge.
 * Pure functions over the canonical Order; no M3 call.
 */
import type { Charge, Order, OrderLine } from '../canonical/schemas';
import { decAdd, decDiv, decIsZero, decMul, decRound, decSub, decToString, parseDec, type Dec } from '../canonical/decimal';
import { currencyScale } from '../canonical/currency';
import { issue, type Issue } from './result';

export type PriceMode = 'gross' | 'net';
export type VatScheme = 'STANDARD' | 'REVERSE_CHARGE' | 'MARKETPLACE';

export interface VatOptions {
	/** country the goods leave (the M3 division / shipping warehouse), e.g. "DE"; needed to tell intra-EU supplies */
	sellerCountry?: string;
	/** destination country -> VAT percent of M3's standard VAT code there (mirror of CRS031), e.g. {"DE": "19"} */
	rates?: Record<string, string>;
	/** marketplaceId -> 'gross' (prices include VAT) | 'net'; default: EU and UK marketplaces gross, others net */
	priceMode?: Record<string, PriceMode>;
	/** M3 charge (CRID, 0 % VAT) for the difference between M3's VAT and Amazon's; '' = none (a warning instead) */
	roundingCharge?: string;
	/** decimals of the net unit price sent as SAPR (default 2; what is left over goes on the rounding charge) */
	priceDecimals?: number;
}

/** Marketplaces whose consumer prices include VAT (EU and UK price display rules). */
export const TAX_INCLUSIVE_MARKETPLACES: Readonly<Record<string, string>> = {
	A1PA6795UKMFR9: 'DE',
	A13V1IB3VIYZZH: 'FR',
	APJ6JRA9NG5V4: 'IT',
	A1RKKUPIHCS9HS: 'ES',
	A1F83G8C2ARO7P: 'GB',
	A1805IZSGTT6HS: 'NL',
	AMEN7PMS3EDWL: 'BE',
	A2NODRKZP88ZB9: 'SE',
	A1C3SOZRARQ6R3: 'PL',
	A28R8C7NBKEWEA: 'IE',
};

export const EU_COUNTRIES: ReadonlySet<string> = new Set(
	'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

export const MARKETPLACE_FACILITATOR = 'MARKETPLACE_FACILITATOR';

export interface VatTreatment {
	scheme: VatScheme;
	priceMode: PriceMode;
	/** country the goods go to (delivery address, else the buyer's VAT country, else the marketplace's) */
	destination?: string;
	/** VAT percent M3 applies (0 for REVERSE_CHARGE / MARKETPLACE); undefined = not configured */
	rate?: string;
	/** the business buyer's VAT id (REVERSE_CHARGE: goes on the M3 order's address as VRNO) */
	buyerVatId?: string;
}

const ZERO: Dec = { m: BigInt(0), s: 0 };

function dec(s: string | undefined): Dec {
	return (s !== undefined && parseDec(s)) || ZERO;
}

/** Tax Amazon reported per part of a line (TAX charges by what they apply to). */
export function lineTaxes(line: OrderLine): Record<'ITEM' | 'SHIPPING' | 'GIFT_WRAP' | 'COD' | 'DISCOUNT' | 'OTHER', Dec> {
	const t = { ITEM: ZERO, SHIPPING: ZERO, GIFT_WRAP: ZERO, COD: ZERO, DISCOUNT: ZERO, OTHER: ZERO };
	for (const c of line.charges) {
		if (c.type !== 'TAX') continue;
		const k = c.appliesTo === 'ITEM' || c.appliesTo === 'SHIPPING' || c.appliesTo === 'GIFT_WRAP' || c.appliesTo === 'COD' || c.appliesTo === 'DISCOUNT' ? c.appliesTo : 'OTHER';
		t[k] = decAdd(t[k], dec(c.amount.amount));
	}
	return t;
}

function orderTax(order: Order): Dec {
	let t = ZERO;
	for (const l of order.lines) {
		if (l.cancelled) continue;
		for (const c of l.charges) if (c.type === 'TAX') t = decAdd(t, dec(c.amount.amount));
	}
	return t;
}

/** Which tax regime applies to the order and whether its prices include the tax. */
export function vatTreatment(order: Order, o: VatOptions = {}): VatTreatment {
	const mk = order.marketplaceId ?? '';
	const priceMode: PriceMode = o.priceMode?.[mk] ?? (TAX_INCLUSIVE_MARKETPLACES[mk] ? 'gross' : 'net');
	const vatReg = order.buyer?.taxRegistrations?.find((r) => !r.type || /VAT/i.test(r.type));
	const vatCountry = vatReg ? (vatReg.country ?? vatReg.number.slice(0, 2)).toUpperCase().replace(/^EL$/, 'GR') : undefined;
	const destination = order.shipTo?.countryCode ?? vatCountry ?? TAX_INCLUSIVE_MARKETPLACES[mk];
	const t: VatTreatment = { scheme: 'STANDARD', priceMode };
	if (destination) t.destination = destination;
	if (order.lines.some((l) => !l.cancelled && l.taxCollection?.model === MARKETPLACE_FACILITATOR)) {
		t.scheme = 'MARKETPLACE';
		t.rate = '0';
		return t;
	}
	const seller = o.sellerCountry?.toUpperCase();
	if (
		order.isBusinessOrder &&
		vatReg &&
		vatCountry &&
		EU_COUNTRIES.has(vatCountry) &&
		destination !== undefined &&
		EU_COUNTRIES.has(destination) &&
		(seller === undefined || (vatCountry !== seller && destination !== seller)) &&
		decIsZero(orderTax(order))
	) {
		// Amazon charged no VAT to a business buyer registered in another EU country: intra-community supply
		t.scheme = 'REVERSE_CHARGE';
		t.rate = '0';
		t.buyerVatId = vatReg.number;
		return t;
	}
	const rate = destination ? o.rates?.[destination] : undefined;
	if (rate !== undefined) t.rate = rate;
	return t;
}

/** Net unit price (SAPR) of a line and what M3 will take as the line's net amount. */
export interface LinePricing {
	/** net unit price sent as SAPR */
	unitPrice: string;
	/** Amazon's net item amount (gross - tax in gross mode) */
	amazonNet: Dec;
	/** M3's line amount: SAPR x quantity, rounded to the currency */
	m3Net: Dec;
	/** net promotion discount on the line (positive), or undefined */
	discount?: Dec;
}

/**
 * Net figures of one line in the order's price mode. Gross: net = item subtotal - TAX on the item (Amazon's own
 * split, so nothing is recomputed from a rate); the discount likewise. Net mode: Amazon's figures as they are.
 */
export function linePricing(
	line: OrderLine,
	qty: string,
	mode: PriceMode,
	currency: string,
	o: VatOptions,
	path: string,
	issues: Issue[],
	taxExpected = true,
): LinePricing | undefined {
	const scale = currencyScale(currency) ?? 2;
	const q = dec(qty);
	const gross = line.lineAmount ? dec(line.lineAmount.amount) : line.unitPrice ? decMul(dec(line.unitPrice.amount), q) : undefined;
	if (!gross) return undefined;
	const tax = lineTaxes(line);
	let promo = ZERO;
	for (const c of line.charges) if (c.type === 'PROMOTION' || c.type === 'DISCOUNT') promo = decAdd(promo, dec(c.amount.amount));
	const amazonNet = mode === 'gross' ? decSub(gross, tax.ITEM) : gross;
	// discounts are negative charges; their tax (TAX on DISCOUNT) is negative too
	const discNet = mode === 'gross' ? decSub(promo, tax.DISCOUNT) : promo;
	// Amazon reports no TAX part when the tax is 0 (reverse charge); a taxable sale without one lacks the data
	if (mode === 'gross' && taxExpected && !line.charges.some((c) => c.type === 'TAX') && !decIsZero(gross)) {
		issues.push(issue(path + '.charges', 'missing_tax_breakdown', `Order item ${line.lineId} of a VAT-inclusive marketplace has no TAX breakdown: request includedData=PROCEEDS (the price alone does not say how much VAT it contains)`));
		return undefined;
	}
	const decimals = Math.max(scale, o.priceDecimals ?? scale);
	const unit = decDiv(amazonNet, q, decimals);
	if (!unit) return undefined;
	const m3Net = decRound(decMul(unit.value, q), scale);
	const r: LinePricing = { unitPrice: decToString(decRound(unit.value, unit.value.s > scale ? unit.value.s : scale)), amazonNet, m3Net };
	if (!decIsZero(discNet)) r.discount = decRound({ m: -discNet.m, s: discNet.s }, scale);
	return r;
}

/** Net amount of a charge in the order's price mode (gross: minus the tax Amazon reported on what it applies to). */
export function chargeNet(c: Charge, lineTax: ReturnType<typeof lineTaxes>, mode: PriceMode, taken: Set<string>): Dec {
	const amount = dec(c.amount.amount);
	if (mode !== 'gross') return amount;
	// the tax of a part is taken once, from its first charge (SHIPPING, not SHIPPING_DISCOUNT)
	const part = c.type === 'SHIPPING' ? 'SHIPPING' : c.type === 'GIFT_WRAP' ? 'GIFT_WRAP' : c.type === 'COD' ? 'COD' : c.type === 'OTHER' ? 'OTHER' : undefined;
	if (!part || taken.has(part)) return amount;
	taken.add(part);
	return decSub(amount, lineTax[part]);
}

/** Tax Amazon reported on the order (all lines not cancelled). */
export function amazonOrderTax(order: Order): Dec {
	return orderTax(order);
}

/** VAT M3 computes once on the order's net amount at `rate` percent. */
export function m3Vat(net: Dec, rate: string, scale: number): Dec {
	const p = decMul(net, dec(rate));
	return decRound({ m: p.m, s: p.s + 2 }, scale);
}
