/**
 * Customer order creation through M3 batch order entry (OIS100MI), idempotent on CUOR.
 *
 *  1. duplicate check: a confirmed order (LstHead by CUNO, or SearchHead) or a batch order (LstBatchHead) with this
 *     CUOR -> returned with created:false (an in-progress batch order is waited for).
 *  2. AddBatchHead -> temporary ORNO, then the tie-break: list the batch heads with this CUOR; the LOWEST temporary
 *     ORNO wins (temporary numbers come from a number series: a head added later always has a higher number, and
 *     is only visible after its number was drawn). A run that is not the winner deletes its head (DelBatchHead) and
 *     goes back to 1., where it waits for the winner and returns its order with created:false.
 *  3. v2 bulk: AddBatchAddress + AddBatchLine* + AddBatchHeadChg* (+ head texts), then line charges/texts.
 *  4. Confirm -> STAT 90 -> GetOrderNo -> final ORNO -> GetHead (ORSL/ORST).
 *  On failure: LstErrMsgOrder gives M3's reasons, the batch order is deleted (or kept by option), M3OrderError.
 *  5. customFields (CUSEXTMI, PK01 defaults to the ORNO) - also on created:false, so a re-run heals them.
 */
import type { M3Client } from './client';
import { M3Error, isNotFound, type M3ErrorInit } from './errors';
import { upsertCustomField, type CustomFieldResult } from './customFields';
import type { M3TransactionResult } from './parse';
import { toM3Inputs, type M3Record } from './values';

export interface BatchOrderPlan {
	head: Record<string, unknown>;
	address?: Record<string, unknown> | null;
	lines: Array<Record<string, unknown>>;
	charges?: Array<Record<string, unknown>>;
	texts?: Array<{ type?: string; text?: string; line?: number; PONR?: string | number; [k: string]: unknown }>;
	customFields?: Array<{ FILE?: string; values?: Record<string, unknown>; [k: string]: unknown }>;
	source?: unknown;
	[k: string]: unknown;
}

export type DuplicateCheck = 'lstHead' | 'searchHead' | 'none';

export interface CreateOrderOptions {
	duplicateCheck?: DuplicateCheck;
	/** what to do with the batch order when the order could not be created */
	onFailure?: 'delete' | 'keep';
	/** how long to wait for another run's batch order with the same CUOR to finish */
	waitSeconds?: number;
	pollMs?: number;
	/** after waitSeconds, delete a batch order that is still in status 10 (entered) and create the order anew */
	takeOverStale?: boolean;
	/** MMS025MI alias category used when a line has POPN but no ITNO */
	aliasType?: string;
	company?: string;
	division?: string;
	sleep?: (ms: number) => Promise<void>;
}

export interface OrderFailureReason {
	source: string;
	message: string;
	code?: string;
	field?: string;
	/** 1-based index into plan.lines */
	line?: number;
	PONR?: string;
}

export interface CreateOrderResult {
	ORNO: string;
	CUOR: string;
	CUNO: string;
	created: boolean;
	status: { ORSL: string; ORST: string };
	batchOrderNumber: string;
	batchStatus: string;
	/** how the existing order was found when created is false */
	foundBy?: 'confirmedOrder' | 'batchOrder' | 'concurrentCreate';
	lines: Array<{ PONR: string; POSX: string; ITNO: string; ORQT: string; CUOR?: string }>;
	customFields: CustomFieldResult[];
	/** non-fatal problems (e.g. a text M3 refused) */
	warnings: Array<{ transaction: string; message: string; code?: string; field?: string }>;
	/** reasons of a kept, stopped batch order found by the duplicate check */
	errors?: OrderFailureReason[];
	source?: unknown;
}

export class M3OrderError extends M3Error {
	readonly reasons: OrderFailureReason[];

	readonly batchOrderNumber: string;

	readonly batchDeleted: boolean;

	readonly orderNumber: string;

