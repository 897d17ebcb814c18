/**
 * Customer order creation through M3 batch order entry (OIS100MI), idempotent on CUNO + CUOR, also when M3's answer to
 * a write is lost. Lookup (orderKey.ts), entry (orderEntry.ts) and failure report (orderFailure.ts) live next door.
 *
 * A run reads the order's key records (one CUSEXTMI key-range read, or read ahead for the whole run) and then:
 *  - CREATED, or an entered batch order M3 released (status 90) -> the existing order, created: false
 *  - an attempt another run is making -> waits for it (pollMs) up to its lease (waitSeconds after its claim)
 *  - none, or an attempt that failed, was given up, or outlived its lease -> a new attempt: AddBatchHead, then
 *    AddFieldValue of the next attempt number holding the temporary ORNO (exactly one run wins it; a loser deletes
 *    its head), then the previous attempt's open batch order is deleted (replaced), then lines and Confirm.
 * Lost answers: AddBatchHead is entered again and the empty head it left is deleted; lines are replaced by a new
 * attempt; Confirm is read back. A live run that outlives its lease checks it is still the latest attempt before
 * Confirm, and M3 serialises DelBatchHead and Confirm of one batch order, so at most one order is created.
 */
import { randomBytes } from 'node:crypto';

import type { M3Client } from './client';
import { M3Error } from './errors';
import {
	BATCH_CREATED,
	BATCH_ENTERED,
	addBatchHead,
	confirmBatch,
	deleteLostHeads,
	fillBatch,
	inspectBatch,
	isUnknownOutcome,
	resolveAliases,
	type BatchState,
	type EntryCtx,
} from './orderEntry';
import { M3OrderError, deleteBatch, describe, mergeReasons, orderError, type OrderFailureReason } from './orderFailure';
import {
	claimKey,
	findWithoutKey,
	keyChange,
	keyId,
	latest,
	parseChain,
	rawRecord,
	readChain,
	writeKey,
	type Exec,
	type KeyRecord,
	type OrderKey,
} from './orderKey';
import { baseResult, customFields, existing, readLines, type ResultCtx } from './orderResult';
import {
	checkPlanValues,
	copyPlan,
	s,
	validatePlan,
	type CreateOrderOptions,
	type CreateOrderResult,
} from './orderPlan';
import { toM3Inputs } from './values';

export * from './orderPlan';
export * from './orderFailure';
export { prefetchOrderLookups } from './orderPrefetch';

const MAX_ROUNDS = 40;
const MAX_RECOVERIES = 2;

interface Run extends ResultCtx {
	entry: EntryCtx;
	head: Record<string, string>;
	owner: string;
	leaseMs: number;
	pollMs: number;
	sleep: (ms: number) => Promise<void>;
	aliasesResolved: boolean;
	/** attempts of other runs seen in progress: attempt -> when first seen */
	watched: Map<number, number>;
	recoveries: number;
	/** false without CUOR or with duplicate check none: no key record is written */
	keyed: boolean;
}

type Step = { result: CreateOrderResult } | { enter: number; replace?: KeyRecord } | { wait: true };
type Entered = { result: CreateOrderResult } | { chain: KeyRecord[] | undefined };

function remember(run: Run, chain: KeyRecord[] | undefined): void {
	const cache = run.options.cache;
	if (!cache || !run.keyed) return;
	if (chain) cache.chains.set(keyId(run.key), chain.map((c) => rawRecord(run.key, c)));
	else cache.chains.delete(keyId(run.key));
}

function stale(run: Run, rec: KeyRecord): boolean {
	const now = Date.now();
	const seen = run.watched.get(rec.gen);
	return now - rec.claimedAt > run.leaseMs || (seen !== undefined && now - seen > run.leaseMs);
}

function watch(run: Run, rec: KeyRecord): void {
	if (!run.watched.has(rec.gen)) run.watched.set(rec.gen, Date.now());
}

