/**
 * A customer return in M3 for an Amazon refund (docs/contracts.md "Customer return"): OIS390MI AddHead against the
 * customer order (RORN) and one AddLine per refunded order line (RORL/RORX, quantity, price = what Amazon refunded
 * per unit, location + transaction reason of the restock decision). Receiving, inspection and the credit note are
 * M3's own customer-return process after that (OIS390 and invoicing); the return's lines are what M3 credits.
 *
 * Idempotent (as orders, orderKey.ts): one CUSEXTMI key record per refund, FILE (default OCHEAD, M3's return head
 * table) + PK01 CUNO + PK02 Amazon order id + PK03 the refund's key; A030 state CLAIMED | REGISTERED | DONE,
 * A130 owner token, A230 warehouse, A330 REPN, A430 ORNO, N096 claim time. AddFieldValue on an existing key is refused
 * (XRE0104), so exactly one run claims a refund; the return's lines are read back (LstLine) before any AddLine, so a
 * replay or a lost answer never adds a line (a credit) twice. A run that claimed and stopped is taken over once its
 * claim is older than `staleMinutes`.
 */
import { createHash, randomUUID } from 'node:crypto';

import type { M3Client } from './client';
import { M3Error, isAlreadyExists } from './errors';
import { BATCH_CREATED, inspectBatch } from './orderEntry';
import { findWithoutKey, latest, readChain, type Exec, type OrderKey } from './orderKey';
import type { M3Record } from './values';

export interface ReturnLineInput {
	CUOR: string;
	sku?: string;
	quantity: string;
	unitPrice?: string;
	action?: string;
	WHSL?: string;
	RSCD?: string;
	disposition?: string;
}

export interface ReturnInput {
	kind: 'M3Return';
	returnKey: string;
	CUNO: string;
	otherCustomers?: string[];
	CUOR: string;
	WHLO?: string;
	returnDate?: string;
	lines: ReturnLineInput[];
}

export interface CreateReturnOptions {
	/** CUSEXTMI table of the return key records */
	keyFile?: string;
	/** CUSEXTMI table of the order key records (as in Create Customer Order) */
	orderKeyFile?: string;
	duplicateCheck?: 'keyRecord' | 'lstHead' | 'searchHead';
	/** OIS390MI/AddHead RSCD (transaction reason of the return) and RERE (responsible) */
	headReasonCode?: string;
	responsible?: string;
	/** a claim older than this is taken over (minutes, default 10) */
	staleMinutes?: number;
	exec?: Exec;
}

export interface CreatedReturnLine {
	RELI: string;
	CUOR: string;
	PONR: string;
	POSX: string;
	ITNO: string;
	quantity: string;
	SAPR: string;
	WHSL: string;
	RSCD: string;
	action: string;
	added: boolean;
}

export interface CreateReturnResult {
	CUOR: string;
	CUNO: string;
	returnKey: string;
	orderNumber: string;
	WHLO: string;
	REPN: string;
	/** created = lines added now; alreadyCreated = the refund's return was complete before this run */
	outcome: 'created' | 'alreadyCreated';
	created: boolean;
	lines: CreatedReturnLine[];
	added: number;
}

export const RETURN_ORDER_NOT_IN_M3 = 'RETURN_ORDER_NOT_IN_M3';
export const RETURN_LINE_NOT_FOUND = 'RETURN_LINE_NOT_FOUND';
export const RETURN_IN_PROGRESS = 'RETURN_IN_PROGRESS';
/** owner of a claim a failed run gave up (M3 keeps a field a Chg leaves empty, so no blank owner) */
const RELEASED = 'RELEASED';

