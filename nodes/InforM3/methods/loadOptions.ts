import type { FieldType, ILoadOptionsFunctions, INodePropertyOptions, ResourceMapperFields } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { M3Error } from '../../shared/m3';
import { createClient } from '../transport';

/** One MI call for the editor's lists (maxrecs 0 = all); an MI error becomes the list's error message. */
export async function load(
	this: ILoadOptionsFunctions,
	program: string,
	transaction: string,
	input: Record<string, string>,
	maxrecs = 0,
): Promise<Array<Record<string, string>>> {
	const client = await createClient.call(this);
	const r = await client.run(program, transaction, input, { maxrecs });
	if (r.error) {
		throw new NodeOperationError(this.getNode(), `${program}/${transaction}: ${(r.error as M3Error).fullMessage}`);
	}
	return r.records;
}

/** The value of a resource locator (or of the plain string older workflows hold) of the node being edited. */
export function currentValue(this: ILoadOptionsFunctions, name: string): string {
	const v = this.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
	return typeof v === 'string' ? v.trim() : '';
}

/** MRS001MI/LstFields (TRTP I) of the chosen transaction; mandatory fields marked */
export async function getInputFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const MINM = currentValue.call(this, 'program');
	const TRNM = currentValue.call(this, 'transaction');
	if (!MINM || !TRNM) return [];
	const rows = await load.call(this, 'MRS001MI', 'LstFields', { MINM, TRNM, TRTP: 'I' });
	return rows.map((r) => ({
		name: `${r.FLNM} - ${r.FLDS ?? ''}${r.MAND === '1' ? ' (mandatory)' : ''}`,
		value: r.FLNM,
		description: `${r.TYPE ?? ''}${r.LENG ?? ''}`,
	}));
}

/**
 * M3 field type -> the mapper's input: numeric fields (N) of up to 15 digits as numbers (a JS number holds them
 * exactly; n8n checks the value is one), everything else as text (A; D dates are YYYYMMDD text, not n8n dates).
 */
function fieldType(type: string | undefined, length: number): FieldType {
	return type === 'N' && length > 0 && length <= 15 ? 'number' : 'string';
}

/** Resource mapper of Transaction (Any): MRS001MI/LstFields (TRTP I), mandatory fields first and always shown. */
export async function getMappingFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const MINM = currentValue.call(this, 'program');
	const TRNM = currentValue.call(this, 'transaction');
	if (!MINM || !TRNM) return { fields: [], emptyFieldsNotice: 'Choose a program and a transaction first' };
	const rows = await load.call(this, 'MRS001MI', 'LstFields', { MINM, TRNM, TRTP: 'I' });
	const fields = rows.map((r) => {
		const length = Number(r.LENG ?? 0);
		return {
			id: r.FLNM,
			displayName: `${r.FLNM} - ${r.FLDS ?? ''} (${r.TYPE ?? ''}${length || ''})`,
			required: r.MAND === '1',
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: fieldType(r.TYPE, length),
		};
	});
	fields.sort((a, b) => Number(b.required) - Number(a.required));
	return { fields, emptyFieldsNotice: `${MINM}/${TRNM} has no input fields` };
}