/** Another run's attempt failed while this run waited for it: the same plan fails the same way. */
function concurrentFailure(run: Run, rec: KeyRecord, b: BatchState): M3OrderError {
	const reasons: OrderFailureReason[] = b.errors.length
		? b.errors
		: [{ source: 'keyRecord', message: rec.reason || 'M3 stopped the batch order', code: rec.code || undefined }];
	return new M3OrderError(
		`Customer order for CUOR ${run.key.CUOR} was not created: a concurrent run entered it as batch order ${rec.tmp} ` +
			`and M3 stopped it: ${describe(reasons)}.`,
		{ program: 'OIS100MI', transaction: 'Confirm', code: reasons[0]?.code, kind: 'nok', reasons, batchOrderNumber: rec.tmp },
	);
}

/** What the latest attempt means for this run. */
async function decide(run: Run, last: KeyRecord): Promise<Step> {
	if (last.state === 'CREATED' && last.orno) return { result: await existing(run, last.orno, last.tmp, 'keyRecord') };
	if (!last.tmp) return { enter: last.gen + 1 };
	const b = await inspectBatch(run.entry, last.tmp);
	if (b.exists && b.STAT === BATCH_CREATED && b.ORNR) {
		const healed = { ...last, state: 'CREATED', orno: b.ORNR };
		if (await writeKey(run.client, run.key, healed, run.exec)) remember(run, [healed]);
		return { result: await existing(run, b.ORNR, last.tmp, run.watched.has(last.gen) ? 'concurrentCreate' : 'keyRecord') };
	}
	if (last.state === 'ENTERED') {
		if (last.owner !== run.owner && !stale(run, last)) {
			watch(run, last);
			return { wait: true };
		}
		return { enter: last.gen + 1, replace: last };
	}
	if (last.state === 'FAILED') {
		if (run.watched.has(last.gen)) throw concurrentFailure(run, last, b);
		if (b.exists && b.STAT !== BATCH_ENTERED) {
			// kept for review in OIS275 (onFailure keep): not created, M3's reasons
			const kept = baseResult(run, '', false, last.tmp);
			return { result: { ...kept, batchStatus: b.STAT, foundBy: 'batchOrder', errors: concurrentFailure(run, last, b).reasons } };
		}
	}
	return { enter: last.gen + 1, replace: b.exists ? last : undefined };
}

/** A write whose answer was lost after the head was entered: give this attempt up, the next round replaces it. */
async function recover(run: Run, rec: KeyRecord, err: M3Error): Promise<Entered> {
	if (!run.keyed) {
		return await failure(run, rec, [{ source: err.transaction || 'bulk', message: err.message, code: err.code || undefined }], err);
	}
	run.recoveries++;
	const del = await deleteBatch(run.client, rec.tmp, run.exec);
	const cleaned = del.result === 'deleted' || del.result === 'notFound';
	// RELEASED: this run no longer touches the attempt, so the next one replaces it (or finds its order) at once
	await writeKey(run.client, run.key, { ...rec, state: 'RELEASED', reason: err.message }, run.exec);
	if (cleaned && run.recoveries <= MAX_RECOVERIES) {
		run.warnings.push({ transaction: err.transaction, message: `Answer lost (${err.message}); batch order ${rec.tmp} was replaced` });
		return { chain: undefined };
	}
	throw new M3Error(
		`${err.message}. CUOR ${run.key.CUOR} is recorded as batch order ${rec.tmp}` +
			`${cleaned ? ' (deleted)' : ''}: running again finishes or replaces it and never creates a second order.`,
		{ program: err.program || 'OIS100MI', transaction: err.transaction, kind: err.kind, httpStatus: err.httpStatus, code: err.code },
	);
}