	constructor(
		message: string,
		init: M3ErrorInit & {
			reasons: OrderFailureReason[];
			batchOrderNumber?: string;
			batchDeleted?: boolean;
			orderNumber?: string;
		},
	) {
		super(message, init);
		this.name = 'M3OrderError';
		this.reasons = init.reasons;
		this.batchOrderNumber = init.batchOrderNumber ?? '';
		this.batchDeleted = init.batchDeleted ?? false;
		this.orderNumber = init.orderNumber ?? '';
	}

	toJSON(): Record<string, string | number | null> {
		return {
			...super.toJSON(),
			batchOrderNumber: this.batchOrderNumber,
			batchDeleted: this.batchDeleted ? 1 : 0,
			orderNumber: this.orderNumber,
			reasons: JSON.stringify(this.reasons),
		};
	}
}

const BATCH_CREATED = '90';
const BATCH_ENTERED = '10';

function s(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

function ornoCompare(a: string, b: string): number {
	const x = a.padStart(12, '0');
	const y = b.padStart(12, '0');
	return x < y ? -1 : x > y ? 1 : 0;
}

function inputError(message: string, field: string, transaction: string): M3Error {
	return new M3Error(message, { kind: 'input', field, program: 'OIS100MI', transaction });
}

/** Checks the plan before anything is written; names the missing field. */
export function validatePlan(plan: unknown): asserts plan is BatchOrderPlan {
	if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
		throw inputError('The order plan must be an object with head, address, lines', 'head', 'AddBatchHead');
	}
	const p = plan as Record<string, unknown>;
	if (typeof p.head !== 'object' || p.head === null) {
		throw inputError('The order plan has no "head" object', 'head', 'AddBatchHead');
	}
	const head = p.head as Record<string, unknown>;
	if (!s(head.CUNO)) {
		throw inputError('head.CUNO (customer number) is missing: it is mandatory in OIS100MI/AddBatchHead', 'CUNO', 'AddBatchHead');
	}
	if (!Array.isArray(p.lines) || p.lines.length === 0) {
		throw inputError('The order plan has no lines', 'lines', 'AddBatchLine');
	}
	p.lines.forEach((l, i) => {
		if (typeof l !== 'object' || l === null) throw inputError(`lines[${i}] is not an object`, 'ITNO', 'AddBatchLine');
		const line = l as Record<string, unknown>;
		if (!s(line.ITNO) && !s(line.POPN)) {
			throw inputError(
				`lines[${i}].ITNO (item number) is missing: it is mandatory in OIS100MI/AddBatchLine (or give POPN, an alias)`,
				'ITNO',
				'AddBatchLine',
			);
		}
	});
	if (p.address !== undefined && p.address !== null) {
		if (typeof p.address !== 'object') throw inputError('address must be an object or null', 'ADRT', 'AddBatchAddress');
	}
	for (const [i, c] of (Array.isArray(p.charges) ? p.charges : []).entries()) {
		if (!s((c as Record<string, unknown>)?.CRID)) {
			throw inputError(`charges[${i}].CRID (charge id) is missing: mandatory in AddBatchHeadChg`, 'CRID', 'AddBatchHeadChg');
		}
	}
}

interface Ctx {
	client: M3Client;
	opts: Required<Omit<CreateOrderOptions, 'company' | 'division' | 'sleep'>> &
		Pick<CreateOrderOptions, 'company' | 'division'>;
	sleep: (ms: number) => Promise<void>;
	cuno: string;
	cuor: string;
	plan: BatchOrderPlan;
}

function exec(ctx: Ctx) {
	return { company: ctx.opts.company, division: ctx.opts.division };
}

async function findConfirmed(ctx: Ctx): Promise<M3Record | undefined> {
	const { client } = ctx;
	if (ctx.opts.duplicateCheck === 'searchHead') {
		const hits = await client.list(
			'OIS100MI',
			'SearchHead',
			{ SQRY: `CUOR:"${ctx.cuor}"` },
			{ ...exec(ctx), maxrecs: 0 },
		);
		for (const h of hits.filter((x) => !x.CUNO || x.CUNO === ctx.cuno).sort((a, b) => ornoCompare(a.ORNO, b.ORNO))) {
			const head = await client.find('OIS100MI', 'GetHead', { ORNO: h.ORNO }, exec(ctx));
			if (head && head.CUOR === ctx.cuor) return head;
		}
		return undefined;
	}
	const heads = await client.list('OIS100MI', 'LstHead', { CUNO: ctx.cuno }, { ...exec(ctx), maxrecs: 0 });
	return heads.filter((h) => h.CUOR === ctx.cuor).sort((a, b) => ornoCompare(a.ORNO, b.ORNO))[0];
}