function s(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

function err(message: string, transaction: string, code: string, kind: M3Error['kind'] = 'nok', field = '', program = 'OIS390MI'): M3Error {
	return new M3Error(message, { program, transaction, code, kind, field });
}

export function validateReturn(plan: unknown): asserts plan is ReturnInput {
	const p = plan as Partial<ReturnInput> | null;
	const bad = (m: string, f: string) => err(m, 'AddHead', '', 'input', f);
	if (!p || typeof p !== 'object') throw bad('The return is not an object (see docs/contracts.md "Customer return")', '');
	if (!s(p.CUNO)) throw bad('The return has no customer (CUNO)', 'CUNO');
	if (!s(p.CUOR)) throw bad('The return has no Amazon order id (CUOR)', 'CUOR');
	if (!s(p.returnKey) || s(p.returnKey).length > 30) throw bad('The return needs a returnKey of 1 to 30 characters (the refund id)', 'returnKey');
	if (!Array.isArray(p.lines) || !p.lines.length) throw bad('The return has no lines', 'lines');
	p.lines.forEach((l, i) => {
		if (!l || !s(l.CUOR)) throw bad(`lines[${i}] has no Amazon order item id (CUOR)`, `lines[${i}].CUOR`);
		if (!(Number(l.quantity) > 0)) throw bad(`lines[${i}] needs a quantity above 0`, `lines[${i}].quantity`);
	});
}

/** The M3 order of the Amazon order (its key record; older orders on request by LstHead / SearchHead). */
async function findOrder(client: M3Client, plan: ReturnInput, o: CreateReturnOptions): Promise<{ orno: string; cuno: string } | undefined> {
	const exec = o.exec ?? {};
	for (const cuno of [plan.CUNO, ...(plan.otherCustomers ?? []).map(s).filter(Boolean)]) {
		const key: OrderKey = { FILE: o.orderKeyFile || 'OOHEAD', CUNO: cuno, CUOR: plan.CUOR };
		const last = latest(await readChain(client, key, exec));
		if (last?.state === 'CREATED' && last.orno) return { orno: last.orno, cuno };
		if (last?.tmp && (last.state === 'ENTERED' || last.state === 'CREATED')) {
			const b = await inspectBatch({ client, exec }, last.tmp);
			if (b.exists && b.STAT === BATCH_CREATED && b.ORNR) return { orno: b.ORNR, cuno };
		}
		if (o.duplicateCheck === 'lstHead' || o.duplicateCheck === 'searchHead') {
			const head = await findWithoutKey(client, o.duplicateCheck, cuno, plan.CUOR, exec);
			if (head?.ORNO) return { orno: head.ORNO, cuno };
		}
	}
	return undefined;
}

interface ReturnKeyRecord {
	state: string;
	owner: string;
	WHLO: string;
	REPN: string;
	ORNO: string;
	claimedAt: number;
}

function keyFields(file: string, cuno: string, cuor: string, rk: string): Record<string, string> {
	return { FILE: file, PK01: cuno, PK02: cuor, PK03: rk };
}

function recordValues(r: ReturnKeyRecord): Record<string, string> {
	return { A030: r.state, A130: r.owner, A230: r.WHLO, A330: r.REPN, A430: r.ORNO, N096: String(Math.max(0, Math.floor(r.claimedAt))) };
}

function parseRecord(r: M3Record): ReturnKeyRecord {
	return { state: s(r.A030), owner: s(r.A130), WHLO: s(r.A230), REPN: s(r.A330), ORNO: s(r.A430), claimedAt: Number(r.N096) || 0 };
}

function keyError(file: string, what: string, e: M3Error): M3Error {
	return new M3Error(
		`The return key record (CUSEXTMI FILE ${file}) could not be ${what}: ${e.message}. The service account needs CUSEXTMI, and "Return Key Table" must name a table CUSEXTMI accepts.`,
		{ program: 'CUSEXTMI', transaction: what === 'read' ? 'GetFieldValue' : 'AddFieldValue', code: e.code, field: e.field, httpStatus: e.httpStatus, kind: e.kind },
	);
}

async function readKey(client: M3Client, keys: Record<string, string>, exec: Exec): Promise<ReturnKeyRecord | undefined> {
	const r = await client.run('CUSEXTMI', 'GetFieldValue', keys, exec);
	if (r.error) {
		if (r.error.kind === 'nok' && r.error.code === 'XRE0103') return undefined;
		throw keyError(keys.FILE, 'read', r.error);
	}
	return r.records[0] ? parseRecord(r.records[0]) : undefined;
}

async function writeKey(client: M3Client, keys: Record<string, string>, rec: ReturnKeyRecord, exec: Exec): Promise<void> {
	const r = await client.run('CUSEXTMI', 'ChgFieldValue', { ...keys, ...recordValues(rec), VEXI: '1' }, { ...exec, idempotent: true });
	if (r.error) throw keyError(keys.FILE, 'written', r.error);
}

/**
 * The return head's YREF: the Amazon order id and a mark of the refund (an order can have several refunds), so that
 * a head whose AddHead answer was lost is found again (EXPORTMI on OCHEAD) instead of registered twice.
 */
export function returnReference(plan: { CUOR: string; returnKey: string }): string {
	const cuor = s(plan.CUOR).slice(0, 30);
	const room = 30 - cuor.length - 1;
	if (room < 6) return cuor;
	return `${cuor}/${createHash('sha256').update(s(plan.returnKey)).digest('hex').slice(0, room)}`;
}

/** A return head of the order with this YREF (EXPORTMI on OCHEAD), if M3 has one. */
async function findReturnHead(client: M3Client, orno: string, yref: string, o: CreateReturnOptions): Promise<{ WHLO: string; REPN: string } | undefined> {
	const cono = o.exec?.company || client.company;
	const cond = [...(cono ? [`OCCONO = ${Number(cono)}`] : []), `OCRORN = '${orno.replace(/'/g, '')}'`, `OCYREF = '${yref.replace(/'/g, '')}'`];
	const rows = await client.execute('EXPORTMI', 'Select', { QERY: `OCWHLO, OCREPN from OCHEAD where ${cond.join(' and ')}`, SEPC: ';', HDRS: '0' }, { ...(o.exec ?? {}), maxrecs: 0 });
	for (const r of rows) {
		const [WHLO, REPN] = String(r.REPL ?? '').split(';').map((x) => x.trim());
		if (WHLO && REPN) return { WHLO, REPN };
	}
	return undefined;
}

/** YYYYMMDD of an ISO date ('' when none). */
function m3Date(iso: string | undefined): string {
	const t = Date.parse(s(iso));
	return Number.isNaN(t) ? '' : new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
}

export async function createCustomerReturn(client: M3Client, planIn: unknown, o: CreateReturnOptions = {}): Promise<CreateReturnResult> {
	validateReturn(planIn);
	const plan = planIn;
	const exec = o.exec ?? {};
	const file = o.keyFile || 'OCHEAD';
	const found = await findOrder(client, plan, o);
	if (!found) {
		throw err(
			`Amazon order ${plan.CUOR} is not in M3 (no order key record under customer ${[plan.CUNO, ...(plan.otherCustomers ?? [])].join(' / ')}): there is no order to return against. ` +
				'Create the return by hand in M3 (OIS390), or import the order and replay.',
			'AddHead',
			RETURN_ORDER_NOT_IN_M3,
			'nok',
			'RORN',
		);
	}
	const keys = keyFields(file, found.cuno, plan.CUOR, plan.returnKey);
	const me = randomUUID().slice(0, 30);
	const base = { CUOR: plan.CUOR, CUNO: found.cuno, returnKey: plan.returnKey, orderNumber: found.orno };
	let rec = await readKey(client, keys, exec);
	// this run wrote the claim just now (its AddFieldValue answered): no earlier attempt can have registered a head
	let fresh = false;
	if (!rec) {
		const mine: ReturnKeyRecord = { state: 'CLAIMED', owner: me, WHLO: '', REPN: '', ORNO: found.orno, claimedAt: Date.now() };
		// a transport failure (500, reset, timeout) is an answer too: M3 may have applied it
		const add = await client
			.run('CUSEXTMI', 'AddFieldValue', { ...keys, ...recordValues(mine), VEXI: '1' }, { ...exec, idempotent: false })
			.catch(async (e: unknown) => (e instanceof M3Error ? { error: e } : await Promise.reject(e)));
		const addError: M3Error | undefined = add.error;
		if (addError) {
			// another run's claim, or ours whose answer was lost (M3 applied it, then 500 / reset / timeout): the record
			// tells (our owner token); left unread, our own claim would block every replay until it went stale
			const back = await readKey(client, keys, exec).catch(() => undefined);
			if (!back && !isAlreadyExists(addError)) throw addError.kind === 'nok' ? keyError(file, 'written', addError) : addError;
			rec = back;
		} else {
			rec = mine;
			fresh = true;
		}
		if (!rec) throw err(`The return key record of refund ${plan.returnKey} vanished while it was claimed; replay`, 'AddHead', RETURN_IN_PROGRESS, 'notProcessed');
	}
	if (rec.state === 'DONE') return { ...base, WHLO: rec.WHLO, REPN: rec.REPN, outcome: 'alreadyCreated', created: false, lines: [], added: 0 };
	if (rec.owner !== me) {
		// a run that failed released its claim (owner RELEASED): continue at once; a live claim is waited for
		const stale = rec.owner === RELEASED || Date.now() - rec.claimedAt > (o.staleMinutes ?? 10) * 60000;
		if (!stale) {
			throw err(
				`The return of Amazon refund ${plan.returnKey} (order ${plan.CUOR}) is being created by another run (claimed ${new Date(rec.claimedAt).toISOString()}); replay it later`,
				'AddHead',
				RETURN_IN_PROGRESS,
				'notProcessed',
			);
		}
		rec = { ...rec, owner: me, claimedAt: Date.now() };
		await writeKey(client, keys, rec, exec);
	}
	const claimed = rec;
	let failure: unknown;
	try {
		return await complete(client, plan, o, found, keys, claimed, base, fresh);
	} catch (e) {
		failure = e;
	}
	// release the claim so that the replay continues at once (what was registered stays: REPN, lines)
	const now = await readKey(client, keys, exec).catch(() => undefined);
	if (now && now.owner === me && now.state !== 'DONE') await writeKey(client, keys, { ...now, owner: RELEASED }, exec).catch(() => undefined);
	throw failure;
}

async function complete(
	client: M3Client,
	plan: ReturnInput,
	o: CreateReturnOptions,
	found: { orno: string; cuno: string },
	keys: Record<string, string>,
	claimed: ReturnKeyRecord,
	base: Pick<CreateReturnResult, 'CUOR' | 'CUNO' | 'returnKey' | 'orderNumber'>,
	freshClaim: boolean,
): Promise<CreateReturnResult> {
	const exec = o.exec ?? {};
	let rec = claimed;

	// the order lines the refund names (Amazon order item id = the line's CUOR)
	const orderLines = await client.list('OIS100MI', 'LstLine', { ORNO: found.orno }, { ...exec, maxrecs: 0 });
	const byItem = new Map(orderLines.map((l) => [s(l.CUOR), l]));
	const missing = plan.lines.filter((l) => !byItem.has(s(l.CUOR)));
	if (missing.length) {
		throw err(
			`M3 order ${found.orno} has no line for Amazon item(s) ${missing.map((l) => `${s(l.CUOR)}${l.sku ? ` (${l.sku})` : ''}`).join(', ')}: deleted or never entered; credit it by hand`,
			'AddLine',
			RETURN_LINE_NOT_FOUND,
			'nok',
			'RORL',
		);
	}
	const whlo = s(plan.WHLO) || rec.WHLO || s(byItem.get(s(plan.lines[0].CUOR))?.WHLO);
	const epdt = m3Date(plan.returnDate);
	if (!rec.REPN && !freshClaim) {
		// an earlier attempt may have registered the head (AddHead applied, its answer lost) before it failed or stopped
		const earlier = await findReturnHead(client, found.orno, returnReference(plan), o);
		if (earlier) {
			rec = { ...rec, state: 'REGISTERED', WHLO: earlier.WHLO, REPN: earlier.REPN };
			await writeKey(client, keys, rec, exec);
		}
	}
	if (!rec.REPN) {
		const head = await client.run(
			'OIS390MI',
			'AddHead',
			{
				WHLO: whlo,
				CUNO: found.cuno,
				RORN: found.orno,
				YREF: returnReference(plan),
				...(epdt ? { EPDT: epdt } : {}),
				...(o.headReasonCode ? { RSCD: o.headReasonCode } : {}),
				...(o.responsible ? { RERE: o.responsible } : {}),
			},
			{ ...exec, idempotent: false },
		);
		if (head.error) throw head.error;
		const repn = s(head.records[0]?.REPN);
		if (!repn) throw err('OIS390MI/AddHead answered without a receiving number (REPN)', 'AddHead', 'NO_REPN', 'nok', 'REPN');
		rec = { ...rec, state: 'REGISTERED', WHLO: whlo, REPN: repn };
		await writeKey(client, keys, rec, exec);
	}
	const existing = await client.list('OIS390MI', 'LstLine', { WHLO: rec.WHLO, REPN: rec.REPN }, { ...exec, maxrecs: 0 });
	const have = new Map(existing.map((l) => [`${Number(l.PONR)}/${Number(l.POSX || 0)}`, l]));
	const out: CreatedReturnLine[] = [];
	const failures: string[] = [];
	let added = 0;
	for (const l of plan.lines) {
		const ol = byItem.get(s(l.CUOR)) as M3Record;
		const ponr = s(ol.PONR);
		const posx = s(ol.POSX) || '0';
		const line: CreatedReturnLine = {
			RELI: '', CUOR: s(l.CUOR), PONR: ponr, POSX: posx, ITNO: s(ol.ITNO), quantity: s(l.quantity), SAPR: s(l.unitPrice), WHSL: s(l.WHSL), RSCD: s(l.RSCD), action: s(l.action) || 'restock', added: false,
		};
		const there = have.get(`${Number(ponr)}/${Number(posx)}`);
		if (there) {
			out.push({ ...line, RELI: s(there.RELI) });
			continue;
		}
		const r = await client.run(
			'OIS390MI',
			'AddLine',
			{
				WHLO: rec.WHLO,
				REPN: rec.REPN,
				REQ0: line.quantity,
				RORL: ponr,
				RORX: posx,
				ITNO: line.ITNO,
				...(epdt ? { EPDT: epdt } : {}),
				...(line.RSCD ? { RSCD: line.RSCD } : {}),
				...(line.WHSL ? { WHSL: line.WHSL } : {}),
				...(line.SAPR ? { SAPR: line.SAPR } : {}),
			},
			{ ...exec, idempotent: false },
		);
		if (r.error) {
			failures.push(`line ${ponr} (item ${line.ITNO}, Amazon item ${line.CUOR}): ${r.error.message}`);
			continue;
		}
		added++;
		have.set(`${Number(ponr)}/${Number(posx)}`, r.records[0] ?? {});
		out.push({ ...line, RELI: s(r.records[0]?.RELI), added: true });
	}
	if (failures.length) {
		throw err(
			`M3 return ${rec.WHLO}/${rec.REPN} of Amazon order ${plan.CUOR} is incomplete: ${failures.join('; ')}${added ? ` (${added} other line(s) added)` : ''}. Fix the cause and replay: lines already there are not added again.`,
			'AddLine',
			'RETURN_INCOMPLETE',
		);
	}
	await writeKey(client, keys, { ...rec, state: 'DONE' }, exec);
	return { ...base, WHLO: rec.WHLO, REPN: rec.REPN, outcome: added ? 'created' : 'alreadyCreated', created: added > 0, lines: out, added };
}
