import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { CREDENTIAL_TYPE, configFromCredentials, type SpApiConfig } from './config';
import { redactText } from '../execution/redact';
import { SpApiError, errorFromResponse, headerValue, isTokenProblem } from './errors';
import { grantlessToken, grantlessTokenValues, type GrantlessDeps } from './grantless';
import {
	TransportError,
	isHtml,
	newSpApiStats,
	responseOf,
	sendRequest,
	systemClock,
	type RawResult,
	type SpApiClock,
	type SpApiContext,
	type SpApiRequest,
	type SpApiStats,
} from './http';
import { UNKNOWN_OPERATION_PLAN, buildPath, findOperation, getOperation, type HttpMethod, type SpApiOperation } from './operations';
import { getBucket, parseRateLimitHeader } from './rateLimiter';

export { newSpApiStats, type SpApiClock, type SpApiContext, type SpApiRequest, type SpApiStats } from './http';

export interface SpApiClientOptions {
	/** retries after a 429 (each waits at least one refill interval of the operation's bucket) */
	maxThrottleRetries?: number;
	/** retries after 500/502/503/504 or a connection failure */
	maxServerRetries?: number;
	/** first backoff for 5xx in ms (doubles each retry, +jitter) */
	serverBackoffMs?: number;
	/** upper bound of one 5xx backoff in ms */
	maxBackoffMs?: number;
	/** request timeout in ms */
	timeoutMs?: number;
	/** time for token expiry and backoffs (default: Date.now, n8n-workflow sleep) */
	clock?: Partial<SpApiClock>;
	/** counters to add to (default: a new object per client, `client.stats`) */
	stats?: SpApiStats;
}

export interface SpApiResponse<T = unknown> {
	status: number;
	body: T;
	headers: Record<string, unknown>;
	requestId: string;
	/** rate from x-amzn-RateLimit-Limit, when sent */
	rateLimit?: number;
}

type Limits = Required<Omit<SpApiClientOptions, 'clock' | 'stats'>>;

/**
 * The SP-API client: one operation of the table (or a raw path) through the rate limiter, with retries for 429, 5xx
 * and a refused token, errors without secrets. HTTP in http.ts, grantless tokens in grantless.ts.
 */
export class SpApiClient {
	readonly config: SpApiConfig;
	/** what this client did (or the counters passed in options.stats) */
	readonly stats: SpApiStats;
	private readonly opts: Limits;
	private readonly clock: SpApiClock;

	private readonly accessToken: string;

	constructor(
		private readonly ctx: SpApiContext,
		credentials: ICredentialDataDecryptedObject,
		options: SpApiClientOptions = {},
	) {
		this.config = configFromCredentials(credentials);
		this.accessToken = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
		this.opts = {
			maxThrottleRetries: options.maxThrottleRetries ?? 8,
			maxServerRetries: options.maxServerRetries ?? 4,
			serverBackoffMs: options.serverBackoffMs ?? 500,
			maxBackoffMs: options.maxBackoffMs ?? 30000,
			timeoutMs: options.timeoutMs ?? 60000,
		};
		this.clock = { now: options.clock?.now ?? systemClock.now, sleep: options.clock?.sleep ?? systemClock.sleep };
		this.stats = options.stats ?? newSpApiStats();
	}

