/**
 * Parsing of M3 MI REST responses: v1 (NameValue records, ServerReturnedNOK, partial ErrorMessage on lists)
 * and v2 (results[], top-level errors on HTTP 400, per-item errors in bulk). m3-mi-ion.md §1.3-§1.6.
 */
import { M3Error } from './errors';
import { trimValue, type M3Record } from './values';

export interface M3TransactionResult {
	program: string;
	transaction: string;
	records: M3Record[];
	/** set when M3 answered NOK for this transaction (with or without records: lists can fail half-way) */
	error?: M3Error;
	/** bulk: the transaction was not run because the bulk job terminated before it */
	notProcessed?: boolean;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
	if (v === undefined || v === null) return '';
	return String(v);
}

/** Lenient boolean: v2 was seen sending "false" as a string. */
export function truthy(v: unknown): boolean {
	return v === true || v === 'true' || v === 'TRUE' || v === 1 || v === '1';
}

/**
 * M3 messages are blank-padded and often repeat the message id and field ("WCU0203 Customer X does not exist  CUNO").
 * Trim, collapse blanks and remove a leading/trailing code or field token.
 */
export function cleanMessage(message: unknown, code?: string, field?: string): string {
	let s = str(message).replace(/\s+/g, ' ').trim();
	for (const token of [code, field]) {
		if (!token) continue;
		if (s.startsWith(token + ' ')) s = s.slice(token.length + 1).trim();
		if (s.endsWith(' ' + token)) s = s.slice(0, -(token.length + 1)).trim();
	}
	return s;
}

/** Is this body a v1 (m3api-rest/execute) response? */
export function isV1Body(body: unknown): boolean {
	if (!isObject(body)) return false;
	return 'MIRecord' in body || 'Program' in body || '@type' in body || '@code' in body || 'ErrorMessage' in body;
}

function v1Error(o: Json, program: string, transaction: string, httpStatus?: number): M3Error {
	const code = str(o['@code']);
	const field = str(o['@field']);
	const type = str(o['@type']);
	const message = cleanMessage(o.Message ?? o.message, code, field) || type || 'M3 returned an error';
	return new M3Error(message, { program, transaction, code, field, type, httpStatus, kind: 'nok' });
}

/** v1 JSON: { Program, Transaction, MIRecord: [{ RowIndex, NameValue: [{Name, Value}] }] } or a NOK object. */
export function parseV1(body: unknown, program: string, transaction: string, httpStatus?: number): M3TransactionResult {
	const result: M3TransactionResult = { program, transaction, records: [] };
	if (!isObject(body)) return result;
	const prog = str(body.Program) || program;
	const trn = str(body.Transaction) || transaction;
	result.program = prog;
	result.transaction = trn;
	if (body['@type'] !== undefined || body['@code'] !== undefined) {
		result.error = v1Error(body, prog, trn, httpStatus);
		return result;
	}
	const rows = Array.isArray(body.MIRecord) ? body.MIRecord : body.MIRecord ? [body.MIRecord] : [];
	for (const row of rows) {
		if (!isObject(row)) continue;
		const nv = Array.isArray(row.NameValue) ? row.NameValue : [];
		const rec: M3Record = {};
		for (const pair of nv) {
			if (isObject(pair) && pair.Name !== undefined) rec[str(pair.Name)] = trimValue(pair.Value);
		}
		result.records.push(rec);
	}
	// KB 2159861: a list can fail half-way; the rows come back together with an ErrorMessage object
	if (isObject(body.ErrorMessage)) {
		result.error = v1Error(body.ErrorMessage, prog, trn, httpStatus);
	}
	return result;
}

function v2Records(v: unknown): M3Record[] {
	if (!Array.isArray(v)) return [];
	const out: M3Record[] = [];
	for (const r of v) {
		if (!isObject(r)) continue;
		const rec: M3Record = {};
		for (const [k, val] of Object.entries(r)) rec[k] = trimValue(val);
		out.push(rec);
	}
	return out;
}

function v2ErrorFrom(
	o: Json,
	program: string,
	transaction: string,
	httpStatus: number | undefined,
	fallbackMessage?: string,
): M3Error {
	const code = str(o.errorCode);
	const field = str(o.errorField);
	const type = str(o.errorType);
	const raw = o.errorMessage ?? fallbackMessage ?? '';
	const message = cleanMessage(raw, code, field) || type || code || 'M3 returned an error';
	return new M3Error(message, { program, transaction, code, field, type, httpStatus, kind: 'nok' });
}

