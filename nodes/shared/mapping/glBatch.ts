/**
 * One balanced GL batch (GLS840MI) from the transactions of ONE marketplace + currency + window: amounts grouped by
 * posting (type, account, dimensions), GL sign (+ = debit), VAT on fees, the rounding line, the clearing line with
 * Amazon's total, the reconciliation, and one PARM per line. Used by ledger.ts.
 */
import { CANONICAL_VERSION, type LedgerEntry } from '../canonical/schemas';
import { decAdd, decDiv, decIsZero, decMul, decNeg, decRound, decSign, decSub, decToString, parseDec, type Dec } from '../canonical/decimal';
import { currencyScale } from '../canonical/currency';
import { issue, type Issue } from './result';
import { feeVatOf, postingOf, type LedgerOptions, type Posting } from './accountingModel';
import type { FinTxn } from './finances';
import { buildParm, DEFAULT_PARM_LAYOUT, deriveKey1 } from './glParm';

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
