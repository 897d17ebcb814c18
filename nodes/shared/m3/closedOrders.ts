/**
 * M3 cancels -> Amazon (docs/contracts.md "Cancellations M3 -> Amazon"): the Amazon orders whose M3 customer order has
 * lines M3 closed without delivering them.
 *
 * Selection (cost grows with new work, not with history, like the shipment feedback): the order heads whose M3 change
 * timestamp passed the watermark kept in M3 (EXPORTMI on OOHEAD, `OALMTS >= from`, paged by the timestamp; a CUSEXTMI
 * record `AMZCANWM/<key>` keeps the window, one run of overlap), of the Amazon customers, with a CUOR; then their heads
 * and lines in one bulk request (OIS100MI GetHead + LstLine per order). An order is emitted when M3 shows a line closed
 * without delivery: status 9x with nothing delivered (99 "completed without delivery", CloLine; a deleted line M3 keeps
 * at 9x), lines missing from the numbering (PONR 1..n from batch entry: a gap = a line deleted, DelLine), fewer lines than
 * the import entered (the order key record's line count, orderKey.ts: catches a deleted LAST line, which leaves no gap;
 * read in one more bulk request for the orders no other signal named), or no line left (head status 90). Which Amazon items that means is decided against Amazon's order (Transform): an item already
 * cancelled on Amazon is never sent again.
 * Replays and ION: the orders named (ORNO), whatever the watermark.
 */
import type { M3Client } from './client';
import { M3Error, isAlreadyExists, isNotFound } from './errors';
import { parseChain, type KeyRecord } from './orderKey';
import { parseM3Number, type M3Record } from './values';

export const CANCEL_WATERMARK = 'AMZCANWM';

export interface ClosedOrdersOptions {
	/** CUSEXTMI FILE of the watermark */
	markFile: string;
	watermarkKey: string;
	/** Amazon customers (CUNO); empty = every customer with a CUOR */
	customers: string[];
	/** EXPORTMI rows per request */
	pageSize: number;
	/** LMTS to start from when there is no watermark yet (empty = every order) */
	startFrom?: string;
	/** CUSEXTMI table of the order key records (as in Create; empty = do not compare with the lines entered) */
	keyFile?: string;
	company?: string;
	division?: string;
}

export interface ClosedLine {
	PONR: string;
	POSX: string;
	ITNO: string;
	/** the Amazon order item id written at create */
	CUOR: string;
	ORQT: number | null;
	DLQT: number | null;
	ORST: string;
	RSCD: string;
}

export interface ClosedOrder {
	ORNO: string;
	/** the Amazon order id */
	CUOR: string;
	CUNO: string;
	ORSL: string;
	ORST: string;
	/** the order's lines as M3 lists them now */
	lines: ClosedLine[];
	/** what made it a candidate: closed (9x without delivery), gap (PONR missing, or fewer lines than entered), empty (no line left) */
	signals: Array<'closed' | 'gap' | 'empty'>;
	source: 'changed' | 'orders';
}

export interface ClosedOrdersResult {
	orders: ClosedOrder[];
	failed: Array<{ ORNO: string; message: string; code: string }>;
	/** orders looked at and not emitted (nothing closed) */
	unchanged: number;
	watermark?: { from: string; to: string; rows: number; pages: number };
}

type Exec = { company?: string; division?: string };
const exec = (o: ClosedOrdersOptions): Exec => ({ company: o.company, division: o.division });
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

function records(r: { records?: M3Record[]; error?: M3Error } | undefined): M3Record[] {
	return r && !r.error ? r.records ?? [] : [];
}

