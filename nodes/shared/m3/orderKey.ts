/**
 * CUOR lookup: one key record per order attempt in CUSEXTMI (customer extension table CUGEX1), keyed
 * FILE + PK01 = CUNO + PK02 = CUOR + PK03 = attempt (001, 002 ...). Reading an order's attempts is one key-range read
 * (LstFieldValue), whatever the order history; AddFieldValue on an existing key is refused (XRE0104), so exactly one
 * run wins an attempt number. The record carries the attempt's state:
 *   A030 state  ENTERED (batch order entered) | CREATED (order confirmed) | FAILED (M3 stopped it) | RELEASED (given up)
 *   A130 owner  random token of the run that claimed it
 *   A230 temporary (batch) ORNO    A330 final ORNO    A430 / A121 M3 message id / text of a failure
 *   N096 claim time (ms since 1970, clock of the claiming host)
 *   N196 order lines the attempt entered (AddBatchLine): a line deleted later, even the last one, shows as fewer lines
 *        in M3 than this (closedOrders.ts)
 * docs/contracts.md ("Create Customer Order, idempotency") has the protocol. Orders entered before key records
 * existed are found, on request, the old ways (OIS100MI LstHead of the customer, or SearchHead on CUOR).
 */
import type { M3Client } from './client';
import { M3Error, isAlreadyExists } from './errors';
import type { M3TransactionResult } from './parse';
import type { M3Record } from './values';

export type KeyState = 'ENTERED' | 'CREATED' | 'FAILED' | 'RELEASED';

export interface KeyRecord {
	gen: number;
	state: string;
	owner: string;
	tmp: string;
	orno: string;
	code: string;
	reason: string;
	claimedAt: number;
	/** order lines the attempt entered (0 = not recorded: older records, legacy lookups) */
	lines?: number;
}

export interface OrderKey {
	FILE: string;
	CUNO: string;
	CUOR: string;
}

export interface Exec {
	company?: string;
	division?: string;
}

const MAX_GEN = 999;
/** attempts read per order; more means something keeps failing: the run stops and says so */
const CHAIN_READ = 50;

export function keyId(k: OrderKey): string {
	return `${k.FILE}|${k.CUNO}|${k.CUOR}`;
}

function keys(k: OrderKey, gen?: number): Record<string, string> {
	const out: Record<string, string> = { FILE: k.FILE, PK01: k.CUNO, PK02: k.CUOR };
	if (gen !== undefined) out.PK03 = String(gen).padStart(3, '0');
	return out;
}

function values(r: KeyRecord): Record<string, string> {
	return {
		A030: r.state,
		A130: r.owner,
		A230: r.tmp,
		A330: r.orno,
		A430: r.code.slice(0, 30),
		A121: r.reason.slice(0, 120),
		N096: String(Math.max(0, Math.floor(r.claimedAt))),
		...(r.lines ? { N196: String(r.lines) } : {}),
	};
}

/**
 * The attempts of one order, oldest first. PK01/PK02 are checked here too: if M3 takes them as start keys rather
 * than a filter, the list also holds later keys.
 */
export function parseChain(k: OrderKey, records: M3Record[]): KeyRecord[] {
	return records
		.filter((r) => (r.FILE ?? k.FILE) === k.FILE && r.PK01 === k.CUNO && r.PK02 === k.CUOR && /^\d+$/.test(r.PK03 ?? ''))
		.map((r) => ({
			gen: Number(r.PK03),
			state: (r.A030 ?? '').trim(),
			owner: (r.A130 ?? '').trim(),
			tmp: (r.A230 ?? '').trim(),
			orno: (r.A330 ?? '').trim(),
			code: (r.A430 ?? '').trim(),
			reason: (r.A121 ?? '').trim(),
			claimedAt: Number(r.N096) || 0,
			lines: Number(r.N196) || 0,
		}))
		.sort((a, b) => a.gen - b.gen);
}

/** A record as LstFieldValue returns it (for the run's own cache). */
export function rawRecord(k: OrderKey, r: KeyRecord): M3Record {
	return { ...keys(k, r.gen), ...values(r) };
}

export function latest(chain: KeyRecord[]): KeyRecord | undefined {
	return chain[chain.length - 1];
}

function configError(k: OrderKey, transaction: string, e: M3Error): M3Error {
	return new M3Error(
		`The order key record (CUSEXTMI FILE ${k.FILE}, PK01 ${k.CUNO}, PK02 ${k.CUOR}) could not be ${transaction === 'LstFieldValue' ? 'read' : 'written'}: ` +
			`${e.message}. The service account needs CUSEXTMI, and "Order Key Table" must name a table CUSEXTMI accepts.`,
		{ program: 'CUSEXTMI', transaction, code: e.code, field: e.field, httpStatus: e.httpStatus, kind: e.kind },
	);
}

function listInput(k: OrderKey): Record<string, string> {
	return keys(k);
}

