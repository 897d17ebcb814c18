/**
 * GL batch identity and line layout: KEY1 (GLS840MI AddBatchHead) of a marketplace + currency + window, and the
 * positional PARM of AddBatchLine per the GLS850 "position-based API" template (m3-mi-ion.md §3.7). Used by glBatch.ts.
 */
import { GL_KEY1_LENGTH, GL_PARM_LENGTH } from './m3Fields';
import { issue, type Issue } from './result';

export interface ParmField {
	/** KEY1, LINE, DIVI, ACDT, CUCD, CUAM, AIT1..AIT7, VTXT, TYPE, or "const:<text>" */
	field: string;
	/** 1-based start position */
	start: number;
	length: number;
	align?: 'left' | 'right';
	pad?: string;
	/** only for text fields: cut instead of raising an issue (declared, so not silent) */
	truncate?: boolean;
}

export const DEFAULT_PARM_LAYOUT: ParmField[] = [
	{ field: 'DIVI', start: 1, length: 3 },
	{ field: 'ACDT', start: 4, length: 8 },
	{ field: 'CUCD', start: 12, length: 3 },
	{ field: 'CUAM', start: 15, length: 17, align: 'right' },
	{ field: 'AIT1', start: 32, length: 8 },
	{ field: 'AIT2', start: 40, length: 8 },
	{ field: 'AIT3', start: 48, length: 8 },
	{ field: 'AIT4', start: 56, length: 8 },
	{ field: 'AIT5', start: 64, length: 8 },
	{ field: 'AIT6', start: 72, length: 8 },
	{ field: 'AIT7', start: 80, length: 8 },
	{ field: 'VTXT', start: 88, length: 40, truncate: true },
];

function fnv(s: string, basis = 0x811c9dc5): number {
	let h = basis;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/**
 * KEY1 (GLS840MI, 10 characters) of the batch of one marketplace + currency + posting window: prefix (0-3) + a
 * base-36 digest of (marketplace, currency, start, end) filling the rest. Same window, marketplace and currency ->
 * same KEY1 (idempotent GL batch); a USD and an EUR batch of the same day never share one. The batch's DESC says in
 * words what the key stands for.
 */
export function deriveKey1(prefix: string, marketplace: string, currency: string, start: string, end: string): string {
	const width = Math.max(1, GL_KEY1_LENGTH - prefix.length);
	const text = `${marketplace}|${currency}|${new Date(Date.parse(start)).toISOString()}|${new Date(Date.parse(end)).toISOString()}`;
	const h = (BigInt(fnv(text)) << BigInt(32)) | BigInt(fnv(text, 0x01000193 ^ 0x5bd1e995));
	const digest = (h % BigInt(36) ** BigInt(width)).toString(36).toUpperCase().padStart(width, '0');
	return prefix + digest;
}

export function buildParm(values: Record<string, string>, layout: ParmField[]): { parm: string; issues: Issue[] } {
	const issues: Issue[] = [];
	let width = 0;
	for (const f of layout) width = Math.max(width, f.start - 1 + f.length);
	const buf: string[] = new Array(width).fill(' ');
	for (const f of layout) {
		let v = f.field.startsWith('const:') ? f.field.slice(6) : values[f.field] ?? '';
		if (v.length > f.length) {
			if (f.truncate) v = v.slice(0, f.length);
			else {
				issues.push(issue(`parmLayout.${f.field}`, 'parm_field_overflow', `${f.field} "${v}" does not fit ${f.length} positions`));
				continue;
			}
		}
		const pad = (f.pad ?? ' ').charAt(0) || ' ';
		const text = f.align === 'right' ? v.padStart(f.length, pad) : v.padEnd(f.length, pad);
		for (let i = 0; i < f.length; i++) buf[f.start - 1 + i] = text[i];
	}
	const parm = buf.join('').replace(/\s+$/, '');
	if (parm.length > GL_PARM_LENGTH) issues.push(issue('parmLayout', 'parm_too_long', `PARM is ${parm.length} characters; GLS840MI AddBatchLine takes ${GL_PARM_LENGTH}`));
	return { parm, issues };
}
