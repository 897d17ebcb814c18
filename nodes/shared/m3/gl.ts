/**
 * GL batch through GLS840MI (Generic GL interface): AddBatchHead (claims KEY1), AddBatchLine* (positional PARM per the
 * tenant's GLS850 template), CtrlBatch (option 6) / UpdBatch (option 9). Idempotent on KEY1: an existing KEY1 gives
 * created:false and nothing is written.
 */
import type { M3Client } from './client';
import { M3Error, isAlreadyExists } from './errors';

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
}

export interface GlBatchResult {
	KEY1: string;
	CONO: string;
	DIVI: string;
	INTN: string;
	created: boolean;
	lines: number;
	status: 'added' | 'checked' | 'updated' | 'existing';
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
	const add = await client.run(
		'GLS840MI',
		'AddBatchHead',
		{ ...base, INTN, DESC: s(plan.DESC) || `Batch ${KEY1}`, USID: plan.USID },
		{ idempotent: false },
	);
	if (add.error) {
		if (isAlreadyExists(add.error)) {
			return { KEY1, CONO, DIVI, INTN, created: false, lines: 0, status: 'existing' };
		}
		throw add.error;
	}
	const results = await client.bulk(
		'GLS840MI',
		plan.lines.map((l, i) => ({
			transaction: 'AddBatchLine',
			record: { ...base, LINE: s(l.LINE) || String(i + 1), PARM: l.PARM },
		})),
		{ idempotent: false },
	);
	const failed = results.filter((r) => r.error);
	if (failed.length) {
		const first = failed[0].error as M3Error;
		throw new M3Error(
			`GL batch ${KEY1} was added but ${failed.length} of ${results.length} lines failed (first: line ${(first.index ?? 0) + 1}: ` +
				`${first.message}${first.code ? ' ' + first.code : ''}). The batch stays in GLS840 with KEY1 ${KEY1}: ` +
				'correct or delete it there (GLS840MI has no delete transaction), a re-run returns created:false.',
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
	return { KEY1, CONO, DIVI, INTN, created: true, lines: results.length, status };
}