async function batchHeads(ctx: Ctx): Promise<M3Record[]> {
	const heads = await ctx.client.list('OIS100MI', 'LstBatchHead', { CUNO: ctx.cuno }, { ...exec(ctx), maxrecs: 0 });
	return heads.filter((h) => h.CUOR === ctx.cuor).sort((a, b) => ornoCompare(a.ORNO, b.ORNO));
}

async function errorsOf(ctx: Ctx, tmp: string): Promise<OrderFailureReason[]> {
	const r = await ctx.client.run('OIS100MI', 'LstErrMsgOrder', { ORNO: tmp }, { ...exec(ctx), maxrecs: 0 });
	if (r.error) return [];
	return r.records.map((e) => {
		const reason: OrderFailureReason = {
			source: 'LstErrMsgOrder',
			message: e.TX60 ?? '',
			code: e.MSID || undefined,
		};
		if (e.LEVL === '2' && /^\d+$/.test(e.MDTA ?? '')) reason.PONR = e.MDTA;
		return reason;
	});
}

async function orderResult(
	ctx: Ctx,
	orno: string,
	created: boolean,
	batchOrderNumber: string,
	foundBy?: CreateOrderResult['foundBy'],
): Promise<CreateOrderResult> {
	const head = (await ctx.client.find('OIS100MI', 'GetHead', { ORNO: orno }, exec(ctx))) ?? {};
	const lines = await ctx.client.list('OIS100MI', 'LstLine', { ORNO: orno }, { ...exec(ctx), maxrecs: 0 });
	return {
		ORNO: orno,
		CUOR: head.CUOR ?? ctx.cuor,
		CUNO: head.CUNO ?? ctx.cuno,
		created,
		status: { ORSL: head.ORSL ?? '', ORST: head.ORST ?? '' },
		batchOrderNumber,
		batchStatus: BATCH_CREATED,
		...(foundBy ? { foundBy } : {}),
		lines: lines.map((l) => ({ PONR: l.PONR, POSX: l.POSX, ITNO: l.ITNO, ORQT: l.ORQT, CUOR: l.CUOR })),
		customFields: [],
		warnings: [],
		source: ctx.plan.source,
	};
}

async function deleteBatch(ctx: Ctx, tmp: string): Promise<{ deleted: boolean; reason?: string }> {
	const r = await ctx.client.run('OIS100MI', 'DelBatchHead', { ORNO: tmp }, { ...exec(ctx), idempotent: true });
	if (!r.error || isNotFound(r.error)) return { deleted: true };
	return { deleted: false, reason: r.error.message };
}

type Existing = { result: CreateOrderResult } | { retry: true } | undefined;

