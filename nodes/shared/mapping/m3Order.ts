/**
 * (2) Canonical Order -> "M3 batch order plan" (docs/contracts.md), the input of Infor M3 "Customer Order > Create".
 * Options and plan types: m3OrderPlan.ts; the delivery address: m3Address.ts.
 */
import type { Charge, Order } from '../canonical/schemas';
import { absText, addText, decAdd, decCmp, decimalText, decIsZero, decRound, decSub, decToString, isZeroText, parseDec, type Dec } from '../canonical/decimal';
import { currencyScale } from '../canonical/currency';
import { applyCustomFields } from './customFields';
import { splitAddress } from './m3Address';
import { ADDRESS_FIELD_LENGTHS, HEAD_FIELD_LENGTHS, LINE_FIELD_LENGTHS } from './m3Fields';
import { DEFAULT_CHARGE_MAP, type CustomerMapEntry, type M3OrderOptions, type M3OrderPlan, type PlanTax } from './m3OrderPlan';
import { fail, isRecord, issue, ok, type Issue, type Result } from './result';
import { amazonOrderTax, chargeNet, lineTaxes, linePricing, m3Vat, vatTreatment, type PriceMode, type VatOptions, type VatTreatment } from './vat';

export { splitAddress, wrapText } from './m3Address';
export { DEFAULT_CHARGE_MAP, type CustomerMapEntry, type M3OrderOptions, type M3OrderPlan, type PlanTax } from './m3OrderPlan';

export function lookupCustomer(
	order: Order,
	o: Pick<M3OrderOptions, 'customerMap' | 'customerStrategy' | 'buyerCustomerMap'>,
	marketplaceCollects = false,
): { entry?: CustomerMapEntry; key?: string } {
	if (o.customerStrategy === 'buyer' && o.buyerCustomerMap && order.buyer) {
		const b = order.buyer;
		const keys: string[] = [];
		for (const r of b.taxRegistrations ?? []) keys.push(r.number);
		if (b.email) keys.push(b.email.toLowerCase(), b.email);
		if (b.companyName) keys.push(b.companyName);
		if (b.name) keys.push(b.name);
		for (const k of keys) {
			const v = o.buyerCustomerMap[k];
			if (v) return { entry: v, key: k };
		}
	}
	const mk = order.marketplaceId ?? '';
	const ch = order.fulfillmentChannel === 'AMAZON' ? 'AFN' : 'MFN';
	const seg = order.isBusinessOrder ? 'B2B' : 'B2C';
	let cache = CUSTOMER_CACHE.get(o.customerMap);
	if (!cache) CUSTOMER_CACHE.set(o.customerMap, (cache = new Map()));
	const ck = mk + '\u0000' + ch + seg + (marketplaceCollects ? ':MF' : '');
	let hit = cache.get(ck);
	if (!hit) {
		hit = {};
		// orders whose tax the marketplace collects may go to their own customer (its VAT code: no tax liability)
		const keys = [`${mk}:${ch}:${seg}`, `${mk}:${seg}`, `${mk}:${ch}`, mk, '*'];
		if (marketplaceCollects) keys.unshift(`${mk}:MF`);
		for (const k of keys) {
			const v = o.customerMap[k];
			if (v !== undefined && v !== '') {
				hit = { entry: v, key: k };
				break;
			}
		}
		cache.set(ck, hit);
	}
	return hit;
}

/** per customer-map object: resolved marketplace keys (maps are treated as immutable once passed in) */
const CUSTOMER_CACHE = new WeakMap<object, Map<string, { entry?: CustomerMapEntry; key?: string }>>();

function yyyymmdd(iso: string): string | undefined {
	if (/^\d{4}-\d{2}-\d{2}T[^]*Z$/.test(iso)) return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
	const t = Date.parse(iso);
	if (Number.isNaN(t)) return undefined;
	return new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
}

