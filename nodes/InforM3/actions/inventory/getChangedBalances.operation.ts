import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseM3Number, withNumbers } from '../../../shared/m3';
import { getLimit, getOptions, optionsProperty, returnAllProperties, show, str, type OperationContext } from '../common';

const R = 'inventory';
const O = 'getChangedBalances';

export const description: INodeProperties[] = [
	{
		displayName: 'Changed Since (LMTS)',
		name: 'since',
		type: 'string',
		default: '',
		description:
			'M3 change timestamp; only balances changed after it are returned. Empty = all. Keep the largest LMTS returned for the next run.',
		displayOptions: show(R, O),
	},
	...returnAllProperties(R, O),
	optionsProperty(R, O, [
		{
			displayName: 'Warehouse (WHLO)',
			name: 'warehouse',
			type: 'string',
			default: '',
			description: 'Only balances of this warehouse',
		},
	]),
];

/** OIS100MI/LstNewBalances (delta since LMTS); AV01/AV02 as numbers; each item carries the cursor "nextSince". */
export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const since = str.call(this, 'since', i);
	const limit = getLimit.call(this, i);
	const whlo = String(getOptions.call(this, i).warehouse ?? '').trim();
	let list = await client.list('OIS100MI', 'LstNewBalances', { LMTS: since }, { maxrecs: whlo ? 0 : limit });
	if (whlo) list = list.filter((r) => r.WHLO === whlo);
	if (limit) list = list.slice(0, limit);
	let next = since;
	for (const r of list) {
		const n = parseM3Number(r.LMTS);
		if (n !== null && (next === '' || n > Number(next))) next = String(r.LMTS);
	}
	return list.map((r) => ({ ...withNumbers(r, ['AV01', 'AV02']), since, nextSince: next }) as IDataObject);
}
