import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './config';
import { headerValue } from './errors';
import type { HttpMethod } from './operations';

/**
 * The HTTP layer of the SP-API client: what it needs from n8n, one request through n8n's helpers (every status
 * returned), the client's injected clock and counters, and reading n8n's request errors.
 */

/**
 * What the client needs from an n8n function context. IExecuteFunctions, IPollFunctions, ITriggerFunctions and
 * ILoadOptionsFunctions all provide it, so the action node, the trigger's backstop poll and templates share it.
 */
export interface SpApiContext {
	getNode(): INode;
	getCredentials: IExecuteFunctions['getCredentials'];
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest' | 'httpRequestWithAuthentication'>;
}

export interface SpApiRequest {
	pathParams?: Record<string, string | number | undefined>;
	/** arrays are sent comma-joined, as SP-API expects (`marketplaceIds=A,B`) */
	query?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
}

/** Time as the client sees it: `now` for token expiry, `sleep` for backoffs (defaults: Date.now, n8n-workflow sleep). */
export interface SpApiClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const systemClock: SpApiClock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

/** What one client did (`client.stats`; pass the same object to several clients to add them up). */
export interface SpApiStats {
	/** requests answered by SP-API (any status) */
	requests: number;
	throttled: number;
	serverErrors: number;
	tokenRefreshes: number;
	grantlessTokens: number;
	/** ms waited for the rate limiter and backoffs */
	waitedMs: number;
}

export function newSpApiStats(): SpApiStats {
	return { requests: 0, throttled: 0, serverErrors: 0, tokenRefreshes: 0, grantlessTokens: 0, waitedMs: 0 };
}

export interface RawResult {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

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

function requestOptions(method: HttpMethod, url: string, req: SpApiRequest, timeoutMs: number): IHttpRequestOptions {
	const headers: IDataObject = { Accept: 'application/json', ...(req.headers ?? {}) };
	const options: IHttpRequestOptions = {
		method,
		url,
		qs: toQuery(req.query),
		headers,
		returnFullResponse: true,
		timeout: timeoutMs,
		json: true,
	};
	if (req.body !== undefined && method !== 'GET' && method !== 'DELETE') {
		headers['Content-Type'] = 'application/json';
		options.body = req.body as IHttpRequestOptions['body'];
	}
	return options;
}

/**
 * One call through n8n's httpRequestWithAuthentication (preAuthentication + authenticate of the credential); every
 * status is returned to us. Seller token: on the refresh path 401/403 are left to n8n, which fetches a new LWA token
 * and resends once. Grantless (`grantlessToken` given): the token from our own cache, which the credential's
 * authenticate() moves from an internal header into x-amz-access-token. A failure without an HTTP answer is thrown
 * as a TransportError.
 */
export async function sendRequest(
	ctx: SpApiContext,
	method: HttpMethod,
	url: string,
	req: SpApiRequest,
	o: { timeoutMs: number; refresh: boolean; grantlessToken?: string },
): Promise<RawResult> {
	const options = requestOptions(method, url, req, o.timeoutMs);
	const grantless = o.grantlessToken !== undefined;
	if (grantless) options.headers = { ...(options.headers ?? {}), 'x-spapi-grantless-token': o.grantlessToken };
	options.ignoreHttpStatusErrors = o.refresh && !grantless ? { ignore: true, except: [401, 403] } : true;
	try {
		const r = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx as unknown as IExecuteFunctions,
			CREDENTIAL_TYPE,
			options,
			o.refresh && !grantless ? { preAuthenticationRetryStatusCode: [401, 403] } : undefined,
		)) as { body: unknown; headers: Record<string, unknown>; statusCode: number };
		return { status: r.statusCode, body: r.body, headers: r.headers ?? {} };
	} catch (error) {
		return rawOrThrow(error);
	}
}

/** The HTTP response carried by a request error, or a thrown transport error (handled by the client's sanitize()). */
function rawOrThrow(error: unknown): RawResult {
	const fromHttp = responseOf(error);
	if (fromHttp) return fromHttp;
	throw new TransportError(error);
}

/** A 2xx answer that is an HTML page (content type, or a body that starts like one). */
export function isHtml(res: RawResult): boolean {
	const type = String(headerValue(res.headers, 'content-type') ?? '').toLowerCase();
	if (type.includes('text/html')) return true;
	return typeof res.body === 'string' && /^\s*<(!doctype\s+html|html[\s>])/i.test(res.body);
}

/** Wraps a non-HTTP failure (network, LWA) until the client turns it into an SpApiError. */
export class TransportError extends Error {
	constructor(readonly original: unknown) {
		super((original as Error)?.message ?? 'Request failed');
		this.name = 'TransportError';
	}
}

/** The HTTP response inside an error thrown by n8n's request helpers (NodeApiError -> axios error), if any. */
export function responseOf(error: unknown): RawResult | undefined {
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
