/**
 * Shipment feedback: which M3 deliveries are to be confirmed to Amazon, read at a cost that grows with new
 * deliveries, not with history (docs/contracts.md "Shipment feedback: selection"). Shared by the schedule path (deliveries
 * changed since a watermark taken from M3's own change timestamps) and the ION path (the deliveries of the orders a
 * Sync.Shipment BOD names): both end in evaluateDeliveries, one item per delivery.
 *
 * State lives in M3 (CUSEXTMI, FILE = markFile, VEXI=1), so it survives n8n and holds across queue-mode workers:
 *   PK01 AMZSHIP   PK02 DLIX  the lasting mark: A030 CONFIRMED | FAILED, A130 Amazon order id, A230 ORNO, N096 packages,
 *                             A330 (FAILED) the delivery's LMTS when given up: tried again only once it changes
 *   PK01 AMZSHIPQ  PK02 DLIX  the queue: issued, selected, not confirmed yet; N096 attempts, A030 Amazon order id, A130 ORNO
 *   PK01 AMZSHIPWM PK02 key   the watermark: A030 the LMTS the next run reads from, A130 the highest LMTS read so far
 * A delivery is queued before the watermark passes it, so a run that dies after selecting loses nothing; the queue is
 * one key range (LstFieldValue), read every run: its size is the deliveries waiting (e.g. for tracking), not history.
 */
import type { M3Client } from './client';
import { M3Error, isAlreadyExists, isNotFound } from './errors';
import type { M3TransactionResult } from './parse';
import { parseM3Number, type M3Record } from './values';

export const MARK = 'AMZSHIP';
export const QUEUE = 'AMZSHIPQ';
export const WATERMARK = 'AMZSHIPWM';

export interface DeliveryLine {
	PONR: string;
	POSX: string;
	ITNO: string;
	TRQT: number;
	CUOR: string;
	ORQT: number | null;
	DLQT: number | null;
}

export interface DeliveryPackage {
	PANR: string;
	SSCC: string;
	ETRN: string;
	PACT: string;
	GRWE: number | null;
}

export interface Delivery {
	DLIX: string;
	ETRN: string;
	FWNO: string;
	MODL: string;
	DSDT: string;
	DSHM: string;
	PGRS: string;
	CONN: string;
	NBOL: string;
	WHLO: string;
	head: M3Record;
	lines: DeliveryLine[];
	packages: DeliveryPackage[];
}

/** One order with its deliveries (the order-level shape of docs/contracts.md "M3 shipment feedback"). */
export interface ShipmentFeedback {
	ORNO: string;
	CUOR: string;
	CUNO: string;
	ORSL: string;
	ORST: string;
	deliveries: Delivery[];
}

/** One delivery to confirm: the order-level shape with exactly this delivery, plus where it came from. */
export interface DeliveryFeedback extends ShipmentFeedback {
	DLIX: string;
	WHLO: string;
	PGRS: string;
	/** how many runs selected it (1 = first time) */
	attempt: number;
	source: 'changed' | 'queued' | 'orders';
}

export interface SelectionOptions {
	/** CUSEXTMI FILE of the marks, queue and watermark */
	markFile: string;
	/** lowest PGRS of an issued delivery (two digits, compared as numbers) */
	issuedFrom: string;
	/** Amazon customers (the delivery's CONA / the order's CUNO); empty = every customer */
	customers: string[];
	/** MWS423MI packing level */
	packageLevel: string;
	/** a queued delivery is given up (mark FAILED) when selected this many times without being confirmed */
	maxAttempts: number;
	/** which watermark (several workflows can each keep one) */
	watermarkKey: string;
	/** EXPORTMI rows per request */
	pageSize: number;
	/** LMTS to start from when there is no watermark yet (empty = every delivery) */
	startFrom?: string;
	/** deliveries from these warehouses are never confirmed to Amazon (the FBA warehouse: Amazon shipped them) */
	skipWarehouses?: string[];
	company?: string;
	division?: string;
}