/** Step 1: an order or batch order with this CUOR already there? Waits for one that is being entered. */
async function resolveExisting(ctx: Ctx): Promise<Existing> {
	const confirmed = await findConfirmed(ctx);
	if (confirmed) {
		const heads = await batchHeads(ctx);
		const batch = heads.find((h) => h.STAT === BATCH_CREATED);
		return { result: await orderResult(ctx, confirmed.ORNO, false, batch?.ORNO ?? '', 'confirmedOrder') };
	}
	const heads = await batchHeads(ctx);
	if (!heads.length) return undefined;
	const released = heads.find((h) => h.STAT === BATCH_CREATED);
	const target = released ?? heads[0];
	const deadline = Date.now() + ctx.opts.waitSeconds * 1000;
	let stat = target.STAT;
	const sawInProgress = stat === BATCH_ENTERED || stat === '';
	const graceUntil = Date.now() + Math.max(ctx.opts.pollMs * 4, 2000);
	for (;;) {
		if (stat === BATCH_CREATED) {
			const no = await ctx.client.get('OIS100MI', 'GetOrderNo', { ORNO: target.ORNO }, exec(ctx));
			if (no.ORNR) return { result: await orderResult(ctx, no.ORNR, false, target.ORNO, 'batchOrder') };
		} else if (stat && stat !== BATCH_ENTERED && sawInProgress) {
			// another run entered the same order just now and M3 stopped it: the same plan fails the same way
			const reasons = await errorsOf(ctx, target.ORNO);
			throw new M3OrderError(
				`Customer order for CUOR ${ctx.cuor} was not created: a concurrent run entered it as batch order ${target.ORNO} ` +
					`and M3 stopped it (status ${stat})${reasons.length ? ': ' + describe(reasons) : ''}.`,
				{
					program: 'OIS100MI',
					transaction: 'Confirm',
					code: reasons[0]?.code,
					kind: 'nok',
					reasons,
					batchOrderNumber: target.ORNO,
				},
			);
		} else if (stat && stat !== BATCH_ENTERED && Date.now() < graceUntil) {
			// stopped: the run that entered it may be about to delete it (onFailure delete) - give it a moment
		} else if (stat && stat !== BATCH_ENTERED) {
			// stopped batch order kept from an earlier failure (OIS275): not created, report M3's reasons
			return {
				result: {
					ORNO: '',
					CUOR: ctx.cuor,
					CUNO: ctx.cuno,
					created: false,
					status: { ORSL: '', ORST: '' },
					batchOrderNumber: target.ORNO,
					batchStatus: stat,
					foundBy: 'batchOrder',
					lines: [],
					customFields: [],
					warnings: [],
					errors: await errorsOf(ctx, target.ORNO),
					source: ctx.plan.source,
				},
			};
		}
		if (Date.now() >= deadline && (stat === BATCH_ENTERED || stat === '')) break;
		await ctx.sleep(ctx.opts.pollMs);
		const now = await ctx.client.find('OIS100MI', 'GetBatchHead', { ORNO: target.ORNO }, exec(ctx));
		if (!now) return { retry: true }; // deleted (its run failed or lost): look again
		stat = now.STAT ?? '';
	}
	if (ctx.opts.takeOverStale) {
		const del = await deleteBatch(ctx, target.ORNO);
		if (del.deleted) return { retry: true };
	}
	throw new M3Error(
		`Batch order ${target.ORNO} with CUOR ${ctx.cuor} is still being entered (status ${stat}) after ${ctx.opts.waitSeconds}s. ` +
			'If no other run is creating it, delete it in OIS275 or enable "Take Over Stale Batch Orders".',
		{ program: 'OIS100MI', transaction: 'GetBatchHead', kind: 'nok', field: 'CUOR', code: 'BATCH_IN_PROGRESS' },
	);
}

function reasonFromResult(r: M3TransactionResult, lineIndexByTx: Map<number, number>, i: number): OrderFailureReason {
	const e = r.error as M3Error;
	const reason: OrderFailureReason = {
		source: r.transaction,
		message: e.message,
		code: e.code || undefined,
		field: e.field || undefined,
	};
	const line = lineIndexByTx.get(i);
	if (line !== undefined) reason.line = line + 1;
	return reason;
}

function describe(reasons: OrderFailureReason[]): string {
	return reasons
		.map((r) => {
			const where = r.line ? `line ${r.line}: ` : r.PONR ? `line ${r.PONR}: ` : '';
			const extra = [r.code, r.field && `field ${r.field}`].filter(Boolean).join(', ');
			return `${where}${r.message}${extra ? ` (${extra})` : ''}`;
		})
		.join('; ');
}

