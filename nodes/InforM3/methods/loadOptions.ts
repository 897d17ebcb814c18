import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { M3Error } from '../../shared/m3';
import { createClient } from '../transport';

async function load(
	this: ILoadOptionsFunctions,
	program: string,
	transaction: string,
	input: Record<string, string>,
): Promise<Array<Record<string, string>>> {
	const client = await createClient.call(this);
	const r = await client.run(program, transaction, input, { maxrecs: 0 });
	if (r.error) {
		throw new NodeOperationError(this.getNode(), `${program}/${transaction}: ${(r.error as M3Error).fullMessage}`);
	}
	return r.records;
}

/** MRS001MI/LstPrograms */
export async function getPrograms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await load.call(this, 'MRS001MI', 'LstPrograms', {});
	return rows
		.map((r) => ({ name: `${r.MINM} - ${r.MIDS ?? ''}`.trim(), value: r.MINM }))
		.sort((a, b) => a.value.localeCompare(b.value));
}

/** MRS001MI/LstTransactions of the chosen program */
export async function getTransactions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const MINM = String(this.getCurrentNodeParameter('program') ?? '').trim();
	if (!MINM) return [];
	const rows = await load.call(this, 'MRS001MI', 'LstTransactions', { MINM });
	return rows
		.map((r) => ({ name: `${r.TRNM} - ${r.TRDS ?? ''}`.trim(), value: r.TRNM }))
		.sort((a, b) => a.value.localeCompare(b.value));
}

/** MRS001MI/LstFields (TRTP I) of the chosen transaction; mandatory fields marked */
export async function getInputFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const MINM = String(this.getCurrentNodeParameter('program') ?? '').trim();
	const TRNM = String(this.getCurrentNodeParameter('transaction') ?? '').trim();
	if (!MINM || !TRNM) return [];
	const rows = await load.call(this, 'MRS001MI', 'LstFields', { MINM, TRNM, TRTP: 'I' });
	return rows.map((r) => ({
		name: `${r.FLNM} - ${r.FLDS ?? ''}${r.MAND === '1' ? ' (mandatory)' : ''}`,
		value: r.FLNM,
		description: `${r.TYPE ?? ''}${r.LENG ?? ''}`,
	}));
}