/** A delivery that was looked at and is not emitted, with the reason (counted in the run summary). */
export interface SkippedDelivery {
	DLIX: string;
	reason: 'not_issued' | 'confirmed' | 'failed_before' | 'other_customer' | 'not_customer_order' | 'not_found' | 'skipped_warehouse';
	PGRS?: string;
}

/** A delivery that cannot be emitted: a failure of its own (the run goes on with the others). */
export interface FailedDelivery {
	DLIX: string;
	ORNO: string;
	message: string;
	code: string;
	/** the delivery as far as it was read */
	delivery?: Partial<DeliveryFeedback>;
}

export interface SelectionResult {
	deliveries: DeliveryFeedback[];
	failed: FailedDelivery[];
	skipped: SkippedDelivery[];
	watermark?: { from: string; to: string; rows: number; pages: number };
	queued: number;
}

interface Candidate {
	DLIX: string;
	source: DeliveryFeedback['source'];
	attempts: number;
	queued: boolean;
	/** the delivery's MHDISH change timestamp, when the selection read it */
	lmts?: string;
}

type Exec = { company?: string; division?: string };

const exec = (o: SelectionOptions): Exec => ({ company: o.company, division: o.division });
const dlixKey = (v: unknown): string => String(Number(String(v ?? '').trim()));
const pgrsNumber = (v: unknown): number => Number(String(v ?? '').trim() || 'NaN');

export function isIssued(pgrs: unknown, issuedFrom: string): boolean {
	const p = pgrsNumber(pgrs);
	return Number.isFinite(p) && p >= Number(issuedFrom);
}

/** Results of a bulk whose NOK "does not exist" means "none": records or [] (other errors are thrown). */
function recordsOrNone(r: M3TransactionResult | undefined): M3Record[] {
	if (!r) return [];
	if (r.error) {
		if (isNotFound(r.error)) return [];
		throw r.error;
	}
	return r.records;
}

/** Packages and lines of one delivery joined to its order (head + lines): the Delivery object. */
export function buildDelivery(
	DLIX: string,
	head: M3Record,
	delLines: M3Record[],
	packages: M3Record[],
	orderLines: M3Record[],
): Delivery {
	const lineByPonr = new Map(orderLines.map((l) => [`${Number(l.PONR)}|${Number(l.POSX || 0)}`, l]));
	return {
		DLIX,
		ETRN: head.ETRN ?? '',
		FWNO: head.FWNO ?? '',
		MODL: head.MODL ?? '',
		DSDT: head.DSDT ?? '',
		DSHM: head.DSHM ?? '',
		PGRS: head.PGRS ?? '',
		CONN: head.CONN ?? '',
		NBOL: head.NBOL ?? '',
		WHLO: head.WHLO ?? '',
		head,
		lines: delLines.map((l) => {
			const ol = lineByPonr.get(`${Number(l.RIDL)}|${Number(l.RIDX || 0)}`);
			return {
				PONR: l.RIDL,
				POSX: l.RIDX,
				ITNO: l.ITNO,
				TRQT: parseM3Number(l.TRQT) ?? 0,
				CUOR: ol?.CUOR ?? '',
				ORQT: ol ? parseM3Number(ol.ORQT) : null,
				DLQT: ol ? parseM3Number(ol.DLQT) : null,
			};
		}),
		packages: packages.map((p) => ({
			PANR: p.PANR ?? '',
			SSCC: p.SSCC ?? '',
			ETRN: p.ETRN ?? '',
			PACT: p.PACT ?? '',
			GRWE: parseM3Number(p.GRWE),
		})),
	};
}

function cusext(o: SelectionOptions, pk01: string, pk02: string, values: Record<string, string> = {}): Record<string, string> {
	return { FILE: o.markFile, PK01: pk01, PK02: pk02, ...values };
}

/**
 * The watermark and the queue, in one CUSEXTMI request. The queue is listed by its key (PK01 = AMZSHIPQ): PK02 keys of
 * other ranges that M3 may return when it takes PK01 as a start key are dropped.
 */