async function fail(ctx: Ctx, tmp: string, reasons: OrderFailureReason[], first?: M3Error): Promise<never> {
	const more = await errorsOf(ctx, tmp);
	const all = [...reasons, ...more.filter((m) => !reasons.some((r) => r.message === m.message))];
	let deleted = false;
	let note = 'kept for review in OIS275';
	if (ctx.opts.onFailure === 'delete') {
		const del = await deleteBatch(ctx, tmp);
		deleted = del.deleted;
		note = del.deleted ? 'deleted' : `could not be deleted (${del.reason ?? 'unknown'})`;
	}
	const firstReason = all[0];
	throw new M3OrderError(
		`Customer order for CUOR ${ctx.cuor || '(none)'} was not created: ${describe(all) || 'M3 gave no reason'}. Batch order ${tmp} ${note}.`,
		{
			program: first?.program || 'OIS100MI',
			transaction:
				first?.transaction ||
				(firstReason && firstReason.source !== 'LstErrMsgOrder' ? firstReason.source : 'Confirm'),
			code: first?.code || firstReason?.code,
			field: first?.field || firstReason?.field,
			httpStatus: first?.httpStatus,
			kind: 'nok',
			reasons: all,
			batchOrderNumber: tmp,
			batchDeleted: deleted,
		},
	);
}

/** Steps 3-4 on our own batch order. */
async function fillAndConfirm(ctx: Ctx, tmp: string): Promise<CreateOrderResult> {
	const { client, plan } = ctx;
	const warnings: CreateOrderResult['warnings'] = [];
	const txns: Array<{ transaction: string; record: Record<string, unknown> }> = [];
	const lineIndexByTx = new Map<number, number>();
	const optionalTx = new Set<number>();
	if (plan.address) {
		txns.push({ transaction: 'AddBatchAddress', record: { ADRT: '1', ...plan.address, ORNO: tmp } });
	}
	plan.lines.forEach((l, i) => {
		lineIndexByTx.set(txns.length, i);
		txns.push({ transaction: 'AddBatchLine', record: { ...l, ORNO: tmp } });
	});
	const lineCharges: Array<{ charge: Record<string, unknown>; line: number }> = [];
	for (const c of plan.charges ?? []) {
		const { line, ...rest } = c as Record<string, unknown>;
		if (line !== undefined && line !== null && line !== '') lineCharges.push({ charge: rest, line: Number(line) });
		else txns.push({ transaction: 'AddBatchHeadChg', record: { ...rest, ORNO: tmp } });
	}
	const lineTexts: Array<{ text: Record<string, unknown>; line: number }> = [];
	for (const t of plan.texts ?? []) {
		const text = s(t.text ?? t.PARM);
		if (!text) continue;
		if (t.type === 'line' || t.line !== undefined) {
			lineTexts.push({ text: { PARM: text, TYTR: t.TYTR ?? '1' }, line: Number(t.line ?? 1) });
		} else {
			optionalTx.add(txns.length);
			txns.push({ transaction: 'AddBatchText', record: { ORNO: tmp, TYPE: '1', TYTR: t.TYTR ?? '1', PARM: text } });
		}
	}
	let results: M3TransactionResult[];
	try {
		results = await client.bulk('OIS100MI', txns, { ...exec(ctx), idempotent: false });
	} catch (e) {
		const err = e instanceof M3Error ? e : new M3Error(String(e), { kind: 'network' });
		return await fail(ctx, tmp, [{ source: 'bulk', message: err.message, code: err.code || undefined }], err);
	}
	const reasons: OrderFailureReason[] = [];
	let firstError: M3Error | undefined;
	results.forEach((r, i) => {
		if (!r.error) return;
		if (optionalTx.has(i)) {
			warnings.push({ transaction: r.transaction, message: r.error.message, code: r.error.code, field: r.error.field });
			return;
		}
		firstError ??= r.error;
		reasons.push(reasonFromResult(r, lineIndexByTx, i));
	});
	if (reasons.length) return await fail(ctx, tmp, reasons, firstError);

	// line charges and texts need the PONR M3 gave each line
	const lineKey = (line: number): { PONR: string; POSX: string } => {
		for (const [txIndex, lineIndex] of lineIndexByTx) {
			if (lineIndex === line - 1) {
				const rec = results[txIndex]?.records[0];
				return { PONR: rec?.PONR || String(line), POSX: rec?.POSX || '0' };
			}
		}
		return { PONR: String(line), POSX: '0' };
	};
	const second: Array<{ transaction: string; record: Record<string, unknown> }> = [];
	for (const lc of lineCharges) {
		second.push({ transaction: 'AddBatchLineChg', record: { ...lineKey(lc.line), ...lc.charge, ORNO: tmp } });
	}
	const firstText = second.length;
	for (const lt of lineTexts) {
		second.push({ transaction: 'AddBatchText', record: { ...lineKey(lt.line), ...lt.text, ORNO: tmp, TYPE: '2' } });
	}
	if (second.length) {
		let res2: M3TransactionResult[];
		try {
			res2 = await client.bulk('OIS100MI', second, { ...exec(ctx), idempotent: false });
		} catch (e) {
			const err = e instanceof M3Error ? e : new M3Error(String(e), { kind: 'network' });
			return await fail(ctx, tmp, [{ source: 'bulk', message: err.message }], err);
		}
		const r2: OrderFailureReason[] = [];
		res2.forEach((r, i) => {
			if (!r.error) return;
			if (i >= firstText) warnings.push({ transaction: r.transaction, message: r.error.message, code: r.error.code });
			else r2.push({ source: r.transaction, message: r.error.message, code: r.error.code, field: r.error.field });
		});
		if (r2.length) return await fail(ctx, tmp, r2);
	}

	const confirm = await client.run('OIS100MI', 'Confirm', { ORNO: tmp }, { ...exec(ctx), idempotent: true });
	if (confirm.error) {
		return await fail(
			ctx,
			tmp,
			[{ source: 'Confirm', message: confirm.error.message, code: confirm.error.code, field: confirm.error.field }],
			confirm.error,
		);
	}
	const stat = confirm.records[0]?.STAT ?? '';
	if (stat && stat !== BATCH_CREATED) return await fail(ctx, tmp, []);
	const no = await client.get('OIS100MI', 'GetOrderNo', { ORNO: tmp }, exec(ctx));
	if (!no.ORNR) return await fail(ctx, tmp, []);
	const result = await orderResult(ctx, no.ORNR, true, tmp);
	result.warnings = warnings;
	return result;
}