function checkLen(fields: Record<string, string>, table: Record<string, number>, base: string, issues: Issue[]): void {
	for (const k in fields) {
		const max = table[k];
		if (max !== undefined && fields[k].length > max) {
			issues.push(issue(`${base}.${k}`, 'field_too_long', `${k} "${fields[k]}" is longer than M3 allows (${max})`));
		}
	}
}

function fmtAmount(t: string, currency: string): string {
	const scale = currencyScale(currency) ?? 2;
	const dot = t.indexOf('.');
	if (dot < 0 || t.length - dot - 1 <= scale) return t;
	return decToString(decRound(parseDec(t) as Dec, scale));
}

export function canonicalOrderToM3Plan(order: Order, options: M3OrderOptions, amazonSource?: unknown): Result<M3OrderPlan> {
	const issues: Issue[] = [];
	const warnings: Issue[] = [];
	if (!isRecord(order) || order.kind !== 'Order' || !Array.isArray(order.lines)) {
		return fail([issue('', 'not_canonical_order', 'Input is not a canonical Order (kind "Order")')]);
	}
	const cur = order.currency;
	if (currencyScale(cur) === undefined) issues.push(issue('currency', 'unknown_currency', `Unknown currency "${String(cur)}"`));

	// ---- tax regime (taxMode 'charge' sends Amazon's figures as they are)
	const taxMode = options.taxMode ?? 'ignore';
	const vatOpt = options.vat ?? {};
	const treatment = vatTreatment(order, vatOpt);
	const priceMode: PriceMode = taxMode === 'ignore' ? treatment.priceMode : 'net';
	const scale = currencyScale(cur) ?? 2;
	if (taxMode === 'ignore') {
		// design for our reading of Amazon being wrong: where Amazon's totals tell, they must agree with the price mode
		const told = order.lines.find((l) => !l.cancelled && l.taxIncluded !== undefined && l.taxIncluded !== (priceMode === 'gross'));
		if (told) {
			issues.push(
				issue(
					'vat.priceMode',
					'price_mode_mismatch',
					`Amazon's figures for marketplace ${order.marketplaceId ?? '?'} show prices ${told.taxIncluded ? 'including' : 'excluding'} tax, but the price mode is "${priceMode}": set vat.priceMode for this marketplace`,
				),
			);
		}
	}

	// ---- head
	const { entry, key } = lookupCustomer(order, options, treatment.scheme === 'MARKETPLACE');
	const head: Record<string, string> = {};
	if (entry === undefined) {
		issues.push(issue('marketplaceId', 'customer_not_mapped', `No M3 customer for marketplace "${order.marketplaceId ?? ''}" (${order.fulfillmentChannel}, ${order.isBusinessOrder ? 'B2B' : 'B2C'}) in the customer map`));
	}
	const entryFields: Record<string, string> = typeof entry === 'string' ? { CUNO: entry } : entry ?? {};
	head.CUNO = entryFields.CUNO ?? '';
	if (entry !== undefined && !head.CUNO) issues.push(issue(`customerMap.${key}`, 'customer_not_mapped', 'Customer map entry has no CUNO'));
	const defaults = options.headDefaults;
	if (defaults) {
		for (const k in defaults) {
			const v = defaults[k];
			if (v !== undefined && v !== null && v !== '' && k !== 'CUNO') head[k] = String(v);
		}
	}
	for (const k in entryFields) {
		const v = entryFields[k];
		if (k !== 'CUNO' && v !== undefined && v !== null && v !== '') head[k] = String(v);
	}
	head.CUOR = order.source.id;
	const dt = yyyymmdd(order.orderDate);
	if (!dt) issues.push(issue('orderDate', 'invalid_date', `Order date "${order.orderDate}" is not ISO 8601`));
	else {
		head.ORDT = dt;
		head.CUDT = dt;
	}
	head.CUCD = cur;
	if (order.buyer?.purchaseOrderNumber) {
		const po = order.buyer.purchaseOrderNumber;
		if (po.length <= 30) head.YREF = po;
		else warnings.push(issue('buyer.purchaseOrderNumber', 'po_in_text', 'Buyer PO number longer than YREF (30); sent as a head text'));
	}

	// ---- address
	let address: Record<string, string> | null = null;
	if ((options.addressMode ?? 'delivery') === 'delivery') {
		if (order.shipTo) {
			const sa = splitAddress(order.shipTo, order.buyer?.name);
			issues.push(...sa.issues);
			warnings.push(...sa.warnings);
			address = sa.fields;
			if (taxMode === 'ignore' && treatment.buyerVatId) address.VRNO = treatment.buyerVatId;
			checkLen(address, ADDRESS_FIELD_LENGTHS, 'address', issues);
		} else if (order.fulfillmentChannel === 'MERCHANT') {
			issues.push(issue('shipTo', 'missing_address', 'Merchant-fulfilled order without delivery address'));
		}
	}

	// ---- lines
	const mode = options.itemMode ?? 'map';
	const requirePrice = options.requirePrice !== false;
	const discountMode = options.discountMode ?? 'line';
	const discountField = (options.discountField ?? 'DIA1').toUpperCase();
	if (!/^DIA[1-6]$/.test(discountField)) issues.push(issue('options.discountField', 'invalid_option', 'discountField must be DIA1..DIA6'));
	const lines: Array<Record<string, string>> = [];
	const texts: M3OrderPlan['texts'] = [];
	const chargeSums = new Map<string, string>();
	const chargeMap = options.chargeMap ?? DEFAULT_CHARGE_MAP;
	// net amounts for the VAT figures: Amazon's (exact) and what M3 gets (SAPR x ORQT rounded)
	let amazonNet: Dec = { m: BigInt(0), s: 0 };
	let m3Net: Dec = { m: BigInt(0), s: 0 };
	let parts = 0;
	const addCharge = (c: Charge, path: string, lineTax?: ReturnType<typeof lineTaxes>, taken?: Set<string>): void => {
		if (c.type === 'TAX' && taxMode === 'ignore') return;
		if ((c.type === 'PROMOTION' || c.type === 'DISCOUNT') && discountMode === 'ignore') return;
		let d = decimalText(c.amount.amount);
		if (d !== null && priceMode === 'gross' && lineTax && taken) {
			const net = c.type === 'PROMOTION' || c.type === 'DISCOUNT' ? decSub(parseDec(d) as Dec, lineTax.DISCOUNT) : chargeNet(c, lineTax, priceMode, taken);
			d = decToString(net);
		}
		if (d === null || isZeroText(d)) return;
		const dd = parseDec(d) as Dec;
		amazonNet = decAdd(amazonNet, dd);
		m3Net = decAdd(m3Net, decRound(dd, scale));
		parts++;
		const crid = chargeMap[c.type];
		if (crid === undefined) {
			issues.push(issue(path, 'charge_not_mapped', `Charge type ${c.type} (${c.amount.amount} ${c.amount.currency}) has no CRID in the charge map`));
			return;
		}
		if (crid === '') return;
		if (crid.length > 6) {
			issues.push(issue(path, 'field_too_long', `CRID "${crid}" is longer than 6`));
			return;
		}
		const prev = chargeSums.get(crid);
		chargeSums.set(crid, prev ? addText(prev, d) : d);
	};

	for (let i = 0; i < order.lines.length; i++) {
		const l = order.lines[i];
		const p = `lines[${i}]`;
		if (l.cancelled && options.skipCancelledLines !== false) continue;
		if (l.quantity.value === '0') continue;
		if (!/^\d+$/.test(l.quantity.value)) {
			issues.push(issue(p + '.quantity', 'non_integer_quantity', `Quantity "${l.quantity.value}" is not an integer`));
			continue;
		}
		const line: Record<string, string> = {};
		const sku = l.sku;
		if (!sku) {
			issues.push(issue(p + '.sku', 'missing_sku', `Order item ${l.lineId} has no seller SKU`));
		} else if (mode === 'alias') {
			line.POPN = sku;
			if (options.aliasType) line.ALWT = options.aliasType;
			if (options.aliasQualifier) line.ALWQ = options.aliasQualifier;
		} else if (mode === 'identity') {
			line.ITNO = sku;
		} else {
			const itno = options.skuMap?.[sku];
			if (itno) line.ITNO = itno;
			else if (options.skuMapFallbackIdentity) line.ITNO = sku;
			else issues.push(issue(p + '.sku', 'sku_not_mapped', `SKU "${sku}" is not in the SKU -> ITNO map`));
		}
		line.ORQT = l.quantity.value;
		const lineTax = lineTaxes(l);
		const pricing = priceMode === 'gross' && (l.unitPrice || l.lineAmount) ? linePricing(l, l.quantity.value, priceMode, cur, vatOpt, p, issues, treatment.scheme === 'STANDARD') : undefined;
		if (pricing) {
			// VAT-inclusive price: M3 gets the net unit price, M3 adds the VAT
			line.SAPR = pricing.unitPrice;
			amazonNet = decAdd(amazonNet, pricing.amazonNet);
			m3Net = decAdd(m3Net, pricing.m3Net);
			parts++;
		} else if (l.unitPrice) {
			line.SAPR = l.unitPrice.amount;
			const up = parseDec(l.unitPrice.amount) as Dec;
			const q = parseDec(l.quantity.value) as Dec;
			const amount = { m: up.m * q.m, s: up.s + q.s };
			amazonNet = decAdd(amazonNet, amount);
			m3Net = decAdd(m3Net, decRound(amount, scale));
			parts++;
		} else if (requirePrice && priceMode !== 'gross') issues.push(issue(p + '.unitPrice', 'missing_price', `Order item ${l.lineId} has no price (Pending order?)`));
		else if (requirePrice && !l.lineAmount) issues.push(issue(p + '.unitPrice', 'missing_price', `Order item ${l.lineId} has no price (Pending order?)`));
		if (l.unitPrice && l.unitPrice.currency !== cur) issues.push(issue(p + '.unitPrice', 'mixed_currency', 'Line currency differs from order currency'));
		line.CUOR = l.lineId;
		let disc: string | undefined;
		const taken = new Set<string>();
		for (let j = 0; j < l.charges.length; j++) {
			const c = l.charges[j];
			if ((c.type === 'PROMOTION' || c.type === 'DISCOUNT') && discountMode === 'line') {
				const d = decimalText(c.amount.amount);
				if (d !== null) disc = disc ? addText(disc, d) : d;
			} else addCharge(c, `${p}.charges[${j}]`, lineTax, taken);
		}
		if (disc && priceMode === 'gross') disc = decToString(decSub(parseDec(disc) as Dec, lineTax.DISCOUNT));
		if (disc && !isZeroText(disc)) {
			line[discountField] = fmtAmount(absText(disc), cur);
			amazonNet = decAdd(amazonNet, parseDec(disc) as Dec);
			m3Net = decSub(m3Net, parseDec(line[discountField]) as Dec);
		}
		checkLen(line, LINE_FIELD_LENGTHS, p, issues);
		lines.push(line);
		if (l.gift?.message && options.giftMessageTexts !== false) {
			texts.push({ type: 'line', line: lines.length, orderItemId: l.lineId, text: l.gift.message });
		}
	}
	if (lines.length === 0 && !issues.some((x) => x.path.startsWith('lines'))) issues.push(issue('lines', 'no_lines', 'No order lines left to create'));
	// order-level charges not attributed to lines (DELIVERY_TIP)
	order.charges.forEach((c, j) => {
		if (c.type === 'DELIVERY_TIP') addCharge(c, `charges[${j}]`);
	});
	const charges: M3OrderPlan['charges'] = [];
	for (const [CRID, d] of chargeSums) {
		if (isZeroText(d)) continue;
		charges.push({ CRID, CRAM: fmtAmount(d, cur), CUCD: cur });
	}
	let tax: PlanTax | undefined;
	if (taxMode === 'ignore' && lines.length && !issues.length) {
		tax = planTax(order, treatment, amazonNet, m3Net, parts, scale, cur, vatOpt, charges, issues, warnings);
	}
	if (order.buyer?.purchaseOrderNumber && order.buyer.purchaseOrderNumber.length > 30) {
		texts.push({ type: 'head', text: `PO: ${order.buyer.purchaseOrderNumber}` });
	}

	// ---- custom fields
	let customFields: M3OrderPlan['customFields'] = [];
	if (options.customFields && options.customFields.length) {
		const cf = applyCustomFields(options.customFields, { amazon: amazonSource, canonical: order });
		issues.push(...cf.issues);
		Object.assign(head, cf.head);
		customFields = cf.customFields;
	}
	checkLen(head, HEAD_FIELD_LENGTHS, 'head', issues);
	if (issues.length) return fail(issues);
	const plan: M3OrderPlan = {
		head,
		address,
		lines,
		charges,
		texts,
		customFields,
		source: { system: order.source.system, id: order.source.id },
	};
	if (tax) plan.tax = tax;
	if (warnings.length) plan.warnings = warnings;
	return ok(plan);
}

