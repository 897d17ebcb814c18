import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { M3Error } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { fieldList, optionsProperty, otherFieldsProperty, required, type OperationContext } from '../common';

const R = 'customer';
const O = 'update';

export const description: INodeProperties[] = [
	{ ...otherFieldsProperty(R, O, 'CRS610MI/ChgBasicData fields to change (CUNM, CUA1, MAIL, PHNO ...)'), displayName: 'Fields' },
	optionsProperty(R, O),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const CUNO = required(params(this, i), 'customerNumber', 'Customer Number', 'CUNO', { locator: true });
	const fields = fieldList(this.getNodeParameter('otherFields', i, {}));
	if (!Object.keys(fields).length) throw new M3Error('No fields to update were given', { kind: 'input', field: 'otherFields' });
	await client.execute('CRS610MI', 'ChgBasicData', { ...fields, CUNO }, { idempotent: true });
	return { ...(await client.get('CRS610MI', 'GetBasicData', { CUNO })) };
}
