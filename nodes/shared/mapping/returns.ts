/**
 * Amazon refunds (Finances 2024-06-19 Refund transactions) + Amazon's returns reports -> "M3 return" plans
 * (docs/contracts.md "Customer return"), the input of Infor M3 "Customer Return > Create".
 *
 * One plan per refund: the refund says what Amazon paid back (per order item: net product charges, quantity), the
 * returns report rows of the same order and SKU say what came back and in which state (FBA: Amazon's detailed
 * disposition; merchant-fulfilled: the return reason). The restock decision per line comes from the settings:
 * always restock, always scrap, or per disposition. A refund whose goods are not (yet) in a returns report waits
 * `waitForReturnDays`, then is credited as "not returned" (Amazon refunds without a return, e.g. returnless refunds).
 *
 * One sale, booked once (docs/guide/accounting.md): a refund of a fulfilment network whose road is 'settlement'
 * gives no plan (payments-to-GL books it as revenue); in 'glOnly' mode nothing gives a plan (payments-to-GL books
 * every refund, `accounting.orderRefunds: 'gl'`).
 */
import { decAbs, decAdd, decDiv, decNormalize, decRound, decToString, parseDec, type Dec } from '../canonical/decimal';
import { CANONICAL_VERSION, ReturnSchema, type Return, type ReturnLine } from '../canonical/schemas';
import { validateCanonical } from '../canonical/validate';
import type { CustomerMapEntry } from './m3Order';
import { isRecord, issue, nonEmpty, str, type Issue } from './result';
import { returnRowOf, type ReturnRow } from './returnRows';

export { returnRowOf, type ReturnRow } from './returnRows';

export type RestockAction = 'restock' | 'scrap';

export interface RestockSettings {
	/** 'disposition' = per `dispositions`; 'restock' / 'scrap' = every returned line */
	mode?: 'disposition' | 'restock' | 'scrap';
	/** receiving warehouse of merchant-fulfilled returns; empty = the warehouse of the returned order line */
	warehouse?: string;
	/** receiving warehouse of FBA returns (orders M3 has in an FBA warehouse); empty = the order line's */
	fbaWarehouse?: string;
	/** location (WHSL) and transaction reason (RSCD) of restocked lines */
	location?: string;
	reasonCode?: string;
	/** location and transaction reason of scrapped lines (the location M3 writes off from) */
	scrapLocation?: string;
	scrapReasonCode?: string;
	/** disposition or return reason -> action; '*' = any other */
	dispositions?: Record<string, RestockAction>;
	/** action of a refund credited without a returned item */
	notReturned?: RestockAction;
}

export interface ReturnOptions {
	customerMap: Record<string, CustomerMapEntry>;
	/** road per fulfilment network, as in payments-to-GL's accounting.roads (default MFN order, AFN settlement) */
	roads?: { MFN?: 'order' | 'settlement'; AFN?: 'order' | 'settlement' };
	mode?: 'm3Return' | 'glOnly';
	restock?: RestockSettings;
	/** days a refund waits for its returned item to appear in a returns report (default 14) */
	waitForReturnDays?: number;
	/** price on the return line: Amazon's refunded net amount per unit (default) or M3's price of the order line */
	creditPrice?: 'amazonRefund' | 'm3Order';
	/** now (ms), for the wait */
	now?: number;
}

export interface ReturnPlanLine {
	/** Amazon order item id (the M3 order line's CUOR) */
	CUOR: string;
	sku: string;
	quantity: string;
	/** net product charges refunded for the line (positive) */
	refundAmount: string;
	/** SAPR of the return line ('' = M3's price of the order line) */
	unitPrice: string;
	action: RestockAction;
	WHSL: string;
	RSCD: string;
	disposition: string;
	reason: string;
	returned: boolean;
}

export interface ReturnPlan {
	kind: 'M3Return';
	/** key of the return in M3: the refund's transaction id (CUSEXTMI PK03, at most 30 characters) */
	returnKey: string;
	CUNO: string;
	otherCustomers?: string[];
	/** the Amazon order id (the M3 order's CUOR) */
	CUOR: string;
	/** receiving warehouse ('' = the order line's) */
	WHLO: string;
	marketplaceId: string;
	currency: string;
	fulfillmentNetwork: 'MFN' | 'AFN';
	refundDate: string;
	returnDate: string;
	lines: ReturnPlanLine[];
	/**
	 * refundTotal = the goods credited by the return lines; chargesNotCredited = shipping and gift wrap Amazon refunded
	 * too (net; no return line credits them: credit them in M3 by hand, see accounting.md)
	 */
	source: { system: 'amazon'; id: string; refundTotal: string; chargesNotCredited?: string };
}

