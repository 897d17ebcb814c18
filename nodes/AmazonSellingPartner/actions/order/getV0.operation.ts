import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { jsonItems } from '../../transport';
import { orderIdLocator, orderIdOf } from '../common';

const properties: INodeProperties[] = [
	{
		displayName:
			'Orders API v0 reads are deprecated by Amazon (migrate by March 27, 2027). Use "Get" (Orders API 2026-01-01) for new workflows. Buyer and address data of v0 need a Restricted Data Token and are not returned here.',
		name: 'deprecationNotice',
		type: 'notice',
		default: '',
	},
	orderIdLocator(),
	{
		displayName: 'Include Order Items',
		name: 'includeItems',
		type: 'boolean',
		default: false,
		description: 'Whether to also call getOrderItems (all pages) and add them as OrderItems',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['getV0'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const orderId = orderIdOf.call(this, i);
	const res = await client.call<{ payload: IDataObject }>('ordersV0.getOrder', { pathParams: { orderId } });
	const order: IDataObject = { ...(res.body.payload ?? {}) };
	if (this.getNodeParameter('includeItems', i, false) as boolean) {
		const items: IDataObject[] = [];
		let token: string | undefined;
		do {
			const r = await client.call<{ payload: IDataObject }>('ordersV0.getOrderItems', {
				pathParams: { orderId },
				query: token ? { NextToken: token } : {},
			});
			items.push(...((r.body.payload?.OrderItems as IDataObject[]) ?? []));
			token = (r.body.payload?.NextToken as string) || undefined;
		} while (token);
		order.OrderItems = items;
	}
	return jsonItems(order);
}