async function readState(client: M3Client, o: SelectionOptions, withWatermark: boolean): Promise<{ wm?: M3Record; queue: Map<string, number> }> {
	const tx = [{ transaction: 'LstFieldValue', record: cusext(o, QUEUE, '') }];
	if (withWatermark) tx.push({ transaction: 'GetFieldValue', record: cusext(o, WATERMARK, o.watermarkKey) });
	const [q, w] = await client.bulk('CUSEXTMI', tx, { ...exec(o), maxrecs: 0 });
	const queue = new Map<string, number>();
	for (const r of recordsOrNone(q)) {
		if ((r.FILE ?? o.markFile) !== o.markFile || r.PK01 !== QUEUE || !/^\d+$/.test(r.PK02 ?? '')) continue;
		queue.set(dlixKey(r.PK02), Math.max(0, Math.floor(parseM3Number(r.N096) ?? 0)));
	}
	const wm = withWatermark ? recordsOrNone(w)[0] : undefined;
	return { wm, queue };
}

/**
 * Issued deliveries of customer orders whose MHDISH change timestamp (OQLMTS) is at or after `from`, through
 * EXPORTMI/Select, paged by "OQLMTS >= the last page's highest" with a dedupe on DLIX (EXPORTMI has no paging).
 */
export async function changedDeliveries(
	client: M3Client,
	o: SelectionOptions,
	from: string,
): Promise<{ rows: Array<{ DLIX: string; LMTS: string; PGRS: string; CONA: string }>; pages: number; highest: string }> {
	const cols = ['OQDLIX', 'OQLMTS', 'OQPGRS', 'OQCONA', 'OQRORC'];
	const where = [
		...(o.company || client.company ? [`OQCONO = ${Number(o.company || client.company)}`] : []),
		'OQINOU = 1',
		`OQPGRS >= '${o.issuedFrom.replace(/'/g, '')}'`,
	];
	const seen = new Set<string>();
	const rows: Array<{ DLIX: string; LMTS: string; PGRS: string; CONA: string }> = [];
	let cursor = from;
	let highest = from;
	let pages = 0;
	for (;;) {
		const cond = [...where, ...(cursor !== '' ? [`OQLMTS >= ${cursor}`] : [])].join(' and ');
		const page = await client.execute(
			'EXPORTMI',
			'Select',
			{ QERY: `${cols.join(', ')} from MHDISH where ${cond}`, SEPC: ';', HDRS: '0' },
			{ ...exec(o), maxrecs: o.pageSize },
		);
		pages++;
		let top = cursor;
		for (const rec of page) {
			const [DLIX, LMTS, PGRS, CONA, RORC] = String(rec.REPL ?? '').split(';').map((s) => s.trim());
			if (!/^\d+$/.test(DLIX ?? '') || !/^\d+$/.test(LMTS ?? '')) {
				throw new M3Error(`EXPORTMI returned a row that is not "${cols.join(';')}": "${String(rec.REPL).slice(0, 80)}"`, {
					program: 'EXPORTMI',
					transaction: 'Select',
					kind: 'nok',
				});
			}
			if (top === '' || Number(LMTS) > Number(top)) top = LMTS;
			const k = dlixKey(DLIX);
			if (seen.has(k)) continue;
			seen.add(k);
			if (RORC !== undefined && RORC !== '' && Number(RORC) !== 3) continue;
			rows.push({ DLIX: k, LMTS, PGRS: PGRS ?? '', CONA: CONA ?? '' });
		}
		if (top !== '' && (highest === '' || Number(top) > Number(highest))) highest = top;
		if (page.length < o.pageSize) break;
		if (top === cursor) {
			throw new M3Error(
				`More than ${o.pageSize} deliveries share the change timestamp ${cursor}: raise "EXPORTMI Page Size"`,
				{ program: 'EXPORTMI', transaction: 'Select', kind: 'input', field: 'pageSize' },
			);
		}
		cursor = top;
	}
	return { rows, pages, highest };
}