export interface ReturnsRun {
	plans: ReturnPlan[];
	invalid: Array<{ input: unknown; issues: Issue[] }>;
	/** refunds waiting for their returned items (retried by the next run) */
	waiting: Array<{ refund: string; orderId: string; until: string }>;
	/** refunds left to payments-to-GL (settlement road, GL-only mode) */
	skipped: Array<{ refund: string; orderId: string; reason: string }>;
}

function amountOf(v: unknown): { d: Dec; c: string } | undefined {
	if (!isRecord(v)) return undefined;
	const d = parseDec(str(v.currencyAmount) ?? '');
	const c = nonEmpty(v.currencyCode);
	return d && c ? { d, c } : undefined;
}

function orderIdOf(t: Record<string, unknown>): string {
	for (const r of Array.isArray(t.relatedIdentifiers) ? t.relatedIdentifiers : []) {
		if (isRecord(r) && r.relatedIdentifierName === 'ORDER_ID') return nonEmpty(r.relatedIdentifierValue) ?? '';
	}
	return '';
}

function itemIdOf(it: Record<string, unknown>): string {
	for (const r of Array.isArray(it.relatedIdentifiers) ? it.relatedIdentifiers : []) {
		if (isRecord(r) && /ORDER_(ADJUSTMENT_)?ITEM_ID/.test(String(r.itemRelatedIdentifierName))) return nonEmpty(r.itemRelatedIdentifierValue) ?? '';
	}
	return '';
}

function productContext(it: Record<string, unknown>): Record<string, unknown> {
	for (const c of Array.isArray(it.contexts) ? it.contexts : []) if (isRecord(c) && (c.contextType === 'ProductContext' || c.sku !== undefined)) return c;
	return {};
}

function networkOf(t: Record<string, unknown>): 'MFN' | 'AFN' | undefined {
	for (const it of Array.isArray(t.items) ? t.items : []) {
		if (!isRecord(it)) continue;
		const n = nonEmpty(productContext(it).fulfillmentNetwork);
		if (n === 'MFN' || n === 'AFN') return n;
	}
	for (const c of Array.isArray(t.contexts) ? t.contexts : []) {
		const n = isRecord(c) ? nonEmpty(c.fulfillmentNetwork) : undefined;
		if (n === 'MFN' || n === 'AFN') return n;
	}
	return undefined;
}

/** The product charges of a refund item (leaves named ProductCharges / Principal, any depth). */
function productCharges(bds: unknown): Dec | undefined {
	let sum: Dec | undefined;
	const walk = (list: unknown): void => {
		if (!Array.isArray(list)) return;
		for (const b of list) {
			if (!isRecord(b)) continue;
			if (Array.isArray(b.breakdowns) && b.breakdowns.length) walk(b.breakdowns);
			else if (/^(ProductCharges|Principal)$/i.test(String(b.breakdownType))) {
				const a = amountOf(b.breakdownAmount);
				if (a) sum = sum ? decAdd(sum, a.d) : a.d;
			}
		}
	};
	walk(bds);
	return sum;
}

/** Shipping and gift wrap refunded (net, positive): what an M3 return line does not credit. */
function chargesOf(bds: unknown): Dec {
	let sum = parseDec('0')!;
	const walk = (list: unknown): void => {
		if (!Array.isArray(list)) return;
		for (const b of list) {
			if (!isRecord(b)) continue;
			if (Array.isArray(b.breakdowns) && b.breakdowns.length) walk(b.breakdowns);
			else if (/^(Shipping|ShippingCharge|GiftWrap|GiftwrapCharge)$/i.test(String(b.breakdownType))) {
				const a = amountOf(b.breakdownAmount);
				if (a) sum = decAdd(sum, a.d);
			}
		}
	};
	walk(bds);
	return decAbs(sum);
}

function customersOf(map: Record<string, CustomerMapEntry>, marketplaceId: string, network: 'MFN' | 'AFN'): string[] {
	const keys = [`${marketplaceId}:${network}:B2C`, `${marketplaceId}:${network}:B2B`, `${marketplaceId}:B2C`, `${marketplaceId}:B2B`, `${marketplaceId}:${network}`, marketplaceId, `${marketplaceId}:MF`, '*'];
	const out: string[] = [];
	for (const k of keys) {
		const e = map[k];
		const cuno = typeof e === 'string' ? e : e?.CUNO;
		if (cuno && !out.includes(cuno)) out.push(cuno);
	}
	return out;
}

function actionOf(r: RestockSettings, disposition: string, returned: boolean): RestockAction {
	if (!returned) return r.notReturned ?? 'scrap';
	if (r.mode === 'restock' || r.mode === 'scrap') return r.mode;
	const d = r.dispositions ?? {};
	return d[disposition] ?? d[disposition.toUpperCase()] ?? d['*'] ?? 'restock';
}

