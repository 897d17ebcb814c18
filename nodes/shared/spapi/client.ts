import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPE, configFromCredentials, type SpApiConfig } from './config';
import { redactText } from '../execution/redact';
import { SpApiError, errorFromResponse, headerValue, isTokenProblem } from './errors';
import { UNKNOWN_OPERATION_PLAN, buildPath, findOperation, getOperation, type HttpMethod, type SpApiOperation } from './operations';
import { getBucket, parseRateLimitHeader } from './rateLimiter';

/**
 * What the client needs from an n8n function context. IExecuteFunctions, IPollFunctions, ITriggerFunctions and
 * ILoadOptionsFunctions all provide it, so the action node, the trigger's backstop poll and templates share it.
 */
export interface SpApiContext {
	getNode(): INode;
	getCredentials: IExecuteFunctions['getCredentials'];
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest' | 'httpRequestWithAuthentication'>;
}

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
}

export interface SpApiRequest {
	pathParams?: Record<string, string | number | undefined>;
	/** arrays are sent comma-joined, as SP-API expects (`marketplaceIds=A,B`) */
	query?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
}

export interface SpApiResponse<T = unknown> {
	status: number;
	body: T;
	headers: Record<string, unknown>;
	requestId: string;
	/** rate from x-amzn-RateLimit-Limit, when sent */
	rateLimit?: number;
}

/** Counters for tests and the benchmark (process-wide). */
export const spApiStats = { requests: 0, throttled: 0, serverErrors: 0, tokenRefreshes: 0, grantlessTokens: 0, waitedMs: 0 };

const GRANTLESS_SCOPE = 'sellingpartnerapi::notifications';
const grantlessTokens = new Map<string, { token: string; expiresAt: number }>();

/** Module-level cache of grantless tokens per (LWA URL, client id) — also used by tests to clear it. */
export const grantlessTokenCache = {
	clear(): void {
		grantlessTokens.clear();
	},
	size(): number {
		return grantlessTokens.size;
	},
};

function toQuery(query: IDataObject | undefined): IDataObject | undefined {
	if (!query) return undefined;
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(query)) {
		if (v === undefined || v === null || v === '') continue;
		if (Array.isArray(v)) {
			if (v.length === 0) continue;
			out[k] = v.map((x) => String(x)).join(',');
		} else if (typeof v === 'boolean' || typeof v === 'number') {
			out[k] = String(v);
		} else {
			out[k] = v;
		}
	}
	return out;
}

interface RawResult {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

export class SpApiClient {
	readonly config: SpApiConfig;
	private readonly opts: Required<SpApiClientOptions>;

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
		for (const t of grantlessTokens.values()) out.push(t.token);
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
			spApiStats.waitedMs += await bucket.acquire(afterThrottle, refreshNow && !op.grantless ? 2 : 1);
			afterThrottle = false;
			let res: RawResult;
			try {
				res = op.grantless
					? await this.sendGrantless(method, url, req, refreshNow)
					: await this.sendAuthenticated(method, url, req, refreshNow);
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
			spApiStats.requests++;
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
				spApiStats.throttled++;
				if (throttleRetries++ < this.opts.maxThrottleRetries) {
					// the emptied bucket makes the retry wait >= one refill interval; the jitter keeps processes apart
					const jitter = Math.min(this.opts.maxBackoffMs, Math.ceil(bucket.throttled() * Math.random() * 0.25));
					spApiStats.waitedMs += jitter;
					await sleep(jitter);
					afterThrottle = true;
					continue;
				}
				throw err;
			}
			if ([500, 502, 503, 504].includes(res.status)) {
				spApiStats.serverErrors++;
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
					spApiStats.tokenRefreshes++;
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
		spApiStats.waitedMs += jittered;
		await sleep(jittered);
	}

	private requestOptions(method: HttpMethod, url: string, req: SpApiRequest): IHttpRequestOptions {
		const headers: IDataObject = { Accept: 'application/json', ...(req.headers ?? {}) };
		const options: IHttpRequestOptions = {
			method,
			url,
			qs: toQuery(req.query),
			headers,
			returnFullResponse: true,
			timeout: this.opts.timeoutMs,
			json: true,
		};
		if (req.body !== undefined && method !== 'GET' && method !== 'DELETE') {
			headers['Content-Type'] = 'application/json';
			options.body = req.body as IHttpRequestOptions['body'];
		}
		return options;
	}

