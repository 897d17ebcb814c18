/** Small HTTP helpers for the M3 simulator tests (global fetch only). */
import { startM3Simulator } from '../../../simulators/m3';

export type Sim = Awaited<ReturnType<typeof startM3Simulator>>;
export type MiRecord = Record<string, string>;
export interface V2Result {
	transaction: string;
	records: MiRecord[];
	parameters?: Record<string, unknown>;
	errorMessage?: string;
	errorCode?: string;
	errorField?: string;
	errorType?: string;
}
export interface V2Body {
	results: V2Result[];
	wasTerminated: string | boolean;
	nrOfSuccessfullTransactions: number;
	nrOfFailedTransactions: number;
	nrOfNotProcessedTransactions?: number;
	errorMessage?: string;
	errorCode?: string;
	errorField?: string;
	errorType?: string;
}
export interface Reply<T> {
	status: number;
	body: T;
	text: string;
	headers: Headers;
}

export function basicAuth(sim: Sim, password?: string): string {
	const b = sim.credentials.basic;
	return 'Basic ' + btoa(`${b.user}:${password ?? b.password}`);
}

async function reply<T>(r: Response): Promise<Reply<T>> {
	const text = await r.text();
	let body: unknown = undefined;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		body = undefined;
	}
	return { status: r.status, body: body as T, text, headers: r.headers };
}

export function query(fields: Record<string, string | number | boolean> = {}): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) q.set(k, String(v));
	const s = q.toString();
	return s ? `?${s}` : '';
}

/** v2 single transaction on the on-prem path with Basic auth. */
export async function v2(
	sim: Sim,
	pgm: string,
	trn: string,
	fields: Record<string, string | number | boolean> = {},
	init: RequestInit = {},
): Promise<Reply<V2Body>> {
	const r = await fetch(`${sim.url}/m3api-rest/v2/execute/${pgm}/${trn}${query(fields)}`, {
		...init,
		headers: { Authorization: basicAuth(sim), Accept: 'application/json', ...(init.headers as Record<string, string>) },
	});
	return reply<V2Body>(r);
}

/** First record of a successful v2 call (throws with the error text otherwise). */
export async function v2one(sim: Sim, pgm: string, trn: string, fields: Record<string, string | number | boolean> = {}): Promise<MiRecord> {
	const r = await v2(sim, pgm, trn, fields);
	if (r.status !== 200) throw new Error(`${pgm}/${trn} failed: ${r.text}`);
	return r.body.results[0].records[0];
}

/** Records of a successful v2 list call. */
export async function v2list(sim: Sim, pgm: string, trn: string, fields: Record<string, string | number | boolean> = {}): Promise<MiRecord[]> {
	const r = await v2(sim, pgm, trn, { maxrecs: 0, ...fields });
	if (r.status !== 200) throw new Error(`${pgm}/${trn} failed: ${r.text}`);
	return r.body.results[0].records;
}

export async function v1(sim: Sim, pgm: string, trnAndMatrix: string, fields: Record<string, string> = {}): Promise<Reply<Record<string, unknown>>> {
	const r = await fetch(`${sim.url}/m3api-rest/execute/${pgm}/${trnAndMatrix}${query(fields)}`, {
		headers: { Authorization: basicAuth(sim), Accept: 'application/json' },
	});
	return reply(r);
}

export async function bulk(sim: Sim, body: unknown, qs = ''): Promise<Reply<V2Body>> {
	const r = await fetch(`${sim.url}/m3api-rest/v2/execute${qs}`, {
		method: 'POST',
		headers: { Authorization: basicAuth(sim), 'Content-Type': 'application/json', Accept: 'application/json' },
		body: JSON.stringify(body),
	});
	return reply<V2Body>(r);
}

export async function control<T = Record<string, unknown>>(sim: Sim, method: string, path: string, body?: unknown): Promise<Reply<T>> {
	const r = await fetch(`${sim.url}/__sim/${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return reply<T>(r);
}

/** OAuth2 password grant against {pu}{ot}. */
export async function getToken(sim: Sim, overrides: Record<string, string> = {}): Promise<Reply<Record<string, string | number>>> {
	const io = sim.credentials.ionapi;
	const form = new URLSearchParams({
		grant_type: 'password', username: io.saak, password: io.sask, client_id: io.ci, client_secret: io.cs, ...overrides,
	});
	const r = await fetch(`${io.pu}${io.ot}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: form.toString(),
	});
	return reply(r);
}

/** v2 single call through the ION API gateway path {iu}/{ti}/M3/m3api-rest/... */
export async function gateway(sim: Sim, token: string, pgm: string, trn: string, fields: Record<string, string> = {}): Promise<Reply<V2Body>> {
	const io = sim.credentials.ionapi;
	const r = await fetch(`${io.iu}/${io.ti}/M3/m3api-rest/v2/execute/${pgm}/${trn}${query(fields)}`, {
		headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
	});
	return reply<V2Body>(r);
}

/** Creates and confirms a batch order; returns the temporary and final order numbers. */
export async function createOrder(
	sim: Sim,
	head: Record<string, string>,
	lines: Array<Record<string, string>>,
): Promise<{ temp: string; orno: string; stat: string }> {
	const temp = (await v2one(sim, 'OIS100MI', 'AddBatchHead', head)).ORNO;
	for (const l of lines) await v2one(sim, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ...l });
	const c = await v2one(sim, 'OIS100MI', 'Confirm', { ORNO: temp });
	const orno = (await v2one(sim, 'OIS100MI', 'GetOrderNo', { ORNO: temp })).ORNR;
	return { temp, orno, stat: c.STAT };
}
