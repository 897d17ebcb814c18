/**
 * (6) Amazon financial transactions -> canonical LedgerEntries -> M3 GL batches (GLS840MI AddBatchHead + AddBatchLine
 * with a positional PARM per GLS850 "position-based API" template, m3-mi-ion.md §3.7), one per marketplace +
 * currency + posting window. Sign convention: Amazon amounts are from the seller's view (+ = money to the seller). GL
 * amounts are M3's: + = debit, - = credit. Each type line gets -amount; the clearing line gets Amazon's total, so
 * every batch balances and reconciles with Amazon; per-line rounding differences go to a rounding account.
 * The accounting model (docs/guide/accounting.md): an order M3 invoiced (MFN, "order road") has its sales and tax
 * clear the marketplace customer's receivable; FBA sales ("settlement road") are booked as revenue and VAT; fees to
 * their accounts with VAT on fees per marketplace; deferred transactions are booked when Amazon releases them.
 */
import { CANONICAL_VERSION, type LedgerEntry } from '../canonical/schemas';
import { decAdd, decDiv, decIsZero, decMul, decNeg, decRound, decSign, decSub, decToString, parseDec, type Dec } from '../canonical/decimal';
import { currencyScale } from '../canonical/currency';
import { GL_KEY1_LENGTH, GL_PARM_LENGTH } from './m3Fields';
import { isRecord, issue, nonEmpty, type Issue } from './result';

export type AccountMapEntry = string | { account: string; dimensions?: Record<string, string>; description?: string };

export interface ParmField {
	/** KEY1, LINE, DIVI, ACDT, CUCD, CUAM, AIT1..AIT7, VTXT, TYPE, or "const:<text>" */
	field: string;
	/** 1-based start position */
	start: number;
	length: number;
	align?: 'left' | 'right';
	pad?: string;
	/** only for text fields: cut instead of raising an issue (declared, so not silent) */
	truncate?: boolean;
}

export const DEFAULT_PARM_LAYOUT: ParmField[] = [
	{ field: 'DIVI', start: 1, length: 3 },
	{ field: 'ACDT', start: 4, length: 8 },
	{ field: 'CUCD', start: 12, length: 3 },
	{ field: 'CUAM', start: 15, length: 17, align: 'right' },
	{ field: 'AIT1', start: 32, length: 8 },
	{ field: 'AIT2', start: 40, length: 8 },
	{ field: 'AIT3', start: 48, length: 8 },
	{ field: 'AIT4', start: 56, length: 8 },
	{ field: 'AIT5', start: 64, length: 8 },
	{ field: 'AIT6', start: 72, length: 8 },
	{ field: 'AIT7', start: 80, length: 8 },
	{ field: 'VTXT', start: 88, length: 40, truncate: true },
];

export interface FinLeaf {
	key: string;
	leaf: string;
	amount: Dec;
}
export interface FinTxn {
	id: string;
	type: string;
	postedDate: string;
	currency: string;
	total: Dec;
	status?: string;
	/** Amazon's marketplace id (2024-06-19) or name (v0); '' = not given */
	marketplace: string;
	marketplaceName?: string;
	/** fulfilment network of the items (ProductContext.fulfillmentNetwork): MFN, AFN; undefined = not given or mixed */
	network?: string;
	/** DeferredContext.maturityDate: when a deferred transaction is (or was) released */
	maturityDate?: string;
	leaves: FinLeaf[];
	input: number;
	path: string;
}

function cur(raw: unknown): { d: Dec; c: string } | null {
	if (!isRecord(raw)) return null;
	const a = raw.currencyAmount ?? raw.CurrencyAmount ?? raw.amount ?? raw.Amount;
	const c = raw.currencyCode ?? raw.CurrencyCode;
	if (typeof c !== 'string' || (typeof a !== 'number' && typeof a !== 'string')) return null;
	const d = parseDec(a);
	return d ? { d, c } : null;
}

/** Contexts of a 2024-06-19 transaction and of its items. */
function contextsOf(t: Record<string, unknown>): Array<Record<string, unknown>> {
	const out: Array<Record<string, unknown>> = [];
	const add = (l: unknown): void => {
		if (Array.isArray(l)) for (const c of l) if (isRecord(c)) out.push(c);
	};
	add(t.contexts);
	if (Array.isArray(t.items)) for (const it of t.items) if (isRecord(it)) add(it.contexts);
	return out;
}

