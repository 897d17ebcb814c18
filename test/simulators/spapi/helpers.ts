/** Shared helpers for the SP-API simulator tests (no process/setTimeout/console here: lint). */
import { startSpApiSimulator } from '../../../simulators/spapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const util = require('../../../simulators/spapi/util') as { sleep: (ms: number) => Promise<void> };

export type Sim = Awaited<ReturnType<typeof startSpApiSimulator>>;
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const sleep = util.sleep;

export async function start(opts: Parameters<typeof startSpApiSimulator>[0] = {}): Promise<Sim> {
	return await startSpApiSimulator(opts);
}

export async function lwa(sim: Sim, params: Record<string, string>): Promise<{ status: number; body: Json }> {
	const r = await fetch(sim.credentials.lwaEndpoint, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
		body: new URLSearchParams(params).toString(),
	});
	return { status: r.status, body: (await r.json()) as Json };
}

export async function sellerToken(sim: Sim): Promise<string> {
	const c = sim.credentials;
	const r = await lwa(sim, { grant_type: 'refresh_token', refresh_token: c.refreshToken, client_id: c.clientId, client_secret: c.clientSecret });
	if (r.status !== 200) throw new Error(`LWA failed: ${JSON.stringify(r.body)}`);
	return r.body.access_token as string;
}

export async function grantlessToken(sim: Sim, scope = 'sellingpartnerapi::notifications'): Promise<string> {
	const c = sim.credentials;
	const r = await lwa(sim, { grant_type: 'client_credentials', scope, client_id: c.clientId, client_secret: c.clientSecret });
	if (r.status !== 200) throw new Error(`LWA failed: ${JSON.stringify(r.body)}`);
	return r.body.access_token as string;
}

export interface ApiResponse {
	status: number;
	headers: Headers;
	body: Json;
	text: string;
}

export async function call(sim: Sim, token: string | undefined, method: string, path: string, body?: unknown): Promise<ApiResponse> {
	const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'n8n-nodes-m3-amazon-test/1.0 (Language=TypeScript)' };
	if (token) headers['x-amz-access-token'] = token;
	const r = await fetch(sim.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await r.text();
	let parsed: Json = {};
	try {
		parsed = text ? (JSON.parse(text) as Json) : {};
	} catch {
		parsed = {};
	}
	return { status: r.status, headers: r.headers, body: parsed, text };
}

export async function control(sim: Sim, method: string, path: string, body?: unknown): Promise<Json> {
	const r = await fetch(`${sim.url}/__sim${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	return (await r.json()) as Json;
}

/** Poll `fn` until it returns a truthy value or `ms` elapse. */
export async function waitFor<T>(fn: () => Promise<T> | T, ms = 5000, step = 20): Promise<NonNullable<T>> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v) return v as NonNullable<T>;
		if (Date.now() > end) throw new Error('waitFor timed out');
		await sleep(step);
	}
}

/** A marketplace-filtered, old-enough createdAfter. */
export const LONG_AGO = '2020-01-01T00:00:00Z';