/** What the refund's head says, before any decision. */
interface RefundHead {
	id: string;
	orderId: string;
	total: { d: Dec; c: string };
	network: 'MFN' | 'AFN';
	marketplaceId: string;
	posted: string;
}

function readRefundHead(t: Record<string, unknown>): { head: RefundHead } | { issues: Issue[] } {
	const id = nonEmpty(t.transactionId) ?? '';
	const orderId = orderIdOf(t);
	const problems: Issue[] = [];
	if (!id) problems.push(issue('transactionId', 'no_transaction_id', 'The refund has no transactionId (the key of its M3 return)'));
	if (!orderId) problems.push(issue('relatedIdentifiers', 'no_order_id', 'The refund names no ORDER_ID'));
	const total = amountOf(t.totalAmount);
	if (!total) problems.push(issue('totalAmount', 'invalid_amount', 'The refund has no totalAmount'));
	if (problems.length) return { issues: problems };
	const marketplaceId =
		nonEmpty(isRecord(t.marketplaceDetails) ? t.marketplaceDetails.marketplaceId : undefined) ??
		nonEmpty(isRecord(t.sellingPartnerMetadata) ? t.sellingPartnerMetadata.marketplaceId : undefined) ??
		'';
	return { head: { id, orderId, total: total!, network: networkOf(t) ?? 'MFN', marketplaceId, posted: nonEmpty(t.postedDate) ?? '' } };
}

/**
 * Amazon refund + the returns report rows of its order -> canonical Return (validated by the zod schema). Rows it
 * matches are marked in `used` (one row per refunded item).
 */
function toCanonicalReturn(t: Record<string, unknown>, h: RefundHead, rows: ReturnRow[], used: Set<ReturnRow>): { value: Return } | { issues: Issue[] } {
	const items = (Array.isArray(t.items) ? t.items : []).filter(isRecord);
	if (!items.length) return { issues: [issue('items', 'no_items', 'The refund lists no items: nothing tells which order lines to credit')] };
	const problems: Issue[] = [];
	const lines: ReturnLine[] = [];
	let returnDate = '';
	items.forEach((it, k) => {
		const pc = productContext(it);
		const sku = nonEmpty(pc.sku) ?? '';
		const itemId = itemIdOf(it);
		if (!itemId) problems.push(issue(`items[${k}].relatedIdentifiers`, 'no_order_item_id', `Refund item ${sku || k} names no order item id (ORDER_ADJUSTMENT_ITEM_ID)`));
		const amount = productCharges(it.breakdowns);
		if (!amount) problems.push(issue(`items[${k}].breakdowns`, 'no_product_charges', `Refund item ${sku || k} has no ProductCharges amount`));
		const row = rows.find((x) => !used.has(x) && x.orderId === h.orderId && x.sku === sku);
		if (row) used.add(row);
		const qty = Number(str(pc.quantityShipped) ?? '') || row?.quantity || 1;
		if (row?.returnDate && (!returnDate || row.returnDate > returnDate)) returnDate = row.returnDate;
		lines.push({
			orderItemId: itemId,
			sku,
			quantity: { value: String(qty), unit: 'EA' },
			refund: { amount: decToString(amount ? decAbs(amount) : parseDec('0')!), currency: h.total.c },
			returned: !!row,
			disposition: row?.disposition ?? '',
			reason: row?.reason ?? '',
		});
	});
	if (problems.length) return { issues: problems };
	const v = validateCanonical(ReturnSchema, {
		canonicalVersion: CANONICAL_VERSION,
		kind: 'Return',
		source: { system: 'amazon', id: h.id },
		orderId: h.orderId,
		marketplaceId: h.marketplaceId,
		fulfillmentNetwork: h.network,
		refundDate: h.posted,
		returnDate: returnDate || h.posted,
		total: { amount: decToString(h.total.d), currency: h.total.c },
		chargesRefunded: { amount: decToString(chargesOf(t.breakdowns)), currency: h.total.c },
		lines,
	} satisfies Return);
	return v.ok ? { value: v.value } : { issues: v.issues };
}