/** The deliveries of customer orders (MWS411MI/LstDelLnByOrd per order, one bulk), in DLIX order. */
export async function deliveriesOfOrders(client: M3Client, ornos: string[], e: Exec = {}): Promise<Array<{ ORNO: string; DLIX: string }>> {
	const list = [...new Set(ornos.map((s) => s.trim()).filter(Boolean))];
	const res = await client.bulk(
		'MWS411MI',
		list.map((RIDN) => ({ transaction: 'LstDelLnByOrd', record: { RORC: '3', RIDN } })),
		{ ...e, maxrecs: 0 },
	);
	const out = new Map<string, string>();
	res.forEach((r, i) => {
		for (const l of recordsOrNone(r)) if (l.DLIX) out.set(dlixKey(l.DLIX), list[i]);
	});
	return [...out.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([DLIX, ORNO]) => ({ ORNO, DLIX }));
}

/**
 * Reads the candidates and decides for each: confirmed before (mark) -> skipped; not issued / not a customer order /
 * another customer -> skipped; issued -> read (lines, packages, the order's head and lines) and emitted, or failed
 * with its own reason. Queue entries follow: emitted deliveries are queued (or their attempt counted), confirmed or
 * vanished ones leave the queue, those over maxAttempts are marked FAILED and failed.
 */
