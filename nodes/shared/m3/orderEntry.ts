/**
 * Batch order entry (OIS100MI), one v2 bulk request per step whatever the number of lines:
 *   aliases   MMS025MI GetItem for every line given by POPN (one bulk, or read ahead for the whole run)
 *   head      AddBatchHead -> temporary ORNO
 *   fill      AddBatchAddress + AddBatchLine* + AddBatchHeadChg* + head texts (+ a second bulk only for line
 *             charges/texts, which need the PONR M3 gave each line)
 *   confirm   Confirm + GetOrderNo + GetBatchHead + LstErrMsgOrder: order number, status and M3's reasons at once
 * A request whose answer was lost (reset, timeout, HTTP 5xx) has an unknown outcome; each step says so instead of
 * guessing, and `inspect` reads the batch order back.
 */
import type { M3Client } from './client';
import { M3Error, isNotFound } from './errors';
import { reasonsFromBulk, reasonsFromErrMsg, type OrderFailureReason } from './orderFailure';
import { aliasKey, s, type BatchOrderPlan, type CreateOrderResult, type OrderLookupCache } from './orderPlan';
import type { M3TransactionResult } from './parse';
import type { Exec } from './orderKey';

export const BATCH_CREATED = '90';
export const BATCH_ENTERED = '10';

export interface EntryCtx {
	client: M3Client;
	exec: Exec;
	plan: BatchOrderPlan;
	cuor: string;
	aliasType: string;
	cache?: OrderLookupCache;
}

/** What M3 says about a batch order now. */
export interface BatchState {
	exists: boolean;
	STAT: string;
	ORNR: string;
	ORSL: string;
	ORST: string;
	CUOR: string;
	errors: OrderFailureReason[];
}

/** Transport failures and HTTP 5xx after sending: M3 may or may not have run the request. */
export function isUnknownOutcome(e: unknown): boolean {
	if (!(e instanceof M3Error)) return false;
	if (e.kind === 'network') return e.code !== 'ECONNREFUSED';
	return e.kind === 'http' && e.httpStatus !== 429 && e.httpStatus !== 503 && (e.httpStatus ?? 0) >= 500;
}

function asM3Error(e: unknown): M3Error {
	return e instanceof M3Error ? e : new M3Error(String(e), { kind: 'network' });
}

/** ITNO for every line given by an alias (POPN): one MMS025MI bulk request for the lines the cache does not know. */
export async function resolveAliases(e: EntryCtx): Promise<void> {
	const wanted = e.plan.lines
		.map((line, i) => ({ line, i, alwt: s(line.ALWT) || e.aliasType, popn: s(line.POPN), alwq: s(line.ALWQ) }))
		.filter((x) => !s(x.line.ITNO) && x.popn);
	if (!wanted.length) return;
	await e.cache?.loadItems?.();
	const known = e.cache?.items ?? new Map<string, string | null>();
	const ask = [...new Map(wanted.filter((w) => !known.has(aliasKey(w.alwt, w.popn, w.alwq))).map((w) => [aliasKey(w.alwt, w.popn, w.alwq), w])).values()];
	if (ask.length) {
		const results = await e.client.bulk(
			'MMS025MI',
			ask.map((w) => ({ transaction: 'GetItem', record: { ALWT: w.alwt, POPN: w.popn, ...(w.alwq ? { ALWQ: w.alwq } : {}) } })),
			{ ...e.exec, idempotent: true },
		);
		results.forEach((r, j) => {
			if (r.error && !isNotFound(r.error)) throw r.error;
			known.set(aliasKey(ask[j].alwt, ask[j].popn, ask[j].alwq), r.error ? null : (r.records[0]?.ITNO ?? null));
		});
	}
	for (const w of wanted) {
		const itno = known.get(aliasKey(w.alwt, w.popn, w.alwq));
		if (!itno) {
			throw new M3Error(`lines[${w.i}]: no item has the alias POPN "${w.popn}" (alias type ${w.alwt}); nothing was created`, {
				program: 'MMS025MI',
				transaction: 'GetItem',
				code: 'XRE0103',
				field: 'POPN',
				kind: 'nok',
			});
		}
		w.line.ITNO = itno;
	}
}

/** AddBatchHead. A NOK is thrown as it is; a lost answer throws too (isUnknownOutcome: an empty head may exist). */
export async function addBatchHead(e: EntryCtx, head: Record<string, unknown>): Promise<string> {
	const added = await e.client.get('OIS100MI', 'AddBatchHead', head, { ...e.exec, idempotent: false });
	if (!added.ORNO) {
		throw new M3Error('OIS100MI/AddBatchHead returned no temporary order number', {
			program: 'OIS100MI',
			transaction: 'AddBatchHead',
			kind: 'nok',
		});
	}
	return added.ORNO;
}

