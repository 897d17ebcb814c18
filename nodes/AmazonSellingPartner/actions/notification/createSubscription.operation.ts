import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SpApiClient } from '../../../shared/spapi';
import { jsonItems, marketplaces } from '../../transport';
import { notificationType, notificationTypeFields } from './common';
import { params } from '../../../shared/execution';

const properties: INodeProperties[] = [
	{ displayName: 'Destination ID', name: 'destinationId', type: 'string', default: '', required: true },
	{ displayName: 'Payload Version', name: 'payloadVersion', type: 'string', default: '1.0', required: true },
	{
		displayName: 'Processing Directive',
		name: 'directiveMode',
		type: 'options',
		options: [
			{ name: 'Default', value: 'default', description: 'For ORDER_CHANGE an eventFilter of type ORDER_CHANGE (Amazon may reject ORDER_CHANGE without one); none for others' },
			{ name: 'Order Change Filter', value: 'orderChange' },
			{ name: 'Custom JSON', value: 'json' },
			{ name: 'None', value: 'none' },
		],
		default: 'default',
	},
	{
		displayName: 'Order Change Types',
		name: 'orderChangeTypes',
		type: 'multiOptions',
		options: [
			{ name: 'Buyer Requested Change', value: 'BuyerRequestedChange' },
			{ name: 'Delivery Tip Change', value: 'DeliveryTipChange' },
			{ name: 'Order Status Change', value: 'OrderStatusChange' },
		],
		default: [],
		displayOptions: { show: { directiveMode: ['orderChange'] } },
	},
	{
		displayName: 'Marketplace IDs',
		name: 'filterMarketplaceIds',
		type: 'string',
		default: '',
		description: 'Comma-separated; only events of these marketplaces (empty = all)',
		displayOptions: { show: { directiveMode: ['orderChange'] } },
	},
	{
		displayName: 'Aggregation Time Period',
		name: 'aggregationTimePeriod',
		type: 'options',
		options: [
			{ name: 'None', value: '' },
			{ name: 'Five Minutes', value: 'FiveMinutes' },
			{ name: 'Ten Minutes', value: 'TenMinutes' },
		],
		default: '',
		displayOptions: { show: { directiveMode: ['orderChange'] } },
	},
	{
		displayName: 'Processing Directive JSON',
		name: 'processingDirective',
		type: 'json',
		default: '{ "eventFilter": { "eventFilterType": "ORDER_CHANGE" } }',
		description: '{ eventFilter: {...} } or { filterExpression: "CEL expression" } (mutually exclusive)',
		displayOptions: { show: { directiveMode: ['json'] } },
	},
];

export const description = [
	...notificationTypeFields('createSubscription'),
	...updateDisplayOptions({ show: { resource: ['notification'], operation: ['createSubscription'] } }, properties),
];

export async function execute(this: IExecuteFunctions, client: SpApiClient, i: number): Promise<INodeExecutionData[]> {
	const type = notificationType(this, i);
	const mode = this.getNodeParameter('directiveMode', i) as string;
	let processingDirective: IDataObject | undefined;
	if (mode === 'default') {
		if (type === 'ORDER_CHANGE') processingDirective = { eventFilter: { eventFilterType: 'ORDER_CHANGE' } };
	} else if (mode === 'orderChange') {
		const eventFilter: IDataObject = { eventFilterType: 'ORDER_CHANGE' };
		const types = this.getNodeParameter('orderChangeTypes', i, []) as string[];
		if (types.length) eventFilter.orderChangeTypes = types;
		const mks = marketplaces(this, client, this.getNodeParameter('filterMarketplaceIds', i, ''), i, false);
		if (String(this.getNodeParameter('filterMarketplaceIds', i, '')).trim() && mks.length) eventFilter.marketplaceIds = mks;
		const period = this.getNodeParameter('aggregationTimePeriod', i, '') as string;
		if (period) eventFilter.aggregationSettings = { aggregationTimePeriod: period };
		processingDirective = { eventFilter };
	} else if (mode === 'json') {
		processingDirective = params(this, i).json<IDataObject>('processingDirective');
	}
	const body: IDataObject = {
		payloadVersion: String(this.getNodeParameter('payloadVersion', i)),
		destinationId: String(this.getNodeParameter('destinationId', i)).trim(),
	};
	if (processingDirective && Object.keys(processingDirective).length) body.processingDirective = processingDirective;
	const res = await client.call<{ payload?: IDataObject }>('notifications.createSubscription', { pathParams: { notificationType: type }, body });
	return jsonItems({ notificationType: type, ...(res.body.payload ?? {}) });
}