/**
 * The order's VAT figures: M3's net, the VAT M3 will compute at the configured rate, what the invoice must total
 * (Amazon's net + the tax the seller owes), and the rounding charge that makes M3's total equal it. A difference
 * larger than rounding means the configured rate is not the one Amazon applied: the order is not created.
 */
function planTax(
	order: Order,
	t: VatTreatment,
	amazonNet: Dec,
	m3Net: Dec,
	parts: number,
	scale: number,
	cur: string,
	o: VatOptions,
	charges: M3OrderPlan['charges'],
	issues: Issue[],
	warnings: Issue[],
): PlanTax {
	const amazonTax = amazonOrderTax(order);
	const owed = t.scheme === 'STANDARD' ? amazonTax : { m: BigInt(0), s: 0 };
	const due = decRound(decAdd(amazonNet, owed), scale);
	const net = decRound(m3Net, scale);
	const r: PlanTax = { scheme: t.scheme, priceMode: t.priceMode, net: decToString(net), amazonTax: decToString(decRound(amazonTax, scale)), amountDue: decToString(due) };
	if (t.destination) r.destination = t.destination;
	if (t.buyerVatId) r.buyerVatId = t.buyerVatId;
	if (t.rate === undefined) {
		if (t.priceMode === 'gross') {
			warnings.push(issue('vat.rates', 'vat_rate_not_configured', `No VAT rate configured for ${t.destination ?? 'the destination'}: M3's VAT and total are not checked against Amazon's (${decToString(decRound(amazonTax, scale))} ${cur} tax)`));
		}
		return r;
	}
	r.rate = t.rate;
	const vat = m3Vat(net, t.rate, scale);
	r.vat = decToString(vat);
	const rounding = decSub(due, decAdd(net, vat));
	// M3 rounds VAT once per order, Amazon per item: each of Amazon's tax amounts may be half a cent off; a larger
	// difference means the configured rate is not the one Amazon applied
	const taxDiff = decSub(decRound(owed, scale), vat);
	if (decCmp(taxDiff.m < BigInt(0) ? { m: -taxDiff.m, s: taxDiff.s } : taxDiff, { m: BigInt(parts + 1), s: scale }) <= 0) {
		if (decIsZero(rounding)) return r;
		r.rounding = decToString(rounding);
		if (o.roundingCharge === '') {
			warnings.push(issue('vat.roundingCharge', 'vat_rounding', `M3's total will differ from what the buyer paid by ${decToString(rounding)} ${cur} (no rounding charge configured)`));
		} else charges.push({ CRID: o.roundingCharge ?? 'RND', CRAM: decToString(rounding), CUCD: cur });
		return r;
	}
	issues.push(
		issue(
			'vat.rates',
			'vat_rate_mismatch',
			`Amazon charged ${decToString(decRound(amazonTax, scale))} ${cur} tax; M3 would charge ${r.vat} (${t.rate} % on ${r.net}) for ${t.destination ?? '?'}: check the VAT rate configured for the destination (CRS031) or the item's VAT code`,
		),
	);
	return r;
}
