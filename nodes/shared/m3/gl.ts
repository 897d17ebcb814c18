/**
 * GL batch through GLS840MI (Generic GL interface): AddBatchHead, AddBatchLine* (positional PARM per the tenant's GLS850
 * template), CtrlBatch (option 6) / UpdBatch (option 9). Idempotent on KEY1, and the key counts as taken only once the
 * batch is complete: GLS840MI has no read or delete transaction, so a completion record in CUSEXTMI (FILE FGLINH,
 * PK01 = division, PK02 = KEY1, A030 = COMPLETE, written after the last step) says a batch is done. A KEY1 with a
 * completion record gives created:false and nothing is written; a KEY1 whose head exists without one (a run stopped
 * between the head and the end) is resumed: lines M3 already has are kept ("already exists"), the missing ones added,
 * then the batch is finished and recorded.
 */
import type { M3Client } from './client';
import { M3Error, isAlreadyExists, isNotFound } from './errors';

export interface GlBatchPlan {
	KEY1: string;
	DESC?: string;
	INTN?: string;
	USID?: string;
	DIVI?: string;
	lines: Array<{ PARM: string; LINE?: string | number; [k: string]: unknown }>;
	[k: string]: unknown;
}

export interface GlBatchOptions {
	/** after the lines: 'update' = UpdBatch (option 9), 'check' = CtrlBatch (option 6), 'none' = leave it added */
	finish?: 'update' | 'check' | 'checkAndUpdate' | 'none';
	company?: string;
	division?: string;
	/** default interface template (INTN) when the plan has none */
	interfaceTemplate?: string;
	/** CUSEXTMI table of the completion records (default FGLINH); '' = none (an existing KEY1 counts as posted) */
	completionFile?: string;
}

export interface GlBatchResult {
	KEY1: string;
	CONO: string;
	DIVI: string;
	INTN: string;
	created: boolean;
	lines: number;
	status: 'added' | 'checked' | 'updated' | 'existing';
	/** true when an earlier run had added the head (and maybe lines) and this run completed the batch */
	resumed?: boolean;
}

function s(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

export function validateGlPlan(plan: unknown, opts: GlBatchOptions = {}): asserts plan is GlBatchPlan {
	const err = (m: string, field: string) =>
		new M3Error(m, { kind: 'input', field, program: 'GLS840MI', transaction: 'AddBatchHead' });
	if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) throw err('The GL batch must be an object', 'KEY1');
	const p = plan as Record<string, unknown>;
	if (!s(p.KEY1)) throw err('KEY1 (batch id) is missing: it is mandatory in GLS840MI/AddBatchHead', 'KEY1');
	if (s(p.KEY1).length > 10) throw err(`KEY1 "${s(p.KEY1)}" is longer than 10 characters`, 'KEY1');
	if (!s(p.INTN) && !opts.interfaceTemplate) {
		throw err('INTN (GLS850 interface template) is missing: mandatory in GLS840MI/AddBatchHead', 'INTN');
	}
	if (!Array.isArray(p.lines) || !p.lines.length) throw err('The GL batch has no lines', 'PARM');
	if (p.balanced === false) {
		throw err('The GL batch is not balanced (debit and credit differ): it is not sent to GLS840MI', 'PARM');
	}
	p.lines.forEach((l, i) => {
		if (!s((l as Record<string, unknown>)?.PARM)) {
			throw new M3Error(`lines[${i}].PARM is missing: mandatory in GLS840MI/AddBatchLine`, {
				kind: 'input',
				field: 'PARM',
				program: 'GLS840MI',
				transaction: 'AddBatchLine',
			});
		}
	});
}

