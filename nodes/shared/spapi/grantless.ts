import type { IDataObject } from 'n8n-workflow';

import type { SpApiConfig } from './config';
import { SpApiError, errorFromResponse } from './errors';
import { responseOf, type SpApiClock, type SpApiContext, type SpApiStats } from './http';

/**
 * Grantless tokens (client_credentials grant, scope notifications) for the operations that take no seller: fetched
 * from Login with Amazon by us (n8n's credential only knows the seller's refresh token) and kept per (LWA URL, client
 * id) for this process, shared by every execution, until shortly before they expire.
 */
export const GRANTLESS_SCOPE = 'sellingpartnerapi::notifications';

const grantlessTokens = new Map<string, { token: string; expiresAt: number }>();

/** The grantless tokens this process holds (secrets: redacted from anything output). */
export function grantlessTokenValues(): string[] {
	return [...grantlessTokens.values()].map((t) => t.token);
}

export interface GrantlessDeps {
	ctx: SpApiContext;
	config: SpApiConfig;
	timeoutMs: number;
	clock: SpApiClock;
	stats: SpApiStats;
	/** waits before retry `attempt` (0-based) */
	backoff(attempt: number): Promise<void>;
	/** removes secrets from an error's texts */
	cleanError(err: SpApiError): SpApiError;
}

/** The cached token, or a new one (also when `forceNew`); LWA down or busy (5xx, 429, no answer): 3 tries. */
export async function grantlessToken(d: GrantlessDeps, forceNew: boolean): Promise<string> {
	const key = `${d.config.lwaTokenUrl}|${d.config.clientId}`;
	const cached = grantlessTokens.get(key);
	if (!forceNew && cached && cached.expiresAt > d.clock.now()) return cached.token;
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		scope: GRANTLESS_SCOPE,
		client_id: d.config.clientId,
		client_secret: d.config.secrets.clientSecret,
	});
	let response: IDataObject | undefined;
	for (let attempt = 1; response === undefined; attempt++) {
		try {
			response = (await d.ctx.helpers.httpRequest({
				method: 'POST',
				url: d.config.lwaTokenUrl,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
				body: form.toString(),
				json: true,
				timeout: d.timeoutMs,
			})) as IDataObject;
		} catch (error) {
			const r = responseOf(error);
			const e = errorFromResponse('lwa.grantlessToken', r?.status ?? 0, r?.body, r?.headers);
			const transient = e.status === 0 || e.status === 429 || e.status >= 500;
			if (transient && attempt < 3) {
				await d.backoff(attempt - 1);
				continue;
			}
			throw d.cleanError(
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
	d.stats.grantlessTokens++;
	grantlessTokens.set(key, { token, expiresAt: d.clock.now() + Math.max(ttl / 2, ttl - 60) * 1000 });
	return token;
}
