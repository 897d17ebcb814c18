/**
 * How the M3 client talks HTTP: the injected requester's types, what a thrown HTTP/network failure means (M3Error with
 * kind auth/http/network/config), which transactions only read, which failures a write may be retried after, and the
 * small readers of an answer (JSON body, Retry-After).
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { M3Error } from './errors';
import { parseSingle } from './parse';

export interface M3HttpResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/** Sends one request. Resolves with status+body for every status it can; may throw for 401/network failures. */
export type M3Requester = (options: IHttpRequestOptions) => Promise<M3HttpResponse>;

const NETWORK_CODES = new Set([
	'ECONNABORTED',
	'ECONNREFUSED',
	'ECONNRESET',
	'EHOSTUNREACH',
	'ENETDOWN',
	'ENETUNREACH',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_SOCKET',
]);

type Obj = Record<string, unknown>;
function isObj(v: unknown): v is Obj {
	return typeof v === 'object' && v !== null;
}

function findCode(e: unknown, depth = 0): string {
	if (!isObj(e) || depth > 4) return '';
	if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
	return findCode(e.cause, depth + 1);
}

function findStatus(e: unknown, depth = 0): number | undefined {
	if (!isObj(e) || depth > 4) return undefined;
	const resp = e.response;
	if (isObj(resp) && typeof resp.status === 'number') return resp.status;
	if (isObj(resp) && typeof resp.statusCode === 'number') return resp.statusCode;
	if (typeof e.httpCode === 'string' && /^\d{3}$/.test(e.httpCode)) return Number(e.httpCode);
	if (typeof e.httpCode === 'number') return e.httpCode;
	return findStatus(e.cause, depth + 1);
}

function findBody(e: unknown, depth = 0): unknown {
	if (!isObj(e) || depth > 4) return undefined;
	const resp = e.response;
	if (isObj(resp) && resp.data !== undefined) return resp.data;
	if (isObj(resp) && resp.body !== undefined) return resp.body;
	return findBody(e.cause, depth + 1);
}

/**
 * Turns whatever the HTTP helper threw into an M3Error. Only the message text of the thrown error is kept, never its
 * request options (those hold the Authorization header).
 */
export function transportError(e: unknown, program: string, transaction: string, auth?: 'ionApi' | 'direct'): M3Error {
	if (e instanceof M3Error) return e;
	const status = findStatus(e);
	const code = findCode(e);
	const rawMessage = isObj(e) && typeof e.message === 'string' ? e.message : String(e);
	if (status === 401 || status === 403) {
		const body = findBody(e);
		const parsed = body !== undefined ? parseSingle(body, program, transaction, status) : undefined;
		const detail = parsed?.error?.message;
		const why =
			status === 401 && auth === 'ionApi'
				? ', again after a new ION API token was fetched: not retried'
				: status === 401 && auth === 'direct'
					? ': the M3 user or password was refused'
					: '';
		return new M3Error(
			`M3 rejected the credentials (HTTP ${status})${why}${detail ? ': ' + detail : ''} - check the Infor M3 API credential`,
			{ program, transaction, httpStatus: status, kind: 'auth', code: parsed?.error?.code, field: parsed?.error?.field },
		);
	}
	if (status !== undefined) {
		return new M3Error(`HTTP ${status} from M3: ${rawMessage}`, {
			program,
			transaction,
			httpStatus: status,
			kind: 'http',
		});
	}
	if (code || /timeout|timed out|socket hang up|network|terminated/i.test(rawMessage)) {
		// plain words: NodeApiError replaces a message that contains an error code like ECONNRESET by its own text
		const words =
			code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET'
				? 'the connection was reset'
				: code === 'ECONNREFUSED'
					? 'the connection was refused'
					: code === 'EAI_AGAIN' || code === 'ENOTFOUND'
						? 'the host name could not be resolved'
						: /TIMEOUT|TIMEDOUT|ABORTED/i.test(code) || /time/i.test(rawMessage)
							? 'no answer in time'
							: 'network failure';
		return new M3Error(`Could not reach M3 (${words}); a write may or may not have been applied`, {
			program,
			transaction,
			kind: 'network',
			code,
		});
	}
	return new M3Error(rawMessage, { program, transaction, kind: 'config' });
}

/** Get/Lst/Search/Sel transactions only read. */
export function isReadTransaction(transaction: string): boolean {
	return /^(Get|Lst|List|Search|Sel|Select|Rtv)/.test(transaction);
}

/** Retry a write only when it cannot have reached M3. */
export function notProcessed(e: M3Error): boolean {
	if (e.kind === 'http') return e.httpStatus === 429 || e.httpStatus === 503;
	return e.kind === 'network' && e.code === 'ECONNREFUSED';
}

export function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		const t = body.trim();
		if (t.startsWith('{') || t.startsWith('[')) {
			try {
				return JSON.parse(t) as unknown;
			} catch {
				return body;
			}
		}
	}
	return body;
}

export function retryAfterMs(headers: Record<string, unknown> | undefined): number | undefined {
	if (!headers) return undefined;
	const v = headers['retry-after'] ?? headers['Retry-After'];
	if (v === undefined) return undefined;
	const n = Number(v);
	return Number.isFinite(n) && n >= 0 ? n * 1000 : undefined;
}