async function failure(run: Run, rec: KeyRecord, reasons: OrderFailureReason[], first?: M3Error, known?: OrderFailureReason[]): Promise<never> {
	let more = known;
	if (!more) {
		try {
			more = (await inspectBatch(run.entry, rec.tmp)).errors;
		} catch {
			more = [];
		}
	}
	const all = mergeReasons(reasons, more);
	let batch = { deleted: false, note: 'kept for review in OIS275' };
	// deleted before FAILED is written: a run reading FAILED next to a stopped batch order takes it as kept on purpose
	if (run.options.onFailure !== 'keep') {
		const del = await deleteBatch(run.client, rec.tmp, run.exec);
		const deleted = del.result === 'deleted' || del.result === 'notFound';
		batch = { deleted, note: deleted ? 'deleted' : `could not be deleted (${del.reason ?? 'unknown'})` };
	}
	if (run.keyed) await writeKey(run.client, run.key, { ...rec, state: 'FAILED', code: all[0]?.code ?? '', reason: describe(all) }, run.exec);
	remember(run, undefined);
	throw orderError(run.key.CUOR, rec.tmp, all, batch, first);
}

/** AddBatchHead; after a lost answer once more (the empty head it may have left is deleted after the claim). */
async function enterHead(run: Run): Promise<{ tmp: string; lostHead: boolean }> {
	let lost: unknown;
	try {
		return { tmp: await addBatchHead(run.entry, run.head), lostHead: false };
	} catch (e) {
		lost = e;
	}
	if (!isUnknownOutcome(lost)) throw lost;
	let again: unknown;
	try {
		return { tmp: await addBatchHead(run.entry, run.head), lostHead: true };
	} catch (e2) {
		again = e2;
	}
	const err = (again instanceof M3Error ? again : lost) as M3Error;
	throw new M3Error(
		`${err.message}. M3 may hold an empty batch order with CUOR ${run.key.CUOR} (status 10, no lines): it never becomes an order; running again is safe.`,
		{ program: 'OIS100MI', transaction: 'AddBatchHead', kind: err.kind, httpStatus: err.httpStatus, code: err.code },
	);
}

/** A new attempt `gen`, replacing `replace`'s open batch order. */
async function enter(run: Run, gen: number, replace?: KeyRecord): Promise<Entered> {
	if (!run.aliasesResolved) {
		await resolveAliases(run.entry);
		run.aliasesResolved = true;
	}
	const { tmp, lostHead } = await enterHead(run);
	const rec: KeyRecord = { gen, state: 'ENTERED', owner: run.owner, tmp, orno: '', code: '', reason: '', claimedAt: Date.now(), lines: run.plan.lines.length };
	let claim = await claimKey(run.client, run.key, rec, run.exec);
	if (claim.outcome === 'unknown') {
		const now = await readChain(run.client, run.key, run.exec);
		const mine = now.find((c) => c.gen === gen);
		if (mine) claim = { outcome: mine.owner === run.owner ? 'won' : 'lost', chain: now };
		else claim = await claimKey(run.client, run.key, rec, run.exec);
		if (claim.outcome === 'unknown') {
			await deleteBatch(run.client, tmp, run.exec);
			throw claim.error;
		}
	}
	if (claim.outcome === 'lost') {
		await deleteBatch(run.client, tmp, run.exec);
		return { chain: claim.chain };
	}
	remember(run, claim.chain);
	if (lostHead) {
		const known = new Set(claim.chain.map((c) => c.tmp));
		const gone = await deleteLostHeads(run.entry, tmp, known);
		run.warnings.push({
			transaction: 'AddBatchHead',
			message: gone.length
				? `AddBatchHead's answer was lost; the empty batch order ${gone.join(', ')} it left was deleted`
				: `AddBatchHead's answer was lost; no empty batch order with CUOR ${run.key.CUOR} was found below ${tmp} (check OIS275)`,
		});
	}
	if (replace?.tmp && replace.tmp !== tmp) {
		const del = await deleteBatch(run.client, replace.tmp, run.exec);
		if (del.result === 'refused' || del.result === 'unknown') {
			const b = await inspectBatch(run.entry, replace.tmp);
			if (b.exists && b.STAT === BATCH_CREATED && b.ORNR) {
				// the attempt being replaced did create the order after all
				await deleteBatch(run.client, tmp, run.exec);
				const done = { ...rec, state: 'CREATED', tmp: replace.tmp, orno: b.ORNR };
				if (await writeKey(run.client, run.key, done, run.exec)) remember(run, [...claim.chain.filter((c) => c.gen !== gen), done]);
				return { result: await existing(run, b.ORNR, replace.tmp, 'keyRecord') };
			}
			if (b.exists && b.STAT === BATCH_ENTERED) {
				await deleteBatch(run.client, tmp, run.exec);
				await writeKey(run.client, run.key, { ...rec, state: 'RELEASED', reason: del.reason ?? '' }, run.exec);
				throw new M3Error(`Batch order ${replace.tmp} of an earlier attempt for CUOR ${run.key.CUOR} could not be deleted: ${del.reason ?? 'no answer'}`, {
					program: 'OIS100MI',
					transaction: 'DelBatchHead',
					kind: 'nok',
				});
			}
		}
	}
	return await fillAndConfirm(run, rec);
}

