import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withNumbers } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { optionsProperty, required, show, type OperationContext } from '../common';

const R = 'inventory';
const O = 'getWarehouseBalance';

export const BALANCE_NUMBERS = [
	'STQT',
	'QUQT',
	'RJQT',
	'ALQT',
	'AV01',
	'AVAL',
	'EXQT',
	'PLQT',
	'ORQT',
	'REQT',
	'RLQT',
	'AV02',
	'REQP',
] as const;

export const description: INodeProperties[] = [
	{
		displayName: 'Warehouse (WHLO)',
		name: 'warehouse',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, O),
	},
	{
		displayName: 'Item Number (ITNO)',
		name: 'itemNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, O),
	},
	optionsProperty(R, O),
];

/** MMS200MI/GetItmWhsBal with quantities as numbers (STQT on hand, ALQT allocated, AV01 allocatable net ...). */
export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const WHLO = required(params(this, i), 'warehouse', 'Warehouse', 'WHLO');
	const ITNO = required(params(this, i), 'itemNumber', 'Item Number', 'ITNO');
	const rec = await client.get('MMS200MI', 'GetItmWhsBal', { WHLO, ITNO });
	return withNumbers(rec, BALANCE_NUMBERS) as IDataObject;
}
