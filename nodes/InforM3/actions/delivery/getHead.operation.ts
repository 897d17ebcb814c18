import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params } from '../../../shared/execution';
import { optionsProperty, required, show, type OperationContext } from '../common';

const R = 'delivery';
const O = 'getHead';

export const description: INodeProperties[] = [
	{
		displayName: 'Delivery Number (DLIX)',
		name: 'deliveryNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, [O, 'getPackages']),
	},
	optionsProperty(R, O),
];

/** MWS410MI/GetHead: tracking number ETRN, forwarder FWNO, delivery method MODL, departure DSDT/DSHM. */
export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const DLIX = required(params(this, i), 'deliveryNumber', 'Delivery Number', 'DLIX');
	return { ...(await client.get('MWS410MI', 'GetHead', { DLIX })) };
}
