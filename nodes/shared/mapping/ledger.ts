/**
 * (6) Amazon financial transactions -> canonical LedgerEntries -> M3 GL batch (GLS840MI AddBatchHead + AddBatchLine
 * with a positional PARM per GLS850 "position-based API" template, m3-mi-ion.md §3.7).
 * Sign convention: Amazon amounts are from the seller's view (+ = money to the seller). GL amounts are M3's:
 * + = debit, - = credit. Each type line gets -amount; the clearing (Amazon receivable) line gets the Amazon total,
 * so every batch balances; per-line rounding differences go to a rounding account.
 */
import { CANONICAL_VERSION, type LedgerEntry } from '../canonical/schemas';
import { decAdd, decIsZero, decNeg, decRound, decSign, decToString, parseDec, type Dec } from '../canonical/decimal';
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

export interface LedgerOptions {
	/** key -> account. Keys tried: full path ("Sales/Product Charges", "Shipment/ItemFee/Commission"), leaf ("Commission") */
	accountMap: Record<string, AccountMapEntry>;
	catchAllAccount: string;
	clearingAccount: string;
	roundingAccount?: string;
	/** posting window [start, end) ISO; transactions outside go to the invalid output */
	windowStart?: string;
	windowEnd?: string;
	/** batch currency; empty = the single currency of the input */
	currency?: string;
	includeDeferred?: boolean;
	keyPrefix?: string;
	INTN: string;
	DIVI?: string;
	CONO?: string;
	parmLayout?: ParmField[];
	defaultDimensions?: Record<string, string>;
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
	postedDate: string;
	currency: string;
	total: Dec;
	status?: string;
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
			const tx: FinTxn = { id, postedDate: posted, currency: tot.c, total: tot.d, leaves, input, path: p };
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
			txns.push({ id, postedDate: posted, currency, total, leaves, input, path: p });
		});
	}
	for (const k of Object.keys(fe)) if (k.endsWith('EventList') && !lists.some(([n]) => n === k) && Array.isArray(fe[k]) && (fe[k] as unknown[]).length) skipped.push(k);
	if (!any && txns.length === 0 && skipped.length === 0) {
		issues.push(issue('', 'unrecognized_financial_input', 'Expected a Finances 2024-06-19 transaction / listTransactions response or v0 FinancialEvents'));
	}
	return { txns, issues, skipped };
}