async function applyCustomFields(ctx: Ctx, result: CreateOrderResult): Promise<void> {
	if (!result.ORNO) return;
	for (const [i, cf] of (ctx.plan.customFields ?? []).entries()) {
		const keys: Record<string, string> = {};
		for (const k of ['PK01', 'PK02', 'PK03', 'PK04', 'PK05', 'PK06', 'PK07', 'PK08']) {
			if (cf[k] !== undefined && cf[k] !== null && s(cf[k]) !== '') keys[k] = s(cf[k]);
		}
		keys.PK01 ??= result.ORNO;
		let failure: M3Error | undefined;
		try {
			result.customFields.push(
				await upsertCustomField(ctx.client, { FILE: s(cf.FILE), keys, values: cf.values ?? {} }),
			);
		} catch (e) {
			failure = e instanceof M3Error ? e : new M3Error(String(e));
		}
		if (failure) {
			const err = failure;
			throw new M3OrderError(
				`Customer order ${result.ORNO} (CUOR ${ctx.cuor}) ${result.created ? 'was created' : 'exists'}, but customFields[${i}] ` +
					`(${s(cf.FILE)}) could not be written: ${err.fullMessage}. Running again will not duplicate the order and retries the custom fields.`,
				{
					program: err.program || 'CUSEXTMI',
					transaction: err.transaction,
					code: err.code,
					field: err.field,
					kind: err.kind,
					reasons: [{ source: 'CUSEXTMI', message: err.message, code: err.code, field: err.field }],
					batchOrderNumber: result.batchOrderNumber,
					orderNumber: result.ORNO,
				},
			);
		}
	}
}

async function resolveAliases(ctx: Ctx): Promise<void> {
	for (const [i, line] of ctx.plan.lines.entries()) {
		if (s(line.ITNO) || !s(line.POPN)) continue;
		const alwt = s(line.ALWT) || ctx.opts.aliasType;
		const hit = await ctx.client.find(
			'MMS025MI',
			'GetItem',
			{ ALWT: alwt, POPN: line.POPN, ALWQ: line.ALWQ },
			exec(ctx),
		);
		if (!hit?.ITNO) {
			throw new M3Error(
				`lines[${i}]: no item has the alias POPN "${s(line.POPN)}" (alias type ${alwt}); nothing was created`,
				{ program: 'MMS025MI', transaction: 'GetItem', code: 'XRE0103', field: 'POPN', kind: 'nok' },
			);
		}
		line.ITNO = hit.ITNO;
	}
}

