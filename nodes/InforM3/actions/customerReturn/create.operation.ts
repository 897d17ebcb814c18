import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createCustomerReturn, type CreateReturnOptions } from '../../../shared/m3';
import { optionsProperty, show, type OperationContext } from '../common';
import { params } from '../../../shared/execution';

const R = 'customerReturn';
const O = 'create';

export const description: INodeProperties[] = [
	{
		displayName: 'Return (JSON)',
		name: 'returnJson',
		type: 'json',
		default: '={{ $json }}',
		description:
			'What to return: { returnKey (the Amazon refund ID), CUNO, CUOR (Amazon order ID), WHLO, lines: [{ CUOR (Amazon order item ID), quantity, unitPrice, WHSL, RSCD }] } — the output of M3 Amazon Transform "Amazon Refunds to M3 Returns"',
		displayOptions: show(R, O),
	},
	optionsProperty(R, O, [
		{
			displayName: 'Duplicate Check (Orders)',
			name: 'duplicateCheck',
			type: 'options',
			options: [
				{ name: 'Key Record per CUOR (CUSEXTMI)', value: 'keyRecord' },
				{ name: 'Key Record, Older Orders by Search Engine (SearchHead)', value: 'searchHead' },
				{ name: 'Key Record, Older Orders by Listing the Customer (LstHead)', value: 'lstHead' },
			],
			default: 'keyRecord',
			description: 'How the M3 order of the Amazon order is found (as in Customer Order > Create)',
		},
		{
			displayName: 'Order Key Table (FILE)',
			name: 'orderKeyFile',
			type: 'string',
			default: 'OOHEAD',
			description: 'CUSEXTMI table of the order key records (the same as in Customer Order > Create)',
		},
		{
			displayName: 'Reason Code (RSCD)',
			name: 'headReasonCode',
			type: 'string',
			default: '',
			description: 'OIS390MI/AddHead transaction reason of the return (must exist in M3); empty = none. Line reasons come from the restock decision.',
		},
		{
			displayName: 'Responsible (RERE)',
			name: 'responsible',
			type: 'string',
			default: '',
			description: 'Return responsible (an M3 user); empty = the API user',
		},
		{
			displayName: 'Return Key Table (FILE)',
			name: 'keyFile',
			type: 'string',
			default: 'OCHEAD',
			description: 'CUSEXTMI table of the return key records (one per Amazon refund: a replay never adds a return or a credit twice)',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const plan = params(this, i).json('returnJson', { required: true, shape: 'any' });
	const o = params(this, i).collection();
	const result = await createCustomerReturn(client, plan, {
		keyFile: (o.keyFile as string) || 'OCHEAD',
		orderKeyFile: (o.orderKeyFile as string) || 'OOHEAD',
		duplicateCheck: (o.duplicateCheck as CreateReturnOptions['duplicateCheck']) ?? 'keyRecord',
		headReasonCode: (o.headReasonCode as string) || '',
		responsible: (o.responsible as string) || '',
	});
	return result as unknown as IDataObject;
}
