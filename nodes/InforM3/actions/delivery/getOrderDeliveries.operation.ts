import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params } from '../../../shared/execution';
import { optionsProperty, required, show, type OperationContext } from '../common';
import { deliveryLinesOfOrder } from './helpers';

const R = 'delivery';
const O = 'getOrderDeliveries';

export const description: INodeProperties[] = [
	{
		displayName: 'Order Number (ORNO)',
		name: 'orderNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show(R, O),
	},
	optionsProperty(R, O),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const ORNO = required(params(this, i), 'orderNumber', 'Order Number', 'ORNO');
	return (await deliveryLinesOfOrder(client, ORNO)) as IDataObject[];
}
