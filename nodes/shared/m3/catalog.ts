/**
 * Item master reads for the catalog sync and bulk custom-field writes (m3-mi-ion.md §3; OIS017MI from
 * scripts/m3-catalog-supplement.json, since the shared catalogue lacks it):
 * - MMS200MI/LstItmByChgDate: items changed from a date (M3 keeps the change date, not the time);
 * - MMS025MI/LstAlias (v2 bulk, few items) or LstAliasViaCat (one list per alias category, many items): SKUs, EANs;
 * - CUSEXTMI/GetFieldValue (v2 bulk): the item's custom fields;
 * - OIS017MI/LstPriceList + LstBasePrice: the sales price list header valid today and its lines. LstPriceList is
 *   reported to ignore its filters on real tenants, so the header is picked here (PRRF, CUCD, FVDT <= today <= LVDT).
 */
import type { M3Client } from './client';
import { M3Error, isAlreadyExists, isNotFound } from './errors';
import { toM3Inputs, type M3Record } from './values';
import { CUSEXT_KEYS, checkCustomField, type CustomFieldSpec } from './customFields';

/** Items at or above this count read their aliases with one LstAliasViaCat per category instead of LstAlias each. */
export const ALIAS_LIST_THRESHOLD = 200;

export interface PriceLine {
	PRRF: string;
	CUCD: string;
	FVDT: string;
	SAPR: string;
	SACD: string;
	SPUN: string;
}

const t = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

/** A date YYYYMMDD as M3 writes it, or 0/blank for "open". */
function openEnded(v: string): boolean {
	return v === '' || /^0+$/.test(v);
}

/** The header of price list PRRF/CUCD valid on `ymd` (the latest FVDT that is not after it). */
export async function priceListHeader(client: M3Client, prrf: string, cucd: string, ymd: string): Promise<M3Record> {
	const all = await client.list('OIS017MI', 'LstPriceList', { PRRF: prrf, CUCD: cucd }, { maxrecs: 0 });
	const valid = all
		.filter((h) => t(h.PRRF) === prrf && (!cucd || t(h.CUCD) === cucd) && !t(h.CUNO) && t(h.FVDT) <= ymd && (openEnded(t(h.LVDT)) || t(h.LVDT) >= ymd))
		.sort((a, b) => (t(a.FVDT) < t(b.FVDT) ? 1 : -1));
	if (!valid.length) {
		const known = [...new Set(all.map((h) => `${t(h.PRRF)}/${t(h.CUCD)}`))].slice(0, 10).join(', ');
		throw new M3Error(`Price list ${prrf}${cucd ? ` (${cucd})` : ''} has no header valid on ${ymd} in OIS017${known ? `; price lists: ${known}` : ''}`, {
			kind: 'input',
			field: 'PRRF',
			program: 'OIS017MI',
			transaction: 'LstPriceList',
		});
	}
	return valid[0];
}

/** Base prices (no customer, no start values) of a price list valid on `ymd`, by item number. */
export async function readPriceList(client: M3Client, prrf: string, cucd: string, ymd: string): Promise<Map<string, PriceLine>> {
	const h = await priceListHeader(client, prrf, cucd, ymd);
	const lines = await client.list('OIS017MI', 'LstBasePrice', { PRRF: t(h.PRRF), CUCD: t(h.CUCD), FVDT: t(h.FVDT) }, { maxrecs: 0 });
	const out = new Map<string, PriceLine>();
	for (const l of lines) {
		const itno = t(l.ITNO);
		if (!itno || t(l.CUNO) || t(l.OBV1) || t(l.OBV2) || t(l.OBV3) || out.has(itno)) continue;
		out.set(itno, { PRRF: t(h.PRRF), CUCD: t(h.CUCD), FVDT: t(h.FVDT), SAPR: t(l.SAPR), SACD: t(l.SACD) || '1', SPUN: t(l.SPUN) });
	}
	return out;
}

/**
 * Aliases of the given categories per item: LstAlias in bulk for few items, one LstAliasViaCat per category from
 * `listFrom` items (default ALIAS_LIST_THRESHOLD). Shared by the catalog sync and the inventory sync's SKU lookup.
 */
export async function aliasesOfItems(
	client: M3Client,
	itnos: string[],
	aliasTypes: string[],
	opts: { listFrom?: number; company?: string; division?: string } = {},
): Promise<Map<string, M3Record[]>> {
	const out = new Map<string, M3Record[]>();
	if (!itnos.length || !aliasTypes.length) return out;
	const e = { company: opts.company, division: opts.division };
	const wanted = new Set(itnos);
	const types = new Set(aliasTypes.map((a) => Number(a)));
	const add = (a: M3Record): void => {
		const itno = t(a.ITNO);
		if (!wanted.has(itno) || !types.has(Number(t(a.ALWT)))) return;
		const l = out.get(itno) ?? [];
		l.push(a);
		out.set(itno, l);
	};
	if (itnos.length >= (opts.listFrom ?? ALIAS_LIST_THRESHOLD)) {
		for (const alwt of [...new Set(aliasTypes)]) for (const a of await client.list('MMS025MI', 'LstAliasViaCat', { ALWT: alwt }, { ...e, maxrecs: 0 })) add(a);
		return out;
	}
	const one = aliasTypes.length === 1 ? aliasTypes[0] : undefined;
	const results = await client.bulk('MMS025MI', itnos.map((ITNO) => ({ transaction: 'LstAlias', record: one ? { ITNO, ALWT: one } : { ITNO } })), e);
	results.forEach((r, k) => {
		// an item without aliases answers NOK "record does not exist" on some releases: no alias, not a failure
		if (r.error && !isNotFound(r.error)) throw r.error;
		// the answer is the asked item's: a record that leaves ITNO (or, asked for one category, ALWT) out still is
		for (const a of r.records) add({ ...a, ITNO: t(a.ITNO) || itnos[k], ALWT: t(a.ALWT) || (one ?? '') });
	});
	return out;
}