	static async create(ctx: SpApiContext, options?: SpApiClientOptions, itemIndex?: number): Promise<SpApiClient> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
		return new SpApiClient(ctx, credentials, options);
	}

	get sellerId(): string {
		return this.config.sellerId;
	}

	get marketplaceIds(): string[] {
		return this.config.marketplaceIds;
	}

	/** Secret values of the credential and the tokens in use (for redaction of anything the node outputs). */
	get secrets(): string[] {
		const out = [this.config.secrets.clientSecret, this.config.secrets.refreshToken, this.accessToken];
		out.push(...grantlessTokenValues());
		return out.filter((x) => !!x);
	}

	/** Calls one operation of the table (see operations.ts). */
	async call<T = IDataObject>(operationKey: string, req: SpApiRequest = {}): Promise<SpApiResponse<T>> {
		const op = getOperation(operationKey);
		const path = buildPath(op.path, req.pathParams);
		return await this.send<T>(op, op.method, path, req);
	}

	/**
	 * Any SP-API call by method and path (the node's "API Call"). If the path matches an operation of the table,
	 * that operation's bucket and grantless flag apply; otherwise a conservative 1 rps / burst 5 bucket per path.
	 */
	async raw<T = unknown>(method: HttpMethod, path: string, req: Omit<SpApiRequest, 'pathParams'> = {}): Promise<SpApiResponse<T>> {
		const clean = path.startsWith('/') ? path : `/${path}`;
		if (/^https?:/i.test(path)) throw new Error('Path must be relative to the SP-API endpoint, e.g. /orders/2026-01-01/orders');
		const known = findOperation(method, clean);
		const op: SpApiOperation = known ?? {
			id: `raw.${method} ${clean.replace(/\/[^/]*\d[^/]*/g, '/{id}')}`,
			operationId: `${method} ${clean}`,
			method,
			path: clean,
			...UNKNOWN_OPERATION_PLAN,
		};
		return await this.send<T>(op, method, clean, req);
	}

	private bucketFor(op: SpApiOperation) {
		const partner = op.grantless ? '(grantless)' : this.config.partnerKey;
		return getBucket(`${this.config.endpoint}|${partner}|${this.config.clientId}|${op.id}`, op.rate, op.burst, this.config.quotaShare);
	}

	private async send<T>(op: SpApiOperation, method: HttpMethod, path: string, req: SpApiRequest): Promise<SpApiResponse<T>> {
		const bucket = this.bucketFor(op);
		const url = `${this.config.endpoint}${path}`;
		let throttleRetries = 0;
		let serverRetries = 0;
		let tokenRetried = false;
		let forceRefresh = false;
		let afterThrottle = false;
		for (;;) {
			const refreshNow = forceRefresh;
			forceRefresh = false;
			// the refresh path sends the stale token once more, then n8n refreshes and resends: two requests, whose tokens
			// are taken together (one held while waiting for the other deadlocked concurrent refreshes)
			this.stats.waitedMs += await bucket.acquire(afterThrottle, refreshNow && !op.grantless ? 2 : 1);
			afterThrottle = false;
			let res: RawResult;
			try {
				res = await sendRequest(this.ctx, method, url, req, {
					timeoutMs: this.opts.timeoutMs,
					refresh: refreshNow,
					grantlessToken: op.grantless ? await grantlessToken(this.grantlessDeps(), refreshNow) : undefined,
				});
			} catch (error) {
				bucket.answered(undefined, refreshNow && !op.grantless ? 2 : 1);
				const err = this.sanitize(error, op);
				// a token request is retried where it is made (bounded); not again here
				if (err.status === 0 && !err.operation.startsWith('lwa.') && serverRetries < this.opts.maxServerRetries) {
					await this.backoff(serverRetries++);
					continue;
				}
				throw err;
			}
			this.stats.requests++;
			const rate = parseRateLimitHeader(headerValue(res.headers, 'x-amzn-ratelimit-limit'));
			bucket.answered(rate, refreshNow && !op.grantless ? 2 : 1);
			if (res.status >= 200 && res.status < 300 && isHtml(res)) {
				// a proxy, captive portal or wrong endpoint answering 200: not an (empty) SP-API answer
				throw this.cleanError(
					new SpApiError({
						operation: op.id,
						status: res.status,
						code: 'HtmlAnswer',
						message: `${op.id}: the endpoint answered HTTP ${res.status} with an HTML page, not SP-API JSON (a proxy, captive portal or wrong endpoint in the credential?)`,
						details: String(res.body).slice(0, 200),
					}),
				);
			}
			if (res.status >= 200 && res.status < 300) {
				bucket.succeeded();
				return {
					status: res.status,
					body: (res.body === '' ? {} : res.body) as T,
					headers: res.headers,
					requestId: String(headerValue(res.headers, 'x-amzn-requestid') ?? ''),
					rateLimit: rate,
				};
			}
			const err = this.cleanError(errorFromResponse(op.id, res.status, res.body, res.headers));
			if (res.status === 429) {
				this.stats.throttled++;
				if (throttleRetries++ < this.opts.maxThrottleRetries) {
					// the emptied bucket makes the retry wait >= one refill interval; the jitter keeps processes apart
					const jitter = Math.min(this.opts.maxBackoffMs, Math.ceil(bucket.throttled() * Math.random() * 0.25));
					this.stats.waitedMs += jitter;
					await this.clock.sleep(jitter);
					afterThrottle = true;
					continue;
				}
				throw err;
			}
			if ([500, 502, 503, 504].includes(res.status)) {
				this.stats.serverErrors++;
				if (serverRetries < this.opts.maxServerRetries) {
					await this.backoff(serverRetries++);
					continue;
				}
				throw err;
			}
			if (isTokenProblem(err)) {
				if (!tokenRetried) {
					tokenRetried = true;
					forceRefresh = true;
					this.stats.tokenRefreshes++;
					continue;
				}
				// final: one new token did not help, another would not either
				throw new SpApiError({
					operation: err.operation,
					status: err.status,
					code: err.code,
					message: `${err.message} Refused again after a new access token was fetched from Login with Amazon: not retried. Check that the app is still authorized by this seller (refresh token), for this region, and has the role this operation needs.`,
					details: err.details,
					requestId: err.requestId,
					errors: err.errors,
				});
			}
			throw err;
		}
	}

	private async backoff(attempt: number): Promise<void> {
		const wait = Math.min(this.opts.maxBackoffMs, this.opts.serverBackoffMs * 2 ** attempt);
		const jittered = Math.ceil(wait * (0.75 + Math.random() * 0.5));
		this.stats.waitedMs += jittered;
		await this.clock.sleep(jittered);
	}

	private grantlessDeps(): GrantlessDeps {
		return {
			ctx: this.ctx,
			config: this.config,
			timeoutMs: this.opts.timeoutMs,
			clock: this.clock,
			stats: this.stats,
			backoff: async (attempt: number) => await this.backoff(attempt),
			cleanError: (err: SpApiError) => this.cleanError(err),
		};
	}

	/** Removes any secret value (and anything token-shaped, e.g. headers a proxy echoed) from an SpApiError's texts. */
	private cleanError(err: SpApiError): SpApiError {
		const secrets = this.secrets;
		const redact = (t: string) => redactText(t, secrets);
		const message = redact(err.message);
		const details = redact(err.details);
		const errors = err.errors.map((e) => ({ ...e, message: redact(e.message), ...(e.details ? { details: redact(e.details) } : {}) }));
		if (message === err.message && details === err.details && JSON.stringify(errors) === JSON.stringify(err.errors)) return err;
		return new SpApiError({ operation: err.operation, status: err.status, code: err.code, message, details, requestId: err.requestId, errors });
	}

	/** Any thrown error -> SpApiError without request data (no headers, no form bodies). */
	private sanitize(thrown: unknown, op: SpApiOperation): SpApiError {
		const error = thrown instanceof TransportError ? thrown.original : thrown;
		if (error instanceof SpApiError) return this.cleanError(error);
		const e = error as { message?: string; httpCode?: string | null; cause?: unknown; code?: string; description?: string };
		const r = responseOf(error);
		if (r) return this.cleanError(errorFromResponse(op.id, r.status, r.body, r.headers));
		const cause = e?.cause as { message?: string; code?: string; httpCode?: string } | undefined;
		const msg = String(cause?.message ?? e?.message ?? 'Request failed');
		if (/Login with Amazon/.test(msg)) {
			const status = Number(cause?.httpCode ?? e?.httpCode ?? 0) || 0;
			return this.cleanError(new SpApiError({ operation: 'lwa.token', status, code: 'LwaTokenRequestFailed', message: msg }));
		}
		const code = String(cause?.code ?? e?.code ?? 'NetworkError');
		return this.cleanError(
			new SpApiError({ operation: op.id, status: 0, code, message: `${op.id}: no response from SP-API (${code}): ${msg}` }),
		);
	}
}