	/**
	 * Seller-token call through n8n's httpRequestWithAuthentication (preAuthentication + authenticate of the
	 * credential). Normally every status is returned to us; on the refresh path 401/403 are left to n8n, which
	 * fetches a new LWA token and resends once.
	 */
	private async sendAuthenticated(method: HttpMethod, url: string, req: SpApiRequest, refresh: boolean): Promise<RawResult> {
		const options = this.requestOptions(method, url, req);
		options.ignoreHttpStatusErrors = refresh ? { ignore: true, except: [401, 403] } : true;
		try {
			const r = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx as unknown as IExecuteFunctions,
				CREDENTIAL_TYPE,
				options,
				refresh ? { preAuthenticationRetryStatusCode: [401, 403] } : undefined,
			)) as { body: unknown; headers: Record<string, unknown>; statusCode: number };
			return { status: r.statusCode, body: r.body, headers: r.headers ?? {} };
		} catch (error) {
			return rawOrThrow(error);
		}
	}

	/** Grantless call: token from our own cache (client_credentials grant), sent as x-amz-access-token. */
	private async sendGrantless(method: HttpMethod, url: string, req: SpApiRequest, refresh: boolean): Promise<RawResult> {
		const token = await this.grantlessToken(refresh);
		const options = this.requestOptions(method, url, req);
		// the credential's authenticate() moves this internal header into x-amz-access-token
		options.headers = { ...(options.headers ?? {}), 'x-spapi-grantless-token': token };
		options.ignoreHttpStatusErrors = true;
		try {
			const r = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx as unknown as IExecuteFunctions,
				CREDENTIAL_TYPE,
				options,
			)) as { body: unknown; headers: Record<string, unknown>; statusCode: number };
			return { status: r.statusCode, body: r.body, headers: r.headers ?? {} };
		} catch (error) {
			return rawOrThrow(error);
		}
	}

	private async grantlessToken(forceNew: boolean): Promise<string> {
		const key = `${this.config.lwaTokenUrl}|${this.config.clientId}`;
		const cached = grantlessTokens.get(key);
		if (!forceNew && cached && cached.expiresAt > Date.now()) return cached.token;
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			scope: GRANTLESS_SCOPE,
			client_id: this.config.clientId,
			client_secret: this.config.secrets.clientSecret,
		});
		let response: IDataObject | undefined;
		// LWA down or busy (5xx, 429, no answer): a few tries, then the error says so
		for (let attempt = 1; response === undefined; attempt++) {
			try {
				response = (await this.ctx.helpers.httpRequest({
					method: 'POST',
					url: this.config.lwaTokenUrl,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
					body: form.toString(),
					json: true,
					timeout: this.opts.timeoutMs,
				})) as IDataObject;
			} catch (error) {
				const r = responseOf(error);
				const e = errorFromResponse('lwa.grantlessToken', r?.status ?? 0, r?.body, r?.headers);
				const transient = e.status === 0 || e.status === 429 || e.status >= 500;
				if (transient && attempt < 3) {
					await this.backoff(attempt - 1);
					continue;
				}
				throw this.cleanError(
					new SpApiError({
						operation: 'lwa.grantlessToken',
						status: e.status,
						code: e.code,
						message: transient
							? `Login with Amazon is not available: the grantless token request failed ${attempt} times (${e.status ? `HTTP ${e.status}` : 'no answer'}): ${e.message}. Try again later.`
							: `Login with Amazon refused the grantless token request (scope ${GRANTLESS_SCOPE}): ${e.message}`,
						details: e.details,
					}),
				);
			}
		}
		if (typeof response === 'string') response = JSON.parse(response) as IDataObject;
		const token = String(response?.access_token ?? '');
		if (!token) {
			throw new SpApiError({ operation: 'lwa.grantlessToken', status: 0, message: 'Login with Amazon returned no access_token' });
		}
		const ttl = Number(response.expires_in ?? 3600);
		spApiStats.grantlessTokens++;
		grantlessTokens.set(key, { token, expiresAt: Date.now() + Math.max(ttl / 2, ttl - 60) * 1000 });
		return token;
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

/** A 2xx answer that is an HTML page (content type, or a body that starts like one). */
function isHtml(res: RawResult): boolean {
	const type = String(headerValue(res.headers, 'content-type') ?? '').toLowerCase();
	if (type.includes('text/html')) return true;
	return typeof res.body === 'string' && /^\s*<(!doctype\s+html|html[\s>])/i.test(res.body);
}

/** The HTTP response carried by a request error, or a thrown transport error (handled by sanitize()). */
function rawOrThrow(error: unknown): RawResult {
	const fromHttp = responseOf(error);
	if (fromHttp) return fromHttp;
	throw new TransportError(error);
}

/** Wraps a non-HTTP failure (network, LWA) until send() turns it into an SpApiError. */
class TransportError extends Error {
	constructor(readonly original: unknown) {
		super((original as Error)?.message ?? 'Request failed');
		this.name = 'TransportError';
	}
}

/** The HTTP response inside an error thrown by n8n's request helpers (NodeApiError -> axios error), if any. */
function responseOf(error: unknown): RawResult | undefined {
	const seen = new Set<unknown>();
	let e = error as { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> }; cause?: unknown } | undefined;
	while (e && typeof e === 'object' && !seen.has(e)) {
		seen.add(e);
		const r = e.response;
		if (r && typeof r.status === 'number') {
			const headers = r.headers && typeof r.headers === 'object' ? { ...(r.headers as Record<string, unknown>) } : {};
			return { status: r.status, body: r.data, headers };
		}
		e = e.cause as typeof e;
	}
	return undefined;
}
