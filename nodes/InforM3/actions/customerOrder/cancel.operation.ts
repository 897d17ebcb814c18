import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cancelCustomerOrder, type CancelOrderOptions } from '../../../shared/m3';
import { optionsProperty, show, type OperationContext } from '../common';
import { params } from '../../../shared/execution';

const R = 'customerOrder';
const O = 'cancel';

export const description: INodeProperties[] = [
	{
		displayName: 'Cancellation (JSON)',
		name: 'cancellationJson',
		type: 'json',
		default: '={{ $json }}',
		description:
			'What to cancel: { CUNO, CUOR (Amazon order ID), scope: "order" | "lines", lines: [{ CUOR (Amazon order item ID) }] } — the output of M3 Amazon Transform "Amazon Order to M3 Cancellation"',
		displayOptions: show(R, O),
	},
	optionsProperty(R, O, [
		{
			displayName: 'Cancel up to Line Status',
			name: 'maxStatus',
			type: 'options',
			options: [
				{ name: '22 (Nothing Allocated)', value: '22' },
				{ name: '23 (Partly Allocated)', value: '23' },
				{ name: '33 (Allocated)', value: '33' },
			],
			default: '33',
			description:
				'Lines in this status or lower are deleted (M3 de-allocates them); from 44 (on a picking list) the item fails as too late to cancel, for a person to stop the shipment',
		},
		{
			displayName: 'Duplicate Check',
			name: 'duplicateCheck',
			type: 'options',
			options: [
				{ name: 'Key Record per CUOR (CUSEXTMI)', value: 'keyRecord' },
				{ name: 'Key Record, Older Orders by Search Engine (SearchHead)', value: 'searchHead' },
				{ name: 'Key Record, Older Orders by Listing the Customer (LstHead)', value: 'lstHead' },
			],
			default: 'keyRecord',
			description: 'How the M3 order of the Amazon order is found (as in Create)',
		},
		{
			displayName: 'Lost Sales Statistics (OT65)',
			name: 'lostSales',
			type: 'boolean',
			default: false,
			description: 'Whether M3 records the deleted quantities as lost sales',
		},
		{
			displayName: 'Order Key Table (FILE)',
			name: 'keyFile',
			type: 'string',
			default: 'OOHEAD',
			description: 'CUSEXTMI table of the order key records (the same as in Create)',
		},
		{
			displayName: 'Reason Code (RSCD)',
			name: 'reasonCode',
			type: 'string',
			default: '',
			description: 'OIS100MI/DelLine transaction reason (must exist in M3); empty = none',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const plan = params(this, i).json('cancellationJson', { required: true, shape: 'any' });
	const o = params(this, i).collection();
	const result = await cancelCustomerOrder(client, plan, {
		keyFile: (o.keyFile as string) || 'OOHEAD',
		maxStatus: (o.maxStatus as string) || '33',
		reasonCode: (o.reasonCode as string) || '',
		lostSales: o.lostSales === true,
		duplicateCheck: (o.duplicateCheck as CancelOrderOptions['duplicateCheck']) ?? 'keyRecord',
	});
	return result as unknown as IDataObject;
}
