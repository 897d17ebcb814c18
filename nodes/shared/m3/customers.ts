/** CRS610MI customers: find-or-create by a key (customer number, e-mail, or an external id kept in CUSEXTMI). */
import type { M3Client } from './client';
import { M3Error } from './errors';
import { upsertCustomField } from './customFields';
import type { M3Record } from './values';

export type CustomerKeyType = 'customerNumber' | 'email' | 'externalId';

export interface FindOrCreateCustomerInput {
	keyType: CustomerKeyType;
	key: string;
	/** CRS610MI/Add inputs (CUTM, CUNM, CUA1 mandatory) */
	add: Record<string, unknown>;
	/** externalId: the CUSEXTMI record FILE / PK01 namespace / value field holding the CUNO */
	externalId?: { FILE: string; namespace: string; valueField: string };
}

export interface FindOrCreateCustomerResult {
	CUNO: string;
	created: boolean;
	foundBy: CustomerKeyType | 'created';
	customer: M3Record;
}

function s(v: unknown): string {
	return v === undefined || v === null ? '' : String(v).trim();
}

export async function findCustomer(
	client: M3Client,
	input: FindOrCreateCustomerInput,
): Promise<M3Record | undefined> {
	const key = s(input.key);
	if (!key) throw new M3Error('The customer key is empty', { kind: 'input', field: 'key' });
	if (input.keyType === 'customerNumber') {
		return await client.find('CRS610MI', 'GetBasicData', { CUNO: key });
	}
	if (input.keyType === 'email') {
		const hits = await client.list('CRS610MI', 'SearchCustomer', { SQRY: `MAIL:"${key}"` }, { maxrecs: 20 });
		for (const h of hits) {
			const c = await client.find('CRS610MI', 'GetBasicData', { CUNO: h.CUNO });
			if (c && s(c.MAIL).toLowerCase() === key.toLowerCase()) return c;
		}
		return undefined;
	}
	const x = input.externalId;
	if (!x) throw new M3Error('externalId settings are missing', { kind: 'input', field: 'FILE' });
	const rec = await client.find('CUSEXTMI', 'GetFieldValue', { FILE: x.FILE, PK01: x.namespace, PK02: key });
	const cuno = rec ? s(rec[x.valueField]) : '';
	if (!cuno) return undefined;
	return await client.find('CRS610MI', 'GetBasicData', { CUNO: cuno });
}

export async function findOrCreateCustomer(
	client: M3Client,
	input: FindOrCreateCustomerInput,
): Promise<FindOrCreateCustomerResult> {
	const found = await findCustomer(client, input);
	if (found) return { CUNO: found.CUNO, created: false, foundBy: input.keyType, customer: found };
	const add: Record<string, unknown> = { ...input.add };
	if (input.keyType === 'customerNumber') add.CUNO = input.key;
	if (input.keyType === 'email') add.MAIL = input.key;
	for (const f of ['CUTM', 'CUNM', 'CUA1']) {
		if (!s(add[f])) {
			throw new M3Error(`${f} is missing: it is mandatory in CRS610MI/Add to create the customer`, {
				kind: 'input',
				field: f,
				program: 'CRS610MI',
				transaction: 'Add',
			});
		}
	}
	const created = await client.get('CRS610MI', 'Add', add, { idempotent: false });
	const CUNO = s(created.CUNO) || s(add.CUNO);
	if (input.keyType === 'externalId' && input.externalId) {
		await upsertCustomField(client, {
			FILE: input.externalId.FILE,
			keys: { PK01: input.externalId.namespace, PK02: s(input.key) },
			values: { [input.externalId.valueField]: CUNO },
			skipExistenceCheck: true,
		});
	}
	const customer = (await client.find('CRS610MI', 'GetBasicData', { CUNO })) ?? { CUNO };
	return { CUNO, created: true, foundBy: 'created', customer };
}
