// @ts-check
'use strict';
/**
 * Minimal AWS Signature Version 4 (header auth) signer + verifier.
 * Used by the simulator's SQS endpoint (verify) and by tests (sign). Checked against the
 * published aws-sig-v4-test-suite vectors (get-vanilla etc.) in test/simulators/spapi/sigv4.test.ts.
 */
const crypto = require('node:crypto');

const ALGO = 'AWS4-HMAC-SHA256';

/** @param {string|Buffer} s */
const sha256Hex = (s) => crypto.createHash('sha256').update(s).digest('hex');
/** @param {Buffer|string} key @param {string} s */
const hmac = (key, s) => crypto.createHmac('sha256', key).update(s, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it (unreserved chars kept). @param {string} s */
function uriEncode(s) {
	return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Canonical URI: each path segment encoded once (non-S3 services normalise the path). @param {string} path */
function canonicalUri(path) {
	if (!path) return '/';
	return path
		.split('/')
		.map((seg) => uriEncode(safeDecode(seg)))
		.join('/');
}
/** @param {string} s */
function safeDecode(s) {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

/** @param {string} search query string without '?' */
function canonicalQuery(search) {
	if (!search) return '';
	/** @type {[string,string][]} */
	const pairs = search
		.split('&')
		.filter(Boolean)
		.map((p) => {
			const i = p.indexOf('=');
			const k = i < 0 ? p : p.slice(0, i);
			const v = i < 0 ? '' : p.slice(i + 1);
			return [uriEncode(safeDecode(k.replace(/\+/g, '%20'))), uriEncode(safeDecode(v.replace(/\+/g, '%20')))];
		});
	pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
	return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/**
 * @param {{method:string, path:string, query?:string, headers:Record<string,string|string[]|undefined>, signedHeaders:string[], payloadHash:string}} r
 */
function canonicalRequest(r) {
	const hdrs = r.signedHeaders
		.map((h) => {
			const v = r.headers[h];
			const val = Array.isArray(v) ? v.join(',') : String(v ?? '');
			return `${h}:${val.trim().replace(/\s+/g, ' ')}\n`;
		})
		.join('');
	return [r.method.toUpperCase(), canonicalUri(r.path), canonicalQuery(r.query || ''), hdrs, r.signedHeaders.join(';'), r.payloadHash].join('\n');
}

/** @param {string} secret @param {string} date yyyymmdd @param {string} region @param {string} service */
function signingKey(secret, date, region, service) {
	return hmac(hmac(hmac(hmac('AWS4' + secret, date), region), service), 'aws4_request');
}

/** @param {Date} d */
function amzDate(d) {
	return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Sign a request: returns headers to add (authorization, x-amz-date, host if missing).
 * @param {{method:string, url:string, headers?:Record<string,string>, body?:string|Buffer,
 *   accessKeyId:string, secretAccessKey:string, sessionToken?:string, region:string, service:string, date?:Date}} o
 */
function sign(o) {
	const u = new URL(o.url);
	const date = amzDate(o.date || new Date());
	/** @type {Record<string,string>} */
	const headers = {};
	for (const [k, v] of Object.entries(o.headers || {})) headers[k.toLowerCase()] = v;
	if (!headers.host) headers.host = u.host;
	headers['x-amz-date'] = date;
	if (o.sessionToken) headers['x-amz-security-token'] = o.sessionToken;
	const signedHeaders = Object.keys(headers).sort();
	const payloadHash = sha256Hex(o.body || '');
	const creq = canonicalRequest({ method: o.method, path: u.pathname, query: u.search.slice(1), headers, signedHeaders, payloadHash });
	const scope = `${date.slice(0, 8)}/${o.region}/${o.service}/aws4_request`;
	const sts = [ALGO, date, scope, sha256Hex(creq)].join('\n');
	const sig = hmac(signingKey(o.secretAccessKey, date.slice(0, 8), o.region, o.service), sts).toString('hex');
	headers.authorization = `${ALGO} Credential=${o.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${sig}`;
	return { headers, canonicalRequest: creq, stringToSign: sts, signature: sig };
}

/**
 * Verify an incoming request's SigV4 Authorization header.
 * @param {{method:string, path:string, query:string, headers:Record<string,string|string[]|undefined>, body:Buffer|string}} req
 * @param {(accessKeyId:string)=>string|undefined} lookupSecret
 * @param {{now?:number, maxSkewMs?:number}} [opts]
 * @returns {{ok:true, accessKeyId:string, region:string, service:string} | {ok:false, code:string, message:string}}
 */
function verify(req, lookupSecret, opts = {}) {
	const auth = String(req.headers.authorization || '');
	if (!auth) return { ok: false, code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' };
	const m = /^AWS4-HMAC-SHA256\s+Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(auth.trim());
	if (!m) return { ok: false, code: 'IncompleteSignature', message: `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${auth}` };
	const [, akid, dstamp, region, service, signedHeadersStr, signature] = m;
	const secret = lookupSecret(akid);
	if (!secret) return { ok: false, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' };
	const xdate = String(req.headers['x-amz-date'] || '');
	if (!/^\d{8}T\d{6}Z$/.test(xdate) || xdate.slice(0, 8) !== dstamp)
		return { ok: false, code: 'IncompleteSignature', message: 'Date must be in ISO-8601 \'basic format\'. Got \'' + xdate + '\'.' };
	const t = Date.parse(`${xdate.slice(0, 4)}-${xdate.slice(4, 6)}-${xdate.slice(6, 8)}T${xdate.slice(9, 11)}:${xdate.slice(11, 13)}:${xdate.slice(13, 15)}Z`);
	const now = opts.now ?? Date.now();
	const skew = opts.maxSkewMs ?? 15 * 60 * 1000;
	if (Math.abs(now - t) > skew) return { ok: false, code: 'SignatureDoesNotMatch', message: `Signature expired: ${xdate} is now earlier than allowed skew.` };
	const signedHeaders = signedHeadersStr.split(';');
	const payloadHash = String(req.headers['x-amz-content-sha256'] || '') || sha256Hex(req.body || '');
	const creq = canonicalRequest({ method: req.method, path: req.path, query: req.query, headers: req.headers, signedHeaders, payloadHash });
	const sts = [ALGO, xdate, `${dstamp}/${region}/${service}/aws4_request`, sha256Hex(creq)].join('\n');
	const expected = hmac(signingKey(secret, dstamp, region, service), sts).toString('hex');
	if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
		return {
			ok: false,
			code: 'SignatureDoesNotMatch',
			message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
		};
	return { ok: true, accessKeyId: akid, region, service };
}

module.exports = { sign, verify, canonicalRequest, canonicalQuery, canonicalUri, signingKey, sha256Hex, amzDate };