async function fillAndConfirm(run: Run, rec: KeyRecord): Promise<Entered> {
	const filled = await fillBatch(run.entry, rec.tmp);
	if (!filled.ok) {
		if ('unknown' in filled) return await recover(run, rec, filled.unknown);
		if (run.keyed && filled.reasons.some((r) => r.code === 'XRE0103' && r.field === 'ORNO')) {
			// the batch order is gone: another run took this attempt over; follow it
			const now = await readChain(run.client, run.key, run.exec);
			if (now.some((c) => c.gen > rec.gen)) return { chain: now };
		}
		return await failure(run, rec, filled.reasons, filled.first);
	}
	if (run.keyed && Date.now() - rec.claimedAt > run.leaseMs / 2) {
		// slow enough that another run may have taken over: confirm only as the latest attempt
		const now = await readChain(run.client, run.key, run.exec);
		if (now.some((c) => c.gen > rec.gen)) {
			await deleteBatch(run.client, rec.tmp, run.exec);
			return { chain: now };
		}
	}
	const b = await confirmBatch(run.entry, rec.tmp);
	if (!b.exists) return { chain: undefined }; // replaced by a run that took over
	if (b.STAT !== BATCH_CREATED || !b.ORNR) {
		if (b.STAT === BATCH_ENTERED && !b.confirmError) {
			return await recover(run, rec, new M3Error('Confirm got no answer', { program: 'OIS100MI', transaction: 'Confirm', kind: 'network' }));
		}
		const e = b.confirmError;
		const own = e ? [{ source: 'Confirm', message: e.message, code: e.code || undefined, field: e.field || undefined }] : [];
		return await failure(run, rec, own, e, b.errors);
	}
	const result = baseResult(run, b.ORNR, true, rec.tmp);
	result.status = { ORSL: b.ORSL, ORST: b.ORST };
	result.lines = run.options.readLines ? await readLines(run, b.ORNR) : filled.lines;
	result.warnings.push(...filled.warnings);
	const done: KeyRecord = { ...rec, state: 'CREATED', orno: b.ORNR };
	// with custom fields to write anyway, the key record learns the ORNO in the same request
	const learn = run.keyed && !!run.plan.customFields?.length;
	await customFields(run, result, learn ? [keyChange(run.key, done)] : []);
	remember(run, [learn ? done : rec]);
	return { result };
}

/** Orders without key record, looked for the old way when asked (and recorded, so the next lookup is cheap). */
async function withoutKey(run: Run): Promise<CreateOrderResult | undefined> {
	const method = run.options.duplicateCheck;
	if (method !== 'lstHead' && method !== 'searchHead') return undefined;
	const before = s(run.options.legacyCheckBefore).replace(/-/g, '').slice(0, 8);
	if (before && !(s(run.head.ORDT) && s(run.head.ORDT) < before)) return undefined;
	const head = await findWithoutKey(run.client, method, run.key.CUNO, run.key.CUOR, run.exec);
	if (!head) return undefined;
	const rec: KeyRecord = { gen: 1, state: 'CREATED', owner: run.owner, tmp: '', orno: head.ORNO, code: '', reason: '', claimedAt: Date.now() };
	const claim = await claimKey(run.client, run.key, rec, run.exec).catch(() => undefined);
	if (claim?.outcome === 'won') remember(run, claim.chain);
	return await existing(run, head.ORNO, '', 'legacyCheck');
}