/** Expands one input item into normalised transactions (Finances 2024-06-19 and v0 event lists). */
export function normalizeFinancialInput(json: unknown, input: number): { txns: FinTxn[]; issues: Issue[]; skipped: string[] } {
	const txns: FinTxn[] = [];
	const issues: Issue[] = [];
	const skipped: string[] = [];
	if (!isRecord(json)) return { txns, issues: [issue('', 'invalid_input', 'Financial input is not an object')], skipped };
	const root = isRecord(json.payload) ? json.payload : json;
	// ---- Finances 2024-06-19
	const list = Array.isArray(root.transactions) ? root.transactions : root.transactionType !== undefined || root.totalAmount !== undefined ? [root] : null;
	if (list) {
		list.forEach((t, i) => {
			const p = Array.isArray(root.transactions) ? `transactions[${i}]` : '';
			if (!isRecord(t)) return;
			const tot = cur(t.totalAmount);
			const posted = nonEmpty(t.postedDate);
			if (!tot || !posted || Number.isNaN(Date.parse(posted))) {
				issues.push(issue(p, 'invalid_transaction', 'Transaction needs totalAmount {currencyAmount, currencyCode} and postedDate'));
				return;
			}
			const leaves: FinLeaf[] = [];
			let bad = false;
			const walk = (bds: unknown, prefix: string): void => {
				if (!Array.isArray(bds)) return;
				for (const b of bds) {
					if (!isRecord(b)) continue;
					const name = nonEmpty(b.breakdownType) ?? 'Unknown';
					const key = prefix ? prefix + '/' + name : name;
					if (Array.isArray(b.breakdowns) && b.breakdowns.length) walk(b.breakdowns, key);
					else {
						const a = cur(b.breakdownAmount);
						if (!a) continue;
						if (a.c !== tot.c) bad = true;
						leaves.push({ key, leaf: name, amount: a.d });
					}
				}
			};
			walk(t.breakdowns, '');
			if (bad) {
				issues.push(issue(p + '.breakdowns', 'mixed_currency', 'Breakdown currency differs from the transaction currency'));
				return;
			}
			const type = nonEmpty(t.transactionType) ?? 'Transaction';
			let sum: Dec = { m: BigInt(0), s: 0 };
			for (const l of leaves) sum = decAdd(sum, l.amount);
			const diff = decAdd(tot.d, decNeg(sum));
			if (!decIsZero(diff)) leaves.push({ key: `Unallocated/${type}`, leaf: type, amount: diff });
			const id =
				nonEmpty(t.transactionId) ??
				`${type}:${posted}:${
					Array.isArray(t.relatedIdentifiers)
						? t.relatedIdentifiers.map((r) => (isRecord(r) ? `${String(r.relatedIdentifierName)}=${String(r.relatedIdentifierValue)}` : '')).join(',')
						: ''
				}:${decToString(tot.d)}`;
			const md = isRecord(t.marketplaceDetails) ? t.marketplaceDetails : {};
			const sp = isRecord(t.sellingPartnerMetadata) ? t.sellingPartnerMetadata : {};
			const ctx = contextsOf(t);
			const tx: FinTxn = {
				id,
				type,
				postedDate: posted,
				currency: tot.c,
				total: tot.d,
				marketplace: nonEmpty(md.marketplaceId) ?? nonEmpty(sp.marketplaceId) ?? '',
				leaves,
				input,
				path: p,
			};
			const mpName = nonEmpty(md.marketplaceName);
			if (mpName) tx.marketplaceName = mpName;
			const networks = new Set(ctx.filter((c) => c.fulfillmentNetwork !== undefined).map((c) => String(c.fulfillmentNetwork)));
			if (networks.size === 1) tx.network = [...networks][0];
			const deferred = ctx.find((c) => c.contextType === 'DeferredContext' && nonEmpty(c.maturityDate));
			if (deferred) tx.maturityDate = String(deferred.maturityDate);
			const st = nonEmpty(t.transactionStatus);
			if (st) tx.status = st;
			txns.push(tx);
		});
		return { txns, issues, skipped };
	}
	// ---- Finances v0
	const fe = isRecord(root.FinancialEvents) ? root.FinancialEvents : root;
	const lists: Array<[string, string]> = [
		['ShipmentEventList', 'Shipment'],
		['RefundEventList', 'Refund'],
		['GuaranteeClaimEventList', 'GuaranteeClaim'],
		['ChargebackEventList', 'Chargeback'],
	];
	let any = false;
	for (const [listName, kind] of lists) {
		const evs = fe[listName];
		if (!Array.isArray(evs)) continue;
		any = true;
		evs.forEach((ev, i) => {
			if (!isRecord(ev)) return;
			const p = `${listName}[${i}]`;
			const posted = nonEmpty(ev.PostedDate);
			if (!posted || Number.isNaN(Date.parse(posted))) {
				issues.push(issue(p + '.PostedDate', 'invalid_transaction', 'Event has no PostedDate'));
				return;
			}
			const leaves: FinLeaf[] = [];
			let currency: string | undefined;
			let mixed = false;
			const add = (group: string, type: unknown, amount: unknown): void => {
				const a = cur(amount);
				if (!a) return;
				if (currency === undefined) currency = a.c;
				else if (currency !== a.c) mixed = true;
				const leaf = nonEmpty(type) ?? 'Unknown';
				leaves.push({ key: `${kind}/${group}/${leaf}`, leaf, amount: a.d });
			};
			const charges = (l: unknown, group: string): void => {
				if (Array.isArray(l)) for (const c of l) if (isRecord(c)) add(group, c.ChargeType, c.ChargeAmount);
			};
			const fees = (l: unknown, group: string): void => {
				if (Array.isArray(l)) for (const c of l) if (isRecord(c)) add(group, c.FeeType, c.FeeAmount);
			};
			charges(ev.OrderChargeList, 'OrderCharge');
			charges(ev.OrderChargeAdjustmentList, 'OrderCharge');
			fees(ev.ShipmentFeeList, 'Fee');
			fees(ev.ShipmentFeeAdjustmentList, 'Fee');
			fees(ev.OrderFeeList, 'Fee');
			fees(ev.OrderFeeAdjustmentList, 'Fee');
			if (Array.isArray(ev.DirectPaymentList)) for (const d of ev.DirectPaymentList) if (isRecord(d)) add('DirectPayment', d.DirectPaymentType, d.DirectPaymentAmount);
			for (const itemsName of ['ShipmentItemList', 'ShipmentItemAdjustmentList']) {
				const items = ev[itemsName];
				if (!Array.isArray(items)) continue;
				for (const it of items) {
					if (!isRecord(it)) continue;
					charges(it.ItemChargeList, 'ItemCharge');
					charges(it.ItemChargeAdjustmentList, 'ItemCharge');
					fees(it.ItemFeeList, 'ItemFee');
					fees(it.ItemFeeAdjustmentList, 'ItemFee');
					if (Array.isArray(it.ItemTaxWithheldList)) {
						for (const tw of it.ItemTaxWithheldList) if (isRecord(tw)) charges(tw.TaxesWithheld, 'TaxWithheld');
					}
					for (const pl of [it.PromotionList, it.PromotionAdjustmentList]) {
						if (Array.isArray(pl)) for (const pr of pl) if (isRecord(pr)) add('Promotion', pr.PromotionType, pr.PromotionAmount);
					}
				}
			}
			if (mixed || !currency) {
				if (mixed) issues.push(issue(p, 'mixed_currency', 'Event mixes currencies'));
				else skipped.push(p);
				return;
			}
			let total: Dec = { m: BigInt(0), s: 0 };
			for (const l of leaves) total = decAdd(total, l.amount);
			const id = `${kind}:${nonEmpty(ev.AmazonOrderId) ?? ''}:${posted}:${nonEmpty(ev.SellerOrderId) ?? ''}:${decToString(total)}`;
			const name = nonEmpty(ev.MarketplaceName);
			const tx: FinTxn = { id, type: kind, postedDate: posted, currency, total, marketplace: name ?? '', leaves, input, path: p };
			if (name) tx.marketplaceName = name;
			txns.push(tx);
		});
	}
	for (const k of Object.keys(fe)) if (k.endsWith('EventList') && !lists.some(([n]) => n === k) && Array.isArray(fe[k]) && (fe[k] as unknown[]).length) skipped.push(k);
	if (!any && txns.length === 0 && skipped.length === 0) {
		issues.push(issue('', 'unrecognized_financial_input', 'Expected a Finances 2024-06-19 transaction / listTransactions response or v0 FinancialEvents'));
	}
	return { txns, issues, skipped };
}