/** Canonical Return -> the M3 return plan: customers, receiving warehouse, restock or scrap per line, credit price. */
export function canonicalReturnToM3Plan(ret: Return, cunos: string[], o: Pick<ReturnOptions, 'restock' | 'creditPrice'>): ReturnPlan {
	const r = o.restock ?? {};
	const lines: ReturnPlanLine[] = ret.lines.map((l) => {
		const refundAmount = parseDec(l.refund.amount)!;
		const unit = o.creditPrice === 'm3Order' ? undefined : decDiv(refundAmount, parseDec(l.quantity.value)!, 6);
		const action = actionOf(r, l.disposition, l.returned);
		return {
			CUOR: l.orderItemId,
			sku: l.sku,
			quantity: l.quantity.value,
			refundAmount: decToString(decRound(refundAmount, 2)),
			unitPrice: unit ? decToString(decNormalize(decRound(unit.value, unit.exact ? 6 : 4), 2)) : '',
			action,
			WHSL: (action === 'scrap' ? r.scrapLocation : r.location) ?? '',
			RSCD: (action === 'scrap' ? r.scrapReasonCode : r.reasonCode) ?? '',
			disposition: l.disposition,
			reason: l.reason,
			returned: l.returned,
		};
	});
	const sum = lines.reduce((s, l) => decAdd(s, parseDec(l.refundAmount)!), parseDec('0')!);
	const charges = parseDec(ret.chargesRefunded.amount)!;
	const id = ret.source.id;
	return {
		kind: 'M3Return',
		returnKey: id.length > 30 ? id.slice(-30) : id,
		CUNO: cunos[0],
		...(cunos.length > 1 ? { otherCustomers: cunos.slice(1) } : {}),
		CUOR: ret.orderId,
		WHLO: (ret.fulfillmentNetwork === 'AFN' ? r.fbaWarehouse : r.warehouse) ?? '',
		marketplaceId: ret.marketplaceId,
		currency: ret.total.currency,
		fulfillmentNetwork: ret.fulfillmentNetwork,
		refundDate: ret.refundDate,
		returnDate: ret.returnDate,
		lines,
		source: { system: 'amazon', id, refundTotal: decToString(sum), ...(decToString(charges) !== '0' ? { chargesNotCredited: decToString(decNormalize(decRound(charges, 2), 2)) } : {}) },
	};
}

/**
 * The refunds of a run's input items (Finances transactions and returns report rows, in any order) -> plans, through
 * the canonical Return: Amazon refund -> Return (zod) -> M3 return plan. Decisions that need no lines (GL-only mode,
 * settlement road, unmapped customer) come first, as a refund left to payments-to-GL is never read further.
 */
export function refundsToM3Returns(inputs: unknown[], o: ReturnOptions): ReturnsRun {
	const run: ReturnsRun = { plans: [], invalid: [], waiting: [], skipped: [] };
	const rows: ReturnRow[] = [];
	const refunds: Array<Record<string, unknown>> = [];
	for (const v of inputs) {
		const row = returnRowOf(v);
		if (row) rows.push(row);
		else if (isRecord(v) && /^refund/i.test(String(v.transactionType ?? ''))) refunds.push(v);
	}
	const used = new Set<ReturnRow>();
	const now = o.now ?? Date.now();
	const waitMs = (o.waitForReturnDays ?? 14) * 86400000;
	for (const t of refunds) {
		const read = readRefundHead(t);
		if ('issues' in read) {
			run.invalid.push({ input: t, issues: read.issues });
			continue;
		}
		const h = read.head;
		const road = (o.roads ?? {})[h.network] ?? (h.network === 'MFN' ? 'order' : 'settlement');
		if (o.mode === 'glOnly') {
			run.skipped.push({ refund: h.id, orderId: h.orderId, reason: 'GL-only mode: payments-to-GL books the refund' });
			continue;
		}
		if (road === 'settlement') {
			run.skipped.push({ refund: h.id, orderId: h.orderId, reason: `${h.network} refunds are on the settlement road: payments-to-GL books them` });
			continue;
		}
		const cunos = customersOf(o.customerMap, h.marketplaceId, h.network);
		if (!cunos.length) {
			run.invalid.push({ input: t, issues: [issue('marketplaceDetails.marketplaceId', 'customer_not_mapped', `No M3 customer for marketplace "${h.marketplaceId}" in the customer map`)] });
			continue;
		}
		const mine = new Set<ReturnRow>();
		const c = toCanonicalReturn(t, h, rows.filter((x) => !used.has(x)), mine);
		if ('issues' in c) {
			run.invalid.push({ input: t, issues: c.issues });
			continue;
		}
		if (!c.value.lines.every((l) => l.returned) && Date.parse(h.posted) + waitMs > now) {
			// the returned item is not in a returns report yet: wait for it (the next run finds both); its rows stay free
			run.waiting.push({ refund: h.id, orderId: h.orderId, until: new Date(Date.parse(h.posted) + waitMs).toISOString() });
			continue;
		}
		for (const x of mine) used.add(x);
		run.plans.push(canonicalReturnToM3Plan(c.value, cunos, o));
	}
	return run;
}
