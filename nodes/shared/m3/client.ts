/**
 * The M3 MI client shared by the Infor M3 node, the other nodes and the templates.
 * v2 single execute + v2 bulk (v1 request form for old on-prem), v1/v2 response parsing, M3Error, retries with
 * backoff on 429/5xx/timeouts/connection resets (never on NOK), paging of list transactions by start keys.
 * HTTP goes through an injected requester (the node passes this.helpers.httpRequestWithAuthentication).
 * Transport failures and answer readers: transport.ts; configuration and options: clientOptions.ts.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';
import { sleep as n8nSleep } from 'n8n-workflow';

import {
	DEFAULT_RETRY,
	type BulkOptions,
	type BulkTransaction,
	type ExecuteOptions,
	type ListOptions,
	type M3ClientConfig,
	type RetryPolicy,
} from './clientOptions';
import { M3Error, isRetryable } from './errors';
import { parseSingle, parseV2Bulk, type M3TransactionResult } from './parse';
import {
	isReadTransaction,
	notProcessed,
	parseBody,
	retryAfterMs,
	transportError,
	type M3HttpResponse,
	type M3Requester,
} from './transport';
import { toM3Inputs, type M3Record } from './values';

export { isReadTransaction, transportError, type M3HttpResponse, type M3Requester } from './transport';
export type { BulkOptions, BulkTransaction, ExecuteOptions, ListOptions, M3ClientConfig, RetryPolicy } from './clientOptions';

export class M3Client {
	readonly baseUrl: string;

	readonly company: string;

	readonly division: string;

	readonly language: string;

	readonly apiVersion: 'v2' | 'v1';

	private readonly request: M3Requester;

	private readonly retry: RetryPolicy;

	private readonly timeoutMs: number;

	private readonly bulkChunkSize: number;

	private readonly sleep: (ms: number) => Promise<void>;
	private readonly auth?: 'ionApi' | 'direct';

	/** number of HTTP requests sent (for tests/benches) */
	requestCount = 0;

	constructor(config: M3ClientConfig) {
		this.request = config.request;
		this.baseUrl = config.baseUrl.replace(/\/+$/, '');
		this.company = config.company ? String(config.company) : '';
		this.division = config.division ?? '';
		this.language = config.language ?? '';
		this.apiVersion = config.apiVersion ?? 'v2';
		this.retry = { ...DEFAULT_RETRY, ...(config.retry ?? {}) };
		this.timeoutMs = config.timeoutMs ?? 120000;
		this.bulkChunkSize = Math.max(1, config.bulkChunkSize ?? 100);
		this.sleep = config.sleep ?? n8nSleep;
		this.auth = config.auth;
	}

	/** Waits with the client's sleep (n8n's sleep in nodes). */
	async wait(ms: number): Promise<void> {
		await this.sleep(ms);
	}

	private backoff(attempt: number, hint?: number): number {
		const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
		const jittered = exp * (0.5 + Math.random() * 0.5);
		return hint !== undefined ? Math.min(Math.max(hint, jittered), 60000) : jittered;
	}

	/** Sends with retries. Returns status+parsed body for non-retryable statuses; throws M3Error otherwise. */
	private async send(
		options: IHttpRequestOptions,
		program: string,
		transaction: string,
		idempotent: boolean,
	): Promise<M3HttpResponse> {
		const mayRetry = (e: M3Error) => isRetryable(e) && (idempotent || notProcessed(e));
		let lastError: M3Error | undefined;
		for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
			let hint: number | undefined;
			let error: M3Error;
			try {
				this.requestCount++;
				const res = await this.request({ timeout: this.timeoutMs, ...options });
				const body = parseBody(res.body);
				const status = res.statusCode;
				if (!(status === 429 || status === 408 || status >= 500)) {
					return { statusCode: status, headers: res.headers, body };
				}
				const parsed = parseSingle(body, program, transaction, status);
				error = new M3Error(`HTTP ${status} from M3${parsed.error ? ': ' + parsed.error.message : ''}`, {
					program,
					transaction,
					httpStatus: status,
					kind: 'http',
				});
				hint = retryAfterMs(res.headers);
			} catch (e) {
				error = transportError(e, program, transaction, this.auth);
			}
			lastError = error;
			if (!mayRetry(error)) throw error;
			if (attempt < this.retry.attempts - 1) await this.sleep(this.backoff(attempt, hint));
		}
		throw lastError ?? new M3Error('M3 request failed', { program, transaction, kind: 'network' });
	}

	private control(opts: ExecuteOptions | BulkOptions = {}): Record<string, string> {
		const cono = opts.company ?? this.company;
		const divi = opts.division ?? this.division;
		const qs: Record<string, string> = {};
		if (cono) qs.cono = String(cono);
		if (divi) qs.divi = divi;
		return qs;
	}

	/** One transaction; NOK is returned in result.error (not thrown). Transport failures throw M3Error. */
	async run(
		program: string,
		transaction: string,
		inputs: Record<string, unknown> = {},
		opts: ExecuteOptions = {},
	): Promise<M3TransactionResult> {
		const fields = toM3Inputs(inputs);
		let req: IHttpRequestOptions;
		if (this.apiVersion === 'v1') {
			const matrix: string[] = [];
			const ctl = this.control(opts);
			if (ctl.cono) matrix.push(`cono=${encodeURIComponent(ctl.cono)}`);
			if (ctl.divi) matrix.push(`divi=${encodeURIComponent(ctl.divi)}`);
			if (opts.maxrecs !== undefined) matrix.push(`maxrecs=${opts.maxrecs}`);
			if (opts.returncols?.length) matrix.push(`returncols=${opts.returncols.join(',')}`);
			matrix.push('excludempty=false');
			req = {
				method: 'GET',
				url: `${this.baseUrl}/execute/${encodeURIComponent(program)}/${encodeURIComponent(transaction)}${matrix.length ? ';' + matrix.join(';') : ''}`,
				qs: fields,
				json: true,
			};
		} else {
			const qs: Record<string, string> = {
				...fields,
				...this.control(opts),
				dateformat: 'YMD8',
				excludeempty: 'false',
				righttrim: 'true',
				format: 'COMPACT',
			};
			if (this.language) qs.lanc = this.language;
			if (opts.maxrecs !== undefined) qs.maxrecs = String(opts.maxrecs);
			if (opts.returncols?.length) qs.returncols = opts.returncols.join(',');
			req = {
				method: 'GET',
				url: `${this.baseUrl}/v2/execute/${encodeURIComponent(program)}/${encodeURIComponent(transaction)}`,
				qs,
				json: true,
			};
		}
		const res = await this.send(req, program, transaction, opts.idempotent ?? isReadTransaction(transaction));
		const parsed = parseSingle(res.body, program, transaction, res.statusCode);
		if (!parsed.error && (res.statusCode < 200 || res.statusCode >= 300)) {
			parsed.error = new M3Error(`HTTP ${res.statusCode} from M3`, {
				program,
				transaction,
				httpStatus: res.statusCode,
				kind: 'http',
			});
		}
		if (!parsed.error && res.statusCode === 200 && (typeof res.body !== 'object' || res.body === null)) {
			parsed.error = new M3Error('M3 answered with something that is not JSON (check the base URL)', {
				program,
				transaction,
				httpStatus: res.statusCode,
				kind: 'http',
			});
		}
		return parsed;
	}

	/** One transaction; throws M3Error on NOK (also on a list that failed half-way: see error.partialRecords). */
	async execute(
		program: string,
		transaction: string,
		inputs: Record<string, unknown> = {},
		opts: ExecuteOptions = {},
	): Promise<M3Record[]> {
		const r = await this.run(program, transaction, inputs, opts);
		if (r.error) throw r.error;
		return r.records;
	}

	/** Single-record transaction (Get*, Add* …): the first record, or {} when M3 returns no output. */
	async get(
		program: string,
		transaction: string,
		inputs: Record<string, unknown> = {},
		opts: ExecuteOptions = {},
	): Promise<M3Record> {
		const records = await this.execute(program, transaction, inputs, opts);
		return records[0] ?? {};
	}

	/** Like get(), but "does not exist" (XRE0103) gives undefined instead of an error. */
	async find(
		program: string,
		transaction: string,
		inputs: Record<string, unknown> = {},
		opts: ExecuteOptions = {},
	): Promise<M3Record | undefined> {
		const r = await this.run(program, transaction, inputs, opts);
		if (r.error) {
			if (r.error.kind === 'nok' && r.error.code === 'XRE0103') return undefined;
			throw r.error;
		}
		return r.records[0] ?? {};
	}

	/**
	 * List transaction with paging. With startKeys, pages of pageSize records are read, each next page starting at the
	 * last record's key (start keys are inclusive, so the repeated first record is dropped).
	 */
	async list(
		program: string,
		transaction: string,
		inputs: Record<string, unknown> = {},
		opts: ListOptions = {},
	): Promise<M3Record[]> {
		const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
		const keys = opts.startKeys ? Object.entries(opts.startKeys) : [];
		if (!keys.length) {
			return await this.execute(program, transaction, inputs, { ...opts, maxrecs: opts.maxrecs ?? limit });
		}
		const pageSize = Math.max(2, opts.pageSize ?? 500);
		let returncols = opts.returncols;
		if (returncols?.length) {
			returncols = [...new Set([...returncols, ...keys.map(([, out]) => out)])];
		}
		const all: M3Record[] = [];
		const keyOf = (r: M3Record) => keys.map(([, out]) => r[out] ?? '').join('\u0000');
		const seen = new Set<string>();
		let pageInputs: Record<string, unknown> = { ...inputs };
		for (let page = 0; page < 100000; page++) {
			const records = await this.execute(program, transaction, pageInputs, {
				...opts,
				returncols,
				maxrecs: pageSize,
			});
			let added = 0;
			for (const r of records) {
				const k = keyOf(r);
				if (page > 0 && seen.has(k)) continue;
				seen.add(k);
				all.push(r);
				added++;
				if (limit && all.length >= limit) return all;
			}
			if (records.length < pageSize || added === 0) break;
			const last = records[records.length - 1];
			pageInputs = { ...inputs };
			for (const [input, out] of keys) pageInputs[input] = last[out] ?? '';
			// keep only the last page's keys: a key is only repeated at a page boundary
			seen.clear();
			seen.add(keyOf(last));
		}
		return all;
	}

	/**
	 * v2 bulk: many transactions of one program, results matched to inputs by order. Per-item NOK is in
	 * results[i].error; the whole call throws only for transport/HTTP failures. v1 connections run them one by one.
	 */
	async bulk(program: string, transactions: BulkTransaction[], opts: BulkOptions = {}): Promise<M3TransactionResult[]> {
		if (!transactions.length) return [];
		if (this.apiVersion === 'v1') {
			const out: M3TransactionResult[] = [];
			for (const t of transactions) {
				out.push(
					await this.run(program, t.transaction, t.record, {
						idempotent: opts.idempotent,
						company: opts.company,
						division: opts.division,
						maxrecs: opts.maxrecs,
						returncols: t.selectedColumns,
					}),
				);
			}
			return out;
		}
		const chunkSize = Math.max(1, opts.chunkSize ?? this.bulkChunkSize);
		const out: M3TransactionResult[] = [];
		for (let start = 0; start < transactions.length; start += chunkSize) {
			const chunk = transactions.slice(start, start + chunkSize);
			const ctl = this.control(opts);
			const body: Record<string, unknown> = {
				program,
				excludeEmptyValues: false,
				rightTrim: true,
				maxReturnedRecords: opts.maxrecs ?? 0,
				dateFormat: 'YMD8',
				transactions: chunk.map((t) => {
					const tx: Record<string, unknown> = { transaction: t.transaction, record: toM3Inputs(t.record) };
					if (t.selectedColumns?.length) tx.selectedColumns = t.selectedColumns;
					return tx;
				}),
			};
			if (ctl.cono) body.cono = /^\d+$/.test(ctl.cono) ? Number(ctl.cono) : ctl.cono;
			if (ctl.divi) body.divi = ctl.divi;
			const qs: Record<string, string> = { format: 'COMPACT', ...ctl };
			if (this.language) qs.lanc = this.language;
			const res = await this.send(
				{ method: 'POST', url: `${this.baseUrl}/v2/execute`, qs, body, json: true },
				program,
				chunk.map((t) => t.transaction).join(','),
				opts.idempotent ?? chunk.every((t) => isReadTransaction(t.transaction)),
			);
			const names = chunk.map((t) => t.transaction);
			const parsed = parseV2Bulk(res.body, program, names, res.statusCode);
			if (res.statusCode >= 300 && parsed.every((p) => p.error)) {
				// the whole request was refused (HTTP 400 with a top-level error, 404 …)
				const first = parsed[0]?.error;
				throw new M3Error(first?.message.replace(/^Not processed: /, '') || `HTTP ${res.statusCode} from M3`, {
					program,
					transaction: first?.transaction,
					code: first?.code,
					field: first?.field,
					httpStatus: res.statusCode,
					kind: first?.kind === 'nok' ? 'nok' : 'http',
				});
			}
			parsed.forEach((p) => {
				if (p.error && p.error.index !== undefined) {
					// re-index into the caller's list
					p.error = new M3Error(p.error.message, {
						program: p.error.program,
						transaction: p.error.transaction,
						code: p.error.code,
						field: p.error.field,
						type: p.error.type,
						httpStatus: p.error.httpStatus,
						kind: p.error.kind,
						index: p.error.index + start,
						partialRecords: p.error.partialRecords,
					});
				}
			});
			out.push(...parsed);
		}
		return out;
	}
}
