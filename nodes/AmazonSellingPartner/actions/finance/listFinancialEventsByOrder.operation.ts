import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';

const properties: INodeProperties[] = [
	{
		displayName:
			'Finances v0 event lists are being retired by Amazon in favour of "List Transactions" (2024-06-19); check the deprecation schedule.',
		name: 'deprecationNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '113-1234567-1234567',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['finance'], operation: ['listFinancialEventsByOrder'] } }, properties);

/** All pages merged: every *EventList array concatenated; one output item per order. */
export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const orderId = String(this.getNodeParameter('orderId', i)).trim();
	const merged: Record<string, IDataObject[]> = {};
	let token: string | undefined;
	let pages = 0;
	do {
		const res = await client.call<{ payload?: { NextToken?: string; FinancialEvents?: Record<string, IDataObject[]> } }>(
			'financesV0.listFinancialEventsByOrderId',
			{ pathParams: { orderId }, query: { MaxResultsPerPage: 100, ...(token ? { NextToken: token } : {}) } },
		);
		pages++;
		for (const [k, v] of Object.entries(res.body.payload?.FinancialEvents ?? {})) {
			if (Array.isArray(v)) (merged[k] ??= []).push(...v);
		}
		token = res.body.payload?.NextToken || undefined;
	} while (token && pages < 1000);
	return [{ json: { orderId, FinancialEvents: merged as unknown as IDataObject, pages } }];
}
