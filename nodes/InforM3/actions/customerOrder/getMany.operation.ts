import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { hintLimitReached, params, returnAllFields } from '../../../shared/execution';
import { optionsProperty, records, required, show, type OperationContext } from '../common';

const R = 'customerOrder';
const O = 'getMany';

export const description: INodeProperties[] = [
	{
		displayName: 'Customer Number (CUNO)',
		name: 'customerNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, O),
	},
	...returnAllFields(show(R, O).show),
	optionsProperty(R, O, [
		{
			displayName: 'Lowest Status From (ORSL)',
			name: 'lowestStatus',
			type: 'string',
			default: '',
			placeholder: '22',
			description: 'Only orders whose lowest line status is at least this',
		},
		{
			displayName: 'Highest Status To (ORST)',
			name: 'highestStatus',
			type: 'string',
			default: '',
			placeholder: '66',
			description: 'Only orders whose highest line status is at most this',
		},
		{
			displayName: 'Customer Order Reference (CUOR)',
			name: 'customerOrderReference',
			type: 'string',
			default: '',
			description: 'Only orders with this CUOR',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const CUNO = required(params(this, i), 'customerNumber', 'Customer Number', 'CUNO');
	const o = params(this, i).collection();
	const limit = params(this, i).limit() ?? 0; // 0 = all (M3 client)
	const cuor = String(o.customerOrderReference ?? '').trim();
	let list = await client.list(
		'OIS100MI',
		'LstHead',
		{ CUNO, ORSL: o.lowestStatus, ORST: o.highestStatus },
		{ maxrecs: cuor ? 0 : limit },
	);
	if (cuor) list = list.filter((h) => h.CUOR === cuor);
	if (limit && list.length >= limit) hintLimitReached(this, 'orders', limit, list.length > limit || undefined);
	return records(limit ? list.slice(0, limit) : list);
}