async function evaluateDeliveries(client: M3Client, candidates: Candidate[], o: SelectionOptions): Promise<Omit<SelectionResult, 'watermark'>> {
	const e = exec(o);
	const skipped: SkippedDelivery[] = [];
	const failed: FailedDelivery[] = [];
	const out: DeliveryFeedback[] = [];
	const queueWrites: Array<{ transaction: string; record: Record<string, string> }> = [];
	const dequeue = (c: Candidate): void => {
		if (c.queued) queueWrites.push({ transaction: 'DelFieldValue', record: cusext(o, QUEUE, c.DLIX) });
	};
	if (!candidates.length) return { deliveries: out, failed, skipped, queued: 0 };

	// 1. marks: confirmed before?
	const marks = await client.bulk('CUSEXTMI', candidates.map((c) => ({ transaction: 'GetFieldValue', record: cusext(o, MARK, c.DLIX) })), e);
	const open: Candidate[] = [];
	candidates.forEach((c, i) => {
		const m = recordsOrNone(marks[i])[0];
		const state = String(m?.A030 ?? '').trim();
		if (state === 'CONFIRMED') {
			skipped.push({ DLIX: c.DLIX, reason: 'confirmed' });
			dequeue(c);
		} else if (state === 'FAILED' && c.lmts && String(m?.A330 ?? '').trim() === c.lmts) {
			// given up before and not changed since: read again only by the overlap, not tried again
			skipped.push({ DLIX: c.DLIX, reason: 'failed_before' });
			dequeue(c);
		} else open.push(c);
	});

	// 2. delivery heads: issued? whose?
	const heads = await client.bulk('MWS410MI', open.map((c) => ({ transaction: 'GetHead', record: { DLIX: c.DLIX } })), e);
	const customers = new Set(o.customers);
	const skipWarehouses = new Set((o.skipWarehouses ?? []).map((w) => w.trim()).filter(Boolean));
	const issued: Array<{ c: Candidate; head: M3Record }> = [];
	open.forEach((c, i) => {
		const head = recordsOrNone(heads[i])[0];
		if (!head) {
			skipped.push({ DLIX: c.DLIX, reason: 'not_found' });
			return dequeue(c);
		}
		if (head.RORC && Number(head.RORC) !== 3) {
			skipped.push({ DLIX: c.DLIX, reason: 'not_customer_order' });
			return dequeue(c);
		}
		if (customers.size && head.CONA && !customers.has(head.CONA)) {
			skipped.push({ DLIX: c.DLIX, reason: 'other_customer' });
			return dequeue(c);
		}
		if (head.WHLO && skipWarehouses.has(String(head.WHLO).trim())) {
			// an FBA order imported as shipped: Amazon shipped it, there is nothing to confirm
			skipped.push({ DLIX: c.DLIX, reason: 'skipped_warehouse' });
			return dequeue(c);
		}
		if (!isIssued(head.PGRS, o.issuedFrom)) {
			// a tracking number on a delivery still in picking is not a shipment: it comes again when issued (new LMTS)
			skipped.push({ DLIX: c.DLIX, reason: 'not_issued', PGRS: head.PGRS ?? '' });
			return dequeue(c);
		}
		issued.push({ c, head });
	});

	// 3. lines, packages and the orders (head for CUOR/CUNO, lines for the Amazon order item ids)
	const [dlines, packs] = await Promise.all([
		client.bulk('MWS411MI', issued.map(({ c }) => ({ transaction: 'LstDeliveryLine', record: { DLIX: c.DLIX } })), { ...e, maxrecs: 0 }),
		client.bulk(
			'MWS423MI',
			issued.map(({ c }) => ({ transaction: 'LstPackages', record: { INOU: '1', DLIX: c.DLIX, PACO: o.packageLevel } })),
			{ ...e, maxrecs: 0 },
		),
	]);
	const ornos = [...new Set(issued.map(({ head }) => String(head.RIDN ?? '').trim()).filter(Boolean))];
	const orderRes = await client.bulk(
		'OIS100MI',
		ornos.flatMap((ORNO) => [
			{ transaction: 'GetHead', record: { ORNO } },
			{ transaction: 'LstLine', record: { ORNO } },
		]),
		{ ...e, maxrecs: 0 },
	);
	const orders = new Map<string, { head?: M3Record; lines: M3Record[]; error?: M3Error }>();
	ornos.forEach((ORNO, k) => {
		const h = orderRes[2 * k];
		const l = orderRes[2 * k + 1];
		orders.set(ORNO, { head: h?.records[0], lines: l?.records ?? [], error: h?.error ?? l?.error });
	});

	issued.forEach(({ c, head }, i) => {
		const ORNO = String(head.RIDN ?? '').trim();
		const ord = orders.get(ORNO);
		const queueIt = (CUOR: string): void => {
			const values = { A030: CUOR.slice(0, 30), A130: ORNO, N096: String(c.attempts + 1), VEXI: '1' };
			queueWrites.push({ transaction: c.queued ? 'ChgFieldValue' : 'AddFieldValue', record: cusext(o, QUEUE, c.DLIX, values) });
		};
		// a delivery that fails here stays queued: it is tried again next run, until maxAttempts
		const fail = (message: string, code: string, delivery?: Partial<DeliveryFeedback>): void => {
			failed.push({ DLIX: c.DLIX, ORNO, message, code, delivery });
			if (code !== 'gave_up') queueIt(delivery?.CUOR ?? '');
		};
		const readError = dlines[i]?.error && !isNotFound(dlines[i].error) ? dlines[i].error : packs[i]?.error && !isNotFound(packs[i].error) ? packs[i].error : ord?.error;
		if (!ORNO || !ord?.head || readError) {
			fail(readError ? readError.fullMessage : `Delivery ${c.DLIX} names no readable customer order (RIDN "${ORNO}")`, readError?.code || 'order_not_found');
			return;
		}
		if (customers.size && !head.CONA && ord.head.CUNO && !customers.has(ord.head.CUNO)) {
			skipped.push({ DLIX: c.DLIX, reason: 'other_customer' });
			return dequeue(c);
		}
		const delivery = buildDelivery(c.DLIX, head, recordsOrNone(dlines[i]), recordsOrNone(packs[i]), ord.lines);
		const item: DeliveryFeedback = {
			ORNO,
			CUOR: ord.head.CUOR ?? '',
			CUNO: ord.head.CUNO ?? '',
			ORSL: ord.head.ORSL ?? '',
			ORST: ord.head.ORST ?? '',
			deliveries: [delivery],
			DLIX: c.DLIX,
			WHLO: delivery.WHLO,
			PGRS: delivery.PGRS,
			attempt: c.attempts + 1,
			source: c.source,
		};
		if (c.attempts + 1 > o.maxAttempts) {
			fail(`Delivery ${c.DLIX} was selected ${c.attempts} times without being confirmed to Amazon; given up (mark FAILED)`, 'gave_up', item);
			queueWrites.push({ transaction: 'DelFieldValue', record: cusext(o, QUEUE, c.DLIX) });
			queueWrites.push({
				transaction: 'AddFieldValue',
				record: cusext(o, MARK, c.DLIX, { A030: 'FAILED', A130: item.CUOR.slice(0, 30), A230: ORNO, A330: c.lmts ?? '', VEXI: '1' }),
			});
			return;
		}
		// second opinion on PGRS (its meaning is documented loosely, docs/contracts.md): an issued delivery has drawn
		// stock, so each of its order lines shows a delivered quantity. If not, the "Issued From" setting is suspect.
		const undelivered = delivery.lines.filter((l) => l.DLQT !== null && l.DLQT <= 0);
		if (undelivered.length) {
			fail(
				`Delivery ${c.DLIX} has PGRS ${delivery.PGRS} (issued from ${o.issuedFrom}) but order ${ORNO} line(s) ` +
					`${undelivered.map((l) => l.PONR).join(', ')} show no delivered quantity (DLQT 0): check "Issued From Status (PGRS)"`,
				'pgrs_not_delivered',
				item,
			);
			return;
		}
		out.push(item);
		queueIt(item.CUOR);
	});

	if (queueWrites.length) {
		const res = await client.bulk('CUSEXTMI', queueWrites, { ...e, idempotent: false });
		const again: Array<{ transaction: string; record: Record<string, string> }> = [];
		res.forEach((r, i) => {
			const w = queueWrites[i];
			if (!r.error) return;
			if (w.transaction === 'DelFieldValue' && isNotFound(r.error)) return;
			if (w.transaction === 'AddFieldValue' && isAlreadyExists(r.error)) again.push({ transaction: 'ChgFieldValue', record: w.record });
			else if (w.transaction === 'ChgFieldValue' && isNotFound(r.error)) again.push({ transaction: 'AddFieldValue', record: w.record });
			else throw r.error;
		});
		if (again.length) {
			for (const r of await client.bulk('CUSEXTMI', again, { ...e, idempotent: false })) if (r.error) throw r.error;
		}
	}
	return { deliveries: out, failed, skipped, queued: out.length };
}