export async function createCustomerOrder(
	client: M3Client,
	planIn: unknown,
	options: CreateOrderOptions = {},
): Promise<CreateOrderResult> {
	validatePlan(planIn);
	// work on a copy: alias resolution fills ITNO
	const plan: BatchOrderPlan = {
		...planIn,
		head: { ...planIn.head },
		lines: planIn.lines.map((l) => ({ ...l })),
	};
	const ctx: Ctx = {
		client,
		plan,
		cuno: s(plan.head.CUNO),
		cuor: s(plan.head.CUOR),
		sleep: options.sleep ?? ((ms) => client.wait(ms)),
		opts: {
			duplicateCheck: options.duplicateCheck ?? 'lstHead',
			onFailure: options.onFailure ?? 'delete',
			waitSeconds: options.waitSeconds ?? 60,
			pollMs: options.pollMs ?? 500,
			takeOverStale: options.takeOverStale ?? false,
			aliasType: options.aliasType ?? '1',
			company: options.company,
			division: options.division,
		},
	};
	const idempotent = ctx.cuor !== '' && ctx.opts.duplicateCheck !== 'none';
	const head = toM3Inputs(plan.head);
	// values M3 cannot take (e.g. a date that is no date) are found before anything is written
	const check = (what: string, o: unknown, transaction: string) => {
		let bad: M3Error | undefined;
		try {
			toM3Inputs(o as Record<string, unknown>);
		} catch (e) {
			bad = e as M3Error;
		}
		if (bad) throw inputError(`${what}: ${bad.message}`, bad.field, transaction);
	};
	if (plan.address) check('address', plan.address, 'AddBatchAddress');
	plan.lines.forEach((l, i) => check(`lines[${i}]`, l, 'AddBatchLine'));
	(plan.charges ?? []).forEach((c, i) => check(`charges[${i}]`, c, 'AddBatchHeadChg'));
	let resolved = false;
	for (let round = 0; round < 10; round++) {
		if (idempotent) {
			const existing = await resolveExisting(ctx);
			if (existing && 'result' in existing) {
				await applyCustomFields(ctx, existing.result);
				return existing.result;
			}
			if (existing && 'retry' in existing) continue;
		}
		if (!resolved) {
			await resolveAliases(ctx);
			resolved = true;
		}
		const added = await client.get('OIS100MI', 'AddBatchHead', head, { ...exec(ctx), idempotent: false });
		const tmp = added.ORNO;
		if (!tmp) {
			throw new M3Error('OIS100MI/AddBatchHead returned no temporary order number', {
				program: 'OIS100MI',
				transaction: 'AddBatchHead',
				kind: 'nok',
			});
		}
		if (idempotent) {
			// tie-break: the lowest temporary ORNO with this CUOR wins; a confirmed order always wins
			const heads = await batchHeads(ctx);
			const winner = heads.find((h) => h.STAT === BATCH_CREATED) ?? heads[0];
			const confirmed = winner && winner.ORNO !== tmp ? undefined : await findConfirmed(ctx);
			if ((winner && winner.ORNO !== tmp) || confirmed) {
				await deleteBatch(ctx, tmp);
				continue;
			}
		}
		const result = await fillAndConfirm(ctx, tmp);
		if (!idempotent) {
			result.warnings.push({
				transaction: 'AddBatchHead',
				message: ctx.cuor
					? 'Duplicate check is off: running this again creates another order'
					: 'head.CUOR is empty: the order cannot be found again, running this again creates another order',
				field: 'CUOR',
			});
		}
		await applyCustomFields(ctx, result);
		return result;
	}
	throw new M3Error(`Could not settle the creation of CUOR ${ctx.cuor} after 10 rounds (concurrent runs kept failing)`, {
		program: 'OIS100MI',
		transaction: 'AddBatchHead',
		kind: 'nok',
	});
}
