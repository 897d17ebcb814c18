import type { INodeProperties } from 'n8n-workflow';

import * as listFinancialEventsByOrder from './listFinancialEventsByOrder.operation';
import * as listTransactions from './listTransactions.operation';

export { listFinancialEventsByOrder, listTransactions };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['finance'] } },
		options: [
			{
				name: 'List Financial Events by Order (V0)',
				value: 'listFinancialEventsByOrder',
				action: 'List financial events of an order',
				description: 'Finances v0 listFinancialEventsByOrderId, all pages merged',
			},
			{
				name: 'List Transactions',
				value: 'listTransactions',
				action: 'List financial transactions',
				description: 'Finances 2024-06-19 listTransactions (windows of at most 180 days)',
			},
		],
		default: 'listTransactions',
	},
	...listTransactions.description,
	...listFinancialEventsByOrder.description,
];