function fnv(s: string, basis = 0x811c9dc5): number {
	let h = basis;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/**
 * KEY1 (GLS840MI, 10 characters) of the batch of one marketplace + currency + posting window: prefix (0-3) + a
 * base-36 digest of (marketplace, currency, start, end) filling the rest. Same window, marketplace and currency ->
 * same KEY1 (idempotent GL batch); a USD and an EUR batch of the same day never share one. The batch's DESC says in
 * words what the key stands for.
 */
export function deriveKey1(prefix: string, marketplace: string, currency: string, start: string, end: string): string {
	const width = Math.max(1, GL_KEY1_LENGTH - prefix.length);
	const text = `${marketplace}|${currency}|${new Date(Date.parse(start)).toISOString()}|${new Date(Date.parse(end)).toISOString()}`;
	const h = (BigInt(fnv(text)) << BigInt(32)) | BigInt(fnv(text, 0x01000193 ^ 0x5bd1e995));
	const digest = (h % BigInt(36) ** BigInt(width)).toString(36).toUpperCase().padStart(width, '0');
	return prefix + digest;
}

export interface GlLine {
	LINE: string;
	PARM: string;
	account: string;
	amount: string;
	type: string;
	dimensions: Record<string, string>;
}

export interface Reconciliation {
	/** sum of Amazon's totalAmount of the transactions in the batch (exact) */
	amazonTotal: string;
	/** the clearing line: Amazon's total rounded to the currency's minor units */
	clearing: string;
	/** amazonTotal - clearing (non-zero only when Amazon gives more decimals than the currency has) */
	difference: string;
	transactions: number;
	/** transactions by status (RELEASED, DEFERRED_RELEASED, ...) */
	byStatus: Record<string, number>;
	/** deferred transactions of this marketplace + currency released in this window (booked here, not when posted) */
	released: Array<{ id: string; postedDate: string; releasedOn: string; amount: string }>;
	/** still deferred (booked when Amazon releases them) */
	pendingDeferred: { count: number; total: string };
	/** by road and kind, seller view (+ = money to the seller): what each part of Amazon's total went to */
	parts: Record<string, string>;
}

export interface GlBatch {
	CONO?: string;
	DIVI?: string;
	KEY1: string;
	DESC: string;
	INTN: string;
	marketplace: string;
	marketplaceName?: string;
	currency: string;
	window: { start: string; end: string };
	postingDate: string;
	lines: GlLine[];
	entries: LedgerEntry[];
	balanced: boolean;
	totals: { debit: string; credit: string };
	transactionCount: number;
	reconciliation: Reconciliation;
}

export function buildParm(values: Record<string, string>, layout: ParmField[]): { parm: string; issues: Issue[] } {
	const issues: Issue[] = [];
	let width = 0;
	for (const f of layout) width = Math.max(width, f.start - 1 + f.length);
	const buf: string[] = new Array(width).fill(' ');
	for (const f of layout) {
		let v = f.field.startsWith('const:') ? f.field.slice(6) : values[f.field] ?? '';
		if (v.length > f.length) {
			if (f.truncate) v = v.slice(0, f.length);
			else {
				issues.push(issue(`parmLayout.${f.field}`, 'parm_field_overflow', `${f.field} "${v}" does not fit ${f.length} positions`));
				continue;
			}
		}
		const pad = (f.pad ?? ' ').charAt(0) || ' ';
		const text = f.align === 'right' ? v.padStart(f.length, pad) : v.padEnd(f.length, pad);
		for (let i = 0; i < f.length; i++) buf[f.start - 1 + i] = text[i];
	}
	const parm = buf.join('').replace(/\s+$/, '');
	if (parm.length > GL_PARM_LENGTH) issues.push(issue('parmLayout', 'parm_too_long', `PARM is ${parm.length} characters; GLS840MI AddBatchLine takes ${GL_PARM_LENGTH}`));
	return { parm, issues };
}

// ------------------------------------------------------------------------------------------------ accounting model

/** How a sale reaches the ledger: 'order' = M3 invoiced the order (clear its receivable), 'settlement' = book revenue + VAT from Amazon. */
export type Road = 'order' | 'settlement';

/**
 * VAT on Amazon's fees, per marketplace: 'reverseCharge' = Amazon invoices the fees without VAT and the seller
 * self-assesses it (input and output VAT at `rate`, net zero); 'included' = the fee amounts include VAT at `rate`
 * that the seller reclaims (split into net fee + input VAT); 'none' = no VAT (e.g. US).
 */
export type FeeVat =
	| { mode: 'reverseCharge'; rate: string; inputAccount: string; outputAccount: string }
	| { mode: 'included'; rate: string; inputAccount: string }
	| { mode: 'none' };

export interface AccountingModel {
	/** road per fulfilment network; default MFN -> order, AFN -> settlement, unknown -> settlement */
	roads?: { MFN?: Road; AFN?: Road; default?: Road };
	/** order road: every sales and tax amount of an order M3 invoiced goes here (the marketplace customer's receivable) */
	receivableAccount: string;
	/** settlement road: net sales (product, shipping, gift wrap, promotions) */
	revenueAccount: string;
	/** settlement road: refunds' net sales (default revenueAccount) */
	refundAccount?: string;
	/**
	 * refunds of orders M3 invoiced (order road): 'receivable' (default) = the refund clears the receivable that M3's
	 * credit note for the customer return lowers (returns-to-M3 creates the return); 'gl' = GL-only: no M3 return, the
	 * refund's sales go to refundAccount and its tax to vatAccount, as on the settlement road. Never both for one refund.
	 */
	orderRefunds?: 'receivable' | 'gl';
	/** settlement road: VAT / sales tax Amazon shows as charged */
	vatAccount: string;
	/** settlement road: tax the marketplace withheld as deemed supplier / facilitator (default vatAccount: nets to 0) */
	marketplaceTaxAccount?: string;
	/** fees without an Account Map entry (default: catch-all) */
	feeAccount?: string;
	/** clearing account per marketplace id (default: the Clearing Account) */
	clearingAccounts?: Record<string, string>;
	/** VAT on fees per marketplace id, '*' = every other marketplace */
	feeVat?: Record<string, FeeVat>;
}

export type LeafKind = 'sales' | 'tax' | 'marketplaceTax' | 'fee' | 'feeTax' | 'other';

const SALES_LEAVES = new Set(['principal', 'productcharges', 'product charges', 'shipping', 'shippingcharge', 'giftwrap', 'promotiondiscount', 'refunds', 'refund']);

/** What an Amazon amount is: a sale (goods, shipping, gift wrap, promotion), tax, tax the marketplace withheld, a fee, or other. */
export function leafKind(leaf: FinLeaf): LeafKind {
	const k = leaf.key.toLowerCase();
	const l = leaf.leaf.toLowerCase();
	if (k.startsWith('unallocated/')) return 'other';
	if (/facilitator|withheld/.test(k)) return 'marketplaceTax';
	if (/tax/.test(l)) return k.startsWith('expenses/') || /\/(itemfee|fee)\//.test(k) ? 'feeTax' : 'tax';
	if (k.startsWith('expenses/') || /\/(itemfee|fee)\//.test(k) || /fee|commission/.test(l)) return 'fee';
	if (k.startsWith('sales/') || /^refunds?(\/|$)/.test(k) || /\/(itemcharge|ordercharge|promotion)\//.test(k) || SALES_LEAVES.has(l)) return 'sales';
	return 'other';
}

export function roadOf(model: AccountingModel, network: string | undefined): Road {
	const r = model.roads ?? {};
	if (network === 'MFN') return r.MFN ?? 'order';
	if (network === 'AFN') return r.AFN ?? 'settlement';
	return r.default ?? 'settlement';
}

export interface LedgerOptions {
	/** key -> account. Keys tried: full path ("Sales/Product Charges", "Shipment/ItemFee/Commission"), leaf ("Commission") */
	accountMap: Record<string, AccountMapEntry>;
	catchAllAccount: string;
	clearingAccount: string;
	roundingAccount?: string;
	/** the accounting model (roads, receivable, revenue, VAT, fee VAT); absent = every amount by the Account Map */
	accounting?: AccountingModel;
	/** posting window [start, end) ISO; transactions booked on another date are left for their own window */
	windowStart?: string;
	windowEnd?: string;
	/** only this currency (others are invalid); empty = one batch per currency */
	currency?: string;
	/** true = book deferred transactions when posted (old behaviour); default: when Amazon releases them */
	includeDeferred?: boolean;
	keyPrefix?: string;
	INTN: string;
	DIVI?: string;
	CONO?: string;
	parmLayout?: ParmField[];
	defaultDimensions?: Record<string, string>;
}

function lookupAccount(map: Record<string, AccountMapEntry>, leaf: FinLeaf): { account: string; dims: Record<string, string>; type: string } | undefined {
	const hit = map[leaf.key] !== undefined ? leaf.key : map[leaf.leaf] !== undefined ? leaf.leaf : undefined;
	if (hit === undefined) return undefined;
	const e = map[hit];
	if (e === '') return undefined;
	if (typeof e === 'string') return { account: e, dims: {}, type: hit };
	return { account: e.account, dims: e.dimensions ?? {}, type: hit };
}

interface Posting {
	type: string;
	label: string;
	account: string;
	dims: Record<string, string>;
	kind: LeafKind;
	road?: Road;
}

/** Where one Amazon amount goes. The road decides sales and tax (an invoiced order's amounts never reach revenue again). */
function postingOf(leaf: FinLeaf, t: FinTxn, o: LedgerOptions): Posting {
	const kind = leafKind(leaf);
	const mapped = lookupAccount(o.accountMap, leaf);
	const m = o.accounting;
	if (!m) return mapped ? { type: mapped.type, label: mapped.type, account: mapped.account, dims: mapped.dims, kind } : { type: leaf.key, label: leaf.key, account: o.catchAllAccount, dims: {}, kind };
	if (kind === 'sales' || kind === 'tax' || kind === 'marketplaceTax') {
		// GL-only refunds: M3 credits nothing, so the refund is booked as the settlement road books it
		const road = roadOf(m, t.network) === 'order' && !(m.orderRefunds === 'gl' && t.type.toLowerCase().startsWith('refund')) ? 'order' : 'settlement';
		const tag = road === 'order' ? 'ORDER' : 'SETTLEMENT';
		// what M3 invoiced (sales and the VAT on them) is cleared as one amount per transaction type
		if (road === 'order') return { type: `${tag} ${t.type}`, label: `${tag} ${t.type}`, account: m.receivableAccount, dims: {}, kind, road };
		if (mapped) return { type: `${tag} ${mapped.type}`, label: `${tag} ${mapped.type}`, account: mapped.account, dims: mapped.dims, kind, road };
		const account =
			kind === 'tax' ? m.vatAccount : kind === 'marketplaceTax' ? m.marketplaceTaxAccount || m.vatAccount : t.type.toLowerCase().startsWith('refund') ? m.refundAccount || m.revenueAccount : m.revenueAccount;
		return { type: `${tag} ${leaf.key}`, label: `${tag} ${leaf.leaf}`, account, dims: {}, kind, road };
	}
	if (kind === 'feeTax') {
		// Amazon shows the VAT on its fees apart: input VAT as it is
		const v = feeVatOf(m, t.marketplace);
		if (v) return { type: 'FEE_VAT_SHOWN', label: 'fees VAT', account: v.inputAccount, dims: {}, kind };
	}
	if (mapped) return { type: mapped.type, label: mapped.type, account: mapped.account, dims: mapped.dims, kind };
	if (kind === 'fee') return { type: leaf.key, label: leaf.leaf, account: m.feeAccount || o.catchAllAccount, dims: {}, kind };
	return { type: leaf.key, label: leaf.key, account: o.catchAllAccount, dims: {}, kind };
}

type ChargedFeeVat = Exclude<FeeVat, { mode: 'none' }>;

function feeVatOf(m: AccountingModel | undefined, marketplace: string): ChargedFeeVat | undefined {
	if (!m?.feeVat) return undefined;
	const v = m.feeVat[marketplace] ?? m.feeVat['*'];
	return v && v.mode !== 'none' ? v : undefined;
}

const ZERO: Dec = { m: BigInt(0), s: 0 };
const HUNDRED: Dec = { m: BigInt(100), s: 0 };

/** amount x rate / divisor, rounded HALF_UP to `scale` (exact: the division is done with spare places first). */
function share(amount: Dec, rate: Dec, divisor: Dec, scale: number): Dec {
	const q = decDiv(decMul(amount, rate), divisor, scale + 12);
	return decRound(q ? q.value : ZERO, scale);
}

export interface BatchScope {
	marketplace: string;
	marketplaceName?: string;
	currency: string;
	windowStart: string;
	windowEnd: string;
	pendingDeferred?: { count: number; total: Dec };
	/** accounting date of each transaction (release date of deferred ones) */
	bookedOn?: Map<string, string>;
}

/** Aggregates the transactions of ONE marketplace + currency + window into a balanced GL batch. */
export function transactionsToGlBatch(txns: FinTxn[], o: LedgerOptions, scopeIn: BatchScope | (LedgerOptions & { windowStart: string; windowEnd: string; currency: string })): { batch?: GlBatch; issues: Issue[] } {
	const scope: BatchScope = 'marketplace' in scopeIn ? scopeIn : { marketplace: '', currency: scopeIn.currency, windowStart: scopeIn.windowStart, windowEnd: scopeIn.windowEnd };
	const issues: Issue[] = [];
	const scale = currencyScale(scope.currency);
	if (scale === undefined) return { issues: [issue('currency', 'unknown_currency', `Unknown currency ${scope.currency}`)] };
	const groups = new Map<string, Posting & { sum: Dec; count: number }>();
	const parts = new Map<string, Dec>();
	const byStatus: Record<string, number> = {};
	let total: Dec = ZERO;
	for (const t of txns) {
		total = decAdd(total, t.total);
		byStatus[t.status ?? 'RELEASED'] = (byStatus[t.status ?? 'RELEASED'] ?? 0) + 1;
		for (const l of t.leaves) {
			const p = postingOf(l, t, o);
			const dims = { ...(o.defaultDimensions ?? {}), ...p.dims };
			const gk = `${p.type}\u0000${p.account}\u0000${JSON.stringify(dims)}`;
			const g = groups.get(gk);
			if (g) {
				g.sum = decAdd(g.sum, l.amount);
				g.count++;
			} else groups.set(gk, { ...p, dims, sum: l.amount, count: 1 });
			const part = `${p.road ?? 'any'} ${p.kind}`;
			parts.set(part, decAdd(parts.get(part) ?? ZERO, l.amount));
		}
	}
	const endMs = Date.parse(scope.windowEnd);
	const postingDate = new Date(endMs - 1).toISOString().slice(0, 10);
	const KEY1 = deriveKey1(o.keyPrefix ?? 'AMZ', scope.marketplace, scope.currency, scope.windowStart, scope.windowEnd);
	const entries: LedgerEntry[] = [];
	const mkEntry = (type: string, account: string, dims: Record<string, string>, amt: Dec, count: number, description: string): LedgerEntry => ({
		canonicalVersion: CANONICAL_VERSION,
		kind: 'LedgerEntry',
		source: { system: 'amazon', id: KEY1 },
		postingDate,
		type,
		account,
		dimensions: dims,
		amount: { amount: decToString(amt), currency: scope.currency },
		side: decSign(amt) < 0 ? 'credit' : 'debit',
		description,
		transactionCount: count,
	});
	let sumLines: Dec = { m: BigInt(0), s: scale };
	const feeVat = feeVatOf(o.accounting, scope.marketplace);
	const feeRate = feeVat ? parseDec(feeVat.rate) : null;
	if (feeVat && !feeRate) issues.push(issue(`accounting.feeVat.${scope.marketplace}.rate`, 'invalid_option', `Fee VAT rate "${feeVat.rate}" is not a number`));
	let feeGl: Dec = { m: BigInt(0), s: scale };
	let includedVat: Dec = { m: BigInt(0), s: scale };
	// where Amazon shows the VAT on its fees as its own amount, the fees do not include it again
	const vatShown = [...groups.values()].some((g) => g.kind === 'feeTax' && !decIsZero(g.sum));
	const sortedGroups = [...groups.values()].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.account < b.account ? -1 : 1));
	for (const g of sortedGroups) {
		let amt = decRound(decNeg(g.sum), scale);
		if (decIsZero(amt)) continue;
		if (g.kind === 'fee') {
			feeGl = decAdd(feeGl, amt);
			if (feeVat?.mode === 'included' && feeRate && !vatShown) {
				// the fee includes VAT: net fee + reclaimable input VAT
				const vat = share(amt, feeRate, decAdd(HUNDRED, feeRate), scale);
				includedVat = decAdd(includedVat, vat);
				amt = decSub(amt, vat);
			}
		}
		sumLines = decAdd(sumLines, amt);
		entries.push(mkEntry(g.type, g.account, g.dims, amt, g.count, `Amazon ${g.label}`));
	}
	const dflt = { ...(o.defaultDimensions ?? {}) };
	if (feeVat && feeRate && !decIsZero(feeGl)) {
		if (feeVat.mode === 'reverseCharge') {
			// self-assessed VAT on the fees Amazon invoiced without VAT: input and output VAT, net zero
			const vat = share(feeGl, feeRate, HUNDRED, scale);
			if (!decIsZero(vat)) {
				entries.push(mkEntry('FEE_VAT_INPUT', feeVat.inputAccount, dflt, vat, 0, `Amazon fees VAT ${feeVat.rate}% reverse charge`));
				entries.push(mkEntry('FEE_VAT_OUTPUT', feeVat.outputAccount, dflt, decNeg(vat), 0, `Amazon fees VAT ${feeVat.rate}% reverse charge`));
			}
		} else if (feeVat.mode === 'included' && !decIsZero(includedVat)) {
			sumLines = decAdd(sumLines, includedVat);
			entries.push(mkEntry('FEE_VAT_INPUT', feeVat.inputAccount, dflt, includedVat, 0, `Amazon fees VAT ${feeVat.rate}% included`));
		}
	}
	const clearing = decRound(total, scale);
	const rounding = decNeg(decAdd(sumLines, clearing));
	if (!decIsZero(rounding)) entries.push(mkEntry('ROUNDING', o.roundingAccount || o.catchAllAccount, dflt, rounding, 0, 'Amazon rounding'));
	const clearingAccount = o.accounting?.clearingAccounts?.[scope.marketplace] || o.clearingAccount;
	if (!decIsZero(clearing)) entries.push(mkEntry('CLEARING', clearingAccount, dflt, clearing, txns.length, 'Amazon clearing'));

	// balance check + totals
	let bal: Dec = { m: BigInt(0), s: scale };
	let debit: Dec = { m: BigInt(0), s: scale };
	let credit: Dec = { m: BigInt(0), s: scale };
	for (const e of entries) {
		const d = parseDec(e.amount.amount) as Dec;
		bal = decAdd(bal, d);
		if (decSign(d) > 0) debit = decAdd(debit, d);
		else credit = decAdd(credit, decNeg(d));
	}
	const balanced = decIsZero(bal);
	if (!balanced) issues.push(issue('', 'unbalanced', `GL batch does not balance (${decToString(bal)})`));

	const acdt = postingDate.replace(/-/g, '');
	const layout = o.parmLayout ?? DEFAULT_PARM_LAYOUT;
	const lines: GlLine[] = entries.map((e, i) => {
		const vals: Record<string, string> = {
			KEY1,
			LINE: String(i + 1),
			DIVI: o.DIVI ?? '',
			ACDT: acdt,
			CUCD: scope.currency,
			CUAM: e.amount.amount,
			AIT1: e.account,
			VTXT: e.description ?? '',
			TYPE: e.type,
		};
		for (let k = 2; k <= 7; k++) vals['AIT' + k] = e.dimensions['AIT' + k] ?? '';
		const { parm, issues: pi } = buildParm(vals, layout);
		for (const x of pi) issues.push({ ...x, path: `lines[${i}].${x.path}` });
		return { LINE: String(i + 1), PARM: parm, account: e.account, amount: e.amount.amount, type: e.type, dimensions: e.dimensions };
	});
	const label = scope.marketplaceName || scope.marketplace || 'Amazon';
	const released = txns
		.filter((t) => t.status === 'DEFERRED_RELEASED' && !o.includeDeferred)
		.map((t) => ({ id: t.id, postedDate: t.postedDate, releasedOn: scope.bookedOn?.get(t.id) ?? t.maturityDate ?? '', amount: decToString(t.total) }));
	const reconciliation: Reconciliation = {
		amazonTotal: decToString(total),
		clearing: decToString(clearing),
		difference: decToString(decSub(total, clearing)),
		transactions: txns.length,
		byStatus,
		released,
		pendingDeferred: { count: scope.pendingDeferred?.count ?? 0, total: decToString(decRound(scope.pendingDeferred?.total ?? ZERO, scale)) },
		parts: Object.fromEntries([...parts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, decToString(decRound(v, scale))])),
	};
	const batch: GlBatch = {
		KEY1,
		DESC: `${label} ${scope.currency} ${scope.windowStart.slice(0, 16)}..${scope.windowEnd.slice(0, 16)}`.slice(0, 60),
		INTN: o.INTN,
		marketplace: scope.marketplace,
		currency: scope.currency,
		window: { start: scope.windowStart, end: scope.windowEnd },
		postingDate,
		lines,
		entries,
		balanced,
		totals: { debit: decToString(debit), credit: decToString(credit) },
		transactionCount: txns.length,
		reconciliation,
	};
	if (scope.marketplaceName) batch.marketplaceName = scope.marketplaceName;
	if (o.CONO) batch.CONO = o.CONO;
	if (o.DIVI) batch.DIVI = o.DIVI;
	return { batch, issues };
}

