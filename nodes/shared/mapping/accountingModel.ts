/**
 * The accounting model (docs/guide/accounting.md): what each Amazon amount is (sale, tax, marketplace tax, fee, fee
 * VAT, other), its road (order = clear the receivable of what M3 invoiced, settlement = revenue + VAT) and the account
 * it is posted to (Account Map first, then the model's accounts). The ledger's options live here. Used by glBatch.ts.
 */
import type { FinLeaf, FinTxn } from './finances';
import type { ParmField } from './glParm';

export type AccountMapEntry = string | { account: string; dimensions?: Record<string, string>; description?: string };

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

export interface Posting {
	type: string;
	label: string;
	account: string;
	dims: Record<string, string>;
	kind: LeafKind;
	road?: Road;
}

/** Where one Amazon amount goes. The road decides sales and tax (an invoiced order's amounts never reach revenue again). */
export function postingOf(leaf: FinLeaf, t: FinTxn, o: LedgerOptions): Posting {
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

export type ChargedFeeVat = Exclude<FeeVat, { mode: 'none' }>;

export function feeVatOf(m: AccountingModel | undefined, marketplace: string): ChargedFeeVat | undefined {
	if (!m?.feeVat) return undefined;
	const v = m.feeVat[marketplace] ?? m.feeVat['*'];
	return v && v.mode !== 'none' ? v : undefined;
}