/**
 * Schedule path: the queue plus the issued deliveries changed since the watermark. The watermark is the highest MHDISH
 * LMTS read by the run before the last one (M3's clock, never n8n's): each change is read by two runs, so a change
 * whose transaction committed late is not missed; marks and the queue make the second read harmless.
 */
export async function selectChangedDeliveries(client: M3Client, o: SelectionOptions): Promise<SelectionResult> {
	const { wm, queue } = await readState(client, o, true);
	const from = String(wm?.A030 ?? '').trim() || String(o.startFrom ?? '').trim();
	const last = String(wm?.A130 ?? '').trim() || from;
	const changed = await changedDeliveries(client, o, from);
	const customers = new Set(o.customers);
	const candidates = new Map<string, Candidate>();
	for (const [DLIX, attempts] of queue) candidates.set(DLIX, { DLIX, source: 'queued', attempts, queued: true });
	for (const r of changed.rows) {
		if (customers.size && r.CONA && !customers.has(r.CONA)) continue;
		const q = candidates.get(r.DLIX);
		if (q) q.lmts = r.LMTS;
		else candidates.set(r.DLIX, { DLIX: r.DLIX, source: 'changed', attempts: 0, queued: false, lmts: r.LMTS });
	}
	const list = [...candidates.values()].sort((a, b) => Number(a.DLIX) - Number(b.DLIX));
	const result = await evaluateDeliveries(client, list, o);
	// queued first (above), then the watermark moves: the next run reads from this run's start of the window's top
	const highest = changed.highest !== '' && (last === '' || Number(changed.highest) > Number(last)) ? changed.highest : last;
	const values = { A030: last, A130: highest, VEXI: '1' };
	const w = await client.run('CUSEXTMI', wm ? 'ChgFieldValue' : 'AddFieldValue', cusext(o, WATERMARK, o.watermarkKey, values), {
		...exec(o),
		idempotent: true,
	});
	if (w.error && !(isAlreadyExists(w.error) || isNotFound(w.error))) throw w.error;
	if (w.error) {
		await client.execute('CUSEXTMI', wm ? 'AddFieldValue' : 'ChgFieldValue', cusext(o, WATERMARK, o.watermarkKey, values), {
			...exec(o),
			idempotent: true,
		});
	}
	return { ...result, watermark: { from, to: last, rows: changed.rows.length, pages: changed.pages } };
}