/** Order heads changed at or after `from` (EXPORTMI on OOHEAD), paged by "OALMTS >= the last page's highest". */
export async function changedOrderHeads(
	client: M3Client,
	o: ClosedOrdersOptions,
	from: string,
): Promise<{ rows: Array<{ ORNO: string; LMTS: string; CUNO: string; CUOR: string }>; pages: number; highest: string }> {
	const cols = ['OAORNO', 'OALMTS', 'OACUNO', 'OACUOR'];
	const where = o.company || client.company ? [`OACONO = ${Number(o.company || client.company)}`] : [];
	const seen = new Set<string>();
	const rows: Array<{ ORNO: string; LMTS: string; CUNO: string; CUOR: string }> = [];
	let cursor = from;
	let highest = from;
	let pages = 0;
	for (;;) {
		const cond = [...where, ...(cursor !== '' ? [`OALMTS >= ${cursor}`] : [])];
		const page = await client.execute(
			'EXPORTMI',
			'Select',
			{ QERY: `${cols.join(', ')} from OOHEAD${cond.length ? ` where ${cond.join(' and ')}` : ''}`, SEPC: ';', HDRS: '0' },
			{ ...exec(o), maxrecs: o.pageSize },
		);
		pages++;
		let top = cursor;
		for (const rec of page) {
			const [ORNO, LMTS, CUNO, CUOR] = String(rec.REPL ?? '').split(';').map((x) => x.trim());
			if (!ORNO || !/^\d+$/.test(LMTS ?? '')) {
				throw new M3Error(`EXPORTMI returned a row that is not "${cols.join(';')}": "${String(rec.REPL).slice(0, 80)}"`, { program: 'EXPORTMI', transaction: 'Select', kind: 'nok' });
			}
			if (top === '' || Number(LMTS) > Number(top)) top = LMTS;
			if (seen.has(ORNO)) continue;
			seen.add(ORNO);
			rows.push({ ORNO, LMTS, CUNO: CUNO ?? '', CUOR: CUOR ?? '' });
		}
		if (top !== '' && (highest === '' || Number(top) > Number(highest))) highest = top;
		if (page.length < o.pageSize) break;
		if (top === cursor) {
			throw new M3Error(`More than ${o.pageSize} orders share the change timestamp ${cursor}: raise "EXPORTMI Page Size"`, {
				program: 'EXPORTMI',
				transaction: 'Select',
				kind: 'input',
				field: 'pageSize',
			});
		}
		cursor = top;
	}
	return { rows, pages, highest };
}

/** Reads heads and lines of the orders (one bulk) and keeps those with a line closed without delivery. */
async function evaluate(client: M3Client, ornos: string[], o: ClosedOrdersOptions, source: ClosedOrder['source']): Promise<Omit<ClosedOrdersResult, 'watermark'>> {
	const out: ClosedOrdersResult = { orders: [], failed: [], unchanged: 0 };
	if (!ornos.length) return out;
	const quiet: ClosedOrder[] = [];
	const res = await client.bulk(
		'OIS100MI',
		ornos.flatMap((ORNO) => [
			{ transaction: 'GetHead', record: { ORNO } },
			{ transaction: 'LstLine', record: { ORNO } },
		]),
		{ ...exec(o), maxrecs: 0 },
	);
	const customers = new Set(o.customers);
	ornos.forEach((ORNO, k) => {
		const h = res[2 * k];
		const l = res[2 * k + 1];
		const err = h?.error ?? (l?.error && !isNotFound(l.error) ? l.error : undefined);
		if (err) {
			if (isNotFound(err)) out.unchanged++;
			else out.failed.push({ ORNO, message: err.fullMessage, code: err.code || 'read_failed' });
			return;
		}
		const head = records(h)[0];
		if (!head || !s(head.CUOR) || (customers.size && !customers.has(s(head.CUNO)))) {
			out.unchanged++;
			return;
		}
		const lines: ClosedLine[] = records(l).map((r) => ({
			PONR: s(r.PONR),
			POSX: s(r.POSX),
			ITNO: s(r.ITNO),
			CUOR: s(r.CUOR),
			ORQT: parseM3Number(r.ORQT),
			DLQT: parseM3Number(r.DLQT),
			ORST: s(r.ORST),
			RSCD: s(r.RSCD),
		}));
		const signals: ClosedOrder['signals'] = [];
		if (lines.some((x) => Number(x.ORST) >= 90 && !((x.DLQT ?? 0) > 0))) signals.push('closed');
		const numbers = new Set(lines.map((x) => Number(x.PONR)));
		const max = Math.max(0, ...numbers);
		for (let n = 1; n < max; n++) {
			if (!numbers.has(n)) {
				signals.push('gap');
				break;
			}
		}
		if (!lines.length || Number(s(head.ORSL)) >= 90) signals.push('empty');
		const order: ClosedOrder = { ORNO, CUOR: s(head.CUOR), CUNO: s(head.CUNO), ORSL: s(head.ORSL), ORST: s(head.ORST), lines, signals, source };
		if (signals.length) out.orders.push(order);
		else quiet.push(order);
	});
	const short = await fewerLinesThanEntered(client, quiet, o);
	out.orders.push(...short.orders);
	out.failed.push(...short.failed);
	out.unchanged += quiet.length - short.orders.length - short.failed.length;
	// output in the order asked for (replays name them)
	const rank = new Map(ornos.map((x, k) => [x, k]));
	out.orders.sort((a, b) => (rank.get(a.ORNO) ?? 0) - (rank.get(b.ORNO) ?? 0));
	return out;
}

