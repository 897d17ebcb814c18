/**
 * Shipment feedback (see deliveries.ts): what becomes of each candidate delivery of a selection, read in a few bulks
 * (marks, delivery heads, lines + packages, the orders), and the queue entries written for them.
 */
import type { M3Client } from './client';
import { isAlreadyExists, isNotFound, type M3Error } from './errors';
import {
	MARK,
	QUEUE,
	buildDelivery,
	cusext,
	exec,
	isIssued,
	recordsOrNone,
	type Candidate,
	type DeliveryFeedback,
	type FailedDelivery,
	type SelectionOptions,
	type SelectionResult,
	type SkippedDelivery,
} from './deliveryRecords';
import type { M3Record } from './values';

/**
 * Reads the candidates and decides for each: confirmed before (mark) -> skipped; not issued / not a customer order /
 * another customer -> skipped; issued -> read (lines, packages, the order's head and lines) and emitted, or failed
 * with its own reason. Queue entries follow: emitted deliveries are queued (or their attempt counted), confirmed or
 * vanished ones leave the queue, those over maxAttempts are marked FAILED and failed.
 */
export async function evaluateDeliveries(client: M3Client, candidates: Candidate[], o: SelectionOptions): Promise<Omit<SelectionResult, 'watermark'>> {
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
