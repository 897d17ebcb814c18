/**
 * Cancelling a customer order (or some of its lines) in M3 because the buyer cancelled it on Amazon.
 *
 * M3's own rules (docs/contracts.md "Cancel Customer Order"): a line is deleted with OIS100MI/DelLine (reason code RSCD,
 * lost-sales statistics OT65) while its status is at most "allocated" (33 by default: M3 de-allocates it); from status
 * 44 (on a picking list) goods are being picked, packed or already gone, and only a person can stop the shipment. Then
 * nothing is deleted and the item fails with the lines and their statuses (CANCEL_TOO_LATE), so it ends in the dead
 * letter. M3 refusing a DelLine is read the same way (its status moved on between the read and the delete).
 *
 * Idempotent: the order is found through its key record (orderKey.ts); lines already deleted, or never entered
 * because Amazon had cancelled them before the import, are reported as already gone, never deleted twice.
 */
import type { M3Client } from './client';
import { M3Error, isNotFound } from './errors';
import { BATCH_CREATED, BATCH_ENTERED, inspectBatch } from './orderEntry';
import { findWithoutKey, latest, readChain, type Exec, type OrderKey } from './orderKey';
import { M3OrderError, type OrderFailureReason } from './orderFailure';
import type { M3Record } from './values';

export interface CancellationLine {
	/** Amazon orderItemId = the M3 line's CUOR */
	CUOR: string;
	sku?: string;
	quantity?: string;
}

/** What the Transform's "Amazon Order to M3 Cancellation" gives (docs/contracts.md). */
export interface CancellationPlan {
	kind: 'M3Cancellation';
	CUNO: string;
	/** other customers the order may have been entered under (the marketplace-facilitator customer) */
	otherCustomers?: string[];
	/** the Amazon order id (the M3 order's CUOR) */
	CUOR: string;
	/** 'order' = every line of the order, 'lines' = the lines named */
	scope: 'order' | 'lines';
	lines: CancellationLine[];
	reason?: string;
	requestedBy?: string;
}

export interface CancelOrderOptions {
	/** CUSEXTMI table of the order key records (as in Create) */
	keyFile?: string;
	/** highest line status that may still be deleted ('33' = allocated) */
	maxStatus?: string;
	/** OIS100MI/DelLine RSCD transaction reason ('' = none) */
	reasonCode?: string;
	/** OIS100MI/DelLine OT65: record the quantity as lost sales */
	lostSales?: boolean;
	/** orders entered before key records: also looked for with LstHead / SearchHead */
	duplicateCheck?: 'keyRecord' | 'lstHead' | 'searchHead';
	exec?: Exec;
}

export interface CancelledLine {
	PONR: string;
	POSX: string;
	ITNO: string;
	CUOR: string;
	ORST: string;
	action: 'deleted' | 'alreadyGone' | 'closed';
}

export interface CancelOrderResult {
	CUOR: string;
	CUNO: string;
	orderNumber: string;
	/** cancelled = lines deleted now; alreadyCancelled = nothing left to delete; notInM3 = the order never reached M3 */
	outcome: 'cancelled' | 'alreadyCancelled' | 'notInM3';
	scope: 'order' | 'lines';
	lines: CancelledLine[];
	deleted: number;
}

export const CANCEL_TOO_LATE = 'CANCEL_TOO_LATE';

