import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { findOrCreateCustomer, type CustomerKeyType } from '../../../shared/m3';
import { params } from '../../../shared/execution';
import { optionsProperty, required, show, type OperationContext } from '../common';
import { addInput, addProperties } from './create.operation';

const R = 'customer';
const O = 'findOrCreate';

export const description: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'keyType',
		type: 'options',
		options: [
			{ name: 'E-Mail (MAIL)', value: 'email' },
			{
				name: 'External ID (Custom Field)',
				value: 'externalId',
				description: 'An ID kept in CUSEXTMI: FILE, PK01 = namespace, PK02 = the ID, value field = CUNO',
			},
			{ name: 'Customer Number (CUNO)', value: 'customerNumber' },
		],
		default: 'email',
		displayOptions: show(R, O),
	},
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		default: '',
		required: true,
		description: 'The e-mail, external ID or customer number to look for',
		displayOptions: show(R, O),
	},
	...addProperties(O),
	optionsProperty(R, O, [
		{ displayName: 'External ID File (FILE)', name: 'externalIdFile', type: 'string', default: 'OCUSMA' },
		{ displayName: 'External ID Namespace (PK01)', name: 'externalIdNamespace', type: 'string', default: 'EXTID' },
		{ displayName: 'External ID Value Field', name: 'externalIdValueField', type: 'string', default: 'A030' },
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const o = params(this, i).collection();
	const result = await findOrCreateCustomer(client, {
		keyType: this.getNodeParameter('keyType', i) as CustomerKeyType,
		key: required(params(this, i), 'key', 'Key', 'key'),
		add: addInput.call(this, i),
		externalId: {
			FILE: String(o.externalIdFile || 'OCUSMA'),
			namespace: String(o.externalIdNamespace || 'EXTID'),
			valueField: String(o.externalIdValueField || 'A030'),
		},
	});
	return { ...result.customer, CUNO: result.CUNO, created: result.created, foundBy: result.foundBy };
}
