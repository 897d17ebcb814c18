import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params } from '../../../shared/execution';
import { optionsProperty, required, show, type OperationContext } from '../common';

const R = 'customerOrder';
const O = 'get';

export const orderNumberProperty = (operation: string): INodeProperties => ({
	displayName: 'Order Number (ORNO)',
	name: 'orderNumber',
	type: 'string',
	default: '',
	required: true,
	displayOptions: show(R, operation),
});

export const description: INodeProperties[] = [
	orderNumberProperty(O),
	optionsProperty(R, O, [
		{
			displayName: 'Include Lines',
			name: 'includeLines',
			type: 'boolean',
			default: false,
			description: 'Whether to add the order lines (OIS100MI/LstLine) as "lines"',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const ORNO = required(params(this, i), 'orderNumber', 'Order Number', 'ORNO');
	const head: IDataObject = { ...(await client.get('OIS100MI', 'GetHead', { ORNO })) };
	if (params(this, i).collection().includeLines) {
		head.lines = await client.list('OIS100MI', 'LstLine', { ORNO }, { maxrecs: 0 });
	}
	return head;
}