function s(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

function inputError(message: string, field: string): M3Error {
	return new M3Error(message, { program: 'OIS100MI', transaction: 'DelLine', field, kind: 'input' });
}

export function validateCancellation(plan: unknown): asserts plan is CancellationPlan {
	const p = plan as Partial<CancellationPlan> | null;
	if (!p || typeof p !== 'object') throw inputError('The cancellation is not an object (see docs/contracts.md)', '');
	if (!s(p.CUNO)) throw inputError('The cancellation has no customer (CUNO)', 'CUNO');
	if (!s(p.CUOR)) throw inputError('The cancellation has no Amazon order id (CUOR)', 'CUOR');
	if (p.scope !== 'order' && p.scope !== 'lines') throw inputError('The cancellation scope must be "order" or "lines"', 'scope');
	if (!Array.isArray(p.lines) || (p.scope === 'lines' && p.lines.length === 0)) throw inputError('The cancellation names no lines', 'lines');
	p.lines.forEach((l, i) => {
		if (!l || !s(l.CUOR)) throw inputError(`lines[${i}] has no Amazon order item id (CUOR)`, `lines[${i}].CUOR`);
	});
}

/** M3 status of a line: two digits ('22', '33', '44', '66', '77', '99'). */
function st(v: unknown): string {
	const t = s(v);
	return /^\d$/.test(t) ? '0' + t : t;
}

/** Finds the M3 order of an Amazon order: its key record, or (older orders) LstHead / SearchHead. */
async function findOrderOf(client: M3Client, plan: CancellationPlan, cuno: string, o: CancelOrderOptions): Promise<string | undefined> {
	const exec = o.exec ?? {};
	const key: OrderKey = { FILE: o.keyFile || 'OOHEAD', CUNO: cuno, CUOR: plan.CUOR };
	const last = latest(await readChain(client, key, exec));
	if (last?.state === 'CREATED' && last.orno) return last.orno;
	if (last?.tmp && (last.state === 'ENTERED' || last.state === 'CREATED')) {
		// the key record learns the final ORNO lazily: the batch order says whether it was released (orders.ts)
		const b = await inspectBatch({ client, exec }, last.tmp);
		if (b.exists && b.STAT === BATCH_CREATED && b.ORNR) return b.ORNR;
		if (!b.exists || b.STAT !== BATCH_ENTERED) return undefined;
		// another run is entering this order right now: cancel once it is there
		throw new M3Error(`The M3 order of ${plan.CUOR} is being created (batch order ${last.tmp}); cancel it once it is confirmed`, {
			program: 'CUSEXTMI',
			transaction: 'LstFieldValue',
			code: 'ORDER_IN_ENTRY',
			kind: 'notProcessed',
		});
	}
	if (o.duplicateCheck === 'lstHead' || o.duplicateCheck === 'searchHead') {
		const head = await findWithoutKey(client, o.duplicateCheck, cuno, plan.CUOR, exec);
		if (head?.ORNO) return head.ORNO;
	}
	return undefined;
}

/** The order under the customer of the plan, or else under one of its other customers. */
async function findOrder(client: M3Client, plan: CancellationPlan, o: CancelOrderOptions): Promise<string | undefined> {
	for (const cuno of [plan.CUNO, ...(plan.otherCustomers ?? []).map(s).filter(Boolean)]) {
		const orno = await findOrderOf(client, plan, cuno, o);
		if (orno) return orno;
	}
	return undefined;
}

export async function cancelCustomerOrder(client: M3Client, planIn: unknown, o: CancelOrderOptions = {}): Promise<CancelOrderResult> {
	validateCancellation(planIn);
	const plan = planIn;
	const exec = o.exec ?? {};
	const maxStatus = st(o.maxStatus || '33');
	const base = { CUOR: plan.CUOR, CUNO: plan.CUNO, scope: plan.scope, lines: [] as CancelledLine[], deleted: 0 };
	const orno = await findOrder(client, plan, o);
	if (!orno) return { ...base, orderNumber: '', outcome: 'notInM3' };
	const head = await client.find('OIS100MI', 'GetHead', { ORNO: orno }, exec);
	if (!head) return { ...base, orderNumber: orno, outcome: 'alreadyCancelled' };
	const lines = await client.list('OIS100MI', 'LstLine', { ORNO: orno }, { ...exec, maxrecs: 0 });
	const wanted = new Set(plan.lines.map((l) => s(l.CUOR)));
	const targets = plan.scope === 'order' ? lines : lines.filter((l) => wanted.has(s(l.CUOR)));
	const out: CancelledLine[] = [];
	const line = (l: M3Record, action: CancelledLine['action']): CancelledLine => ({
		PONR: s(l.PONR),
		POSX: s(l.POSX) || '0',
		ITNO: s(l.ITNO),
		CUOR: s(l.CUOR),
		ORST: st(l.ORST),
		action,
	});
	// lines named by Amazon that M3 does not have: never entered (cancelled before the import) or deleted before
	if (plan.scope === 'lines') {
		const present = new Set(lines.map((l) => s(l.CUOR)));
		for (const c of plan.lines) if (!present.has(s(c.CUOR))) out.push({ PONR: '', POSX: '', ITNO: '', CUOR: s(c.CUOR), ORST: '', action: 'alreadyGone' });
	}
	const open: M3Record[] = [];
	const late: OrderFailureReason[] = [];
	for (const l of targets) {
		const status = st(l.ORST);
		if (status >= '90') out.push(line(l, 'closed'));
		else if (status > maxStatus) late.push(tooLate(l, status));
		else open.push(l);
	}
	if (late.length) throw tooLateError(plan, orno, late, maxStatus);
	if (!open.length) return { ...base, orderNumber: orno, outcome: 'alreadyCancelled', lines: out };

	const results = await client.bulk(
		'OIS100MI',
		open.map((l) => ({
			transaction: 'DelLine',
			record: {
				ORNO: orno,
				PONR: s(l.PONR),
				POSX: s(l.POSX) || '0',
				...(o.reasonCode ? { RSCD: o.reasonCode } : {}),
				...(o.lostSales ? { OT65: '1' } : {}),
			},
		})),
		// a DelLine sent twice finds the line gone (XRE0103): reported as already gone
		{ ...exec, idempotent: true },
	);
	let deleted = 0;
	results.forEach((r, i) => {
		const l = open[i];
		if (!r.error) {
			deleted++;
			out.push(line(l, 'deleted'));
		} else if (isNotFound(r.error)) out.push(line(l, 'alreadyGone'));
		else late.push({ ...tooLate(l, st(l.ORST)), message: `line ${s(l.PONR)} (item ${s(l.ITNO)}): M3 refused the deletion: ${r.error.message}`, code: r.error.code || CANCEL_TOO_LATE });
	});
	if (late.length) throw tooLateError(plan, orno, late, maxStatus, deleted);
	return { ...base, orderNumber: orno, outcome: deleted ? 'cancelled' : 'alreadyCancelled', lines: out, deleted };
}

function tooLate(l: M3Record, status: string): OrderFailureReason {
	return {
		source: 'OIS100MI/LstLine',
		message: `line ${s(l.PONR)} (item ${s(l.ITNO)}, Amazon item ${s(l.CUOR)}) has status ${status}`,
		code: CANCEL_TOO_LATE,
		field: 'ORST',
		PONR: s(l.PONR),
	};
}

function tooLateError(plan: CancellationPlan, orno: string, reasons: OrderFailureReason[], maxStatus: string, deleted = 0): M3OrderError {
	const what = reasons.map((r) => r.message).join('; ');
	return new M3OrderError(
		`Too late to cancel Amazon order ${plan.CUOR} in M3: order ${orno} ${what} (only lines up to status ${maxStatus} can be deleted)` +
			`${deleted ? `; ${deleted} other line(s) were deleted` : ''}. Stop the shipment in M3 by hand, or let it ship and handle the return.`,
		{ program: 'OIS100MI', transaction: 'DelLine', code: CANCEL_TOO_LATE, kind: 'nok', reasons, orderNumber: orno },
	);
}