function hasErrorFields(o: Json): boolean {
	return (
		(o.errorMessage !== undefined && o.errorMessage !== null && o.errorMessage !== '') ||
		(o.errorCode !== undefined && o.errorCode !== null && o.errorCode !== '')
	);
}

/**
 * v2 single transaction (GET …/v2/execute/PGM/TRN). Errors come either at the top level (HTTP 400) or in results[0]
 * (HTTP 200); wasTerminated/terminationReason stand in when there is no errorMessage (m3-odin parseMessageV2).
 */
export function parseV2Single(
	body: unknown,
	program: string,
	transaction: string,
	httpStatus?: number,
): M3TransactionResult {
	const result: M3TransactionResult = { program, transaction, records: [] };
	if (!isObject(body)) return result;
	if (hasErrorFields(body)) {
		result.error = v2ErrorFrom(body, program, transaction, httpStatus);
		return result;
	}
	const results = Array.isArray(body.results) ? body.results : [];
	const r0 = isObject(results[0]) ? results[0] : undefined;
	if (r0) {
		result.records = v2Records(r0.records);
		if (hasErrorFields(r0)) result.error = v2ErrorFrom(r0, program, transaction, httpStatus);
		if (truthy(r0.notProcessed) && !result.error) {
			result.notProcessed = true;
		}
	}
	const failed = Number(body.nrOfFailedTransactions ?? 0) > 0;
	if (!result.error && (truthy(body.wasTerminated) || failed)) {
		const reason = str(body.terminationReason);
		result.error = new M3Error(cleanMessage(reason) || 'M3 terminated the transaction', {
			program,
			transaction,
			type: str(body.terminationErrorType),
			httpStatus,
			kind: 'nok',
		});
	}
	if (result.error && result.records.length) {
		result.error = new M3Error(result.error.message, {
			program,
			transaction,
			code: result.error.code,
			field: result.error.field,
			type: result.error.type,
			httpStatus,
			kind: 'nok',
			partialRecords: result.records,
		});
	}
	return result;
}

/**
 * v2 bulk (POST …/v2/execute): results[i] belongs to transactions[i] (sent order). Items after a termination come back
 * with notProcessed or not at all; both are reported as notProcessed errors.
 */
export function parseV2Bulk(
	body: unknown,
	program: string,
	transactions: string[],
	httpStatus?: number,
): M3TransactionResult[] {
	const out: M3TransactionResult[] = [];
	const o = isObject(body) ? body : {};
	const results = Array.isArray(o.results) ? o.results : [];
	const topError = hasErrorFields(o) ? v2ErrorFrom(o, program, '', httpStatus) : undefined;
	const terminated = truthy(o.wasTerminated);
	const reason = cleanMessage(o.terminationReason);
	for (let i = 0; i < transactions.length; i++) {
		const trn = transactions[i];
		const r = isObject(results[i]) ? results[i] : undefined;
		const res: M3TransactionResult = { program, transaction: trn, records: [] };
		if (r) {
			const name = str(r.transaction);
			if (name) res.transaction = name;
			res.records = v2Records(r.records);
			if (hasErrorFields(r)) {
				const e = v2ErrorFrom(r, program, res.transaction, httpStatus);
				res.error = new M3Error(e.message, {
					program,
					transaction: res.transaction,
					code: e.code,
					field: e.field,
					type: e.type,
					httpStatus,
					kind: 'nok',
					index: i,
					partialRecords: res.records.length ? res.records : undefined,
				});
			} else if (truthy(r.notProcessed)) {
				res.notProcessed = true;
				res.error = new M3Error(`Not processed${reason ? ': ' + reason : ''}`, {
					program,
					transaction: res.transaction,
					kind: 'notProcessed',
					index: i,
					httpStatus,
				});
			}
		} else {
			res.notProcessed = true;
			const msg = topError?.message || reason || (terminated ? 'bulk job terminated' : 'no result returned');
			res.error = new M3Error(`Not processed: ${msg}`, {
				program,
				transaction: trn,
				code: topError?.code,
				field: topError?.field,
				kind: topError ? 'nok' : 'notProcessed',
				index: i,
				httpStatus,
			});
		}
		out.push(res);
	}
	return out;
}

/** Single transaction, any version. */
export function parseSingle(
	body: unknown,
	program: string,
	transaction: string,
	httpStatus?: number,
): M3TransactionResult {
	return isV1Body(body)
		? parseV1(body, program, transaction, httpStatus)
		: parseV2Single(body, program, transaction, httpStatus);
}
