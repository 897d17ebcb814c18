import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getCustomField, M3Error } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { optionsProperty, type OperationContext } from '../common';
import { keysOf } from './common';

const R = 'customField';
const O = 'get';

export const description: INodeProperties[] = [
	optionsProperty(R, O, [
		{
			displayName: 'Error if Not Found',
			name: 'errorIfNotFound',
			type: 'boolean',
			default: true,
			description: 'Whether a missing record is an error; otherwise the item gets found: false',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const { FILE, keys } = keysOf.call(this, i);
	const rec = await getCustomField(client, FILE, keys);
	if (!rec) {
		if (params(this, i).collection().errorIfNotFound === false) return { found: false, FILE, ...keys };
		throw new M3Error(`No custom field record ${FILE} ${Object.values(keys).join('/')}`, {
			program: 'CUSEXTMI',
			transaction: 'GetFieldValue',
			code: 'XRE0103',
			field: 'PK01',
		});
	}
	return { found: true, ...rec };
}
