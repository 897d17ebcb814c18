// @ts-check
/**
 * Authentication: HTTP Basic for the on-prem form (/m3api-rest/...), OAuth2 resource-owner password grant
 * for the ION API gateway form (/{ti}/M3/m3api-rest/...), with expiring bearer tokens on the simulated
 * clock, refresh_token grant and revoke (m3-mi-ion.md §2).
 */
'use strict';

const crypto = require('node:crypto');
const { rng } = require('./seed');

const TENANT = 'M3SIM_TST';

/** Deterministic hex string from the seeded RNG. @param {() => number} r @param {number} n */
function hex(r, n) {
	let s = '';
	while (s.length < n) s += Math.floor(r() * 16).toString(16);
	return s;
}

/**
 * Demo credentials the simulator accepts; `url` is the simulator's base URL.
 * @param {string} url @param {number} seed
 */
function demoCredentials(url, seed) {
	const r = rng(seed * 7919 + 17);
	return {
		basic: { url: `${url}/m3api-rest`, user: 'M3SRVADM', password: `Sim-${hex(r, 8)}!` },
		ionapi: {
			ti: TENANT,
			cn: 'n8n-m3-amazon-sim',
			dt: '12',
			ci: `${TENANT}~${hex(r, 40)}`,
			cs: hex(r, 86),
			iu: url,
			pu: `${url}/${TENANT}/as/`,
			oa: 'authorization.oauth2',
			ot: 'token.oauth2',
			or: 'revoke_token.oauth2',
			ev: 'U147858101',
			v: '1.0',
			saak: `${TENANT}#${hex(r, 60)}`,
			sask: hex(r, 80),
		},
		cono: '100',
		divi: 'AAA',
	};
}

/**
 * @param {{ credentials: ReturnType<typeof demoCredentials>, clock: { now(): number }, tokenTtlSeconds: number }} opts
 */
function createAuth(opts) {
	const { credentials } = opts;
	/** @type {Map<string, { expiresAt: number, revoked: boolean }>} */
	const tokens = new Map();
	/** @type {Map<string, { revoked: boolean }>} */
	const refreshTokens = new Map();

	/** @param {string | undefined} header @returns {{ ok: boolean, user: string }} */
	function checkBasic(header) {
		const m = /^Basic\s+(.+)$/i.exec(header || '');
		if (!m) return { ok: false, user: '' };
		const decoded = Buffer.from(m[1], 'base64').toString('utf8');
		const i = decoded.indexOf(':');
		const user = decoded.slice(0, i).replace(/^.*\\/, ''); // DOMAIN\user is accepted (§2.3)
		const ok = i > 0 && user.toUpperCase() === credentials.basic.user && decoded.slice(i + 1) === credentials.basic.password;
		return { ok, user };
	}

	function issue() {
		const access = crypto.randomBytes(24).toString('base64url');
		const refresh = crypto.randomBytes(24).toString('base64url');
		tokens.set(access, { expiresAt: opts.clock.now() + opts.tokenTtlSeconds * 1000, revoked: false });
		refreshTokens.set(refresh, { revoked: false });
		return { access_token: access, token_type: 'Bearer', expires_in: opts.tokenTtlSeconds, refresh_token: refresh };
	}

	/**
	 * Token endpoint. Client id/secret in the form or as Basic; grant password (saak/sask) or refresh_token.
	 * @param {URLSearchParams} form @param {string | undefined} authHeader
	 * @returns {{ status: number, body: any }}
	 */
	function token(form, authHeader) {
		let ci = form.get('client_id') || '';
		let cs = form.get('client_secret') || '';
		const basic = /^Basic\s+(.+)$/i.exec(authHeader || '');
		if (basic) {
			const d = Buffer.from(basic[1], 'base64').toString('utf8');
			const i = d.indexOf(':');
			ci = decodeURIComponent(d.slice(0, i));
			cs = decodeURIComponent(d.slice(i + 1));
		}
		if (ci !== credentials.ionapi.ci || cs !== credentials.ionapi.cs) {
			return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
		}
		const grant = form.get('grant_type');
		if (grant === 'password') {
			if (form.get('username') !== credentials.ionapi.saak || form.get('password') !== credentials.ionapi.sask) {
				return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid service account credentials' } };
			}
			return { status: 200, body: issue() };
		}
		if (grant === 'refresh_token') {
			const rt = refreshTokens.get(form.get('refresh_token') || '');
			if (!rt || rt.revoked) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } };
			rt.revoked = true; // rotated
			return { status: 200, body: issue() };
		}
		return { status: 400, body: { error: 'unsupported_grant_type', error_description: `grant_type ${grant} is not supported` } };
	}

	/** @param {string} tok */
	function revoke(tok) {
		const a = tokens.get(tok);
		if (a) a.revoked = true;
		const r = refreshTokens.get(tok);
		if (r) r.revoked = true;
	}

	/** @param {string | undefined} header @returns {{ ok: boolean, token: string, reason: string }} */
	function checkBearer(header) {
		const m = /^Bearer\s+(\S+)$/i.exec(header || '');
		if (!m) return { ok: false, token: '', reason: 'Missing bearer token' };
		const t = tokens.get(m[1]);
		if (!t || t.revoked) return { ok: false, token: m[1], reason: 'Invalid access token' };
		if (t.expiresAt <= opts.clock.now()) return { ok: false, token: m[1], reason: 'Access token expired' };
		return { ok: true, token: m[1], reason: '' };
	}

	/** Expire one token now (fault) or all of them (control). @param {string} [tok] */
	function expire(tok) {
		const now = opts.clock.now();
		for (const [k, v] of tokens) if (!tok || k === tok) v.expiresAt = Math.min(v.expiresAt, now);
	}

	return { checkBasic, token, revoke, checkBearer, expire, count: () => tokens.size };
}

module.exports = { createAuth, demoCredentials, TENANT };