async function createIdempotent(run: Run): Promise<CreateOrderResult> {
	const cached = run.options.cache?.chains.get(keyId(run.key));
	let chain: KeyRecord[] | undefined = cached ? parseChain(run.key, cached) : undefined;
	// rounds count attempts entered; waiting for another run's attempt does not (its lease bounds that wait)
	for (let round = 0; round < MAX_ROUNDS; ) {
		chain ??= await readChain(run.client, run.key, run.exec);
		const last = latest(chain);
		let step: Step;
		if (!last) {
			const old = await withoutKey(run);
			step = old ? { result: old } : { enter: 1 };
		} else {
			step = await decide(run, last);
		}
		if ('result' in step) return step.result;
		if ('wait' in step) {
			await run.sleep(run.pollMs);
			chain = undefined;
			continue;
		}
		round++;
		const out = await enter(run, step.enter, step.replace);
		if ('result' in out) return out.result;
		chain = out.chain;
	}
	throw new M3Error(`Could not settle the creation of CUOR ${run.key.CUOR} after ${MAX_ROUNDS} rounds (concurrent runs kept failing)`, {
		program: 'OIS100MI',
		transaction: 'AddBatchHead',
		kind: 'nok',
	});
}

/** Without CUOR (or duplicate check none): entered once, and the result warns that a re-run creates another order. */
async function createOnce(run: Run): Promise<CreateOrderResult> {
	await resolveAliases(run.entry);
	const tmp = await addBatchHead(run.entry, run.head);
	const rec: KeyRecord = { gen: 0, state: 'ENTERED', owner: run.owner, tmp, orno: '', code: '', reason: '', claimedAt: Date.now() };
	const out = await fillAndConfirm(run, rec);
	if (!('result' in out)) throw new M3Error(`Batch order ${tmp} disappeared before it was confirmed`, { program: 'OIS100MI', transaction: 'Confirm' });
	out.result.warnings.push({
		transaction: 'AddBatchHead',
		message: run.key.CUOR
			? 'Duplicate check is off: running this again creates another order'
			: 'head.CUOR is empty: the order cannot be found again, running this again creates another order',
		field: 'CUOR',
	});
	return out.result;
}

export async function createCustomerOrder(
	client: M3Client,
	planIn: unknown,
	options: CreateOrderOptions = {},
): Promise<CreateOrderResult> {
	validatePlan(planIn);
	const plan = copyPlan(planIn);
	checkPlanValues(plan);
	const exec: Exec = { company: options.company, division: options.division };
	const key: OrderKey = { FILE: s(options.keyFile) || 'OOHEAD', CUNO: s(plan.head.CUNO), CUOR: s(plan.head.CUOR) };
	const run: Run = {
		client,
		exec,
		plan,
		key,
		entry: { client, exec, plan, cuor: key.CUOR, aliasType: options.aliasType ?? '1', cache: options.cache },
		head: toM3Inputs(plan.head),
		owner: randomBytes(8).toString('hex'),
		leaseMs: Math.max(1, options.waitSeconds ?? 60) * 1000,
		pollMs: options.pollMs ?? 500,
		options: { onFailure: 'delete', duplicateCheck: 'keyRecord', ...options },
		sleep: options.sleep ?? ((ms) => client.wait(ms)),
		aliasesResolved: false,
		watched: new Map(),
		recoveries: 0,
		warnings: [],
		keyed: !!key.CUOR && options.duplicateCheck !== 'none',
	};
	if (!run.keyed) return await createOnce(run);
	return await createIdempotent(run);
}
