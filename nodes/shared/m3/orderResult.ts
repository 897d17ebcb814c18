/**
 * What createCustomerOrder returns: the created or existing order (head status from OIS100MI GetHead, lines as
 * entered or read back on request) and the plan's custom fields, written in one CUSEXTMI request.
 */
import type { M3Client } from './client';
import { upsertCustomFields, type CustomFieldSpec } from './customFields';
import { M3Error } from './errors';
import { BATCH_CREATED } from './orderEntry';
import { M3OrderError } from './orderFailure';
import type { Exec, OrderKey } from './orderKey';
import { s, type BatchOrderPlan, type CreateOrderOptions, type CreateOrderResult } from './orderPlan';

export interface ResultCtx {
	client: M3Client;
	exec: Exec;
	plan: BatchOrderPlan;
	key: OrderKey;
	options: CreateOrderOptions;
	warnings: CreateOrderResult['warnings'];
}

export function baseResult(run: ResultCtx, orno: string, created: boolean, tmp: string): CreateOrderResult {
	return {
		ORNO: orno,
		CUOR: run.key.CUOR,
		CUNO: run.key.CUNO,
		created,
		status: { ORSL: '', ORST: '' },
		batchOrderNumber: tmp,
		batchStatus: BATCH_CREATED,
		lines: [],
		customFields: [],
		warnings: [...run.warnings],
		source: run.plan.source,
	};
}

/** Writes the plan's custom fields (PK01 defaults to the ORNO) and `extra` key changes in one CUSEXTMI request. */
export async function customFields(run: ResultCtx, result: CreateOrderResult, extra: Array<{ transaction: string; record: Record<string, unknown> }> = []): Promise<void> {
	const specs: CustomFieldSpec[] = (run.plan.customFields ?? []).map((cf) => {
		const keys: Record<string, string> = {};
		for (const k of ['PK01', 'PK02', 'PK03', 'PK04', 'PK05', 'PK06', 'PK07', 'PK08']) if (s(cf[k])) keys[k] = s(cf[k]);
		keys.PK01 ??= result.ORNO;
		return { FILE: s(cf.FILE), keys, values: cf.values ?? {} };
	});
	if (!result.ORNO || (!specs.length && !extra.length)) return;
	let out: Awaited<ReturnType<typeof upsertCustomFields>>;
	try {
		out = await upsertCustomFields(run.client, specs, { ...run.exec, extra });
	} catch (e) {
		out = specs.map(() => (e instanceof M3Error ? e : new M3Error(String(e))));
	}
	for (const [i, r] of out.entries()) {
		if (!(r instanceof M3Error)) {
			result.customFields.push(r);
			continue;
		}
		throw new M3OrderError(
			`Customer order ${result.ORNO} (CUOR ${run.key.CUOR}) ${result.created ? 'was created' : 'exists'}, but customFields[${i}] ` +
				`(${specs[i].FILE}) could not be written: ${r.fullMessage}. Running again will not duplicate the order and retries the custom fields.`,
			{
				program: r.program || 'CUSEXTMI',
				transaction: r.transaction,
				code: r.code,
				field: r.field,
				kind: r.kind,
				reasons: [{ source: 'CUSEXTMI', message: r.message, code: r.code, field: r.field }],
				batchOrderNumber: result.batchOrderNumber,
				orderNumber: result.ORNO,
			},
		);
	}
}

export async function readLines(run: ResultCtx, orno: string): Promise<CreateOrderResult['lines']> {
	const lines = await run.client.list('OIS100MI', 'LstLine', { ORNO: orno }, { ...run.exec, maxrecs: 0 });
	return lines.map((l) => ({ PONR: l.PONR, POSX: l.POSX, ITNO: l.ITNO, ORQT: l.ORQT, CUOR: l.CUOR }));
}

/** The order that exists: its head (status), lines on request, custom fields healed. */
export async function existing(run: ResultCtx, orno: string, tmp: string, foundBy: CreateOrderResult['foundBy']): Promise<CreateOrderResult> {
	const result = baseResult(run, orno, false, tmp);
	result.foundBy = foundBy;
	const head = await run.client.find('OIS100MI', 'GetHead', { ORNO: orno }, run.exec);
	if (head) {
		result.status = { ORSL: head.ORSL ?? '', ORST: head.ORST ?? '' };
		result.CUOR = head.CUOR || result.CUOR;
		result.CUNO = head.CUNO || result.CUNO;
		if (run.options.readLines) result.lines = await readLines(run, orno);
	} else {
		result.warnings.push({ transaction: 'GetHead', message: `Customer order ${orno} (CUOR ${run.key.CUOR}) no longer exists in M3` });
	}
	await customFields(run, result);
	return result;
}