function keyRecord(FILE: string, keys: CustomFieldSpec['keys']): M3Record {
	const out: M3Record = { FILE };
	for (const k of CUSEXT_KEYS) if (keys[k]) out[k] = String(keys[k]);
	return out;
}

/** Custom field records (CUSEXTMI/GetFieldValue, v2 bulk), one per key set; undefined where none exists. */
export async function readCustomFields(client: M3Client, specs: Array<Pick<CustomFieldSpec, 'FILE' | 'keys'>>): Promise<Array<M3Record | undefined>> {
	const results = await client.bulk('CUSEXTMI', specs.map((s) => ({ transaction: 'GetFieldValue', record: keyRecord(s.FILE, s.keys) })));
	return results.map((r) => {
		if (r.error) {
			if (isNotFound(r.error)) return undefined;
			throw r.error;
		}
		return r.records[0] ?? {};
	});
}

export interface BulkFieldResult {
	FILE: string;
	keys: Record<string, string>;
	action: 'added' | 'changed' | 'unchanged';
	/** the values written (only those that differed, when the current ones were read) */
	values: M3Record;
}

function sameValue(field: string, a: unknown, b: unknown): boolean {
	if (/^N\d96$/.test(field)) return Number(t(a) || 0) === Number(t(b) || 0);
	return t(a) === t(b);
}

/**
 * Adds or changes many custom-field records with few requests: one bulk read of the current values (unless
 * `readFirst` is false), one bulk AddFieldValue for missing records (changed instead when it exists meanwhile), one
 * bulk ChgFieldValue with only the fields that differ. Records whose values are all equal are not written, so a
 * repeated run writes nothing. Returns a result or an error per spec, in order.
 */
export async function upsertCustomFieldsBulk(client: M3Client, specs: CustomFieldSpec[], opts: { readFirst?: boolean } = {}): Promise<Array<BulkFieldResult | M3Error>> {
	const out: Array<BulkFieldResult | M3Error> = new Array(specs.length);
	const todo: number[] = [];
	specs.forEach((s, i) => {
		try {
			checkCustomField(s);
			todo.push(i);
		} catch (e) {
			out[i] = e as M3Error;
		}
	});
	const current: Array<M3Record | undefined | null> = opts.readFirst === false ? todo.map(() => null) : await readCustomFields(client, todo.map((i) => specs[i]));
	const result = (i: number, action: BulkFieldResult['action'], values: M3Record): BulkFieldResult => {
		const keys = keyRecord(specs[i].FILE, specs[i].keys);
		delete keys.FILE;
		return { FILE: specs[i].FILE, keys: keys as Record<string, string>, action, values };
	};
	const adds: number[] = [];
	const changes: Array<{ i: number; values: M3Record }> = [];
	todo.forEach((i, k) => {
		const values = toM3Inputs(specs[i].values);
		const cur = current[k];
		if (!cur) {
			adds.push(i);
			return;
		}
		const diff: M3Record = {};
		for (const [f, v] of Object.entries(values)) if (!sameValue(f, cur[f], v)) diff[f] = v;
		if (Object.keys(diff).length) changes.push({ i, values: diff });
		else out[i] = result(i, 'unchanged', {});
	});
	if (adds.length) {
		const added = await client.bulk('CUSEXTMI', adds.map((i) => ({ transaction: 'AddFieldValue', record: { ...keyRecord(specs[i].FILE, specs[i].keys), ...toM3Inputs(specs[i].values), ...(specs[i].skipExistenceCheck ? { VEXI: '1' } : {}) } })), { idempotent: false });
		added.forEach((r, k) => {
			const i = adds[k];
			if (!r.error) out[i] = result(i, 'added', toM3Inputs(specs[i].values));
			// there already (created meanwhile, or not read first): change it instead
			else if (isAlreadyExists(r.error)) changes.push({ i, values: toM3Inputs(specs[i].values) });
			else out[i] = r.error;
		});
	}
	if (changes.length) {
		const res = await client.bulk('CUSEXTMI', changes.map(({ i, values }) => ({ transaction: 'ChgFieldValue', record: { ...keyRecord(specs[i].FILE, specs[i].keys), ...values } })), { idempotent: true });
		res.forEach((r, k) => {
			const { i, values } = changes[k];
			out[i] = r.error ?? result(i, 'changed', values);
		});
	}
	return out;
}
