import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { params } from '../../../shared/execution';
import { m3Locator, optionsProperty, required, show, type OperationContext } from '../common';

const R = 'customer';
const O = 'get';

export const description: INodeProperties[] = [
	m3Locator({
		displayName: 'Customer (CUNO)',
		name: 'customerNumber',
		displayOptions: show(R, [O, 'update']),
		searchListMethod: 'searchCustomers',
		placeholder: 'C10001',
		regex: '^\\S{1,10}$',
		errorMessage: 'Not a customer number (CUNO: up to 10 characters, no spaces)',
	}),
	optionsProperty(R, O, [
		{
			displayName: 'Include Order Info',
			name: 'includeOrderInfo',
			type: 'boolean',
			default: false,
			description: 'Whether to add CRS610MI/GetOrderInfo (order type, delivery terms, warehouse) as "orderInfo"',
		},
	]),
];

export async function execute(this: IExecuteFunctions, { client, i }: OperationContext): Promise<IDataObject> {
	const CUNO = required(params(this, i), 'customerNumber', 'Customer Number', 'CUNO', { locator: true });
	const c: IDataObject = { ...(await client.get('CRS610MI', 'GetBasicData', { CUNO })) };
	if (params(this, i).collection().includeOrderInfo) c.orderInfo = await client.get('CRS610MI', 'GetOrderInfo', { CUNO });
	return c;
}
