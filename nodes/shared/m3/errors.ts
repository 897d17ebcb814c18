/**
 * M3Error: one error type for everything the M3 MI API can answer with (NOK, HTTP failure, network failure).
 * It never carries request options, headers, tokens or passwords: only what M3 said and where.
 */

/** M3 message ids for "record does not exist" (M3's XRE0103 family) and "already exists" (XRE0104). */
export const NOT_FOUND_CODES = new Set(['XRE0103']);
export const ALREADY_EXISTS_CODES = new Set(['XRE0104']);

/** What failed: a business NOK from M3, an HTTP status from the gateway/server, the network, or our own input. */
export type M3ErrorKind = 'nok' | 'http' | 'network' | 'auth' | 'config' | 'input' | 'notProcessed';

export interface M3ErrorInit {
	program?: string;
	transaction?: string;
	code?: string;
	field?: string;
	httpStatus?: number;
	type?: string;
	kind?: M3ErrorKind;
	/** index of the transaction inside a bulk request */
	index?: number;
	/** records returned before a list transaction failed half-way (v1 ErrorMessage / v2 partial) */
	partialRecords?: Array<Record<string, string>>;
}

export class M3Error extends Error {
	readonly program: string;

	readonly transaction: string;

	readonly code: string;

	readonly field: string;

	readonly httpStatus: number | undefined;

	readonly type: string;

	readonly kind: M3ErrorKind;

	readonly index: number | undefined;

	readonly partialRecords: Array<Record<string, string>> | undefined;

	constructor(message: string, init: M3ErrorInit = {}) {
		super(message);
		this.name = 'M3Error';
		this.program = init.program ?? '';
		this.transaction = init.transaction ?? '';
		this.code = init.code ?? '';
		this.field = init.field ?? '';
		this.httpStatus = init.httpStatus;
		this.type = init.type ?? '';
		this.kind = init.kind ?? 'nok';
		this.index = init.index;
		this.partialRecords = init.partialRecords;
	}

	/** "OIS100MI/AddBatchLine" */
	get where(): string {
		return this.program ? `${this.program}${this.transaction ? '/' + this.transaction : ''}` : '';
	}

	/** Message with the M3 context a user needs: "OIS100MI/AddBatchLine: Item X does not exist (code XRE0103, field ITNO)" */
	get fullMessage(): string {
		// network codes (ECONNRESET...) stay out of the text: NodeApiError swaps such messages for a generic one
		if ((this.code && this.message.includes(this.code)) || this.kind === 'network') {
			return `${this.where ? this.where + ': ' : ''}${this.message}`;
		}
		const extra = [this.code && `code ${this.code}`, this.field && `field ${this.field}`]
			.filter(Boolean)
			.join(', ');
		return `${this.where ? this.where + ': ' : ''}${this.message}${extra ? ` (${extra})` : ''}`;
	}

	/** Plain JSON (for error items and output) - no secrets by construction. */
	toJSON(): Record<string, string | number | null> {
		return {
			message: this.message,
			program: this.program,
			transaction: this.transaction,
			code: this.code,
			field: this.field,
			httpStatus: this.httpStatus ?? null,
			type: this.type,
			kind: this.kind,
		};
	}
}

export function isM3Error(e: unknown): e is M3Error {
	return e instanceof M3Error;
}

/** "Does not exist": keyed on the M3 message id, not on the (language dependent) text. */
export function isNotFound(e: unknown): boolean {
	return e instanceof M3Error && e.kind === 'nok' && NOT_FOUND_CODES.has(e.code);
}

export function isAlreadyExists(e: unknown): boolean {
	return e instanceof M3Error && e.kind === 'nok' && ALREADY_EXISTS_CODES.has(e.code);
}

/** Worth retrying: throttling, server/gateway failures, timeouts, connection resets. Never a NOK. */
export function isRetryable(e: unknown): boolean {
	if (!(e instanceof M3Error)) return false;
	if (e.kind === 'network') return true;
	if (e.kind === 'http' && e.httpStatus !== undefined) {
		return e.httpStatus === 429 || e.httpStatus === 408 || e.httpStatus >= 500;
	}
	return false;
}

/** The failure details of an M3 error for failure items (no secrets: M3Error holds only what M3 said). */
export function m3FailureFields(e: M3Error): {
	kind: string;
	retryable: boolean;
	reasons?: unknown[];
	fields: Record<string, string | number | boolean>;
} {
	const fields: Record<string, string | number | boolean> = {};
	if (e.program) fields.program = e.program;
	if (e.transaction) fields.transaction = e.transaction;
	if (e.code) fields.code = e.code;
	if (e.field) fields.field = e.field;
	if (e.httpStatus !== undefined) fields.httpStatus = e.httpStatus;
	// extra context of specialised errors (stopped batch orders: batch order number, kept or deleted)
	const extra = e as unknown as { reasons?: unknown; batchOrderNumber?: unknown; batchDeleted?: unknown; orderNumber?: unknown };
	if (typeof extra.batchOrderNumber === 'string' && extra.batchOrderNumber) fields.batchOrderNumber = extra.batchOrderNumber;
	if (typeof extra.batchDeleted === 'boolean' && extra.batchOrderNumber) fields.batchDeleted = extra.batchDeleted;
	if (typeof extra.orderNumber === 'string' && extra.orderNumber) fields.orderNumber = extra.orderNumber;
	return {
		kind: e.kind,
		retryable: isRetryable(e) || e.kind === 'notProcessed',
		reasons: Array.isArray(extra.reasons) ? extra.reasons : undefined,
		fields,
	};
}
