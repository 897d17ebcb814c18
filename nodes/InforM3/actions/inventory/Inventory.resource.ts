import type { INodeProperties } from 'n8n-workflow';

import * as getChangedBalances from './getChangedBalances.operation';
import * as getWarehouseBalance from './getWarehouseBalance.operation';

export { getChangedBalances, getWarehouseBalance };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'Get Changed Balances',
				value: 'getChangedBalances',
				action: 'Get balances changed since a timestamp',
				description: 'OIS100MI/LstNewBalances',
			},
			{
				name: 'Get Warehouse Balance',
				value: 'getWarehouseBalance',
				action: 'Get the balance of an item in a warehouse',
				description: 'MMS200MI/GetItmWhsBal',
			},
		],
		default: 'getWarehouseBalance',
	},
	...getChangedBalances.description,
	...getWarehouseBalance.description,
];
