import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsProperty, required, show, type OperationContext } from '../common';

const R = 'item';
const O = 'get';

export const description: INodeProperties[] = [
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

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const ITNO = required.call(this, 'itemNumber', i, 'Item Number', 'ITNO');
	return { ...(await client.get('MMS200MI', 'Get', { ITNO })) };
}
