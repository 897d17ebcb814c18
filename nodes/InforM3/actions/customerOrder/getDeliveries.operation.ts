import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params } from '../../../shared/execution';
import { optionsProperty, required, type OperationContext } from '../common';
import { deliveryLinesOfOrder } from '../delivery/helpers';
import { orderNumberProperty } from './get.operation';

const R = 'customerOrder';
const O = 'getDeliveries';

export const description: INodeProperties[] = [orderNumberProperty(O), optionsProperty(R, O)];

/** Delivery lines of the order (MWS411MI/LstDelLnByOrd, RORC 3), one item per delivery line. */
export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject[]> {
	const ORNO = required(params(this, i), 'orderNumber', 'Order Number', 'ORNO');
	return (await deliveryLinesOfOrder(client, ORNO)) as IDataObject[];
}