function chainOf(k: OrderKey, r: M3TransactionResult | undefined): KeyRecord[] {
	if (!r) return [];
	if (r.error) throw configError(k, 'LstFieldValue', r.error);
	return parseChain(k, r.records);
}

/** LstFieldValue over the order's key range (a read: the client retries it). */
export async function readChain(client: M3Client, k: OrderKey, exec: Exec): Promise<KeyRecord[]> {
	const r = await client.run('CUSEXTMI', 'LstFieldValue', listInput(k), { ...exec, maxrecs: CHAIN_READ });
	return checkLength(chainOf(k, r));
}

function checkLength(chain: KeyRecord[]): KeyRecord[] {
	if (chain.length >= CHAIN_READ || (latest(chain)?.gen ?? 0) >= MAX_GEN) {
		throw new M3Error(
			`CUOR has ${chain.length} attempts recorded in CUSEXTMI: creating it keeps failing. Look at the key records, fix the cause and delete them.`,
			{ program: 'CUSEXTMI', transaction: 'LstFieldValue', kind: 'nok', code: 'TOO_MANY_ATTEMPTS' },
		);
	}
	return chain;
}

export type ClaimOutcome =
	| { outcome: 'won'; chain: KeyRecord[] }
	| { outcome: 'lost'; chain: KeyRecord[] }
	| { outcome: 'unknown'; error: M3Error };

/**
 * Claims attempt `rec.gen`: AddFieldValue (exactly one run gets a key) and, in the same bulk request, the attempts as
 * they are now. A lost answer is 'unknown': the caller reads the attempts and looks for its own owner token.
 */
export async function claimKey(client: M3Client, k: OrderKey, rec: KeyRecord, exec: Exec): Promise<ClaimOutcome> {
	let results: M3TransactionResult[];
	try {
		results = await client.bulk(
			'CUSEXTMI',
			[
				{ transaction: 'AddFieldValue', record: { ...keys(k, rec.gen), ...values(rec), VEXI: '1' } },
				{ transaction: 'LstFieldValue', record: listInput(k) },
			],
			{ ...exec, idempotent: false, maxrecs: CHAIN_READ },
		);
	} catch (e) {
		const err = e instanceof M3Error ? e : new M3Error(String(e), { kind: 'network' });
		if (err.kind === 'nok' || err.kind === 'auth' || err.kind === 'config') throw configError(k, 'AddFieldValue', err);
		return { outcome: 'unknown', error: err };
	}
	const [add, list] = results;
	if (add?.error && !isAlreadyExists(add.error)) throw configError(k, 'AddFieldValue', add.error);
	const chain = chainOf(k, list);
	if (add?.error) return { outcome: 'lost', chain };
	return { outcome: 'won', chain: chain.some((c) => c.gen === rec.gen) ? chain : [...chain, rec] };
}

/** Rewrites an attempt's record (every value: M3 may blank what a Chg leaves out). Best effort: false if it failed. */
export async function writeKey(client: M3Client, k: OrderKey, rec: KeyRecord, exec: Exec): Promise<boolean> {
	try {
		const r = await client.run('CUSEXTMI', 'ChgFieldValue', { ...keys(k, rec.gen), ...values(rec), VEXI: '1' }, {
			...exec,
			idempotent: true,
		});
		return !r.error;
	} catch {
		return false;
	}
}

/** The transaction that records an attempt's new state (to ride along in a CUSEXTMI bulk request). */
export function keyChange(k: OrderKey, rec: KeyRecord): { transaction: string; record: Record<string, unknown> } {
	return { transaction: 'ChgFieldValue', record: { ...keys(k, rec.gen), ...values(rec), VEXI: '1' } };
}

/**
 * Orders without a key record (entered before this version, or by hand): LstHead of the customer (reads its whole
 * history) or SearchHead on CUOR (needs the OOHEAD search index, which lags behind new orders).
 */
export async function findWithoutKey(
	client: M3Client,
	method: 'lstHead' | 'searchHead',
	cuno: string,
	cuor: string,
	exec: Exec,
): Promise<M3Record | undefined> {
	const byOrno = (a: M3Record, b: M3Record) => (a.ORNO.padStart(12, '0') < b.ORNO.padStart(12, '0') ? -1 : 1);
	if (method === 'searchHead') {
		const hits = await client.list('OIS100MI', 'SearchHead', { SQRY: `CUOR:"${cuor}"` }, { ...exec, maxrecs: 0 });
		for (const h of hits.filter((x) => !x.CUNO || x.CUNO === cuno).sort(byOrno)) {
			const head = await client.find('OIS100MI', 'GetHead', { ORNO: h.ORNO }, exec);
			if (head && head.CUOR === cuor) return head;
		}
		return undefined;
	}
	const heads = await client.list('OIS100MI', 'LstHead', { CUNO: cuno }, { ...exec, maxrecs: 0 });
	return heads.filter((h) => h.CUOR === cuor).sort(byOrno)[0];
}
