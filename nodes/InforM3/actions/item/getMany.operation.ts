import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { hintLimitReached, params, returnAllFields } from '../../../shared/execution';
import { optionsProperty, records, show, type OperationContext } from '../common';

const R = 'item';
const O = 'getMany';

export const description: INodeProperties[] = [
	{
		displayName: 'List',
		name: 'listBy',
		type: 'options',
		options: [
			{ name: 'Items (MMS200MI/LstItmByItm)', value: 'item' },
			{ name: 'Item/Warehouse Records by Item (LstItmWhsByItm)', value: 'itemWarehouse' },
			{ name: 'Item/Warehouse Records by Warehouse (LstItmWhsByWhs)', value: 'warehouse' },
		],
		default: 'item',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Start at Item Number',
		name: 'startItemNumber',
		type: 'string',
		default: '',
		description: 'Item number to start from (list order); empty = from the start',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Warehouse (WHLO)',
		name: 'warehouse',
		type: 'string',
		default: '',
		displayOptions: { show: { ...show(R, O).show, listBy: ['itemWarehouse', 'warehouse'] } },
	},
	...returnAllFields(show(R, O).show),
	optionsProperty(R, O),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const limit = params(this, i).limit() ?? 0; // 0 = all (M3 client)
	const listBy = this.getNodeParameter('listBy', i, 'item') as string;
	const ITNO = params(this, i).str('startItemNumber');
	const WHLO = params(this, i).str('warehouse');
	if (listBy === 'item') {
		const items = await client.list('MMS200MI', 'LstItmByItm', { ITNO }, { limit, startKeys: { ITNO: 'ITNO' }, pageSize: 500 });
		if (limit && items.length >= limit) hintLimitReached(this, 'items', limit);
		return records(items);
	}
	const trn = listBy === 'warehouse' ? 'LstItmWhsByWhs' : 'LstItmWhsByItm';
	const list = await client.list(
		'MMS200MI',
		trn,
		{ ITNO, WHLO },
		{ limit, startKeys: { ITNO: 'ITNO', WHLO: 'WHLO' }, pageSize: 500 },
	);
	if (limit && list.length >= limit) hintLimitReached(this, 'item/warehouse records', limit);
	return records(listBy === 'warehouse' && WHLO ? list.filter((r) => r.WHLO === WHLO) : list);
}
