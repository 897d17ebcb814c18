/**
 * Amazon financial transactions read into one normalised shape (FinTxn: total, posted date, status, marketplace,
 * fulfilment network, release date, and every amount as a leaf of its breakdown) from Finances 2024-06-19
 * transactions and v0 FinancialEvents. Seller's view: + = money to the seller. Used by ledger.ts.
 */
import { decAdd, decIsZero, decNeg, decToString, parseDec, type Dec } from '../canonical/decimal';
import { isRecord, issue, nonEmpty, type Issue } from './result';

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
