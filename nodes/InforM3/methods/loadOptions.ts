import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
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
