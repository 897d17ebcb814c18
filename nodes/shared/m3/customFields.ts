/**
 * CUSEXTMI (customer generic extension table CUGEX1): FILE + PK01..PK08 keys, values A030..A930 (text), N096..N996
 * (numeric), A121. m3-mi-ion.md §3.8.
 */
import type { M3Client } from './client';
import { M3Error, isAlreadyExists } from './errors';
import { toM3Inputs, type M3Record } from './values';

export const CUSEXT_KEYS = ['PK01', 'PK02', 'PK03', 'PK04', 'PK05', 'PK06', 'PK07', 'PK08'] as const;
export const CUSEXT_VALUE_FIELDS = [
	'A030',
	'A130',
	'A230',
	'A330',
	'A430',
	'A530',
	'A630',
	'A730',
	'A830',
	'A930',
	'A121',
	'N096',
	'N196',
	'N296',
	'N396',
	'N496',
	'N596',
	'N696',
	'N796',
	'N896',
	'N996',
	'MIGR',
] as const;

export interface CustomFieldSpec {
	FILE: string;
	keys: Partial<Record<(typeof CUSEXT_KEYS)[number], string>>;
	values: Record<string, unknown>;
	/** VEXI=1: do not check that the M3 record the keys point at exists */
	skipExistenceCheck?: boolean;
}

export interface CustomFieldResult {
	FILE: string;
	keys: Record<string, string>;
	action: 'added' | 'changed';
	values: M3Record;
}

function keysOf(spec: CustomFieldSpec): M3Record {
	const out: M3Record = {};
	for (const k of CUSEXT_KEYS) {
		const v = spec.keys[k];
		if (v !== undefined && v !== null && String(v) !== '') out[k] = String(v);
	}
	return out;
}

/** Validates a FILE/keys/values spec: names the bad field (never sends junk to M3). */
export function checkCustomField(spec: CustomFieldSpec, where = 'customFields'): void {
	if (!spec.FILE) throw new M3Error(`${where}: FILE is missing (e.g. OOHEAD, OCUSMA)`, { kind: 'input', field: 'FILE' });
	if (!spec.keys.PK01) throw new M3Error(`${where}: PK01 is missing`, { kind: 'input', field: 'PK01' });
	for (const name of Object.keys(spec.values)) {
		if (!(CUSEXT_VALUE_FIELDS as readonly string[]).includes(name)) {
			throw new M3Error(
				`${where}: "${name}" is not a CUSEXTMI value field (use A030..A930, A121, N096..N996, MIGR)`,
				{ kind: 'input', field: name },
			);
		}
	}
}

/** Add, or change when the record exists (XRE0104). */
export async function upsertCustomField(client: M3Client, spec: CustomFieldSpec): Promise<CustomFieldResult> {
	checkCustomField(spec);
	const keys = keysOf(spec);
	const values = toM3Inputs(spec.values);
	const input: Record<string, unknown> = { FILE: spec.FILE, ...keys, ...values };
	if (spec.skipExistenceCheck) input.VEXI = '1';
	const add = await client.run('CUSEXTMI', 'AddFieldValue', input, { idempotent: false });
	if (!add.error) return { FILE: spec.FILE, keys, action: 'added', values };
	if (!isAlreadyExists(add.error)) throw add.error;
	await client.execute('CUSEXTMI', 'ChgFieldValue', input, { idempotent: true });
	return { FILE: spec.FILE, keys, action: 'changed', values };
}

export async function getCustomField(
	client: M3Client,
	FILE: string,
	keys: CustomFieldSpec['keys'],
): Promise<M3Record | undefined> {
	return await client.find('CUSEXTMI', 'GetFieldValue', { FILE, ...keysOf({ FILE, keys, values: {} }) });
}

/**
 * Many upserts in one CUSEXTMI bulk request (AddFieldValue), plus one for the records that already existed
 * (ChgFieldValue). `extra` transactions ride along first (best effort, their results are not looked at).
 * Returns one result or error per spec, in order.
 */
export async function upsertCustomFields(
	client: M3Client,
	specs: CustomFieldSpec[],
	opts: { company?: string; division?: string; extra?: Array<{ transaction: string; record: Record<string, unknown> }> } = {},
): Promise<Array<CustomFieldResult | M3Error>> {
	const { extra = [], ...exec } = opts;
	specs.forEach((spec, i) => checkCustomField(spec, `customFields[${i}]`));
	const inputs = specs.map((spec) => {
		const input: Record<string, unknown> = { FILE: spec.FILE, ...keysOf(spec), ...toM3Inputs(spec.values) };
		if (spec.skipExistenceCheck) input.VEXI = '1';
		return input;
	});
	if (!inputs.length && !extra.length) return [];
	const added = await client.bulk(
		'CUSEXTMI',
		[...extra, ...inputs.map((record) => ({ transaction: 'AddFieldValue', record }))],
		{ ...exec, idempotent: false },
	);
	const out: Array<CustomFieldResult | M3Error> = specs.map((spec, i) => {
		const r = added[extra.length + i];
		return r?.error ?? { FILE: spec.FILE, keys: keysOf(spec), action: 'added', values: toM3Inputs(spec.values) };
	});
	const again = specs.map((_s, i) => i).filter((i) => isAlreadyExists(out[i]));
	if (again.length) {
		const changed = await client.bulk(
			'CUSEXTMI',
			again.map((i) => ({ transaction: 'ChgFieldValue', record: inputs[i] })),
			{ ...exec, idempotent: true },
		);
		again.forEach((i, j) => {
			const spec = specs[i];
			out[i] = changed[j]?.error ?? { FILE: spec.FILE, keys: keysOf(spec), action: 'changed', values: toM3Inputs(spec.values) };
		});
	}
	return out;
}
