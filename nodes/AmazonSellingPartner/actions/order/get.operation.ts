import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { jsonItems } from '../../transport';
import { ORDER_INCLUDED_DATA, orderIdLocator, orderIdOf } from '../common';

const properties: INodeProperties[] = [
	orderIdLocator(),
	{
		displayName: 'Included Data',
		name: 'includedData',
		type: 'multiOptions',
		options: ORDER_INCLUDED_DATA,
		default: ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'TAX'],
		description:
			'Datasets to include (order items are always included). TAX brings the buyer\'s VAT ID and whether Amazon collects the tax (marketplace facilitator); PROCEEDS the VAT in EU/UK prices. No Restricted Data Token is needed for this API version.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const orderId = orderIdOf.call(this, i);
	const includedData = this.getNodeParameter('includedData', i, []) as string[];
	const res = await client.call<{ order: Record<string, unknown> }>('orders2026.getOrder', {
		pathParams: { orderId },
		query: { includedData },
	});
	return jsonItems((res.body.order ?? res.body) as never);
}
