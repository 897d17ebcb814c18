/**
 * The M3 batch order plan (docs/contracts.md), the options and the result of createCustomerOrder, and the checks made
 * before anything is written.
 */
import { M3Error } from './errors';
import type { CustomFieldResult } from './customFields';
import type { OrderFailureReason } from './orderFailure';
import { toM3Inputs } from './values';

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

/**
 * keyRecord: a CUSEXTMI key record per CUNO + CUOR (cost independent of history). lstHead / searchHead: the key
 * record, and for orders that have none (entered before, or by hand) also OIS100MI LstHead / SearchHead.
 * none: not idempotent.
 */
export type DuplicateCheck = 'keyRecord' | 'lstHead' | 'searchHead' | 'none';

export interface CreateOrderOptions {
	duplicateCheck?: DuplicateCheck;
	/** lstHead/searchHead: only for orders placed (head ORDT) before this date (yyyyMMdd); empty = every order */
	legacyCheckBefore?: string;
	/** CUSEXTMI table (FILE) of the key records; PK01 = CUNO, PK02 = CUOR, PK03 = attempt */
	keyFile?: string;
	/** what to do with the batch order when the order could not be created */
	onFailure?: 'delete' | 'keep';
	/** how long another run's create of the same CUOR is waited for before it is taken over (its lease) */
	waitSeconds?: number;
	pollMs?: number;
	/** read the order lines back (OIS100MI LstLine) instead of reporting the lines entered */
	readLines?: boolean;
	/** MMS025MI alias category used when a line has POPN but no ITNO */
	aliasType?: string;
	company?: string;
	division?: string;
	sleep?: (ms: number) => Promise<void>;
	/** lookups read ahead for all items of a run (prefetchOrderLookups) */
	cache?: OrderLookupCache;
}

/** Key records and aliases read ahead in bulk for many orders; kept up to date with what the run itself wrote. */
export interface OrderLookupCache {
	/** "FILE|CUNO|CUOR" -> the key records (attempts) of that order */
	chains: Map<string, Array<Record<string, string>>>;
	/** "ALWT|POPN|ALWQ" -> ITNO, or null when M3 has no such alias */
	items: Map<string, string | null>;
	/** reads the aliases of all orders of the run into `items`, the first time an order is entered (not before) */
	loadItems?: () => Promise<void>;
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
	foundBy?: 'keyRecord' | 'concurrentCreate' | 'legacyCheck' | 'batchOrder';
	lines: Array<{ PONR: string; POSX: string; ITNO: string; ORQT: string; CUOR?: string }>;
	customFields: CustomFieldResult[];
	/** non-fatal problems (e.g. a text M3 refused) */
	warnings: Array<{ transaction: string; message: string; code?: string; field?: string }>;
	/** reasons of a kept, stopped batch order found for this CUOR */
	errors?: OrderFailureReason[];
	source?: unknown;
}

export function s(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

export function inputError(message: string, field: string, transaction: string): M3Error {
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

/** Values M3 cannot take (a date that is no date ...) are found before anything is written. */
export function checkPlanValues(plan: BatchOrderPlan): void {
	const check = (what: string, o: unknown, transaction: string) => {
		let bad: M3Error | undefined;
		try {
			toM3Inputs(o as Record<string, unknown>);
		} catch (e) {
			bad = e as M3Error;
		}
		if (bad) throw inputError(`${what}: ${bad.message}`, bad.field, transaction);
	};
	check('head', plan.head, 'AddBatchHead');
	if (plan.address) check('address', plan.address, 'AddBatchAddress');
	plan.lines.forEach((l, i) => check(`lines[${i}]`, l, 'AddBatchLine'));
	(plan.charges ?? []).forEach((c, i) => check(`charges[${i}]`, c, 'AddBatchHeadChg'));
}

/** A copy the entry can fill in (alias resolution sets ITNO). */
export function copyPlan(plan: BatchOrderPlan): BatchOrderPlan {
	return { ...plan, head: { ...plan.head }, lines: plan.lines.map((l) => ({ ...l })) };
}

/** Cache key of an alias lookup. */
export function aliasKey(alwt: string, popn: string, alwq: string): string {
	return `${Number(alwt) || alwt}|${popn}|${alwq}`;
}
