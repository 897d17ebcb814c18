import type { IDataObject } from 'n8n-workflow';

/**
 * One error type for every SP-API failure. Carries only what Amazon returned plus our operation name —
 * never request headers, tokens, client secrets or refresh tokens.
 */
export class SpApiError extends Error {
	readonly operation: string;
	/** HTTP status (0 when no response was received) */
	readonly status: number;
	/** Amazon error code, e.g. `InvalidInput`, `QuotaExceeded`, `Unauthorized` */
	readonly code: string;
	readonly details: string;
	readonly requestId: string;
	/** all entries of Amazon's `errors[]` (code, message, details) */
	readonly errors: Array<{ code: string; message: string; details?: string }>;

	constructor(init: {
		operation: string;
		status: number;
		code?: string;
		message: string;
		details?: string;
		requestId?: string;
		errors?: Array<{ code: string; message: string; details?: string }>;
	}) {
		super(init.message);
		this.name = 'SpApiError';
		this.operation = init.operation;
		this.status = init.status;
		this.code = init.code ?? '';
		this.details = init.details ?? '';
		this.requestId = init.requestId ?? '';
		this.errors = init.errors ?? [];
	}

	/** plain fields for error items (continueOnFail) and NodeApiError */
	toJSON(): IDataObject {
		return {
			operation: this.operation,
			status: this.status,
			code: this.code,
			message: this.message,
			details: this.details,
			requestId: this.requestId,
			errors: this.errors as unknown as IDataObject[],
		};
	}

	/** Replaying the same request later may succeed: no answer, throttled, or a server/gateway failure. */
	get retryable(): boolean {
		return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
	}

	/** "Amazon said ..." text for the node's error panel */
	describe(): string {
		const parts = [`${this.operation} failed (HTTP ${this.status}${this.code ? `, ${this.code}` : ''})`];
		if (this.details) parts.push(this.details);
		if (this.requestId) parts.push(`x-amzn-RequestId: ${this.requestId}`);
		return parts.join(' — ');
	}
}

function asString(v: unknown): string {
	if (v === undefined || v === null) return '';
	if (typeof v === 'string') return v;
	try {
		return JSON.stringify(v);
	} catch {
		return String(v);
	}
}

function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (body && typeof body === 'object' && typeof (body as { toString?: unknown }).toString === 'function') {
		// Buffer / ArrayBuffer bodies (encoding arraybuffer)
		if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
			const text = new TextDecoder().decode(body as ArrayBuffer);
			return parseBody(text);
		}
	}
	return body;
}

/** Builds an SpApiError from Amazon's `{errors:[{code,message,details}]}` (or any other) error body. */
export function errorFromResponse(
	operation: string,
	status: number,
	rawBody: unknown,
	headers: Record<string, unknown> | undefined,
): SpApiError {
	const body = parseBody(rawBody);
	const requestId = asString(headerValue(headers, 'x-amzn-requestid'));
	let errors: Array<{ code: string; message: string; details?: string }> = [];
	if (body && typeof body === 'object') {
		const b = body as { errors?: unknown; error?: unknown; error_description?: unknown; message?: unknown };
		if (Array.isArray(b.errors)) {
			errors = b.errors.map((e: { code?: unknown; message?: unknown; details?: unknown }) => ({
				code: asString(e?.code),
				message: asString(e?.message),
				...(e?.details !== undefined ? { details: asString(e.details) } : {}),
			}));
		} else if (b.error !== undefined) {
			// LWA style {error, error_description}
			errors = [{ code: asString(b.error), message: asString(b.error_description ?? b.error) }];
		} else if (b.message !== undefined) {
			errors = [{ code: '', message: asString(b.message) }];
		}
	} else if (typeof body === 'string' && body.trim() !== '') {
		errors = [{ code: '', message: body.slice(0, 500) }];
	}
	const first = errors[0];
	const errorType = asString(headerValue(headers, 'x-amzn-errortype')).split(':')[0];
	const code = first?.code || errorType || '';
	const message =
		first?.message ||
		(status === 429 ? 'You exceeded your quota for the requested resource.' : `SP-API ${operation} returned HTTP ${status}`);
	const details = errors
		.map((e) => e.details)
		.filter((d): d is string => !!d)
		.join('; ');
	return new SpApiError({ operation, status, code, message, details, requestId, errors });
}

export function headerValue(headers: Record<string, unknown> | undefined, name: string): unknown {
	if (!headers) return undefined;
	const lower = name.toLowerCase();
	for (const [k, v] of Object.entries(headers)) {
		if (k.toLowerCase() === lower) return Array.isArray(v) ? v[0] : v;
	}
	return undefined;
}

/** 401, or a 403 whose text says the token is expired/invalid (not "access denied" for lack of a role). */
export function isTokenProblem(err: SpApiError): boolean {
	if (err.status === 401) return true;
	if (err.status !== 403) return false;
	const text = `${err.code} ${err.message} ${err.details}`.toLowerCase();
	return /token|expired|unauthenticated|missingauthentication/.test(text);
}

/** Failure kind for failure items: network | throttled | http | auth | rejected. */
export function spApiErrorKind(err: SpApiError): string {
	if (err.status === 0 || err.code === 'HtmlAnswer') return 'network';
	if (err.status === 429) return 'throttled';
	if (err.status >= 500) return 'http';
	if (err.status === 401 || err.status === 403) return 'auth';
	return 'rejected';
}