/** The line count the order's import entered (its key record with this ORNO, else its latest attempt that counted). */
function enteredLines(chain: KeyRecord[], orno: string): number {
	const own = chain.filter((c) => c.orno === orno && c.lines);
	const counted = own.length ? own : chain.filter((c) => c.lines);
	return counted.length ? counted[counted.length - 1].lines ?? 0 : 0;
}

/**
 * Orders showing fewer lines (distinct PONR; M3 keeps closed lines) than their import entered: a line was deleted,
 * possibly the last one. One CUSEXTMI bulk for all of them. No key record = an order imported before the count (or not
 * by us): unchanged. A key record that cannot be read is a failed order, not an unchanged one: the watermark moves on,
 * so counting it unchanged would miss a deleted last line until the order changes again; failed, it is kept in the
 * dead letter and replayed by its ORNO.
 */
async function fewerLinesThanEntered(
	client: M3Client,
	orders: ClosedOrder[],
	o: ClosedOrdersOptions,
): Promise<{ orders: ClosedOrder[]; failed: ClosedOrdersResult['failed'] }> {
	const file = s(o.keyFile);
	const out: { orders: ClosedOrder[]; failed: ClosedOrdersResult['failed'] } = { orders: [], failed: [] };
	if (!file || !orders.length) return out;
	const res = await client.bulk(
		'CUSEXTMI',
		orders.map((x) => ({ transaction: 'LstFieldValue', record: { FILE: file, PK01: x.CUNO, PK02: x.CUOR } })),
		{ ...exec(o), maxrecs: 50 },
	);
	orders.forEach((x, k) => {
		const r = res[k];
		if (r?.error && !isNotFound(r.error)) {
			out.failed.push({ ORNO: x.ORNO, message: `order key record (${file}): ${r.error.fullMessage}`, code: r.error.code || 'read_failed' });
			return;
		}
		if (!r || r.error) return;
		const entered = enteredLines(parseChain({ FILE: file, CUNO: x.CUNO, CUOR: x.CUOR }, r.records ?? []), x.ORNO);
		if (entered > new Set(x.lines.map((l) => l.PONR)).size) out.orders.push({ ...x, signals: ['gap'] });
	});
	return out;
}

function cusext(o: ClosedOrdersOptions, values: Record<string, string> = {}): Record<string, string> {
	return { FILE: o.markFile, PK01: CANCEL_WATERMARK, PK02: o.watermarkKey, ...values };
}

/** Schedule: the orders changed since the watermark; the watermark moves after they were read. */
export async function selectClosedOrders(client: M3Client, o: ClosedOrdersOptions): Promise<ClosedOrdersResult> {
	const wm = (await client.find('CUSEXTMI', 'GetFieldValue', cusext(o), exec(o))) ?? undefined;
	const from = s(wm?.A030) || s(o.startFrom);
	const last = s(wm?.A130) || from;
	const changed = await changedOrderHeads(client, o, from);
	const customers = new Set(o.customers);
	const ornos = changed.rows.filter((r) => r.CUOR && (!customers.size || customers.has(r.CUNO))).map((r) => r.ORNO);
	const result = await evaluate(client, ornos, o, 'changed');
	// the next run reads from this run's top of the previous window (one run of overlap), as the shipment feedback does
	const highest = changed.highest !== '' && (last === '' || Number(changed.highest) > Number(last)) ? changed.highest : last;
	const values = { A030: last, A130: highest, VEXI: '1' };
	const w = await client.run('CUSEXTMI', wm ? 'ChgFieldValue' : 'AddFieldValue', cusext(o, values), { ...exec(o), idempotent: true });
	if (w.error && !(isAlreadyExists(w.error) || isNotFound(w.error))) throw w.error;
	if (w.error) await client.execute('CUSEXTMI', wm ? 'AddFieldValue' : 'ChgFieldValue', cusext(o, values), { ...exec(o), idempotent: true });
	return { ...result, watermark: { from, to: last, rows: changed.rows.length, pages: changed.pages } };
}

/** Replays (and a caller naming orders): the orders named, whatever the watermark. */
export async function closedOrdersByNumber(client: M3Client, ornos: string[], o: ClosedOrdersOptions): Promise<ClosedOrdersResult> {
	const list = [...new Set(ornos.map((x) => x.trim()).filter(Boolean))];
	return await evaluate(client, list, o, 'orders');
}