/** ION path: the deliveries of the orders named (e.g. by a Sync.Shipment BOD); the watermark is not touched. */
export async function selectDeliveriesOfOrders(client: M3Client, ornos: string[], o: SelectionOptions): Promise<SelectionResult> {
	const [{ queue }, dl] = await Promise.all([readState(client, o, false), deliveriesOfOrders(client, ornos, exec(o))]);
	const candidates = dl.map(({ DLIX }) => ({ DLIX, source: 'orders' as const, attempts: queue.get(DLIX) ?? 0, queued: queue.has(DLIX) }));
	return await evaluateDeliveries(client, candidates, o);
}

export interface ConfirmedPackage {
	DLIX: string;
	ORNO?: string;
	amazonOrderId?: string;
	packageReferenceId: string;
	/** packages the delivery has in all */
	packages: number;
}

/**
 * Marks deliveries whose packages were all confirmed (or found confirmed) on Amazon: the lasting mark (AMZSHIP,
 * CONFIRMED) and the queue entry removed, in one CUSEXTMI request (plus one to change marks that existed as FAILED).
 * Returns the DLIXs marked.
 */
export async function markDeliveriesConfirmed(client: M3Client, file: string, confirmed: ConfirmedPackage[], e: Exec = {}): Promise<Set<string>> {
	const byDlix = new Map<string, { refs: Set<string>; packages: number; ORNO: string; order: string }>();
	for (const p of confirmed) {
		const k = dlixKey(p.DLIX);
		const g = byDlix.get(k) ?? { refs: new Set<string>(), packages: p.packages, ORNO: p.ORNO ?? '', order: p.amazonOrderId ?? '' };
		g.refs.add(p.packageReferenceId);
		g.packages = Math.max(g.packages, p.packages);
		byDlix.set(k, g);
	}
	const done = [...byDlix.entries()].filter(([, g]) => g.refs.size >= Math.max(1, g.packages));
	if (!done.length) return new Set();
	const o = { markFile: file } as SelectionOptions;
	const tx = done.flatMap(([DLIX, g]) => [
		{
			transaction: 'AddFieldValue',
			record: cusext(o, MARK, DLIX, { A030: 'CONFIRMED', A130: g.order.slice(0, 30), A230: g.ORNO, N096: String(g.refs.size), VEXI: '1' }),
		},
		{ transaction: 'DelFieldValue', record: cusext(o, QUEUE, DLIX) },
	]);
	const res = await client.bulk('CUSEXTMI', tx, { ...e, idempotent: false });
	const change: Array<{ transaction: string; record: Record<string, string> }> = [];
	res.forEach((r, i) => {
		if (!r.error) return;
		if (tx[i].transaction === 'DelFieldValue' && isNotFound(r.error)) return;
		if (tx[i].transaction === 'AddFieldValue' && isAlreadyExists(r.error)) change.push({ transaction: 'ChgFieldValue', record: tx[i].record });
		else throw r.error;
	});
	if (change.length) for (const r of await client.bulk('CUSEXTMI', change, { ...e, idempotent: true })) if (r.error) throw r.error;
	return new Set(done.map(([DLIX]) => DLIX));
}