function fnv(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/**
 * KEY1 = prefix + yyMMdd(window start, UTC) + suffix. Suffix = 1-based number of the window within its day when the
 * window length divides 24 h and the window is aligned to it (daily window -> "1"), else a hash of the window; base 36,
 * width = 10 - prefix - 6. Same window -> same KEY1 (idempotent GL batch).
 */
export function deriveKey1(prefix: string, start: string, end: string, currency: string): string {
	const s = Date.parse(start);
	const e = Date.parse(end);
	const d = new Date(s);
	const ymd = d.toISOString().slice(2, 10).replace(/-/g, '');
	const width = Math.max(1, GL_KEY1_LENGTH - prefix.length - 6);
	const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
	const len = e - s;
	const cap = Math.pow(36, width);
	let n: number;
	if (len > 0 && len <= 86400000 && 86400000 % len === 0 && (s - dayStart) % len === 0) n = (s - dayStart) / len + 1;
	else n = fnv(`${start}|${end}|${currency}`) % cap;
	if (n >= cap) n = fnv(`${start}|${end}|${currency}`) % cap;
	return prefix + ymd + n.toString(36).toUpperCase().padStart(width, '0');
}

export interface GlLine {
	LINE: string;
	PARM: string;
	account: string;
	amount: string;
	type: string;
	dimensions: Record<string, string>;
}
export interface GlBatch {
	CONO?: string;
	DIVI?: string;
	KEY1: string;
	DESC: string;
	INTN: string;
	currency: string;
	window: { start: string; end: string };
	postingDate: string;
	lines: GlLine[];
	entries: LedgerEntry[];
	balanced: boolean;
	totals: { debit: string; credit: string };
	transactionCount: number;
}

function lookupAccount(map: Record<string, AccountMapEntry>, leaf: FinLeaf, catchAll: string): { account: string; dims: Record<string, string>; mapped: boolean } {
	const e = map[leaf.key] ?? map[leaf.leaf];
	if (e === undefined || e === '') return { account: catchAll, dims: {}, mapped: false };
	if (typeof e === 'string') return { account: e, dims: {}, mapped: true };
	return { account: e.account, dims: e.dimensions ?? {}, mapped: true };
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

/** Aggregates normalised transactions of ONE currency into a balanced GL batch. */
export function transactionsToGlBatch(txns: FinTxn[], o: LedgerOptions & { windowStart: string; windowEnd: string; currency: string }): { batch?: GlBatch; issues: Issue[] } {
	const issues: Issue[] = [];
	const scale = currencyScale(o.currency);
	if (scale === undefined) return { issues: [issue('currency', 'unknown_currency', `Unknown currency ${o.currency}`)] };
	const groups = new Map<string, { type: string; account: string; dims: Record<string, string>; sum: Dec; count: number }>();
	let total: Dec = { m: BigInt(0), s: 0 };
	for (const t of txns) {
		total = decAdd(total, t.total);
		for (const l of t.leaves) {
			const acc = lookupAccount(o.accountMap, l, o.catchAllAccount);
			const dims = { ...(o.defaultDimensions ?? {}), ...acc.dims };
			const type = acc.mapped ? (o.accountMap[l.key] !== undefined ? l.key : l.leaf) : l.key;
			const gk = `${type}\u0000${acc.account}\u0000${JSON.stringify(dims)}`;
			const g = groups.get(gk);
			if (g) {
				g.sum = decAdd(g.sum, l.amount);
				g.count++;
			} else groups.set(gk, { type, account: acc.account, dims, sum: l.amount, count: 1 });
		}
	}
	const endMs = Date.parse(o.windowEnd);
	const postingDate = new Date(endMs - 1).toISOString().slice(0, 10);
	const KEY1 = deriveKey1(o.keyPrefix ?? 'AMZ', o.windowStart, o.windowEnd, o.currency);
	const entries: LedgerEntry[] = [];
	const mkEntry = (type: string, account: string, dims: Record<string, string>, amt: Dec, count: number, description: string): LedgerEntry => ({
		canonicalVersion: CANONICAL_VERSION,
		kind: 'LedgerEntry',
		source: { system: 'amazon', id: KEY1 },
		postingDate,
		type,
		account,
		dimensions: dims,
		amount: { amount: decToString(amt), currency: o.currency },
		side: decSign(amt) < 0 ? 'credit' : 'debit',
		description,
		transactionCount: count,
	});
	let sumLines: Dec = { m: BigInt(0), s: scale };
	const sortedGroups = [...groups.values()].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.account < b.account ? -1 : 1));
	for (const g of sortedGroups) {
		const amt = decRound(decNeg(g.sum), scale);
		if (decIsZero(amt)) continue;
		sumLines = decAdd(sumLines, amt);
		entries.push(mkEntry(g.type, g.account, g.dims, amt, g.count, `Amazon ${g.type}`));
	}
	const clearing = decRound(total, scale);
	const rounding = decNeg(decAdd(sumLines, clearing));
	if (!decIsZero(rounding)) entries.push(mkEntry('ROUNDING', o.roundingAccount || o.catchAllAccount, { ...(o.defaultDimensions ?? {}) }, rounding, 0, 'Amazon rounding'));
	if (!decIsZero(clearing)) entries.push(mkEntry('CLEARING', o.clearingAccount, { ...(o.defaultDimensions ?? {}) }, clearing, txns.length, 'Amazon clearing'));

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
			CUCD: o.currency,
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
	const batch: GlBatch = {
		KEY1,
		DESC: `Amazon ${o.currency} ${o.windowStart.slice(0, 16)}..${o.windowEnd.slice(0, 16)}`.slice(0, 60),
		INTN: o.INTN,
		currency: o.currency,
		window: { start: o.windowStart, end: o.windowEnd },
		postingDate,
		lines,
		entries,
		balanced,
		totals: { debit: decToString(debit), credit: decToString(credit) },
		transactionCount: txns.length,
	};
	if (o.CONO) batch.CONO = o.CONO;
	if (o.DIVI) batch.DIVI = o.DIVI;
	return { batch, issues };
}