export type FillResult =
	| { ok: true; lines: CreateOrderResult['lines']; warnings: CreateOrderResult['warnings'] }
	| { ok: false; reasons: OrderFailureReason[]; first?: M3Error }
	| { ok: false; unknown: M3Error };

/** Everything but the head, in one bulk request (two when lines carry charges or texts). */
export async function fillBatch(e: EntryCtx, tmp: string): Promise<FillResult> {
	const { plan } = e;
	const warnings: CreateOrderResult['warnings'] = [];
	const txns: Array<{ transaction: string; record: Record<string, unknown> }> = [];
	const lineIndexByTx = new Map<number, number>();
	const optionalTx = new Set<number>();
	if (plan.address) txns.push({ transaction: 'AddBatchAddress', record: { ADRT: '1', ...plan.address, ORNO: tmp } });
	plan.lines.forEach((l, i) => {
		lineIndexByTx.set(txns.length, i);
		txns.push({ transaction: 'AddBatchLine', record: { ...l, ORNO: tmp } });
	});
	const lineCharges: Array<{ charge: Record<string, unknown>; line: number }> = [];
	for (const c of plan.charges ?? []) {
		const { line, ...rest } = c as Record<string, unknown>;
		if (line !== undefined && line !== null && line !== '') lineCharges.push({ charge: rest, line: Number(line) });
		else txns.push({ transaction: 'AddBatchHeadChg', record: { ...rest, ORNO: tmp } });
	}
	const lineTexts: Array<{ text: Record<string, unknown>; line: number }> = [];
	for (const t of plan.texts ?? []) {
		const text = s(t.text ?? t.PARM);
		if (!text) continue;
		if (t.type === 'line' || t.line !== undefined) {
			lineTexts.push({ text: { PARM: text, TYTR: t.TYTR ?? '1' }, line: Number(t.line ?? 1) });
		} else {
			optionalTx.add(txns.length);
			txns.push({ transaction: 'AddBatchText', record: { ORNO: tmp, TYPE: '1', TYTR: t.TYTR ?? '1', PARM: text } });
		}
	}
	let results: M3TransactionResult[];
	try {
		results = await e.client.bulk('OIS100MI', txns, { ...e.exec, idempotent: false });
	} catch (err) {
		const m3 = asM3Error(err);
		return isUnknownOutcome(m3) ? { ok: false, unknown: m3 } : { ok: false, reasons: [{ source: 'bulk', message: m3.message, code: m3.code || undefined }], first: m3 };
	}
	results.forEach((r, i) => {
		if (r.error && optionalTx.has(i)) {
			warnings.push({ transaction: r.transaction, message: r.error.message, code: r.error.code, field: r.error.field });
		}
	});
	const bad = reasonsFromBulk(results, (i) => lineIndexByTx.get(i), (i) => optionalTx.has(i));
	if (bad.reasons.length) return { ok: false, reasons: bad.reasons, first: bad.first };

	// line charges and texts need the PONR M3 gave each line
	const keyOfLine = new Map<number, { PONR: string; POSX: string }>();
	for (const [txIndex, lineIndex] of lineIndexByTx) {
		const rec = results[txIndex]?.records[0];
		keyOfLine.set(lineIndex, { PONR: rec?.PONR || String(lineIndex + 1), POSX: rec?.POSX || '0' });
	}
	const lineKey = (line: number) => keyOfLine.get(line - 1) ?? { PONR: String(line), POSX: '0' };
	const second: Array<{ transaction: string; record: Record<string, unknown> }> = [];
	for (const lc of lineCharges) second.push({ transaction: 'AddBatchLineChg', record: { ...lineKey(lc.line), ...lc.charge, ORNO: tmp } });
	const firstText = second.length;
	for (const lt of lineTexts) {
		second.push({ transaction: 'AddBatchText', record: { ...lineKey(lt.line), ...lt.text, ORNO: tmp, TYPE: '2' } });
	}
	if (second.length) {
		let res2: M3TransactionResult[];
		try {
			res2 = await e.client.bulk('OIS100MI', second, { ...e.exec, idempotent: false });
		} catch (err) {
			const m3 = asM3Error(err);
			return isUnknownOutcome(m3) ? { ok: false, unknown: m3 } : { ok: false, reasons: [{ source: 'bulk', message: m3.message }], first: m3 };
		}
		res2.forEach((r, i) => {
			if (r.error && i >= firstText) warnings.push({ transaction: r.transaction, message: r.error.message, code: r.error.code });
		});
		const bad2 = reasonsFromBulk(res2, () => undefined, (i) => i >= firstText);
		if (bad2.reasons.length) return { ok: false, reasons: bad2.reasons, first: bad2.first };
	}
	const lines = plan.lines.map((l, i) => ({
		...lineKey(i + 1),
		ITNO: s(l.ITNO),
		ORQT: s(l.ORQT),
		...(l.CUOR !== undefined ? { CUOR: s(l.CUOR) } : {}),
	}));
	return { ok: true, lines, warnings };
}

