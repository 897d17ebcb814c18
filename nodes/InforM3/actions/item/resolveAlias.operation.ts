import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params } from '../../../shared/execution';
import { optionsProperty, required, show, type OperationContext } from '../common';
import { M3Error } from '../../../shared/m3';

const R = 'item';
const O = 'resolveAlias';

export const description: INodeProperties[] = [
	{
		displayName: 'Alias (POPN)',
		name: 'alias',
		type: 'string',
		default: '',
		required: true,
		description: 'The alias number, e.g. an Amazon seller SKU or an EAN',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Alias Type (ALWT)',
		name: 'aliasType',
		type: 'string',
		default: '1',
		description: 'MMS025 alias category (1 = popular number, 2 = EAN ...)',
		displayOptions: show(R, O),
	},
	optionsProperty(R, O, [
		{ displayName: 'Alias Qualifier (ALWQ)', name: 'aliasQualifier', type: 'string', default: '' },
		{
			displayName: 'Error if Not Found',
			name: 'errorIfNotFound',
			type: 'boolean',
			default: true,
			description: 'Whether an unknown alias is an error; otherwise the item gets found: false',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const POPN = required(params(this, i), 'alias', 'Alias', 'POPN');
	const ALWT = params(this, i).str('aliasType') || '1';
	const o = params(this, i).collection();
	const hit = await client.find('MMS025MI', 'GetItem', { ALWT, POPN, ALWQ: o.aliasQualifier });
	if (!hit) {
		if (o.errorIfNotFound === false) return { found: false, POPN, ALWT, ITNO: '' };
		throw new M3Error(`No item has the alias "${POPN}" (alias type ${ALWT})`, {
			program: 'MMS025MI',
			transaction: 'GetItem',
			code: 'XRE0103',
			field: 'POPN',
		});
	}
	return { found: true, ...hit };
}