export interface LedgerRunResult {
	batch?: GlBatch;
	batchSources: number[];
	invalid: Array<{ index: number; issues: Issue[] }>;
	configIssues: Issue[];
	skipped: string[];
	duplicates: number;
}

/** Whole operation over all input items: normalise, filter window/status/currency, dedupe, aggregate, balance. */
export function financesToGlBatch(items: Array<{ index: number; json: unknown }>, o: LedgerOptions): LedgerRunResult {
	const res: LedgerRunResult = { batchSources: [], invalid: [], configIssues: [], skipped: [], duplicates: 0 };
	if (!o.catchAllAccount) res.configIssues.push(issue('catchAllAccount', 'invalid_option', 'A catch-all account is required'));
	if (!o.clearingAccount) res.configIssues.push(issue('clearingAccount', 'invalid_option', 'A clearing account is required'));
	if (!o.INTN) res.configIssues.push(issue('INTN', 'invalid_option', 'The GLS850 interface template (INTN) is required'));
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
	for (const it of items) {
		const n = normalizeFinancialInput(it.json, it.index);
		if (n.issues.length) pushBad(it.index, n.issues);
		for (const s of n.skipped) res.skipped.push(`item ${it.index}: ${s}`);
		all.push(...n.txns);
	}
	// window: explicit, or the UTC day of the earliest transaction
	let start = o.windowStart;
	let end = o.windowEnd;
	if (!start || !end) {
		let min = Infinity;
		for (const t of all) min = Math.min(min, Date.parse(t.postedDate));
		if (min === Infinity) min = 0;
		const d = new Date(min);
		const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
		start = start ?? new Date(day).toISOString();
		end = end ?? new Date(Date.parse(start) + 86400000).toISOString();
	}
	const sMs = Date.parse(start);
	const eMs = Date.parse(end);
	const currencies = new Set(all.map((t) => t.currency));
	const currency = o.currency || (currencies.size === 1 ? [...currencies][0] : '');
	const seen = new Set<string>();
	const kept: FinTxn[] = [];
	for (const t of all) {
		const p = Date.parse(t.postedDate);
		if (p < sMs || p >= eMs) {
			pushBad(t.input, [issue(t.path + '.postedDate', 'outside_window', `Posted ${t.postedDate}, outside the posting window ${start} .. ${end}`)]);
			continue;
		}
		if (t.status === 'DEFERRED' && !o.includeDeferred) {
			pushBad(t.input, [issue(t.path + '.transactionStatus', 'deferred_transaction', 'Deferred transaction (not released yet) is not posted')]);
			continue;
		}
		if (!currency) {
			pushBad(t.input, [issue(t.path, 'mixed_currency', `Input has several currencies (${[...currencies].join(', ')}); set the batch currency`)]);
			continue;
		}
		if (t.currency !== currency) {
			pushBad(t.input, [issue(t.path, 'currency_mismatch', `Transaction currency ${t.currency} differs from batch currency ${currency}`)]);
			continue;
		}
		if (currencyScale(t.currency) === undefined) {
			pushBad(t.input, [issue(t.path, 'unknown_currency', `Unknown currency ${t.currency}`)]);
			continue;
		}
		if (seen.has(t.id)) {
			res.duplicates++;
			continue;
		}
		seen.add(t.id);
		kept.push(t);
	}
	for (const [index, is] of bad) res.invalid.push({ index, issues: is });
	if (kept.length === 0) return res;
	const { batch, issues } = transactionsToGlBatch(kept, { ...o, windowStart: start, windowEnd: end, currency });
	if (issues.length || !batch) {
		res.configIssues.push(...issues);
		return res;
	}
	res.batch = batch;
	res.batchSources = [...new Set(kept.map((t) => t.input))].sort((a, b) => a - b);
	return res;
}