function stateOf(results: M3TransactionResult[], offset: number): BatchState {
	const [head, no, errs] = results.slice(offset);
	if (head?.error && !isNotFound(head.error)) throw head.error;
	const h = head?.records[0] ?? {};
	return {
		exists: !!head && !head.error,
		STAT: h.STAT ?? '',
		ORNR: no && !no.error ? (no.records[0]?.ORNR ?? '') : '',
		ORSL: h.ORSL ?? '',
		ORST: h.ORST ?? '',
		CUOR: h.CUOR ?? '',
		errors: errs && !errs.error ? reasonsFromErrMsg(errs.records) : [],
	};
}

const READ_BACK = (tmp: string) => [
	{ transaction: 'GetBatchHead', record: { ORNO: tmp } },
	{ transaction: 'GetOrderNo', record: { ORNO: tmp } },
	{ transaction: 'LstErrMsgOrder', record: { ORNO: tmp } },
];

/** The batch order as it is now (status, final ORNO, M3's reasons): one bulk of reads. */
export async function inspectBatch(e: Pick<EntryCtx, 'client' | 'exec'>, tmp: string): Promise<BatchState> {
	const results = await e.client.bulk('OIS100MI', READ_BACK(tmp), { ...e.exec, idempotent: true, maxrecs: 0 });
	return stateOf(results, 0);
}

/**
 * Confirm and read the outcome in the same request. If the answer is lost, the batch order is read back; one that is
 * still entered (Confirm did not run) is confirmed again (Confirm of a released batch order creates nothing).
 */
export async function confirmBatch(e: EntryCtx, tmp: string): Promise<BatchState & { confirmError?: M3Error }> {
	for (let attempt = 0; ; attempt++) {
		let results: M3TransactionResult[];
		try {
			results = await e.client.bulk('OIS100MI', [{ transaction: 'Confirm', record: { ORNO: tmp } }, ...READ_BACK(tmp)], {
				...e.exec,
				idempotent: false,
				maxrecs: 0,
			});
		} catch (err) {
			const m3 = asM3Error(err);
			if (!isUnknownOutcome(m3)) throw m3;
			const now = await inspectBatch(e, tmp);
			if (now.exists && now.STAT === BATCH_ENTERED && attempt === 0) continue;
			return now;
		}
		const state = stateOf(results, 1);
		const confirm = results[0];
		return confirm?.error ? { ...state, confirmError: confirm.error } : state;
	}
}

/**
 * After an AddBatchHead whose answer was lost: the empty head it may have left has a lower temporary number than the
 * head entered next (they come from one number series). Heads just below with this CUOR, still entered and not known
 * as another attempt's, are deleted. Best effort; returns what it deleted.
 */
export async function deleteLostHeads(e: EntryCtx, tmp: string, known: Set<string>, window = 20): Promise<string[]> {
	if (!/^\d{1,15}$/.test(tmp)) return [];
	const width = tmp.length;
	const below: string[] = [];
	for (let n = Number(tmp) - 1; below.length < window && n > 0; n--) below.push(String(n).padStart(width, '0'));
	try {
		const heads = await e.client.bulk(
			'OIS100MI',
			below.map((o) => ({ transaction: 'GetBatchHead', record: { ORNO: o } })),
			{ ...e.exec, idempotent: true },
		);
		const lost = heads
			.map((r, i) => ({ r, orno: below[i] }))
			.filter(({ r, orno }) => !r.error && r.records[0]?.CUOR === e.cuor && r.records[0]?.STAT === BATCH_ENTERED && !known.has(orno))
			.map(({ orno }) => orno);
		if (!lost.length) return [];
		const del = await e.client.bulk(
			'OIS100MI',
			lost.map((o) => ({ transaction: 'DelBatchHead', record: { ORNO: o } })),
			{ ...e.exec, idempotent: true },
		);
		return lost.filter((_o, i) => !del[i]?.error);
	} catch {
		return [];
	}
}
