/**
 * AWS Signature Version 4 (Authorization header form) on node:crypto only.
 *
 * Canonical request per https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html:
 * method, canonical URI (each path segment RFC 3986-encoded once, after decoding), canonical query
 * (keys and values encoded, sorted by key then value), canonical headers (lower-case names, values
 * trimmed with inner whitespace runs collapsed), signed header list, hex SHA-256 of the payload.
 * Checked against AWS's published vectors (sigv4 test suite get-vanilla, post-vanilla, ..., and the
 * IAM ListUsers example) in test/triggers/sigv4.test.ts.
 */
import { createHash, createHmac } from 'node:crypto';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export interface AwsCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}

export interface SigV4Request {
	method: string;
	/** Absolute URL, including any query string. */
	url: string;
	headers?: Record<string, string>;
	body?: string | Uint8Array;
}

export interface SigV4Options {
	region: string;
	service: string;
	/** Signing time; default now. */
	date?: Date;
	/**
	 * Header names (any case) to sign in addition to `host`, `x-amz-*` and `content-type`.
	 * Headers an HTTP client may rewrite (user-agent, accept, content-length) are not signed by default.
	 */
	extraSignedHeaders?: string[];
	/** Add `x-amz-content-sha256` (S3 needs it; harmless elsewhere). Default false. */
	addContentSha256?: boolean;
}

export interface SignedRequest {
	/** The input headers plus `x-amz-date`, `authorization` and, with a session token, `x-amz-security-token`. */
	headers: Record<string, string>;
	/** The host value that was signed (send exactly this Host). */
	host: string;
	amzDate: string;
	authorization: string;
	signature: string;
	canonicalRequest: string;
	stringToSign: string;
	signedHeaders: string;
	credentialScope: string;
}

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 percent-encoding: only A-Z a-z 0-9 - _ . ~ stay as they are. */
export function uriEncode(s: string): string {
	return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function safeDecode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		// Not valid percent-encoding: sign the text as it is (AWS does the same).
		return s;
	}
}

export function canonicalUri(pathname: string): string {
	if (!pathname) return '/';
	return pathname
		.split('/')
		.map((seg) => uriEncode(safeDecode(seg)))
		.join('/');
}

export function canonicalQueryString(search: string): string {
	const q = search.startsWith('?') ? search.slice(1) : search;
	if (!q) return '';
	const pairs = q
		.split('&')
		.filter((p) => p !== '')
		.map((p): [string, string] => {
			const i = p.indexOf('=');
			const k = i < 0 ? p : p.slice(0, i);
			const v = i < 0 ? '' : p.slice(i + 1);
			return [uriEncode(safeDecode(k.replace(/\+/g, '%20'))), uriEncode(safeDecode(v.replace(/\+/g, '%20')))];
		});
	pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
	return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** `20150830T123600Z` */
export function toAmzDate(d: Date): string {
	return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function signingKey(secretAccessKey: string, dateStamp: string, region: string, service: string): Buffer {
	return hmac(hmac(hmac(hmac('AWS4' + secretAccessKey, dateStamp), region), service), 'aws4_request');
}

/** Signs `req` and returns the headers to send. Pure: the input is not modified. */
export function signRequest(req: SigV4Request, credentials: AwsCredentials, options: SigV4Options): SignedRequest {
	const u = new URL(req.url);
	const amzDate = toAmzDate(options.date ?? new Date());
	const dateStamp = amzDate.slice(0, 8);
	const body = req.body ?? '';
	const payloadHash = sha256Hex(body);

	const out: Record<string, string> = {};
	const lower: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers ?? {})) {
		const lk = k.toLowerCase();
		if (lk === 'authorization' || lk === 'x-amz-date' || lk === 'x-amz-security-token' || lk === 'host') continue;
		out[k] = v;
		lower[lk] = String(v);
	}
	lower['x-amz-date'] = amzDate;
	out['x-amz-date'] = amzDate;
	if (credentials.sessionToken) {
		lower['x-amz-security-token'] = credentials.sessionToken;
		out['x-amz-security-token'] = credentials.sessionToken;
	}
	if (options.addContentSha256) {
		lower['x-amz-content-sha256'] = payloadHash;
		out['x-amz-content-sha256'] = payloadHash;
	}
	const host = (req.headers && Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'host')?.[1]) || u.host;
	lower.host = host;

	const extra = new Set((options.extraSignedHeaders ?? []).map((h) => h.toLowerCase()));
	const signed = Object.keys(lower)
		.filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-amz-') || extra.has(h))
		.sort();
	const canonicalHeaders = signed.map((h) => `${h}:${lower[h].trim().replace(/\s+/g, ' ')}\n`).join('');
	const signedHeaders = signed.join(';');
	const canonicalRequest = [
		req.method.toUpperCase(),
		canonicalUri(u.pathname),
		canonicalQueryString(u.search),
		canonicalHeaders,
		signedHeaders,
		payloadHash,
	].join('\n');
	const credentialScope = `${dateStamp}/${options.region}/${options.service}/aws4_request`;
	const stringToSign = [SIGV4_ALGORITHM, amzDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
	const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, dateStamp, options.region, options.service))
		.update(stringToSign, 'utf8')
		.digest('hex');
	const authorization = `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
	out.Authorization = authorization;
	return {
		headers: out,
		host,
		amzDate,
		authorization,
		signature,
		canonicalRequest,
		stringToSign,
		signedHeaders,
		credentialScope,
	};
}

/** Builds `base?k=v&...` with SigV4-compatible (RFC 3986) encoding; keys keep their given order. */
export function withQuery(url: string, qs: Record<string, unknown> | undefined): string {
	if (!qs) return url;
	const parts: string[] = [];
	for (const [k, v] of Object.entries(qs)) {
		if (v === undefined || v === null) continue;
		const values = Array.isArray(v) ? v : [v];
		for (const item of values) parts.push(`${uriEncode(k)}=${uriEncode(String(item))}`);
	}
	if (parts.length === 0) return url;
	return url + (url.includes('?') ? '&' : '?') + parts.join('&');
}
