/**
 * Failure report of customer order creation: M3's reasons (per-transaction NOKs of the bulk requests and the
 * LstErrMsgOrder rows of a stopped batch order) in one M3OrderError, and the clean-up of the batch order.
 */
import type { M3Client } from './client';
import { M3Error, isNotFound, type M3ErrorInit } from './errors';
import type { M3TransactionResult } from './parse';
import type { M3Record } from './values';

export interface OrderFailureReason {
	source: string;
	message: string;
	code?: string;
	field?: string;
	/** 1-based index into plan.lines */
	line?: number;
	PONR?: string;
}

export class M3OrderError extends M3Error {
	readonly reasons: OrderFailureReason[];

	readonly batchOrderNumber: string;

	readonly batchDeleted: boolean;

	readonly orderNumber: string;

	constructor(
		message: string,
		init: M3ErrorInit & {
			reasons: OrderFailureReason[];
			batchOrderNumber?: string;
			batchDeleted?: boolean;
			orderNumber?: string;
		},
	) {
		super(message, init);
		this.name = 'M3OrderError';
		this.reasons = init.reasons;
		this.batchOrderNumber = init.batchOrderNumber ?? '';
		this.batchDeleted = init.batchDeleted ?? false;
		this.orderNumber = init.orderNumber ?? '';
	}

	toJSON(): Record<string, string | number | null> {
		return {
			...super.toJSON(),
			batchOrderNumber: this.batchOrderNumber,
			batchDeleted: this.batchDeleted ? 1 : 0,
			orderNumber: this.orderNumber,
			reasons: JSON.stringify(this.reasons),
		};
	}
}

/** "line 2: Item X does not exist (WIT0103)" */
export function describe(reasons: OrderFailureReason[]): string {
	return reasons
		.map((r) => {
			const where = r.line ? `line ${r.line}: ` : r.PONR ? `line ${r.PONR}: ` : '';
			const extra = [r.code, r.field && `field ${r.field}`].filter(Boolean).join(', ');
			return `${where}${r.message}${extra ? ` (${extra})` : ''}`;
		})
		.join('; ');
}

/** LstErrMsgOrder rows -> reasons (LEVL 2 rows name the order line in MDTA). */
export function reasonsFromErrMsg(records: M3Record[]): OrderFailureReason[] {
	return records.map((e) => {
		const reason: OrderFailureReason = { source: 'LstErrMsgOrder', message: e.TX60 ?? '', code: e.MSID || undefined };
		if (e.LEVL === '2' && /^\d+$/.test(e.MDTA ?? '')) reason.PONR = e.MDTA;
		return reason;
	});
}

/** The NOKs of a bulk request; `lineOf` maps a transaction index to its 0-based plan line. */
export function reasonsFromBulk(
	results: M3TransactionResult[],
	lineOf: (i: number) => number | undefined,
	skip: (i: number) => boolean = () => false,
): { reasons: OrderFailureReason[]; first?: M3Error } {
	const reasons: OrderFailureReason[] = [];
	let first: M3Error | undefined;
	results.forEach((r, i) => {
		if (!r.error || skip(i)) return;
		first ??= r.error;
		const reason: OrderFailureReason = {
			source: r.transaction,
			message: r.error.message,
			code: r.error.code || undefined,
			field: r.error.field || undefined,
		};
		const line = lineOf(i);
		if (line !== undefined) reason.line = line + 1;
		reasons.push(reason);
	});
	return { reasons, first };
}

export type BatchDeletion = 'deleted' | 'notFound' | 'refused' | 'unknown';

/** DelBatchHead: gone (or never there) / M3 refused (e.g. already released) / answer lost. */
export async function deleteBatch(
	client: M3Client,
	tmp: string,
	opts: { company?: string; division?: string },
): Promise<{ result: BatchDeletion; reason?: string }> {
	let r: M3TransactionResult;
	try {
		r = await client.run('OIS100MI', 'DelBatchHead', { ORNO: tmp }, { ...opts, idempotent: true });
	} catch (e) {
		return { result: 'unknown', reason: e instanceof Error ? e.message : String(e) };
	}
	if (!r.error) return { result: 'deleted' };
	if (isNotFound(r.error)) return { result: 'notFound' };
	return { result: 'refused', reason: r.error.message };
}

/** The error a failed create throws: M3's reasons, what happened to the batch order, where it failed first. */
export function orderError(
	cuor: string,
	tmp: string,
	reasons: OrderFailureReason[],
	batch: { deleted: boolean; note: string },
	first?: M3Error,
): M3OrderError {
	const firstReason = reasons[0];
	return new M3OrderError(
		`Customer order for CUOR ${cuor || '(none)'} was not created: ${describe(reasons) || 'M3 gave no reason'}. Batch order ${tmp} ${batch.note}.`,
		{
			program: first?.program || 'OIS100MI',
			transaction:
				first?.transaction || (firstReason && firstReason.source !== 'LstErrMsgOrder' ? firstReason.source : 'Confirm'),
			code: first?.code || firstReason?.code,
			field: first?.field || firstReason?.field,
			httpStatus: first?.httpStatus,
			kind: 'nok',
			reasons,
			batchOrderNumber: tmp,
			batchDeleted: batch.deleted,
		},
	);
}

/** Keeps reasons that say something new (the bulk NOK and LstErrMsgOrder often repeat each other). */
export function mergeReasons(a: OrderFailureReason[], b: OrderFailureReason[]): OrderFailureReason[] {
	return [...a, ...b.filter((m) => !a.some((r) => r.message === m.message))];
}
