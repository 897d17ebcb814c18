import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { hintLimitReached, params, returnAllFields } from '../../../shared/execution';
import { optionsProperty, records, show, type OperationContext } from '../common';

const R = 'customer';
const O = 'search';

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{ name: 'Search Query (SearchCustomer)', value: 'query' },
			{ name: 'Customer Number Order (LstByNumber)', value: 'number' },
		],
		default: 'query',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Query (SQRY)',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'CUNM:Acme~ AND TOWN:Chicago',
		description: 'M3 search engine query',
		displayOptions: { show: { ...show(R, O).show, searchBy: ['query'] } },
	},
	{
		displayName: 'Start at Customer Number',
		name: 'startCustomerNumber',
		type: 'string',
		default: '',
		displayOptions: { show: { ...show(R, O).show, searchBy: ['number'] } },
	},
	...returnAllFields(show(R, O).show),
	optionsProperty(R, O, [
		{
			displayName: 'Changed Since (LMTS)',
			name: 'changedSince',
			type: 'string',
			default: '',
			description: 'LstByNumber: only customers changed after this M3 timestamp',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const limit = params(this, i).limit() ?? 0; // 0 = all (M3 client)
	if ((this.getNodeParameter('searchBy', i, 'query') as string) === 'number') {
		const list = await client.list(
			'CRS610MI',
			'LstByNumber',
			{ CUNO: params(this, i).str('startCustomerNumber'), LMTS: params(this, i).collection().changedSince },
			{ limit, startKeys: { CUNO: 'CUNO' }, pageSize: 200 },
		);
		if (limit && list.length >= limit) hintLimitReached(this, 'customers', limit);
		return records(list);
	}
	const list = await client.list('CRS610MI', 'SearchCustomer', { SQRY: params(this, i).str('query') }, { limit });
	if (limit && list.length >= limit) hintLimitReached(this, 'customers', limit);
	return records(list);
}
