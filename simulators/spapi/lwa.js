// @ts-check
'use strict';
/**
 * Login with Amazon token endpoint (/auth/o2/token) and access-token checks for API calls.
 * Error bodies copy LWA's real ones ({error, error_description}); API auth failures copy SP-API's (403 ErrorList).
 */
const crypto = require('node:crypto');

const SCOPES = new Set(['sellingpartnerapi::notifications', 'sellingpartnerapi::client_credential:rotation']);
const GRANTLESS_OPS = new Set([
	'notifications.getSubscriptionById',
	'notifications.deleteSubscriptionById',
	'notifications.sendTestNotification',
	'notifications.getDestinations',
	'notifications.createDestination',
	'notifications.getDestination',
	'notifications.deleteDestination',
]);
/** v0 ops that only answer to a Restricted Data Token (their whole payload is PII). */
const RDT_ONLY_OPS = new Set(['ordersV0.getOrderAddress', 'ordersV0.getOrderBuyerInfo', 'ordersV0.getOrderItemsBuyerInfo']);

const rand = (n = 24) => crypto.randomBytes(n).toString('base64url');

class Lwa {
	/** @param {{timeScale:number, apps:any[], refreshTokens:any[]}} o */
	constructor(o) {
		this.timeScale = o.timeScale;
		this.apps = o.apps; // [{clientId, clientSecret, applicationId}]
		this.refreshTokens = o.refreshTokens; // [{refreshToken, clientId, sellerId}]
		/** @type {Map<string, any>} */
		this.tokens = new Map();
		this.expiredBefore = 0; // 'tokenExpiry' fault: tokens issued before this instant are expired
		this.issued = 0;
	}
	ttlMs() {
		return (3600 * 1000) / this.timeScale;
	}
	/** @param {string} token @param {any} info */
	store(token, info) {
		this.tokens.set(token, { ...info, issuedAt: Date.now(), expiresAt: Date.now() + this.ttlMs() });
		this.issued++;
	}
	expireAll() {
		this.expiredBefore = Date.now() + 1;
	}
	/**
	 * Handle a token request. @param {Record<string,string>} p form params
	 * @returns {{status:number, body:any}}
	 */
	token(p) {
		const grant = p.grant_type;
		if (!grant) return { status: 400, body: { error_description: 'The request is missing a required parameter : grant_type', error: 'invalid_request' } };
		if (!['refresh_token', 'client_credentials', 'authorization_code'].includes(grant))
			return { status: 400, body: { error_description: 'The authorization grant type is not supported by the authorization server', error: 'unsupported_grant_type' } };
		if (!p.client_id) return { status: 400, body: { error_description: 'The request is missing a required parameter : client_id', error: 'invalid_request' } };
		const app = this.apps.find((a) => a.clientId === p.client_id);
		if (!app || app.clientSecret !== p.client_secret) return { status: 401, body: { error_description: 'Client authentication failed', error: 'invalid_client' } };
		const expiresIn = Math.max(1, Math.round(3600 / this.timeScale));
		if (grant === 'refresh_token') {
			if (!p.refresh_token) return { status: 400, body: { error_description: 'The request is missing a required parameter : refresh_token', error: 'invalid_request' } };
			const rt = this.refreshTokens.find((r) => r.refreshToken === p.refresh_token && r.clientId === app.clientId);
			if (!rt) return { status: 400, body: { error_description: 'The request has an invalid grant parameter : refresh_token', error: 'invalid_grant' } };
			const at = 'Atza|' + rand(48);
			this.store(at, { kind: 'lwa', clientId: app.clientId, sellerId: rt.sellerId, grantless: false });
			return { status: 200, body: { access_token: at, refresh_token: rt.refreshToken, token_type: 'bearer', expires_in: expiresIn } };
		}
		if (grant === 'client_credentials') {
			if (!p.scope) return { status: 400, body: { error_description: 'The request is missing a required parameter : scope', error: 'invalid_request' } };
			const scopes = p.scope.split(/\s+/).filter(Boolean);
			if (!scopes.every((s) => SCOPES.has(s))) return { status: 400, body: { error_description: 'An unknown scope was requested', error: 'invalid_scope' } };
			const at = 'Atc|' + rand(48);
			this.store(at, { kind: 'lwa', clientId: app.clientId, sellerId: null, grantless: true, scopes });
			return { status: 200, body: { access_token: at, scope: scopes.join(' '), token_type: 'bearer', expires_in: expiresIn } };
		}
		// authorization_code: the simulator has no consent page; code "SIM_AUTH_CODE" yields the demo refresh token.
		if (p.code !== 'SIM_AUTH_CODE') return { status: 400, body: { error_description: 'The request has an invalid grant parameter : code', error: 'invalid_grant' } };
		const rt = this.refreshTokens.find((r) => r.clientId === app.clientId);
		const at = 'Atza|' + rand(48);
		this.store(at, { kind: 'lwa', clientId: app.clientId, sellerId: rt.sellerId, grantless: false });
		return { status: 200, body: { access_token: at, refresh_token: rt.refreshToken, token_type: 'bearer', expires_in: expiresIn } };
	}
	/** @param {{clientId:string, sellerId:string, restrictedResources:any[]}} o */
	issueRdt(o) {
		const t = 'Atz.sprdt|' + rand(48);
		this.store(t, { kind: 'rdt', clientId: o.clientId, sellerId: o.sellerId, grantless: false, restrictedResources: o.restrictedResources });
		return { token: t, expiresIn: Math.max(1, Math.round(3600 / this.timeScale)) };
	}
	/**
	 * Check the x-amz-access-token of an API call. Returns {ok, info} or {ok:false, status, body, errorType}.
	 * @param {string|undefined} token @param {{key:string, method:string, path:string}} op @param {string} reqPath
	 */
	check(token, op, reqPath) {
		const deny = (/** @type {string} */ details, code = 'Unauthorized', errorType = 'AccessDeniedException') => ({
			ok: false,
			status: 403,
			errorType,
			body: { errors: [{ code, message: 'Access to requested resource is denied.', details }] },
		});
		if (!token) return deny('Access token is missing in the request header.', 'MissingAuthenticationToken', 'MissingAuthenticationTokenException');
		const info = this.tokens.get(token);
		if (!info) return deny('The access token you provided is revoked, malformed or invalid.');
		if (Date.now() >= info.expiresAt || info.issuedAt < this.expiredBefore) return deny('The access token you provided has expired.');
		const grantlessOp = GRANTLESS_OPS.has(op.key);
		if (grantlessOp && !info.grantless && info.kind !== 'rdt') {
			// Amazon accepts only a client_credentials token (scope notifications) here.
			return deny('');
		}
		if (grantlessOp && info.grantless && !(info.scopes || []).includes('sellingpartnerapi::notifications')) return deny('');
		if (!grantlessOp && info.grantless) return deny('');
		if (info.kind === 'rdt' && !rdtCovers(info.restrictedResources, op.method, reqPath)) return deny('');
		if (RDT_ONLY_OPS.has(op.key) && info.kind !== 'rdt') return deny('Application does not have access to one or more requested data elements');
		return { ok: true, info };
	}
}

/** RDT path may be specific or use {placeholders} (one RDT for many orders). */
function rdtCovers(resources, method, reqPath) {
	return (resources || []).some((/** @type {any} */ r) => {
		if (String(r.method).toUpperCase() !== method) return false;
		const re = new RegExp('^' + String(r.path).split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+') + '$');
		return re.test(reqPath);
	});
}

module.exports = { Lwa, GRANTLESS_OPS, RDT_ONLY_OPS, rdtCovers };
