/**
 * (7) Declarative custom-field mapping: source path in the Amazon order (or canonical order) -> M3 order-head field or
 * CUSEXTMI field (FILE + A030..A930 / A121 / N096..N996 / PK02..).
 */
import { CUSEXT_FIELD_LENGTHS, CUSEXT_NUMERIC, HEAD_FIELD_LENGTHS } from './m3Fields';
import { isRecord, issue, type Issue } from './result';

export interface CustomFieldRule {
	/** path, e.g. "amazon.buyer.buyerPurchaseOrderNumber", "canonical.isBusinessOrder", "orderItems[0].product.asin" */
	source: string;
	/** "YREF" (order head field) or "OOHEAD.A030" (CUSEXTMI FILE.field) */
	target: string;
	/** value when the path resolves to nothing (omit = rule skipped) */
	default?: string;
	/** when true a missing value is an issue */
	required?: boolean;
}

export interface CustomFieldOutput {
	head: Record<string, string>;
	customFields: Array<{ FILE: string; values: Record<string, string> }>;
	issues: Issue[];
}

const SEG_RE = /([^.[\]]+)|\[(\d+)\]/g;

export function getPath(root: unknown, path: string): unknown {
	let cur: unknown = root;
	SEG_RE.lastIndex = 0;
	let mm: RegExpExecArray | null;
	while ((mm = SEG_RE.exec(path)) !== null) {
		if (cur === undefined || cur === null) return undefined;
		if (mm[2] !== undefined) {
			if (!Array.isArray(cur)) return undefined;
			cur = cur[Number(mm[2])];
		} else {
			if (!isRecord(cur) && !Array.isArray(cur)) return undefined;
			const key = mm[1];
			if (key === '__proto__' || key === 'constructor' || key === 'prototype') return undefined;
			cur = (cur as Record<string, unknown>)[key];
		}
	}
	return cur;
}

function toText(v: unknown): string | undefined {
	if (v === undefined || v === null) return undefined;
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (Array.isArray(v)) return v.map((x) => toText(x) ?? '').join(',');
	if (isRecord(v) && (v.amount !== undefined || v.Amount !== undefined)) return String(v.amount ?? v.Amount);
	return JSON.stringify(v);
}

export function applyCustomFields(
	rules: CustomFieldRule[],
	sources: { amazon?: unknown; canonical?: unknown },
): CustomFieldOutput {
	const out: CustomFieldOutput = { head: {}, customFields: [], issues: [] };
	const files = new Map<string, Record<string, string>>();
	rules.forEach((rule, i) => {
		const p = `customFields[${i}]`;
		let value: unknown;
		const src = rule.source.trim();
		if (src.startsWith('amazon.')) value = getPath(sources.amazon, src.slice(7));
		else if (src.startsWith('canonical.')) value = getPath(sources.canonical, src.slice(10));
		else {
			value = sources.amazon !== undefined ? getPath(sources.amazon, src) : undefined;
			if (value === undefined) value = getPath(sources.canonical, src);
		}
		let text = toText(value);
		if (text === undefined || text === '') text = rule.default;
		if (text === undefined || text === '') {
			if (rule.required) out.issues.push(issue(p, 'custom_field_missing', `No value at "${rule.source}" for ${rule.target}`));
			return;
		}
		const target = rule.target.trim().toUpperCase();
		const dot = target.indexOf('.');
		if (dot < 0) {
			let v = text;
			if ((target === 'ORDT' || target === 'CUDT' || target === 'RLDT') && /^\d{4}-\d{2}-\d{2}/.test(v)) v = v.slice(0, 10).replace(/-/g, '');
			const max = HEAD_FIELD_LENGTHS[target];
			if (!/^[A-Z0-9]{4}$/.test(target)) out.issues.push(issue(p + '.target', 'invalid_target', `"${rule.target}" is not an M3 field name`));
			else if (max !== undefined && v.length > max) out.issues.push(issue(p, 'field_too_long', `${target} "${v}" is longer than ${max}`));
			else out.head[target] = v;
			return;
		}
		const file = target.slice(0, dot);
		const field = target.slice(dot + 1);
		if (!/^[A-Z0-9]{1,10}$/.test(file) || !(CUSEXT_FIELD_LENGTHS[field] !== undefined || CUSEXT_NUMERIC.has(field))) {
			out.issues.push(issue(p + '.target', 'invalid_target', `"${rule.target}" is not FILE.field with a CUSEXTMI field (A030..A930, A121, N096..N996, PK02..PK08)`));
			return;
		}
		if (CUSEXT_NUMERIC.has(field)) {
			if (text === 'true' || text === 'false') text = text === 'true' ? '1' : '0';
			if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(text)) {
				out.issues.push(issue(p, 'invalid_number', `${target} needs a number (19,6), got "${text}"`));
				return;
			}
		} else if (text.length > CUSEXT_FIELD_LENGTHS[field]) {
			out.issues.push(issue(p, 'field_too_long', `${target} "${text}" is longer than ${CUSEXT_FIELD_LENGTHS[field]}`));
			return;
		}
		let vals = files.get(file);
		if (!vals) {
			vals = {};
			files.set(file, vals);
		}
		vals[field] = text;
	});
	for (const [FILE, values] of files) out.customFields.push({ FILE, values });
	return out;
}