export interface LedgerRunResult {
	/** one balanced batch per marketplace + currency with transactions booked in the window */
	batches: Array<{ batch: GlBatch; sources: number[] }>;
	invalid: Array<{ index: number; issues: Issue[] }>;
	configIssues: Issue[];
	skipped: string[];
	duplicates: number;
	/** transactions of the input booked in another window (posted or released outside this one) */
	otherWindow: number;
}

/**
 * The date a transaction is booked on: when Amazon posted it, or for a deferred one when Amazon released it
 * (DeferredContext.maturityDate); null = still deferred.
 */
export function bookingDate(t: FinTxn, includeDeferred: boolean): string | null | undefined {
	if (includeDeferred) return t.postedDate;
	if (t.status === 'DEFERRED') return null;
	if (t.status === 'DEFERRED_RELEASED') return t.maturityDate && !Number.isNaN(Date.parse(t.maturityDate)) ? t.maturityDate : undefined;
	return t.postedDate;
}

/** Whole operation over all input items: normalise, book by date, dedupe, one batch per marketplace + currency. */
export function financesToGlBatch(items: Array<{ index: number; json: unknown }>, o: LedgerOptions): LedgerRunResult {
	const res: LedgerRunResult = { batches: [], invalid: [], configIssues: [], skipped: [], duplicates: 0, otherWindow: 0 };
	if (!o.catchAllAccount) res.configIssues.push(issue('catchAllAccount', 'invalid_option', 'A catch-all account is required'));
	if (!o.clearingAccount) res.configIssues.push(issue('clearingAccount', 'invalid_option', 'A clearing account is required'));
	if (!o.INTN) res.configIssues.push(issue('INTN', 'invalid_option', 'The GLS850 interface template (INTN) is required'));
	const m = o.accounting;
	if (m) {
		for (const k of ['receivableAccount', 'revenueAccount', 'vatAccount'] as const) {
			if (!nonEmpty(m[k])) res.configIssues.push(issue(`accounting.${k}`, 'invalid_option', `Accounting: ${k} is required`));
		}
		for (const [mp, v] of Object.entries(m.feeVat ?? {})) {
			if (v.mode === 'none') continue;
			if (!parseDec(v.rate) || !nonEmpty(v.inputAccount) || (v.mode === 'reverseCharge' && !nonEmpty(v.outputAccount))) {
				res.configIssues.push(issue(`accounting.feeVat.${mp}`, 'invalid_option', `Accounting: fee VAT of ${mp} needs rate, inputAccount${v.mode === 'reverseCharge' ? ' and outputAccount' : ''}`));
			}
		}
	}
	const prefix = o.keyPrefix ?? 'AMZ';
	if (!/^[A-Z0-9]{0,3}$/i.test(prefix)) res.configIssues.push(issue('keyPrefix', 'invalid_option', 'KEY1 prefix must be 0-3 letters/digits'));
	const ws = o.windowStart ? Date.parse(o.windowStart) : NaN;
	const we = o.windowEnd ? Date.parse(o.windowEnd) : NaN;
	if (o.windowStart && Number.isNaN(ws)) res.configIssues.push(issue('windowStart', 'invalid_option', 'windowStart is not an ISO date-time'));
	if (o.windowEnd && Number.isNaN(we)) res.configIssues.push(issue('windowEnd', 'invalid_option', 'windowEnd is not an ISO date-time'));
	if (res.configIssues.length) return res;

	const all: FinTxn[] = [];
	const bad = new Map<number, Issue[]>();
	const pushBad = (idx: number, is: Issue[]): void => {
		const l = bad.get(idx);
		if (l) l.push(...is);
		else bad.set(idx, [...is]);
	};
	const seen = new Set<string>();
	for (const it of items) {
		const n = normalizeFinancialInput(it.json, it.index);
		if (n.issues.length) pushBad(it.index, n.issues);
		for (const s of n.skipped) res.skipped.push(`item ${it.index}: ${s}`);
		for (const t of n.txns) {
			// the same transaction from two queries (window and deferred look-back) or two pages counts once
			if (seen.has(t.id)) {
				res.duplicates++;
				continue;
			}
			seen.add(t.id);
			all.push(t);
		}
	}
	// a transaction without marketplace details belongs to the input's only marketplace
	const mps = new Set(all.map((t) => t.marketplace).filter((x) => x));
	if (mps.size === 1) {
		const only = [...mps][0];
		const name = all.find((t) => t.marketplace === only && t.marketplaceName)?.marketplaceName;
		for (const t of all) {
			if (t.marketplace) continue;
			t.marketplace = only;
			if (name && !t.marketplaceName) t.marketplaceName = name;
		}
	}
	const include = o.includeDeferred === true;
	const dated: Array<{ t: FinTxn; on: string | null }> = [];
	for (const t of all) {
		const on = bookingDate(t, include);
		if (on === undefined) {
			pushBad(t.input, [issue(t.path + '.contexts', 'release_date_unknown', `Deferred transaction ${t.id} was released but has no DeferredContext.maturityDate: its booking date is unknown`)]);
			continue;
		}
		dated.push({ t, on });
	}
	// window: explicit, or the UTC day of the earliest booking date
	let start = o.windowStart;
	let end = o.windowEnd;
	if (!start || !end) {
		let min = Infinity;
		for (const d of dated) if (d.on) min = Math.min(min, Date.parse(d.on));
		if (min === Infinity) min = 0;
		const d = new Date(min);
		const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
		start = start ?? new Date(day).toISOString();
		end = end ?? new Date(Date.parse(start) + 86400000).toISOString();
	}
	const sMs = Date.parse(start);
	const eMs = Date.parse(end);
	interface Group {
		marketplace: string;
		marketplaceName?: string;
		currency: string;
		txns: FinTxn[];
		pending: { count: number; total: Dec };
		overdue: FinTxn[];
		bookedOn: Map<string, string>;
	}
	const groups = new Map<string, Group>();
	const groupOf = (t: FinTxn): Group => {
		const k = `${t.marketplace}\u0000${t.currency}`;
		let g = groups.get(k);
		if (!g) {
			g = { marketplace: t.marketplace, currency: t.currency, txns: [], pending: { count: 0, total: ZERO }, overdue: [], bookedOn: new Map() };
			groups.set(k, g);
		}
		if (t.marketplaceName && !g.marketplaceName) g.marketplaceName = t.marketplaceName;
		return g;
	};
	for (const { t, on } of dated) {
		if (o.currency && t.currency !== o.currency) {
			pushBad(t.input, [issue(t.path, 'currency_mismatch', `Transaction currency ${t.currency} differs from batch currency ${o.currency}`)]);
			continue;
		}
		if (currencyScale(t.currency) === undefined) {
			pushBad(t.input, [issue(t.path, 'unknown_currency', `Unknown currency ${t.currency}`)]);
			continue;
		}
		if (on === null) {
			// still deferred: booked when released; one whose release date has passed holds its window (Amazon is late)
			const g = groupOf(t);
			const due = t.maturityDate ? Date.parse(t.maturityDate) : NaN;
			if (!Number.isNaN(due) && due < eMs && Date.parse(t.postedDate) < eMs) g.overdue.push(t);
			else if (Date.parse(t.postedDate) < eMs) {
				g.pending.count++;
				g.pending.total = decAdd(g.pending.total, t.total);
			}
			continue;
		}
		const p = Date.parse(on);
		if (p < sMs || p >= eMs) {
			res.otherWindow++;
			continue;
		}
		const g = groupOf(t);
		g.txns.push(t);
		g.bookedOn.set(t.id, on);
	}
	for (const g of [...groups.values()].sort((a, b) => (`${a.marketplace}|${a.currency}` < `${b.marketplace}|${b.currency}` ? -1 : 1))) {
		if (g.overdue.length) {
			for (const t of g.overdue) {
				pushBad(t.input, [
					issue(
						t.path + '.transactionStatus',
						'deferral_overdue',
						`Transaction ${t.id} is still DEFERRED although its release date ${t.maturityDate} is before the window end ${end}: the ${g.marketplaceName || g.marketplace} ${g.currency} batch of this window waits until Amazon releases it (replay the window then)`,
					),
				]);
			}
			continue;
		}
		if (g.txns.length === 0) continue;
		const { batch, issues } = transactionsToGlBatch(g.txns, o, {
			marketplace: g.marketplace,
			marketplaceName: g.marketplaceName,
			currency: g.currency,
			windowStart: start,
			windowEnd: end,
			pendingDeferred: g.pending,
			bookedOn: g.bookedOn,
		});
		if (issues.length || !batch) {
			res.configIssues.push(...issues);
			continue;
		}
		res.batches.push({ batch, sources: [...new Set(g.txns.map((t) => t.input))].sort((a, b) => a - b) });
	}
	for (const [index, is] of bad) res.invalid.push({ index, issues: is });
	return res;
}