export async function createGlBatch(client: M3Client, planIn: unknown, opts: GlBatchOptions = {}): Promise<GlBatchResult> {
	validateGlPlan(planIn, opts);
	const plan = planIn;
	const CONO = s(plan.CONO) || s(opts.company) || client.company;
	if (!CONO) {
		throw new M3Error('GLS840MI needs the company (CONO): set Company in the credential or in the options', {
			kind: 'input',
			field: 'CONO',
			program: 'GLS840MI',
			transaction: 'AddBatchHead',
		});
	}
	const DIVI = s(plan.DIVI) || s(opts.division) || client.division;
	const KEY1 = s(plan.KEY1);
	const INTN = s(plan.INTN) || s(opts.interfaceTemplate);
	const base = { CONO, DIVI, KEY1 };
	const file = opts.completionFile ?? 'FGLINH';
	const record = { FILE: file, PK01: DIVI, PK02: KEY1 };
	const cusext = (transaction: string, e: M3Error): M3Error =>
		new M3Error(`GL batch ${KEY1}: CUSEXTMI/${transaction} on ${file} failed (${e.message}). The service account needs CUSEXTMI, or set "Completion Record Table" empty.`, {
			program: 'CUSEXTMI',
			transaction,
			code: e.code,
			field: e.field,
			kind: e.kind,
		});
	if (file) {
		const got = await client.run('CUSEXTMI', 'GetFieldValue', { CONO, ...record }, { idempotent: true });
		if (got.error && !isNotFound(got.error)) throw cusext('GetFieldValue', got.error);
		if (!got.error && String(got.records[0]?.A030 ?? '').trim() === 'COMPLETE') {
			return { KEY1, CONO, DIVI, INTN, created: false, lines: 0, status: 'existing' };
		}
	}
	const add = await client.run(
		'GLS840MI',
		'AddBatchHead',
		{ ...base, INTN, DESC: s(plan.DESC) || `Batch ${KEY1}`, USID: plan.USID },
		{ idempotent: false },
	);
	let resumed = false;
	if (add.error) {
		if (!isAlreadyExists(add.error)) throw add.error;
		// without completion records an existing head means posted (the old rule); with them, a run that stopped half-way
		if (!file) return { KEY1, CONO, DIVI, INTN, created: false, lines: 0, status: 'existing' };
		resumed = true;
	}
	const results = await client.bulk(
		'GLS840MI',
		plan.lines.map((l, i) => ({
			transaction: 'AddBatchLine',
			record: { ...base, LINE: s(l.LINE) || String(i + 1), PARM: l.PARM },
		})),
		{ idempotent: false },
	);
	// a line an earlier run added is there already
	const failed = results.filter((r) => r.error && !(resumed && isAlreadyExists(r.error)));
	if (resumed && failed.length && failed.every((r) => /already updated/i.test(r.error?.message ?? ''))) {
		// the earlier run posted the batch and stopped before recording it: record it now, post nothing
		const rec = await client.run('CUSEXTMI', 'AddFieldValue', { CONO, ...record, A030: 'COMPLETE', A130: 'updated', N096: String(results.length) }, { idempotent: false });
		if (rec.error && !isAlreadyExists(rec.error)) throw cusext('AddFieldValue', rec.error);
		return { KEY1, CONO, DIVI, INTN, created: false, lines: 0, status: 'existing' };
	}
	if (failed.length) {
		const first = failed[0].error as M3Error;
		throw new M3Error(
			`GL batch ${KEY1} was added but ${failed.length} of ${results.length} lines failed (first: line ${(first.index ?? 0) + 1}: ` +
				`${first.message}${first.code ? ' ' + first.code : ''}). The batch stays in GLS840 with KEY1 ${KEY1}` +
				(file ? ', not recorded as complete: a re-run adds the missing lines and finishes it.' : ': correct or delete it there (GLS840MI has no delete transaction), a re-run returns created:false.'),
			{ program: 'GLS840MI', transaction: 'AddBatchLine', code: first.code, field: first.field, kind: 'nok' },
		);
	}
	const finish = opts.finish ?? 'update';
	let status: GlBatchResult['status'] = 'added';
	if (finish === 'check' || finish === 'checkAndUpdate') {
		await client.execute('GLS840MI', 'CtrlBatch', base, { idempotent: true });
		status = 'checked';
	}
	if (finish === 'update' || finish === 'checkAndUpdate') {
		await client.execute('GLS840MI', 'UpdBatch', base, { idempotent: false });
		status = 'updated';
	}
	if (file) {
		const done = await client.run('CUSEXTMI', 'AddFieldValue', { CONO, ...record, A030: 'COMPLETE', A130: status, N096: String(results.length) }, { idempotent: false });
		if (done.error && !isAlreadyExists(done.error)) throw cusext('AddFieldValue', done.error);
	}
	const out: GlBatchResult = { KEY1, CONO, DIVI, INTN, created: true, lines: results.length, status };
	if (resumed) out.resumed = true;
	return out;
}
