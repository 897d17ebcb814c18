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
 * Shapes and record keys: deliveryRecords.ts; what becomes of each candidate: deliveryEvaluation.ts.
 */
import type { M3Client } from './client';
import { M3Error, isAlreadyExists, isNotFound } from './errors';
import { evaluateDeliveries } from './deliveryEvaluation';
import {
	MARK,
	QUEUE,
	WATERMARK,
	cusext,
	dlixKey,
	exec,
	recordsOrNone,
	type Candidate,
	type Exec,
	type SelectionOptions,
	type SelectionResult,
} from './deliveryRecords';
import { parseM3Number, type M3Record } from './values';

export {
	MARK,
	QUEUE,
	WATERMARK,
	buildDelivery,
	isIssued,
	type Delivery,
	type DeliveryFeedback,
	type DeliveryLine,
	type DeliveryPackage,
	type FailedDelivery,
	type SelectionOptions,
	type SelectionResult,
	type ShipmentFeedback,
	type SkippedDelivery,
} from './deliveryRecords';

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
