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
import { decAdd, parseDec, type Dec } from '../canonical/decimal';
import { currencyScale } from '../canonical/currency';
import { issue, nonEmpty, type Issue } from './result';
import type { LedgerOptions } from './accountingModel';
import { normalizeFinancialInput, type FinTxn } from './finances';
import { transactionsToGlBatch, type GlBatch } from './glBatch';

export { leafKind, roadOf, type AccountingModel, type AccountMapEntry, type FeeVat, type LeafKind, type LedgerOptions, type Road } from './accountingModel';
export { normalizeFinancialInput, type FinLeaf, type FinTxn } from './finances';
export { transactionsToGlBatch, type BatchScope, type GlBatch, type GlLine, type Reconciliation } from './glBatch';
export { buildParm, DEFAULT_PARM_LAYOUT, deriveKey1, type ParmField } from './glParm';

const ZERO: Dec = { m: BigInt(0), s: 0 };

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