import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getOptions, optionsProperty, required, type OperationContext } from '../common';
import { packageLevelOption } from './getPackages.operation';
import { shipmentFeedback } from './helpers';

const R = 'delivery';
const O = 'getShipmentFeedback';

export const description: INodeProperties[] = [optionsProperty(R, O, [packageLevelOption])];

/** One item per order: head + deliveries (head, lines with the order line CUOR, packages). Shape: docs/contracts.md. */
export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const ORNO = required.call(this, 'orderNumber', i, 'Order Number', 'ORNO');
	const level = String(getOptions.call(this, i).packageLevel ?? '0') || '0';
	return (await shipmentFeedback(client, ORNO, level)) as unknown as IDataObject;
}
